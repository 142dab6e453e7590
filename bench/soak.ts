/**
 * Soak: SOAK_CLIENTS (50) closed-loop clients for SOAK_SECONDS (180) against the gateway on an ephemeral loopback
 * port, with mixed queries (merged first pages, forward and backward paging with cursors, per-provider pages, node
 * lookups), while one sandbox upstream (SOAK_FLAPPING, default stateset) flaps on a fixed schedule of healthy spells,
 * errors, hangs, 429s, resets, a mix and slowness.
 *
 * Method:
 * 1. The sandboxes and the gateway run in this process (so its memory is the gateway's); the clients run in a child
 *    process over undici on real HTTP, so they neither share the event loop nor the heap.
 * 2. Warm-up (SOAK_WARMUP_SECONDS, 15) with every upstream healthy; clients pause; idle past the request deadline;
 *    `global.gc()`; memory "before". Then the soak with the flapping schedule; clients pause; every upstream healthy;
 *    idle; `gc()`; memory "after". Each is also taken after clearing the upstream page cache, to tell cached pages
 *    from the rest. The sandboxes' seeded data is built up front and their request logs are counted and emptied every
 *    second, so neither poses as gateway growth.
 * 3. Faults are kept queued in the flapping sandbox (`knobs.faults` topped up every 50 ms, cleared at each phase
 *    change); `/readiness` is read every second to follow its circuit.
 * 4. Only samples taken after the warm-up count. Errors are counted per entry of a response's `errors`, by
 *    `extensions.code`.
 *
 * Run: `npm run bench:soak` (re-runs itself under `node --expose-gc` when `gc` is missing). Writes the `soak`
 * section of bench/RESULTS.md.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { Pool } from 'undici';
import type { BuiltInProviderName as ProviderName } from '../src/providers/registry.js';
import { createGateway } from '../src/gateway.js';
import type { Resilience, Timeouts } from '../src/http/client.js';
import { createLogger } from '../src/logger.js';
import type { ResilienceConfig } from '../src/resilience-config.js';
import type { Fault, SandboxResponse } from '../src/sandbox/harness.js';
import { startSandboxes, type Sandboxes } from '../src/sandbox/start-all.js';
import { machine, percentile, table, writeSection } from './results.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = env('SOAK_SECONDS', 180);
const WARMUP_SECONDS = env('SOAK_WARMUP_SECONDS', 15);
const CLIENTS = env('SOAK_CLIENTS', 50);
const PHASE_SECONDS = env('SOAK_PHASE_SECONDS', 10);
const CHECKOUTS = env('SOAK_CHECKOUTS', 2_000);
const CACHE_TTL_MS = env('SOAK_CACHE_TTL_MS', 2_000);
/** A directory to write heap snapshots into (before/after, page cache cleared), to diff when the heap grows. */
const SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS;
const FLAPPING = (process.env.SOAK_FLAPPING ?? 'stateset') as 'zenskar' | 'stateset' | 'lemonsqueezy';
const PROVIDER_OF: Record<typeof FLAPPING, ProviderName> = { zenskar: 'ZENSKAR', stateset: 'STATESET', lemonsqueezy: 'LEMON_SQUEEZY' };

// ---- the client process ------------------------------------------------------------------------------------------

const KINDS = ['merged-first', 'merged-next', 'merged-back', 'provider-page', 'node', 'nodes'] as const;
const WEIGHTS = [20, 30, 10, 20, 10, 10];
const FIELDS = ['zenskarCheckouts', 'stateSetCheckouts', 'lemonSqueezyCheckouts'];
const FILTERS: (Record<string, unknown> | undefined)[] = [
  undefined,
  { status: ['OPEN'] },
  { currency: ['USD', 'EUR'] },
  { providers: ['ZENSKAR', 'LEMON_SQUEEZY'] },
  { createdAfter: '2024-01-01T00:00:00Z' },
];
const MERGED = `query Merged($first: Int, $after: String, $filter: CheckoutFilter) {
  checkouts(first: $first, after: $after, filter: $filter) {
    totalCount sources { provider status circuit }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id provider status createdAt total { amount currency } } }
  }
}`;
const BACK = `query Back($last: Int, $before: String) {
  checkouts(last: $last, before: $before) { pageInfo { hasPreviousPage startCursor } edges { node { id provider } } }
}`;
const own = (field: string) => `query Own($after: String) {
  c: ${field}(first: 25, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id providerId createdAt } } }
}`;
const NODE = 'query Node($id: ID!) { node(id: $id) { id ... on Checkout { provider status createdAt } } }';
const NODES = 'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Checkout { provider createdAt } } }';

interface Samples {
  /** Index of the first request sent after the warm-up. */
  soakFrom: number;
  /** Per request: ms since the soak started (negative in the warm-up), latency ms, kind index, HTTP status (0: failed). */
  t: number[];
  latency: number[];
  kind: number[];
  status: number[];
  /** Request index → its error codes, for requests whose answer had errors. */
  codes: [number, string[]][];
}

async function runClients(port: number): Promise<void> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CLIENTS, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const samples: Samples = { soakFrom: 0, t: [], latency: [], kind: [], status: [], codes: [] };
  const ids: string[] = [];
  let origin = performance.now();
  // Closed while paused: every worker waits on the same gate.
  let open: () => void = () => {};
  let gate: Promise<void> | null = new Promise<void>((resolve) => (open = resolve));

  const pick = () => {
    let r = Math.random() * WEIGHTS.reduce((a, b) => a + b, 0);
    for (let i = 0; i < WEIGHTS.length; i++) {
      r -= WEIGHTS[i] as number;
      if (r < 0) return i;
    }
    return 0;
  };
  const any = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)] as T;

  async function call(kind: number, query: string, variables: Record<string, unknown>): Promise<any> {
    const started = performance.now();
    let status = 0;
    let body: any = null;
    try {
      const response = await pool.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
      });
      status = response.statusCode;
      body = await response.body.json();
    } catch {
      // Counted as status 0: the request itself failed (connection refused or reset).
    }
    const index = samples.t.length;
    samples.t.push(started - origin);
    samples.latency.push(performance.now() - started);
    samples.kind.push(kind);
    samples.status.push(status);
    const errors: { extensions?: { code?: string } }[] = body?.errors ?? [];
    if (errors.length) samples.codes.push([index, errors.map((e) => e.extensions?.code ?? 'NONE')]);
    return body?.data ?? null;
  }

  const remember = (edges: { node: { id: string } }[] | undefined) => {
    for (const edge of edges ?? []) {
      if (ids.length < 3_000) ids.push(edge.node.id);
      else ids[Math.floor(Math.random() * ids.length)] = edge.node.id;
    }
  };

  async function worker(): Promise<void> {
    let merged: { after: string | null; filter: Record<string, unknown> | undefined } = { after: null, filter: undefined };
    let before: string | null = null;
    const ownAfter = new Map<string, string | null>();
    for (;;) {
      if (gate) await gate;
      const kind = pick();
      const name = KINDS[kind];
      if (name === 'merged-first' || (name === 'merged-next' && merged.after === null)) {
        const filter = any(FILTERS);
        const data = await call(kind, MERGED, { first: 20, filter });
        remember(data?.checkouts?.edges);
        merged = { after: data?.checkouts?.pageInfo?.hasNextPage ? data.checkouts.pageInfo.endCursor : null, filter };
      } else if (name === 'merged-next') {
        const data = await call(kind, MERGED, { first: any([10, 20, 50]), after: merged.after, filter: merged.filter });
        remember(data?.checkouts?.edges);
        // A failed page keeps the cursor where it was; a dead end starts a new walk.
        if (data?.checkouts) merged.after = data.checkouts.pageInfo.hasNextPage ? data.checkouts.pageInfo.endCursor : null;
      } else if (name === 'merged-back') {
        const data = await call(kind, BACK, { last: 20, before });
        const info = data?.checkouts?.pageInfo;
        if (info) before = info.hasPreviousPage ? info.startCursor : null;
      } else if (name === 'provider-page') {
        const field = any(FIELDS);
        const data = await call(kind, own(field), { after: ownAfter.get(field) ?? null });
        if (data?.c) ownAfter.set(field, data.c.pageInfo.hasNextPage ? data.c.pageInfo.endCursor : null);
        else ownAfter.set(field, null);
      } else if (name === 'node' && ids.length) {
        await call(kind, NODE, { id: any(ids) });
      } else if (name === 'nodes' && ids.length) {
        await call(kind, NODES, { ids: Array.from({ length: 1 + Math.floor(Math.random() * 10) }, () => any(ids)) });
      }
    }
  }

  process.on('message', (message: { type: string; soak?: boolean }) => {
    if (message.type === 'run') {
      if (message.soak) {
        origin = performance.now();
        samples.soakFrom = samples.t.length;
      }
      open();
      gate = null;
    } else if (message.type === 'pause') {
      // In-flight requests finish on their own; the main process waits out an idle spell before measuring.
      gate ??= new Promise<void>((resolve) => (open = resolve));
    } else if (message.type === 'report') {
      process.send?.({ type: 'report', samples }, undefined, {}, () => void pool.close().finally(() => process.exit(0)));
    }
  });
  // The main process went away (finished or crashed): stop too.
  process.on('disconnect', () => process.exit(0));
  for (let i = 0; i < CLIENTS; i++) void worker();
  process.send?.({ type: 'ready' });
}

// ---- the main process: sandboxes, gateway, flapping schedule, memory, report --------------------------------------

type Phase = 'healthy' | 'errors' | 'hangs' | 'rate-limited' | 'resets' | 'mixed' | 'slow';
const SCHEDULE: Phase[] = ['healthy', 'errors', 'healthy', 'hangs', 'rate-limited', 'healthy', 'resets', 'mixed', 'slow'];
const SLOW_MS = 400;
const DEADLINE_MS = 5_000;

/** The flapping provider's own 429 (see its sandbox/server.ts): headers and body as its rate limiter sends them. */
function rateLimited(provider: ProviderName): SandboxResponse {
  const reset = String(Math.ceil(Date.now() / 1000) + 1);
  if (provider === 'STATESET') {
    return {
      status: 429,
      headers: { 'retry-after': '1', 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'x-ratelimit-retry-after': '1' },
      body: {
        error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit of 1000 requests per 60s exceeded.', type: 'rate_limit_error', details: { retry_after: 1 } },
      },
    };
  }
  if (provider === 'LEMON_SQUEEZY') {
    return {
      status: 429,
      headers: { 'content-type': 'application/vnd.api+json', 'Retry-After': '1', 'X-RateLimit-Reset': reset },
      body: { jsonapi: { version: '1.0' }, errors: [{ detail: 'Too Many Attempts.', status: '429', title: 'Too Many Requests' }] },
    };
  }
  return { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } };
}

function faultFor(phase: Phase, provider: ProviderName): Fault | null {
  const filler = { status: 200, body: { data: Array.from({ length: 40 }, (_, i) => ({ id: `x${i}`, pad: 'y'.repeat(200) })) } };
  switch (phase) {
    case 'errors':
      return { kind: 'response', response: { status: Math.random() < 0.5 ? 500 : 503, body: { error: 'upstream failure' } } };
    case 'hangs':
      return { kind: 'hang' };
    case 'rate-limited':
      return { kind: 'response', response: rateLimited(provider) };
    case 'resets':
      return { kind: 'reset' };
    case 'mixed': {
      const pick = Math.floor(Math.random() * 5);
      if (pick === 0) return { kind: 'response', response: { status: 503, body: {} } };
      if (pick === 1) return { kind: 'reset' };
      if (pick === 2) return { kind: 'truncate', response: filler };
      if (pick === 3) return { kind: 'response', response: { status: 200, raw: '{"data": [{"id": ' } };
      return { kind: 'hang' };
    }
    default:
      return null;
  }
}

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** Compiled code in the heap (code spaces): grows as new paths get optimised, not with retained data. */
  code: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/**
 * Memory after a full collection. Twice, with a turn of the event loop between: `AbortSignal.timeout` keeps its timer
 * in a FinalizationRegistry entry that is only let go by the registry's cleanup task after the signal was collected.
 */
async function measure(): Promise<Memory> {
  gc?.();
  await sleep(100);
  gc?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const code = getHeapSpaceStatistics()
    .filter((space) => space.space_name.startsWith('code'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  return { rss, heapUsed, heapTotal, external, code };
}

/**
 * The sandboxes build each seeded checkout on first read and keep it, so in this process their data grows as the soak
 * touches more of it. Built up front, it is part of "before" and cannot pass for gateway growth.
 */
function materialise(sandboxes: Sandboxes): void {
  for (const row of sandboxes.zenskar.data.sessions) void row.session;
  for (let i = 0; i < sandboxes.stateset.data.checkouts.length; i++) void sandboxes.stateset.data.checkouts[i];
  for (const record of sandboxes.lemonsqueezy.data.checkouts) void record.attributes;
}

async function main(): Promise<void> {
  const provider = PROVIDER_OF[FLAPPING];
  const sandboxes = await startSandboxes({ count: CHECKOUTS });
  materialise(sandboxes);
  const timeouts: Timeouts = { connectMs: 1_000, headersMs: 1_000, bodyMs: 1_000 };
  const upstream: Resilience = { retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 }, breaker: { failureThreshold: 5, cooldownMs: 3_000 } };
  const resilience: ResilienceConfig = {
    requestDeadlineMs: DEADLINE_MS,
    timeouts: { ZENSKAR: timeouts, STATESET: timeouts, LEMON_SQUEEZY: timeouts },
    upstream: { ZENSKAR: upstream, STATESET: upstream, LEMON_SQUEEZY: upstream },
  };
  const gateway = createGateway(
    {
      ...sandboxes.configs,
      cursorSecret: 'soak-cursor-secret-soak-cursor-secret-0123456',
      cacheTtlMs: CACHE_TTL_MS,
      cacheMaxEntries: 5_000,
      maxScanPages: 10,
      timeouts,
      resilience,
    },
    createLogger('silent'),
  );
  const server = createServer(gateway.app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  // Sandbox request logs grow with every request: count and empty them, so they are not mistaken for gateway memory.
  const all = [sandboxes.zenskar, sandboxes.stateset, sandboxes.lemonsqueezy];
  const upstreamRequests = [0, 0, 0];
  const drainLogs = () =>
    all.forEach((sandbox, i) => {
      upstreamRequests[i] = (upstreamRequests[i] as number) + sandbox.log.length;
      sandbox.log.length = 0;
    });

  const client: ChildProcess = fork(fileURLToPath(import.meta.url), ['--client', String(port)], {
    execArgv: process.execArgv.filter((arg) => arg !== '--expose-gc'),
    env: process.env,
  });
  await new Promise<void>((resolve) => client.once('message', () => resolve()));
  // Paused clients, and long enough for any request still in flight to reach its deadline.
  const idle = async () => {
    client.send({ type: 'pause' });
    await sleep(DEADLINE_MS + 1_000);
    drainLogs();
  };
  const flapping = sandboxes[FLAPPING];
  const calm = () => {
    flapping.knobs.faults.length = 0;
    flapping.knobs.latencyMs = 0;
  };

  console.log(`soak: ${CLIENTS} clients, warm-up ${WARMUP_SECONDS} s, soak ${SECONDS} s, ${FLAPPING} flapping, gateway on 127.0.0.1:${port}`);
  client.send({ type: 'run' });
  await sleep(WARMUP_SECONDS * 1_000);
  await idle();
  const before = await measure();
  gateway.cache.clear();
  const beforeNoCache = await measure();
  if (SNAPSHOTS) writeHeapSnapshot(join(SNAPSHOTS, 'soak-before.heapsnapshot'));
  const load = [loadavg()[0] as number];
  upstreamRequests.fill(0);
  const loadsBefore = gateway.cache.loads;
  const hitsBefore = gateway.cache.hits;

  // The schedule: phase changes, fault top-ups, circuit readings, memory trend.
  const phases: { phase: Phase; from: number; to: number }[] = [];
  let slot = -1;
  const circuit: Record<string, number> = {};
  let opened = 0;
  let lastCircuit = 'CLOSED';
  const trend: { at: number; heapUsed: number; rss: number }[] = [];
  let phase: Phase = 'healthy';
  const soakStart = Date.now();
  client.send({ type: 'run', soak: true });
  const topUp = setInterval(() => {
    for (let i = flapping.knobs.faults.length; i < 100; i++) {
      const fault = faultFor(phase, provider);
      if (!fault) break;
      flapping.knobs.faults.push(fault);
    }
  }, 50);
  const readings = setInterval(async () => {
    const response = await gateway.app.fetch('http://soak/readiness');
    const report = (await response.json()) as { upstreams: { provider: string; circuit: string }[] };
    const state = report.upstreams.find((u) => u.provider === provider)?.circuit ?? 'UNKNOWN';
    circuit[state] = (circuit[state] ?? 0) + 1;
    if (state === 'OPEN' && lastCircuit !== 'OPEN') opened++;
    lastCircuit = state;
    drainLogs();
  }, 1_000);
  let nextTrend = 30_000;
  for (let elapsed = 0; elapsed < SECONDS * 1_000; elapsed = Date.now() - soakStart) {
    const due = Math.floor(elapsed / (PHASE_SECONDS * 1_000));
    if (due !== slot) {
      slot = due;
      calm();
      phase = SCHEDULE[slot % SCHEDULE.length] as Phase;
      if (phase === 'slow') flapping.knobs.latencyMs = SLOW_MS;
      const last = phases[phases.length - 1];
      if (last) last.to = elapsed;
      phases.push({ phase, from: elapsed, to: elapsed });
    }
    if (elapsed >= nextTrend) {
      // With the page cache cleared (the next pages are fetched again), so the trend shows what the cache does not hold.
      gateway.cache.clear();
      const m = await measure();
      trend.push({ at: elapsed, heapUsed: m.heapUsed - m.code, rss: m.rss });
      nextTrend += 30_000;
    }
    await sleep(50);
  }
  const soakMs = Date.now() - soakStart;
  (phases[phases.length - 1] as { to: number }).to = soakMs;
  clearInterval(topUp);
  clearInterval(readings);
  calm();
  await idle();
  const after = await measure();
  const loads = gateway.cache.loads - loadsBefore;
  const hits = gateway.cache.hits - hitsBefore;
  gateway.cache.clear();
  const afterNoCache = await measure();
  if (SNAPSHOTS) writeHeapSnapshot(join(SNAPSHOTS, 'soak-after.heapsnapshot'));
  load.push(loadavg()[0] as number);

  const samples = await new Promise<Samples>((resolve) => {
    client.on('message', (message: { type: string; samples?: Samples }) => {
      if (message.type === 'report' && message.samples) resolve(message.samples);
    });
    client.send({ type: 'report' });
  });
  await new Promise((resolve) => client.once('exit', resolve));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.close();
  await sandboxes.close();

  report({ samples, soakMs, phases, circuit, opened, trend, before, beforeNoCache, after, afterNoCache, upstreamRequests, loads, hits, provider, load });
}

interface ReportInput {
  samples: Samples;
  soakMs: number;
  phases: { phase: Phase; from: number; to: number }[];
  circuit: Record<string, number>;
  opened: number;
  trend: { at: number; heapUsed: number; rss: number }[];
  before: Memory;
  beforeNoCache: Memory;
  after: Memory;
  afterNoCache: Memory;
  upstreamRequests: number[];
  loads: number;
  hits: number;
  provider: ProviderName;
  /** One-minute load average of the machine when the soak started and ended (other work on it shows here). */
  load: number[];
}

function report(input: ReportInput): void {
  const { samples } = input;
  const soakIndexes = samples.t.map((_, i) => i).filter((i) => i >= samples.soakFrom);
  const codesOf = new Map(samples.codes);
  const latencies = soakIndexes.map((i) => samples.latency[i] as number);
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  let partial = 0;
  for (const i of soakIndexes) {
    const status = samples.status[i] as number;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const codes = codesOf.get(i);
    if (codes) {
      partial++;
      for (const code of codes) errors.set(code, (errors.get(code) ?? 0) + 1);
    }
  }
  const total = soakIndexes.length;
  const seconds = input.soakMs / 1000;
  const ms = (v: number) => v.toFixed(1);
  const summary = (list: number[]) => [
    list.length,
    ms(percentile(list, 50)),
    ms(percentile(list, 90)),
    ms(percentile(list, 99)),
    ms(list.reduce((a, b) => Math.max(a, b), 0)),
  ];

  const byKind = KINDS.map((kind, k) => [kind, ...summary(soakIndexes.filter((i) => samples.kind[i] === k).map((i) => samples.latency[i] as number))]);
  const byPhase = new Map<Phase, number[]>();
  const phaseErrors = new Map<Phase, Map<string, number>>();
  for (const i of soakIndexes) {
    const at = samples.t[i] as number;
    const phase = input.phases.find((p) => at >= p.from && at < p.to)?.phase ?? (input.phases[input.phases.length - 1] as { phase: Phase }).phase;
    (byPhase.get(phase) ?? byPhase.set(phase, []).get(phase)!).push(samples.latency[i] as number);
    const codes = codesOf.get(i);
    if (codes) {
      const counts = phaseErrors.get(phase) ?? phaseErrors.set(phase, new Map()).get(phase)!;
      for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  const phaseRows = [...byPhase].map(([phase, list]) => [
    phase,
    ...summary(list),
    [...(phaseErrors.get(phase) ?? new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(', ') || '—',
  ]);
  const memRow = (name: string, m: Memory) => [name, mb(m.rss), mb(m.heapUsed), mb(m.code), mb(m.heapUsed - m.code), mb(m.heapTotal), mb(m.external)];
  const delta = (a: Memory, b: Memory) => [
    'after − before',
    mb(b.rss - a.rss),
    mb(b.heapUsed - a.heapUsed),
    mb(b.code - a.code),
    mb(b.heapUsed - b.code - (a.heapUsed - a.code)),
    mb(b.heapTotal - a.heapTotal),
    mb(b.external - a.external),
  ];
  const fiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  const internal = (errors.get('INTERNAL_SERVER_ERROR') ?? 0) + (errors.get('NONE') ?? 0);
  const heapGrowth = input.afterNoCache.heapUsed - input.afterNoCache.code - (input.beforeNoCache.heapUsed - input.beforeNoCache.code);
  const slope = trendSlope(input.trend);

  const markdown = `
## Soak: ${CLIENTS} clients × ${Math.round(seconds)} s, one upstream flapping

Run ${new Date().toISOString().slice(0, 10)} on ${machine()}; load average ${input.load.map((l) => l.toFixed(1)).join(' → ')} (start → end). \`npm run bench:soak\` (SOAK_SECONDS=${SECONDS}, SOAK_CLIENTS=${CLIENTS},
${CHECKOUTS} checkouts per sandbox, page cache TTL ${CACHE_TTL_MS} ms).

**Method.** The three sandboxes and the gateway (\`createGateway\`, served by \`node:http\` on an ephemeral loopback
port) run in one process; ${CLIENTS} closed-loop clients run in a child process over undici (a pool of ${CLIENTS}
keep-alive connections), each looping over a weighted mix: merged first page (20, one of five filters) ${WEIGHTS[0]}%,
next merged page with the cursor of its own walk (10/20/50) ${WEIGHTS[1]}%, backward merged page with \`before\`
${WEIGHTS[2]}%, a per-provider page with its own cursor ${WEIGHTS[3]}%, \`node\` ${WEIGHTS[4]}%, \`nodes\` (1–10 ids)
${WEIGHTS[5]}%. Resilience: request deadline 5 s, connect/headers/body timeouts 1 s, 3 attempts (backoff 100 ms–1 s),
breaker at 5 consecutive failures with a 3 s cool-down. After a ${WARMUP_SECONDS} s healthy warm-up the **${input.provider}**
sandbox flaps on a ${PHASE_SECONDS} s schedule: ${SCHEDULE.join(' → ')} (repeating): \`errors\` = 500/503, \`hangs\` = no answer,
\`rate-limited\` = its own 429 with \`Retry-After: 1\`, \`resets\` = connection reset, \`mixed\` = 503/reset/truncated
body/invalid JSON/hang, \`slow\` = +${SLOW_MS} ms; the fault queue is kept full and cleared at each phase change. Memory is read
after \`global.gc()\` with the clients paused and ${(DEADLINE_MS + 1_000) / 1000} s idle, before and after the soak, with the upstream page cache as
it was and after clearing it; the sandboxes' seeded data (built on first read) is built before the warm-up and their
request logs are emptied every second, so the difference is the gateway's. Latency is the client's, from sending the request to the end of the body.

**Totals.** ${total} requests in ${seconds.toFixed(0)} s (${(total / seconds).toFixed(0)} req/s); ${partial} answers
(${((100 * partial) / Math.max(1, total)).toFixed(1)}%) carried errors, the healthy providers' data with them.
HTTP 5xx: **${fiveHundreds}**; INTERNAL_SERVER_ERROR / uncoded errors: **${internal}**. Upstream requests: Zenskar
${input.upstreamRequests[0]}, StateSet ${input.upstreamRequests[1]}, Lemon Squeezy ${input.upstreamRequests[2]}; page cache
${input.loads} loads, ${input.hits} hits.

${table([['HTTP status', 'responses'], ...[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => [s === 0 ? 'client failure' : s, n])])}

${table([['error code (entries in `errors`)', 'count'], ...[...errors].sort((a, b) => b[1] - a[1])])}

Latency (ms):

${table([['query', 'requests', 'p50', 'p90', 'p99', 'max'], ['all', ...summary(latencies)], ...byKind])}

By phase of the flapping upstream (ms; errors by code):

${table([['phase', 'requests', 'p50', 'p90', 'p99', 'max', 'errors'], ...phaseRows])}

${input.provider} circuit, read every second: ${Object.entries(input.circuit)
    .map(([s, n]) => `${s} ${n} s`)
    .join(', ')}; it opened ${input.opened} times.

Memory of the gateway process (MiB, after \`gc()\`, idle):

${table([['', 'RSS', 'heap used', 'of it code', 'heap used − code', 'heap total', 'external'], memRow('before (page cache as is)', input.before), memRow('after (page cache as is)', input.after), delta(input.before, input.after), memRow('before (page cache cleared)', input.beforeNoCache), memRow('after (page cache cleared)', input.afterNoCache), delta(input.beforeNoCache, input.afterNoCache)])}

Heap used outside compiled code, under load, every 30 s (page cache cleared, then \`gc()\`): ${input.trend.map((p) => `${mb(p.heapUsed)}`).join(' → ')} MiB
(least-squares slope ${slope.toFixed(2)} MiB/min).

**Verdict.** ${fiveHundreds === 0 && internal === 0 ? 'No HTTP 5xx and no internal error under flapping' : 'FAILURES: see the tables above'};
heap growth outside compiled code, page cache cleared: ${mb(heapGrowth)} MiB ${Math.abs(heapGrowth) < 8 * 2 ** 20 ? '(within noise: no leak seen)' : '(beyond noise: investigate)'}.
`;
  console.log(markdown);
  writeSection('soak', markdown);
}

function trendSlope(points: { at: number; heapUsed: number }[]): number {
  if (points.length < 2) return 0;
  const xs = points.map((p) => p.at / 60_000);
  const ys = points.map((p) => p.heapUsed / 2 ** 20);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * ((ys[i] as number) - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

if (process.argv.includes('--client')) {
  await runClients(Number(process.argv[process.argv.indexOf('--client') + 1]));
} else if (!gc) {
  // `npm run bench:soak` runs plain tsx: start again under node --expose-gc with the same loader and arguments.
  const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
