/**
 * G5: the gateway's RSS with 1,000 queries in flight (upstreams answering after 200 ms, page cache off) and after.
 *
 * 1. Warm up, force full collections (`--expose-gc`), sample the baseline.
 * 2. Two rounds: 1,000 connections each keep one merged-page query in flight for the round; RSS is sampled every
 *    10 ms for the peak, and the server counts the requests it is serving at once (at most: should reach 1,000).
 * 3. After each round: load stopped, full collections, sample again: that is the "returns to baseline" figure.
 */
import { closedLoad, concurrentLoad, graphqlRequest, startServer, type SandboxHandle } from './lib/children.js';
import type { MemorySample } from './lib/gateway-host.js';
import { MERGED_FIRST_PAGE } from './lib/queries.js';
import { int, mib, ms, ratio, summarize, unique, verdict, type Summary } from './lib/stats.js';
import { table } from './results.js';

export const G5_IN_FLIGHT = 1000;
const ROUND_S = 6;

export interface MemoryRound {
  peak: MemorySample;
  after: MemorySample;
  /** Most requests the server was serving at once during the round. */
  inFlight: number;
  ok: number;
  failed: number;
  rps: number;
  latency: Summary;
  problems: string[];
}

export interface MemoryFigures {
  baseline: MemorySample;
  rounds: MemoryRound[];
}

export async function runMemory(sandboxes: SandboxHandle): Promise<MemoryFigures> {
  await sandboxes.setLatency({ zenskar: 200, stateset: 200, lemonsqueezy: 200 });
  const server = await startServer({ kind: 'gateway', configs: sandboxes.configs, cacheTtlMs: 0 });
  try {
    const request = graphqlRequest(server.url, MERGED_FIRST_PAGE);
    await closedLoad({ request, connections: 8, durationS: 2 });
    const baseline = await server.call<MemorySample>('settle');
    const rounds: MemoryRound[] = [];
    for (let round = 0; round < 2; round++) {
      await server.call('peakStart');
      const load = await concurrentLoad({ request, concurrency: G5_IN_FLIGHT, durationS: ROUND_S });
      const peak = await server.call<MemorySample>('peakStop');
      const inFlight = peak.inFlightPeak ?? Number.NaN;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const after = await server.call<MemorySample>('settle');
      rounds.push({ peak, after, inFlight, ok: load.ok, failed: load.failed, rps: load.rps, latency: summarize(load.samples), problems: load.problems });
    }
    return { baseline, rounds };
  } finally {
    await server.stop();
  }
}

export function memoryMarkdown(f: MemoryFigures): string {
  const rows = f.rounds.map((r, i) => [
    `round ${i + 1}`,
    int(r.inFlight),
    `${mib(r.peak.rss)} (+${mib(r.peak.rss - f.baseline.rss)})`,
    mib(r.peak.heapUsed),
    `${mib(r.after.rss)}`,
    `**${ratio(r.after.rss / f.baseline.rss)}** ${verdict(r.after.rss / f.baseline.rss, 1.1, 'max')}`,
    mib(r.after.heapUsed),
    `${int(r.ok)} / ${r.failed}`,
    `${int(r.rps)}/s, p50 ${ms(r.latency.p50)} ms, p99 ${ms(r.latency.p99)} ms`,
  ]);
  const worstPeak = Math.max(...f.rounds.map((r) => r.peak.rss - f.baseline.rss));
  return `### G5: memory with ${G5_IN_FLIGHT.toLocaleString('en')} queries in flight (upstreams at 200 ms, page cache off)

Baseline after warm-up and forced GC: RSS ${mib(f.baseline.rss)} MiB, heap used ${mib(f.baseline.heapUsed)} MiB.

${table([
  [
    '',
    'most queries in flight at once',
    'peak RSS MiB (over baseline)',
    'heap used at the RSS peak (MiB)',
    'RSS after, GC forced (MiB)',
    'after ÷ baseline (≤ 1.10)',
    'heap used after (MiB)',
    'answered / failed',
    'throughput, latency under this load',
  ],
  ...rows,
])}

${f.rounds
  .map((r, i) =>
    r.failed || r.problems.length
      ? `Round ${i + 1}: ${r.failed} answers failed (timeouts or GraphQL errors)${r.problems.length ? `; the check after the round said: ${unique(r.problems)}` : ''}.`
      : '',
  )
  .filter(Boolean)
  .join('\n')}

Peak cost per query in flight: ${(worstPeak / G5_IN_FLIGHT / 1024).toFixed(0)} KiB of RSS (worst round). Each round: ${G5_IN_FLIGHT} connections
(undici, one request in flight on each, the next sent as soon as one is answered) for ${ROUND_S} s against \`createGateway\` with TTL 0; RSS sampled every 10 ms.
From the clients' side ${G5_IN_FLIGHT.toLocaleString('en')} queries are always in flight; "most queries in flight at once" counts what the server had
read and not yet answered: while its event loop works through a wave of answers, the next requests wait in socket buffers.
`;
}
