/**
 * Merged connection efficiency (issue: merged `checkouts` connection).
 *
 * 1. Walks: three sandboxes of N checkouts each (default 10,000), the gateway walks `checkouts(first: 20)` to the
 *    end forward (and `last: 20` backward); counted at the sandboxes: upstream requests ÷ Σ⌈nᵢ/100⌉ and items fetched
 *    ÷ items returned.
 * 2. First-page latency: sandboxes answer after 20/40/60 ms; the gateway (page cache off, so every page really goes
 *    upstream) serves `checkouts(first: 20)` R times; the slowest upstream is timed directly with the same request
 *    the gateway sends, interleaved in the same run. Reported as ratios of medians (and p90).
 */
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { createGateway } from '../src/gateway.js';
import { DEFAULT_TIMEOUTS } from '../src/http/client.js';
import { createLogger } from '../src/logger.js';
import { startSandboxes, type Sandboxes } from '../src/sandbox/start-all.js';
import { machine, percentile, table, writeSection } from './results.js';

const N = Number(process.env.BENCH_CHECKOUTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const QUERY = `query($first: Int, $after: String, $last: Int, $before: String) {
  checkouts(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { id createdAt } }
  }
}`;

function gatewayFor(sandboxes: Sandboxes, cacheTtlMs: number) {
  return createGateway(
    {
      ...sandboxes.configs,
      cursorSecret: 'bench-cursor-secret-bench-cursor-secret-0123',
      cacheTtlMs,
      cacheMaxEntries: 100_000,
      maxScanPages: 10,
      timeouts: DEFAULT_TIMEOUTS,
    },
    createLogger('silent'),
  );
}

async function post(app: ReturnType<typeof gatewayFor>['app'], variables: Record<string, unknown>) {
  const response = await app.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return body.data.checkouts;
}

function upstreamCounts(sandboxes: Sandboxes) {
  const logs = [sandboxes.zenskar.log, sandboxes.stateset.log, sandboxes.lemonsqueezy.log];
  return {
    requests: logs.reduce((sum, log) => sum + log.length, 0),
    items: logs.flat().reduce((sum, r) => sum + (r.items ?? 0), 0),
    perProvider: logs.map((log) => log.length),
  };
}

async function walk(direction: 'forward' | 'backward') {
  const sandboxes = await startSandboxes({ count: N });
  const gateway = gatewayFor(sandboxes, 120_000);
  const started = performance.now();
  let cursor: string | null = null;
  let returned = 0;
  let pages = 0;
  let total = 0;
  const seen = new Set<string>();
  for (;;) {
    const variables: Record<string, unknown> = direction === 'forward' ? { first: 20, after: cursor } : { last: 20, before: cursor };
    const conn: any = await post(gateway.app, variables);
    pages++;
    total ||= conn.totalCount ?? 0;
    for (const edge of conn.edges) seen.add(edge.node.id);
    returned += conn.edges.length;
    const more = direction === 'forward' ? conn.pageInfo.hasNextPage : conn.pageInfo.hasPreviousPage;
    if (!more) break;
    cursor = direction === 'forward' ? conn.pageInfo.endCursor : conn.pageInfo.startCursor;
  }
  const seconds = (performance.now() - started) / 1000;
  const counts = upstreamCounts(sandboxes);
  await gateway.close();
  await sandboxes.close();
  // Zenskar hides its soft-deleted sessions, so the list holds a little fewer than 3 × N: check against the upstream totals.
  if (returned !== total || seen.size !== total) throw new Error(`${direction} walk returned ${returned} (${seen.size} distinct), expected ${total}`);
  const ideal = 3 * Math.ceil(N / 100);
  return { direction, pages, returned, total, seconds, ideal, ...counts, requestRatio: counts.requests / ideal, itemRatio: counts.items / returned };
}

async function firstPageLatency() {
  const sandboxes = await startSandboxes({ count: 2_000, latencyMs: { zenskar: 20, stateset: 40, lemonsqueezy: 60 } });
  const gateway = gatewayFor(sandboxes, 0);
  const lemon = sandboxes.configs.lemonsqueezy;
  const direct = async () => {
    const t0 = performance.now();
    const res = await request(`${lemon.baseUrl}/checkouts?page%5Bnumber%5D=1&page%5Bsize%5D=100&include=store%2Cvariant`, {
      headers: { authorization: `Bearer ${lemon.apiKey}`, accept: 'application/vnd.api+json' },
    });
    await res.body.text();
    return performance.now() - t0;
  };
  const viaGateway = async () => {
    const t0 = performance.now();
    await post(gateway.app, { first: 20 });
    return performance.now() - t0;
  };
  for (let i = 0; i < 5; i++) {
    await direct();
    await viaGateway();
  }
  const upstream: number[] = [];
  const merged: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    upstream.push(await direct());
    merged.push(await viaGateway());
  }
  await gateway.close();
  await sandboxes.close();
  return {
    upstreamP50: percentile(upstream, 50),
    upstreamP90: percentile(upstream, 90),
    mergedP50: percentile(merged, 50),
    mergedP90: percentile(merged, 90),
  };
}

const forward = await walk('forward');
const backward = await walk('backward');
const latency = await firstPageLatency();
const fmt = (n: number, digits = 3) => n.toFixed(digits);

const walkTable = table([
  [
    'walk',
    'gateway pages',
    'items returned',
    'upstream requests',
    'Σ⌈nᵢ/100⌉',
    'requests ÷ Σ⌈nᵢ/100⌉ (target ≤ 1.1)',
    'items fetched',
    'fetched ÷ returned (target ≤ 1.05)',
    'requests per provider (Z/S/L)',
    'wall time',
  ],
  ...[forward, backward].map((w) => [
    `${w.direction} (${w.direction === 'forward' ? 'first' : 'last'}: 20)`,
    w.pages,
    w.returned,
    w.requests,
    w.ideal,
    `**${fmt(w.requestRatio)}**`,
    w.items,
    `**${fmt(w.itemRatio)}**`,
    w.perProvider.join(' / '),
    `${fmt(w.seconds, 1)} s`,
  ]),
]);
const latencyTable = table([
  ['measure', 'p50 (ms)', 'p90 (ms)'],
  ['slowest upstream (Lemon Squeezy sandbox, 60 ms injected), direct', fmt(latency.upstreamP50, 1), fmt(latency.upstreamP90, 1)],
  ['merged first page `checkouts(first: 20)` via the gateway', fmt(latency.mergedP50, 1), fmt(latency.mergedP90, 1)],
  ['**ratio** (target ≤ 1.05)', `**${fmt(latency.mergedP50 / latency.upstreamP50)}**`, fmt(latency.mergedP90 / latency.upstreamP90)],
]);

const markdown = `## Merged connection: fetch efficiency and first-page latency (\`npm run bench\` → bench/merged-walk.ts)

Run ${new Date().toISOString().slice(0, 10)} on ${machine()}.

Method: three sandbox upstreams with ${N.toLocaleString('en')} seeded checkouts each, on loopback. The gateway (built
exactly as \`npm start\` builds it, page cache TTL 120 s) walks the merged connection to the end with \`first: 20\`
(and \`last: 20\` backward). Upstream requests and items are counted at the sandboxes (every request, list and
otherwise; items = entries in each answer's \`data\`/\`results\` list). Every walk is checked to return each listed checkout exactly
once (${forward.total.toLocaleString('en')}: Zenskar hides its ~2 % soft-deleted sessions). Latency: sandboxes answer after 20/40/60 ms (Zenskar/StateSet/
Lemon Squeezy); the gateway runs with the page cache off so every first page goes upstream; ${ROUNDS} rounds after 5
warm-up rounds, each round timing the slowest upstream directly (same request the gateway sends) and then the merged
first page through \`yoga.fetch\`, so both are measured side by side in one run.

${walkTable}

${latencyTable}

Backward walks cost a little more on StateSet, which pages forward only: the gateway finds an anchor a few pages
above the item with \`created_after\`/\`created_before\` \`total_count\` probes (\`limit=1\`), reads the list forward
from it in the plain 100-item pages \`page(ref)\` itself requests, and remembers which page precedes which, so the
walk's next backward pages come from the page cache (src/providers/stateset/list.ts). What is left over Σ⌈nᵢ/100⌉ is
one search per chain of 300–600 items (usually one probe) and the page each chain reads past its item. Links are
kept per process: a walk whose pages land on other instances gets window-built pages as before (3,000-item StateSet
walk, a new instance per page: 163 requests against 167 before chains, list.test.ts). Before chains
(each backward page rebuilt from its own window: probes, the window's pages, then \`page(ref)\` again), the same walk
cost 2.487 requests ÷ Σ⌈nᵢ/100⌉ and 1.681 items fetched ÷ returned (548 StateSet requests; run of 2026-12-02).
`;

console.log(markdown);
writeSection('merged-walk', markdown);
