/**
 * Fleet benchmark (issue 13), short runs:
 *
 * 1. Uncached work through gateway processes as production runs them (`src/server.ts`, live mode against sandbox
 *    processes with 20 ms latency): one instance without Redis, one with Redis, two with Redis sharing the load.
 *    Every GraphQL request asks a distinct `createdBefore`, so its upstream pages miss every cache (a Redis GET and
 *    SET per page plus one Lua quota call per upstream request in fleet mode). Req/s, p50, p99, upstream requests.
 * 2. bench/fleet-micro.ts: Redis round trips' share of a cached page, Lua vs rate-limiter-flexible, duplicates.
 *
 * `npx tsx bench/fleet.ts` (FLEET_SECONDS to change the 8 s per run). Results go to bench/RESULTS.md by hand.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { SANDBOX_NEWEST_MS } from '../src/sandbox/random.js';
import { startSandboxHost } from './lib/children.js';
import { liveEnv, startGatewayProcess, type GatewayProcess } from './lib/fleet-procs.js';
import { int, ms, summarize } from './lib/stats.js';

const SECONDS = Number(process.env.FLEET_SECONDS ?? 8);
const CONCURRENCY = 16;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BIG = { limit: 600_000, windowMs: 60_000 };
const QUERY = `query($before: DateTime) { checkouts(first: 20, filter: { createdBefore: $before }) {
  edges { node { id provider total { amount currency } } } } }`;

let sequence = 0;
/** Load over `urls` round-robin from CONCURRENCY clients for `seconds`; every answer must be error-free. */
async function load(urls: string[], seconds: number) {
  const pools = urls.map((url) => new Pool(url, { connections: CONCURRENCY }));
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  const client = async (k: number) => {
    for (let i = k; performance.now() < end; i += CONCURRENCY) {
      const before = new Date(SANDBOX_NEWEST_MS - ((sequence++ * 37_001) % (600 * 86_400_000))).toISOString();
      const started = performance.now();
      const { body } = await pools[i % pools.length]!.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { before } }),
      });
      const answer = (await body.json()) as { errors?: unknown[] };
      latencies.push(performance.now() - started);
      if (answer.errors) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => client(k)));
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(pools.map((p) => p.close()));
  return { rps: latencies.length / elapsed, requests: latencies.length, failures, ...summarize(latencies) };
}

async function main() {
  const sandboxes = await startSandboxHost({ count: 2_000, latencyMs: { zenskar: 20, stateset: 20, lemonsqueezy: 20 }, rateLimits: { stateset: BIG, lemonsqueezy: BIG } });
  const upstream = async () => Object.values(await sandboxes.stats()).reduce((sum, c) => sum + c.requests, 0);
  const base = {
    ...liveEnv(sandboxes.configs),
    CURSOR_SECRET: 'bench-cursor-secret-bench-cursor-secret-0123',
    ZENSKAR_RATE_LIMIT_PER_MINUTE: '600000',
    STATESET_RATE_LIMIT_PER_MINUTE: '600000',
    LEMONSQUEEZY_RATE_LIMIT_PER_MINUTE: '600000',
  };
  const setups: [string, number, boolean][] = [
    ['1 instance, no Redis', 1, false],
    ['1 instance, Redis', 1, true],
    ['2 instances, Redis', 2, true],
  ];
  const rows: string[] = [];
  for (const [label, size, redis] of setups) {
    const env = { ...base, ...(redis ? { REDIS_URL, REDIS_KEY_PREFIX: `bench:${randomUUID()}:` } : {}) };
    const gateways: GatewayProcess[] = await Promise.all(Array.from({ length: size }, () => startGatewayProcess(env)));
    const urls = gateways.map((g) => g.url);
    await load(urls, 2); // warm-up
    const before = await upstream();
    const result = await load(urls, SECONDS);
    const sent = (await upstream()) - before;
    rows.push(
      `| ${label} | ${int(result.rps)} | ${ms(result.p50)} | ${ms(result.p99)} | ${int(sent)} | ${(sent / result.requests).toFixed(2)} | ${result.failures} |`,
    );
    await Promise.all(gateways.map((g) => g.stop()));
  }
  await sandboxes.stop();
  console.log(`uncached merged pages (first: 20, distinct createdBefore), ${CONCURRENCY} clients, ${SECONDS} s per run, sandbox latency 20 ms`);
  console.log('| setup | req/s | p50 ms | p99 ms | upstream requests | upstream per request | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

await main();
process.exit(0);
