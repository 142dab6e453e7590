/**
 * Fleet micro-benchmarks (issue 13), in-process against the local Redis, short:
 *
 * 1. Redis round trips' share of a cached page: instance A fetches 40 distinct merged pages (its pages land in
 *    Redis); instance B asks the same 40 (its LRU misses, Redis hits: the round trips are all it waits for), then
 *    again (LRU hits, no Redis). Share = (Redis-hit page − LRU-hit page) / Redis-hit page.
 * 2. Shared quota: our Lua token bucket vs rate-limiter-flexible's RateLimiterRedis.consume, per call.
 * 3. Identical requests on two cold instances at the same moment: upstream requests per distinct page (a lock's gain).
 *
 * `npx tsx bench/fleet-micro.ts`.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { RedisBuckets } from '../src/fleet/quota-store.js';
import { FleetRedis } from '../src/fleet/redis.js';
import { createLogger } from '../src/logger.js';
import { SANDBOX_NEWEST_MS } from '../src/sandbox/random.js';
import { startSandboxes } from '../src/sandbox/start-all.js';
import { startInstance, upstreamRequests, type Instance } from '../test/fleet/fleet.js';
import { ms, summarize } from './lib/stats.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUERY = `query($before: DateTime) { checkouts(first: 20, filter: { createdBefore: $before }) { edges { node { id } } } }`;
const before = (i: number) => new Date(SANDBOX_NEWEST_MS - i * 86_400_000 - 1).toISOString();

async function timed(instance: Instance, i: number): Promise<number> {
  const started = performance.now();
  const answer = await instance.query(QUERY, { before: before(i) });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return performance.now() - started;
}

async function cachedPageShare() {
  const sandboxes = await startSandboxes({ count: 2_000, latencyMs: 20 });
  const options = { redisUrl: REDIS_URL, keyPrefix: `bench:${randomUUID()}:`, redisTimeoutMs: 500 };
  const a = await startInstance(sandboxes, options);
  const b = await startInstance(sandboxes, options);
  const warm = await startInstance(sandboxes, {});
  for (let i = 0; i < 5; i++) await timed(warm, 1_000 + i); // JIT warm-up on other pages
  const pages = 40;
  const upstream: number[] = [];
  for (let i = 0; i < pages; i++) upstream.push(await timed(a, i));
  const requestsBefore = upstreamRequests(sandboxes);
  const redisHit: number[] = [];
  for (let i = 0; i < pages; i++) redisHit.push(await timed(b, i));
  const upstreamDuringRedisHits = upstreamRequests(sandboxes) - requestsBefore;
  const local: number[] = [];
  for (let i = 0; i < pages; i++) local.push(await timed(b, i));
  const tierHitsPerPage = b.gateway.cache.tierHits / pages;
  // The round trip alone: GET + PTTL of the page values B read (bytes only, no JSON.parse, no mapping).
  const raw = new Redis(REDIS_URL);
  const keys = await raw.keys(`${options.keyPrefix}page:*`);
  const trips: number[] = [];
  const parses: number[] = [];
  for (const key of keys) {
    const started = performance.now();
    const [[, text]] = (await raw.multi().get(key).pttl(key).exec()) as [[null, string], [null, number]];
    trips.push(performance.now() - started);
    const parsing = performance.now();
    JSON.parse(text);
    parses.push(performance.now() - parsing);
  }
  raw.disconnect();
  const [u, r, l] = [summarize(upstream).p50, summarize(redisHit).p50, summarize(local).p50];
  console.log('merged page (first: 20), p50 of 40 distinct pages, sandbox latency 20 ms:');
  console.log(`| upstream (cold) | ${ms(u)} ms |\n| Redis tier hit (LRU miss) | ${ms(r)} ms |\n| in-process LRU hit | ${ms(l)} ms |`);
  console.log(`Redis pages read per merged page: ${tierHitsPerPage.toFixed(2)}; upstream requests during Redis hits: ${upstreamDuringRedisHits}`);
  const trip = summarize(trips).p50;
  const parse = summarize(parses).p50;
  console.log(`one page read from Redis: round trip ${ms(trip)} ms, JSON.parse ${ms(parse)} ms (p50 of ${keys.length} pages)`);
  console.log(
    `Redis-tier-hit page: ${ms(r - l)} ms more than an LRU hit, of which round trips ${ms(trip * tierHitsPerPage)} ms ` +
      `(${((trip * tierHitsPerPage * 100) / r).toFixed(0)}% of the page) and parsing ${ms(parse * tierHitsPerPage)} ms; ` +
      'an LRU-hit page makes no Redis call (0%)',
  );
  await Promise.all([a.close(), b.close(), warm.close()]);

  // 3. Both instances cold, each page asked on both at the same moment.
  const c = await startInstance(sandboxes, { ...options, keyPrefix: `bench:${randomUUID()}:` });
  const d = await startInstance(sandboxes, { ...options, keyPrefix: c.gateway.fleet!.redis.prefix });
  const soloBefore = upstreamRequests(sandboxes);
  for (let i = 200; i < 220; i++) await timed(c, i);
  const solo = upstreamRequests(sandboxes) - soloBefore;
  const pairBefore = upstreamRequests(sandboxes);
  for (let i = 300; i < 320; i++) await Promise.all([timed(c, i), timed(d, i)]);
  const pair = upstreamRequests(sandboxes) - pairBefore;
  console.log(`20 distinct pages: upstream requests on one instance ${solo}; same pages asked on two cold instances at once ${pair}`);
  await Promise.all([c.close(), d.close()]);
  await sandboxes.close();
}

async function quotaCalls() {
  const fleet = new FleetRedis({ url: REDIS_URL, timeoutMs: 1_000, keyPrefix: `bench:${randomUUID()}:` }, createLogger('silent'));
  await fleet.ready();
  const buckets = new RedisBuckets(fleet);
  const client = new Redis(REDIS_URL);
  const flexible = new RateLimiterRedis({ storeClient: client, keyPrefix: `bench:${randomUUID()}`, points: 1_000_000, duration: 60 });
  const params = { capacity: 1_000_000, perMs: 1_000_000 / 60_000 };
  const run = async (label: string, call: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await call();
    const samples: number[] = [];
    for (let i = 0; i < 3_000; i++) {
      const started = performance.now();
      await call();
      samples.push((performance.now() - started) * 1000);
    }
    const started = performance.now();
    await Promise.all(Array.from({ length: 3_000 }, () => call()));
    const perSecond = 3_000 / ((performance.now() - started) / 1000);
    const s = summarize(samples);
    console.log(`| ${label} | ${s.p50.toFixed(0)} µs | ${s.p99.toFixed(0)} µs | ${Math.round(perSecond).toLocaleString('en')} |`);
  };
  console.log('| shared quota call (sequential 3,000; then 3,000 at once) | p50 | p99 | calls/s at once |');
  console.log('| --- | --- | --- | --- |');
  await run('Lua token bucket (ours, EVALSHA)', () => buckets.reserve('k', params, 15_000));
  await run('rate-limiter-flexible RateLimiterRedis.consume', () => flexible.consume('k'));
  await buckets.close();
  await fleet.close();
  client.disconnect();
}

await cachedPageShare();
await quotaCalls();
process.exit(0);
