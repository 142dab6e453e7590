/**
 * Peer comparison (`npm run bench:peer`, also part of `npm run bench`): StateSet checkouts, first 20, through Hive
 * Gateway (OpenAPI source, bench/peer/hive.ts) and through checkout-graph's `stateSetCheckouts(first: 20)`, against
 * the same StateSet sandbox instance, same latency, same closed-loop concurrency, same fields, both warmed, in
 * alternating blocks.
 *
 * Rows: Hive Gateway; checkout-graph with its page cache off (the fair row; identical in-flight upstream calls are
 * still shared, as they are in production); checkout-graph with no sharing at all (every request goes upstream, like
 * Hive); checkout-graph with its page cache on (reported apart: Hive has no cache here).
 */
import { pathToFileURL } from 'node:url';
import { graphqlRequest, startSandboxHost, startServer, stopLoadWorker, type SandboxHandle, type ServerHandle } from './lib/children.js';
import type { GatewayHostArgs } from './lib/gateway-host.js';
import { STATESET_FIRST_PAGE } from './lib/queries.js';
import { int, ms, ratio, unique, type Summary } from './lib/stats.js';
import { HIVE_QUERY } from './peer/hive.js';
import { machine, table, writeSection } from './results.js';
import { alternate } from './throughput.js';

export const PEER_LATENCIES = [0, 20];
export const PEER_CONNECTIONS = 16;
const BLOCK_S = 4;

interface PeerVariant {
  name: string;
  args: Omit<GatewayHostArgs, 'configs'>;
  query: string;
}

const VARIANTS: PeerVariant[] = [
  { name: 'Hive Gateway', args: { kind: 'hive' }, query: HIVE_QUERY },
  { name: 'checkout-graph, page cache off (fair)', args: { kind: 'gateway', cacheTtlMs: 0 }, query: STATESET_FIRST_PAGE },
  { name: 'checkout-graph, no in-flight sharing either', args: { kind: 'unshared' }, query: STATESET_FIRST_PAGE },
  { name: 'checkout-graph, page cache on', args: { kind: 'gateway', cacheTtlMs: 300_000 }, query: STATESET_FIRST_PAGE },
];

export interface PeerRow {
  latencyMs: number;
  name: string;
  rps: number;
  latency: Summary;
  failed: number;
  upstreamPerRequest: number;
  itemsPerUpstreamRequest: number;
  problems: string[];
}

export async function runPeer(sandboxes: SandboxHandle): Promise<PeerRow[]> {
  const servers: ServerHandle[] = [];
  const rows: PeerRow[] = [];
  try {
    for (const v of VARIANTS) servers.push(await startServer({ ...v.args, configs: sandboxes.configs }));
    for (const latencyMs of PEER_LATENCIES) {
      await sandboxes.setLatency({ zenskar: latencyMs, stateset: latencyMs, lemonsqueezy: latencyMs });
      const upstream = new Map<string, { requests: number; items: number }>();
      let mark = (await sandboxes.stats()).stateset;
      const result = await alternate(
        VARIANTS.map((v, i) => ({ name: v.name, request: graphqlRequest((servers[i] as ServerHandle).url, v.query) })),
        {
          connections: PEER_CONNECTIONS,
          blockS: BLOCK_S,
          blocks: 2,
          between: async (name) => {
            const now = (await sandboxes.stats()).stateset;
            const seen = upstream.get(name) ?? { requests: 0, items: 0 };
            upstream.set(name, { requests: seen.requests + now.requests - mark.requests, items: seen.items + now.items - mark.items });
            mark = now;
          },
        },
      );
      for (const v of VARIANTS) {
        const r = result[v.name]!;
        const up = upstream.get(v.name) ?? { requests: 0, items: 0 };
        rows.push({
          latencyMs,
          name: v.name,
          rps: r.rps,
          latency: r.latency,
          failed: r.failed,
          upstreamPerRequest: up.requests / Math.max(1, r.answered),
          itemsPerUpstreamRequest: up.items / Math.max(1, up.requests),
          problems: r.problems,
        });
      }
    }
    return rows;
  } finally {
    for (const s of servers) await s.stop();
  }
}

export function peerVerdicts(rows: PeerRow[]): { latencyMs: number; rps: boolean; p50: boolean; p99: boolean }[] {
  return PEER_LATENCIES.map((latencyMs) => {
    const hive = rows.find((r) => r.latencyMs === latencyMs && r.name === VARIANTS[0]!.name)!;
    const fair = rows.find((r) => r.latencyMs === latencyMs && r.name === VARIANTS[1]!.name)!;
    return { latencyMs, rps: fair.rps > hive.rps, p50: fair.latency.p50 < hive.latency.p50, p99: fair.latency.p99 < hive.latency.p99 };
  });
}

export function peerMarkdown(rows: PeerRow[]): string {
  const verdicts = peerVerdicts(rows);
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  return `## Peer: Hive Gateway vs checkout-graph, StateSet first page (\`npm run bench:peer\`)

Run ${new Date().toISOString().slice(0, 10)} on ${machine()}.

Method: one StateSet sandbox instance (10,000 checkouts) on loopback; each gateway in its own process on an ephemeral
port, the load generator (autocannon) in another. Same query shape: Hive \`${HIVE_QUERY}\`; checkout-graph
\`${STATESET_FIRST_PAGE}\`. Closed loop, ${PEER_CONNECTIONS} connections, ${BLOCK_S} s blocks alternating between the servers,
twice, after a warm-up; added upstream latency ${PEER_LATENCIES.join(' ms and ')} ms. Hive Gateway: \`@graphql-hive/gateway-runtime\`
over a supergraph composed in-process (\`@graphql-mesh/compose-cli\` + \`@omnigraph/openapi\`) from
\`bench/peer/stateset.openapi.json\`. "Items per upstream request": Hive asks StateSet for \`limit=20\`; checkout-graph always
asks for full pages of 100 (so that a walk costs Σ⌈n/100⌉ requests) and validates and maps all of them.

${table([
  ['latency', 'server', 'req/s', 'p50 (ms)', 'p99 (ms)', 'failed', 'upstream requests per query', 'items per upstream request'],
  ...rows.map((r) => [
    `${r.latencyMs} ms`,
    r.name,
    int(r.rps),
    ms(r.latency.p50),
    ms(r.latency.p99),
    r.failed,
    ratio(r.upstreamPerRequest),
    r.upstreamPerRequest > 0 ? int(r.itemsPerUpstreamRequest) : '—',
  ]),
])}

${rows
  .filter((r) => r.problems.length)
  .map((r) => `Failed answers (${r.name}, ${r.latencyMs} ms): ${unique(r.problems)}.`)
  .join('\n')}

Goal (checkout-graph's fair row faster than Hive Gateway on req/s, p50 and p99): ${verdicts
    .map((v) => `${v.latencyMs} ms: req/s ${mark(v.rps)}, p50 ${mark(v.p50)}, p99 ${mark(v.p99)}`)
    .join('; ')}.
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sandboxes = await startSandboxHost({ count: 10_000, latencyMs: { zenskar: 0, stateset: 0, lemonsqueezy: 0 } });
  try {
    const rows = await runPeer(sandboxes);
    const markdown = peerMarkdown(rows);
    console.log(markdown);
    writeSection('peer', markdown);
  } finally {
    await stopLoadWorker();
    await sandboxes.stop();
  }
}
