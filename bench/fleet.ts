/**
 * Fleet benchmark (issue 13), short runs:
 *
 * 1. Uncached work through gateway processes as production runs them (`src/server.ts`, live mode against sandbox
 *    processes with 20 ms latency): one instance without Redis, one with Redis, two with Redis sharing the load.
 *    Every GraphQL request asks a distinct `createdBefore`, so its upstream pages miss every cache (a Redis GET and
 *    SET per page plus one Lua quota call per upstream request in fleet mode). Req/s, p50, p99, upstream requests.
 * 2. bench/fleet-micro.ts: Redis round trips' share of a cached page, Lua vs rate-limiter-flexible, duplicates.
 *
 * `npx tsx bench/fleet.ts` (FLEET_SECONDS to change the 3 s blocks; 3 rounds). Results go to bench/RESULTS.md by hand.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { Pool } from 'undici';
import { SANDBOX_NEWEST_MS } from '../src/sandbox/random.js';
import { startSandboxHost } from './lib/children.js';
import { liveEnv, startGatewayProcess, type GatewayProcess } from './lib/fleet-procs.js';
import { int, ms, summarize } from './lib/stats.js';

const SECONDS = Number(process.env.FLEET_SECONDS ?? 3);
const ROUNDS = 3;
const LOAD_BEFORE = loadavg()
  .map((v) => v.toFixed(1))
  .join(' ');
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
  return { latencies, seconds: elapsed, requests: latencies.length, failures };
}

async function main() {
  const sandboxes = await startSandboxHost({
    count: 2_000,
    latencyMs: { zenskar: 20, stateset: 20, lemonsqueezy: 20 },
    rateLimits: { stateset: BIG, lemonsqueezy: BIG },
  });
  const upstream = async () => Object.values(await sandboxes.stats()).reduce((sum, c) => sum + c.requests, 0);
  const base = {
    ...liveEnv(sandboxes.configs),
    CURSOR_SECRET: 'bench-cursor-secret-bench-cursor-secret-0123',
    ZENSKAR_RATE_LIMIT_PER_MINUTE: '600000',
    STATESET_RATE_LIMIT_PER_MINUTE: '600000',
    LEMONSQUEEZY_RATE_LIMIT_PER_MINUTE: '600000',
  };
  const fleetEnv = { ...base, REDIS_URL, REDIS_KEY_PREFIX: `bench:${randomUUID()}:` };
  const [plain, single, ...pair] = await Promise.all([base, fleetEnv, fleetEnv, fleetEnv].map((env) => startGatewayProcess(env)));
  const setups: [string, GatewayProcess[]][] = [
    ['1 instance, no Redis', [plain!]],
    ['1 instance, Redis', [single!]],
    ['2 instances, Redis (load split)', pair],
  ];
  for (const [, gateways] of setups)
    await load(
      gateways.map((g) => g.url),
      2,
    ); // warm-up
  // Short blocks alternating between the setups, so a change in the machine's load hits all of them alike.
  const totals = setups.map(() => ({ latencies: [] as number[], seconds: 0, requests: 0, sent: 0, failures: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, [, gateways]] of setups.entries()) {
      const before = await upstream();
      const result = await load(
        gateways.map((g) => g.url),
        SECONDS,
      );
      const total = totals[k]!;
      total.latencies.push(...result.latencies);
      total.seconds += result.seconds;
      total.requests += result.requests;
      total.failures += result.failures;
      total.sent += (await upstream()) - before;
    }
  }
  await Promise.all([plain!, single!, ...pair].map((g) => g.stop()));
  await sandboxes.stop();
  console.log(`uncached merged pages (first: 20, distinct createdBefore), ${CONCURRENCY} clients, ${ROUNDS} × ${SECONDS} s alternating, sandbox latency 20 ms`);
  console.log(
    `load average before/after: ${LOAD_BEFORE} / ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  console.log('| setup | req/s | p50 ms | p99 ms | upstream requests | upstream per request | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [k, [label]] of setups.entries()) {
    const t = totals[k]!;
    const s = summarize(t.latencies);
    console.log(
      `| ${label} | ${int(t.requests / t.seconds)} | ${ms(s.p50)} | ${ms(s.p99)} | ${int(t.sent)} | ${(t.sent / t.requests).toFixed(2)} | ${t.failures} |`,
    );
  }
}

await main();
process.exit(0);
