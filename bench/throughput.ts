/**
 * G2: req/s of the merged first page served from warm upstream pages (createGateway, page cache on) ÷ req/s of a bare
 * graphql-yoga hello world, same machine, same closed-loop settings, blocks alternating so drift hits both alike.
 * The sandboxes are counted over the gateway's blocks to show the page really came from the cache.
 */
import { closedLoad, graphqlRequest, mergedNextPageRequest, startServer, type SandboxHandle, type ServerHandle } from './lib/children.js';
import type { LoadRequest } from './lib/load-worker.js';
import { HELLO } from './lib/queries.js';
import { PROVIDER_KEYS } from './lib/sandbox-host.js';
import { int, ms, ratio, summarize, verdict, type Summary } from './lib/stats.js';
import { table } from './results.js';

export const G2_CONNECTIONS = 16;
const BLOCK_S = 5;
const BLOCKS = 2;

export interface ThroughputFigures {
  connections: number;
  seconds: number;
  hello: { rps: number; latency: Summary };
  gateway: { rps: number; latency: Summary };
  upstreamRequestsDuringGateway: number;
  ratio: number;
}

/**
 * Alternating closed-loop blocks over several servers (ABC, CBA, ABC…); req/s = answered requests ÷ measured seconds,
 * per server. The first block of each server starts with a 2 s warm-up, the others with 0.5 s.
 */
export async function alternate(
  entries: { name: string; request: LoadRequest }[],
  options: { connections: number; blockS: number; blocks: number; between?: (name: string) => Promise<void> },
): Promise<Record<string, { rps: number; latency: Summary; failed: number; answered: number; problems: string[] }>> {
  const totals = new Map(entries.map((e) => [e.name, { ok: 0, failed: 0, answered: 0, seconds: 0, samples: [] as number[], problems: new Set<string>() }]));
  for (let block = 0; block < options.blocks; block++) {
    // Every other block runs the servers in reverse order, so none always runs first (or right after a given other).
    for (const entry of block % 2 === 0 ? entries : [...entries].reverse()) {
      const run = await closedLoad({ request: entry.request, connections: options.connections, durationS: options.blockS, warmupS: block === 0 ? 2 : 0.5 });
      const total = totals.get(entry.name)!;
      total.ok += run.ok;
      total.failed += run.failed;
      total.answered += run.answeredTotal;
      for (const p of run.problems) total.problems.add(p);
      total.seconds += run.elapsedS;
      total.samples.push(...run.samples);
      await options.between?.(entry.name);
    }
  }
  return Object.fromEntries(
    [...totals].map(([name, t]) => [
      name,
      { rps: t.ok / t.seconds, latency: summarize(t.samples), failed: t.failed, answered: t.answered, problems: [...t.problems] },
    ]),
  );
}

export async function runThroughput(sandboxes: SandboxHandle): Promise<ThroughputFigures> {
  const servers: ServerHandle[] = [];
  try {
    const hello = await startServer({ kind: 'hello', configs: sandboxes.configs });
    servers.push(hello);
    const gateway = await startServer({ kind: 'gateway', configs: sandboxes.configs, cacheTtlMs: 300_000 });
    servers.push(gateway);
    const gatewayRequest = await mergedNextPageRequest(gateway.url);
    await closedLoad({ request: gatewayRequest, connections: 2, durationS: 1 }); // fills the page cache
    let upstream = 0;
    let mark = await sandboxes.stats();
    const result = await alternate(
      [
        { name: 'hello', request: graphqlRequest(hello.url, HELLO) },
        { name: 'gateway', request: gatewayRequest },
      ],
      {
        connections: G2_CONNECTIONS,
        blockS: BLOCK_S,
        blocks: BLOCKS,
        between: async (name) => {
          const now = await sandboxes.stats();
          if (name === 'gateway') upstream += PROVIDER_KEYS.reduce((s, k) => s + now[k].requests - mark[k].requests, 0);
          mark = now;
        },
      },
    );
    const h = result.hello!;
    const g = result.gateway!;
    return {
      connections: G2_CONNECTIONS,
      seconds: BLOCK_S * BLOCKS,
      hello: { rps: h.rps, latency: h.latency },
      gateway: { rps: g.rps, latency: g.latency },
      upstreamRequestsDuringGateway: upstream,
      ratio: g.rps / h.rps,
    };
  } finally {
    for (const server of servers) await server.stop();
  }
}

export function throughputMarkdown(f: ThroughputFigures): string {
  return `### G2: merged page from warm upstream pages ÷ bare graphql-yoga hello world

${table([
  ['server', 'req/s', 'p50 (ms)', 'p99 (ms)'],
  ['graphql-yoga hello world (`createYoga`, one field `hello`)', int(f.hello.rps), ms(f.hello.latency.p50), ms(f.hello.latency.p99)],
  [
    'checkout-graph `checkouts(first: 20, after: …)` (second page), page cache on and warm',
    int(f.gateway.rps),
    ms(f.gateway.latency.p50),
    ms(f.gateway.latency.p99),
  ],
  ['**ratio** (target ≥ 0.33)', `**${ratio(f.ratio)}** ${verdict(f.ratio, 0.33, 'min')}`, '', ''],
])}

Closed loop, ${f.connections} connections, ${f.seconds} s per server in alternating blocks after a warm-up. Upstream
requests while the gateway was measured: ${f.upstreamRequestsDuringGateway} (the page cache answered every page).
`;
}
