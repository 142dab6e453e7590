/**
 * G1 (latency over the slowest upstream) and G3 (upstream requests, TCP connections) on the merged first page.
 *
 * 1. Upstreams answer after 20/40/60 ms (Zenskar/StateSet/Lemon Squeezy), the page cache is off (TTL 0).
 * 2. G3 first page: one GraphQL request, counted at the sandboxes: exactly one request per provider.
 * 3. Saturation: closed-loop load with doubling connections until req/s gains < 5%; the best is saturation.
 * 4. At half of it, fixed-rate (open model) blocks alternate: the merged page through the gateway, then the slowest
 *    upstream timed directly (the exact request the gateway sent it, replayed from the sandbox's log) at the rate the
 *    gateway sent it requests in the block before (with in-flight sharing that is far below the gateway's rate, and
 *    timing the upstream at the gateway's rate would measure an overloaded sandbox instead). Ratios use latency from
 *    each request's actual send; latency from its due time (generator lag included) is shown beside them. TCP
 *    connections accepted by the sandboxes are counted over the gateway blocks.
 *
 * Two servers: `unshared` (the real app over providers without a ResultCache: every request fans out, the strict
 * reading of "each request really fans out") and `gateway` (createGateway, TTL 0: identical concurrent upstream
 * requests still share one in-flight call, so a request can join a call started before it).
 */
import type { LoadRequest } from './lib/load-worker.js';
import { closedLoad, graphqlRequest, openLoad, startServer, type SandboxHandle } from './lib/children.js';
import { MERGED_FIRST_PAGE } from './lib/queries.js';
import { PROVIDER_KEYS, type ProviderKey, type SandboxStats } from './lib/sandbox-host.js';
import { int, ms, ratio, summarize, unique, verdict, type Summary } from './lib/stats.js';
import { table } from './results.js';
import type { ServerKind } from './lib/gateway-host.js';

export const G1_LATENCY: Record<ProviderKey, number> = { zenskar: 20, stateset: 40, lemonsqueezy: 60 };

export interface LatencyVariant {
  kind: ServerKind;
  ladder: { connections: number; rps: number; p50: number; failed: number }[];
  saturationRps: number;
  rate: number;
  /** Rate of the direct requests to the slowest upstream: the rate the gateway sent it requests at. */
  directRate: number;
  blockS: number;
  /** From each request's actual send (the ratio's basis: the generator's own lag is not the gateway's). */
  gateway: Summary;
  upstream: Summary;
  /** From each request's due time (open model, generator lag included). */
  gatewayDue: Summary;
  upstreamDue: Summary;
  lagP99: number;
  failed: number;
  firstPage: Record<ProviderKey, number>;
  gatewayRequests: number;
  newConnections: number;
  /** Connections the sandboxes accepted from the first request to the end of the warm-up (the pools filling). */
  poolFill: number;
  upstreamRequests: number;
  /** What failed answers said (checks before and after each load run). */
  problems: string[];
}

function delta(before: SandboxStats, after: SandboxStats, field: 'requests' | 'connections'): Record<ProviderKey, number> {
  return Object.fromEntries(PROVIDER_KEYS.map((k) => [k, after[k][field] - before[k][field]])) as Record<ProviderKey, number>;
}
const sum = (r: Record<ProviderKey, number>) => PROVIDER_KEYS.reduce((s, k) => s + r[k], 0);

async function saturation(request: LoadRequest, problems: Set<string>): Promise<{ ladder: LatencyVariant['ladder']; best: number }> {
  const ladder: LatencyVariant['ladder'] = [];
  let best = 0;
  for (let connections = 2; connections <= 512; connections *= 2) {
    const run = await closedLoad({ request, connections, durationS: 3, warmupS: ladder.length === 0 ? 2 : 0.5 });
    ladder.push({ connections, rps: run.rps, p50: summarize(run.samples).p50, failed: run.failed });
    for (const p of run.problems) problems.add(p);
    if (run.rps < best * 1.05) break;
    best = Math.max(best, run.rps);
  }
  return { ladder, best: Math.max(best, ...ladder.map((l) => l.rps)) };
}

async function measure(sandboxes: SandboxHandle, kind: ServerKind): Promise<LatencyVariant> {
  const server = await startServer({ kind, configs: sandboxes.configs, cacheTtlMs: 0 });
  try {
    const request = graphqlRequest(server.url, MERGED_FIRST_PAGE);
    const beforeFirst = await sandboxes.stats();
    const response = await fetch(server.url, { method: 'POST', headers: request.headers, body: request.body ?? null });
    if (response.status !== 200) throw new Error(`first page: HTTP ${response.status}`);
    await response.text();
    const afterFirst = await sandboxes.stats();
    const firstPage = delta(beforeFirst, afterFirst, 'requests');
    const last = afterFirst.lemonsqueezy.last;
    if (!last) throw new Error('the gateway sent Lemon Squeezy nothing');
    const headers = Object.fromEntries(Object.entries(last.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)));
    const direct: LoadRequest = {
      url: `${sandboxes.origins.lemonsqueezy}${last.path}${last.query ? `?${last.query}` : ''}`,
      method: 'GET',
      headers,
      expect: 'json',
    };

    const problems = new Set<string>();
    const { ladder, best } = await saturation(request, problems);
    const rate = Math.max(1, Math.round(best / 2));
    // Enough samples for a p99 at low rates, within the run's time budget.
    const blockS = Math.min(15, Math.max(5, 300 / rate));
    const gatewaySamples: number[] = [];
    const upstreamSamples: number[] = [];
    const gatewayDue: number[] = [];
    const upstreamDue: number[] = [];
    let gatewayRequests = 0;
    let newConnections = 0;
    let upstreamRequests = 0;
    let lagP99 = 0;
    let failed = 0;
    await openLoad({ request, rate, durationS: 1 });
    const poolFill = sum(delta(beforeFirst, await sandboxes.stats(), 'connections'));
    let directRate = rate;
    for (let block = 0; block < 2; block++) {
      const before = await sandboxes.stats();
      const gw = await openLoad({ request, rate, durationS: blockS });
      const after = await sandboxes.stats();
      // The slowest upstream is timed under the load the gateway put on it: as many requests a second as it was sent.
      directRate = Math.max(1, Math.round((after.lemonsqueezy.requests - before.lemonsqueezy.requests) / blockS));
      const up = await openLoad({ request: direct, rate: directRate, durationS: blockS, warmupS: 0.5 });
      upstreamSamples.push(...(up.sentSamples ?? []));
      gatewaySamples.push(...(gw.sentSamples ?? []));
      upstreamDue.push(...up.samples);
      gatewayDue.push(...gw.samples);
      for (const p of [...gw.problems, ...up.problems]) problems.add(p);
      gatewayRequests += gw.ok + 2; // + the check before and after the block
      failed += gw.failed + up.failed;
      lagP99 = Math.max(lagP99, gw.lagP99 ?? 0, up.lagP99 ?? 0);
      newConnections += sum(delta(before, after, 'connections'));
      upstreamRequests += sum(delta(before, after, 'requests'));
    }
    return {
      kind,
      ladder,
      saturationRps: best,
      rate,
      directRate,
      blockS,
      gateway: summarize(gatewaySamples),
      upstream: summarize(upstreamSamples),
      gatewayDue: summarize(gatewayDue),
      upstreamDue: summarize(upstreamDue),
      lagP99,
      failed,
      firstPage,
      gatewayRequests,
      newConnections,
      poolFill,
      problems: [...problems],
      upstreamRequests,
    };
  } finally {
    await server.stop();
  }
}

export async function runLatency(sandboxes: SandboxHandle): Promise<LatencyVariant[]> {
  await sandboxes.setLatency(G1_LATENCY);
  const results: LatencyVariant[] = [];
  for (const kind of ['unshared', 'gateway'] as const) results.push(await measure(sandboxes, kind));
  return results;
}

const LABELS: Record<string, string> = {
  unshared: 'every request fans out (real app, providers without ResultCache)',
  gateway: '`createGateway`, TTL 0 (identical in-flight upstream calls shared)',
};

export function latencyMarkdown(variants: LatencyVariant[]): string {
  const rows = variants.map((v) => [
    LABELS[v.kind] ?? v.kind,
    int(v.saturationRps),
    `${v.rate}/s × ${(2 * v.blockS).toFixed(0)} s (upstream direct: ${v.directRate}/s)`,
    `${ms(v.upstream.p50)} / ${ms(v.upstream.p99)}`,
    `${ms(v.gateway.p50)} / ${ms(v.gateway.p99)}`,
    `**${ratio(v.gateway.p50 / v.upstream.p50)}** ${verdict(v.gateway.p50 / v.upstream.p50, 1.05, 'max')}`,
    `**${ratio(v.gateway.p99 / v.upstream.p99)}** ${verdict(v.gateway.p99 / v.upstream.p99, 1.2, 'max')}`,
    `${v.gateway.n} / ${v.failed}`,
    `${ms(v.upstreamDue.p50)} / ${ms(v.upstreamDue.p99)} → ${ms(v.gatewayDue.p50)} / ${ms(v.gatewayDue.p99)}`,
  ]);
  const g3 = variants.map((v) => [
    LABELS[v.kind] ?? v.kind,
    PROVIDER_KEYS.map((k) => v.firstPage[k]).join(' / '),
    PROVIDER_KEYS.every((k) => v.firstPage[k] === 1) ? '✅ exactly one each' : '❌',
    ratio(v.upstreamRequests / Math.max(1, v.gatewayRequests)),
    `${v.newConnections} over ${int(v.gatewayRequests)} requests = **${ratio((1000 * v.newConnections) / Math.max(1, v.gatewayRequests))}** per 1,000 ${verdict((1000 * v.newConnections) / Math.max(1, v.gatewayRequests), 1, 'max')}`,
    v.poolFill,
  ]);
  const ladder = variants.map(
    (v) => `${v.kind}: ${v.ladder.map((l) => `${l.connections} → ${int(l.rps)}/s (p50 ${ms(l.p50)}${l.failed ? `, ${l.failed} failed` : ''})`).join(', ')}`,
  );
  return `### G1: merged first page latency ÷ slowest upstream (page cache off, upstreams 20/40/60 ms)

${table([
  [
    'server',
    'saturation (req/s)',
    'fixed rate (½ saturation)',
    'slowest upstream direct p50 / p99 (ms)',
    'gateway p50 / p99 (ms)',
    'p50 ratio (≤ 1.05)',
    'p99 ratio (≤ 1.2)',
    'samples / failed',
    'from due time instead: upstream → gateway p50 / p99',
  ],
  ...rows,
])}

Saturation ladders (closed loop, connections → req/s): ${ladder.join('; ')}. Generator dispatch lag p99:
${variants.map((v) => `${v.kind} ${ms(v.lagP99)} ms`).join(', ')} (how late the load generator itself sent requests; latencies
count from the due time, so a starved generator, on 2 cores shared with the gateway and the sandboxes, adds to both sides
and the ratio is then less certain${variants.some((v) => v.lagP99 > 10) ? ': **over 10 ms in this run**' : ''}).

${variants
  .filter((v) => v.problems.length)
  .map((v) => `Failed answers seen (${v.kind}): ${unique(v.problems)}.`)
  .join('\n')}

### G3: upstream requests and connections

${table([
  [
    'server',
    'first page: requests Z / S / L',
    'one per provider',
    'upstream requests per gateway request at the fixed rate',
    'new TCP connections to the sandboxes (steady state)',
    'connections while the pools filled (first request … warm-up)',
  ],
  ...g3,
])}
`;
}
