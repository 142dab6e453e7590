/** The summary section of bench/RESULTS.md: every goal with its figure and verdict, the method, and what to change. */
import type { ProfileFigures } from './cpu-profile.js';
import type { FastPathFigures } from './fastpaths.js';
import type { LatencyVariant } from './latency.js';
import { PROVIDER_KEYS } from './lib/sandbox-host.js';
import { int, mib, ratio, verdict } from './lib/stats.js';
import type { MemoryFigures } from './memory.js';
import { peerGoals, PEER_CONNECTIONS, PEER_LATENCY_MS, type PeerFigures } from './peer.js';
import { machine, table } from './results.js';
import type { ThroughputFigures } from './throughput.js';
import type { WalkFigures } from './walk.js';

export interface AllFigures {
  seconds: number;
  walk?: WalkFigures;
  latency?: LatencyVariant[];
  throughput?: ThroughputFigures;
  memory?: MemoryFigures;
  fastPaths?: FastPathFigures;
  profiles?: ProfileFigures[];
  peer?: PeerFigures;
  errors: string[];
  /** Mean cores used by processes outside the benchmark during each phase. */
  neighbours: Record<string, number>;
}

const NOT_RUN = ['n/a', '❌ not measured'];

function goalRows(f: AllFigures): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const strict = f.latency?.find((v) => v.kind === 'unshared');
  const shared = f.latency?.find((v) => v.kind === 'gateway');
  for (const [label, v] of [
    ['every request fans out', strict],
    ['informational: createGateway TTL 0, identical requests share upstream calls', shared],
  ] as const) {
    const p50 = v ? v.gateway.p50 / v.upstream.p50 : Number.NaN;
    const p99 = v ? v.gateway.p99 / v.upstream.p99 : Number.NaN;
    rows.push([`G1 p50 ÷ slowest upstream p50 (${label})`, '≤ 1.05', ratio(p50), verdict(p50, 1.05, 'max')]);
    rows.push([`G1 p99 ÷ slowest upstream p99 (${label})`, '≤ 1.2', ratio(p99), verdict(p99, 1.2, 'max')]);
  }
  const g2 = f.throughput?.ratio ?? Number.NaN;
  rows.push(['G2 cached merged page req/s ÷ yoga hello world req/s', '≥ 0.33', ratio(g2), verdict(g2, 0.33, 'min')]);
  if (strict) {
    const exact = PROVIDER_KEYS.every((k) => strict.firstPage[k] === 1) && PROVIDER_KEYS.every((k) => shared?.firstPage[k] === 1);
    rows.push([
      'G3 first page: upstream requests per provider',
      'exactly 1',
      PROVIDER_KEYS.map((k) => strict.firstPage[k]).join(' / '),
      exact ? '✅ met' : '❌ missed',
    ]);
  } else rows.push(['G3 first page: upstream requests per provider', 'exactly 1', ...NOT_RUN]);
  for (const w of f.walk?.walks ?? [])
    rows.push([`G3 ${w.direction} walk: requests ÷ Σ⌈nᵢ/100⌉`, '≤ 1.1', ratio(w.requestRatio), verdict(w.requestRatio, 1.1, 'max')]);
  for (const w of f.walk?.walks ?? [])
    rows.push([`G4 ${w.direction} walk: items fetched ÷ returned`, '≤ 1.05', ratio(w.itemRatio), verdict(w.itemRatio, 1.05, 'max')]);
  if (f.walk && !f.walk.ok) rows.push(['G3/G4 full walk (bench/merged-walk.ts)', '', `failed: ${f.walk.error ?? ''}`.replace(/\|/g, '\\|'), '❌ not measured']);
  for (const v of f.latency ?? []) {
    const per1000 = (1000 * v.newConnections) / Math.max(1, v.gatewayRequests);
    rows.push([`G3 new upstream TCP connections per 1,000 requests (${v.kind})`, '≈ 0', ratio(per1000), verdict(per1000, 1, 'max')]);
  }
  if (f.memory) {
    const worst = Math.max(...f.memory.rounds.map((r) => r.after.rss / f.memory!.baseline.rss));
    const peak = Math.max(...f.memory.rounds.map((r) => r.peak.rss));
    rows.push(['G5 RSS after 1,000 in flight ÷ baseline (GC forced)', '≤ 1.10', ratio(worst), verdict(worst, 1.1, 'max')]);
    rows.push(['G5 peak RSS with 1,000 in flight', 'bounded', `${mib(peak)} MiB (baseline ${mib(f.memory.baseline.rss)})`, '—']);
  } else rows.push(['G5 RSS after ÷ baseline', '≤ 1.10', ...NOT_RUN]);
  if (f.peer) {
    const g = peerGoals(f.peer);
    const at = `${PEER_LATENCY_MS} ms upstream, every request upstream`;
    const met = (ok: boolean) => (ok ? '✅ met' : '❌ missed');
    rows.push([`Peer p50 at 1 connection − minimal yoga's (${at})`, '≤ 1 ms', `${g.p50WithinMinimal.value.toFixed(1)} ms`, met(g.p50WithinMinimal.ok)]);
    rows.push([`Peer req/s at ${PEER_CONNECTIONS} connections ÷ Hive Gateway's (${at})`, '≥ 1.3', ratio(g.rpsVsHive.value), met(g.rpsVsHive.ok)]);
    rows.push([
      `Peer p99 at ${PEER_CONNECTIONS} connections vs Hive Gateway's (${at})`,
      'below',
      `${g.p99BelowHive.gateway.toFixed(1)} vs ${g.p99BelowHive.hive.toFixed(1)} ms`,
      met(g.p99BelowHive.ok),
    ]);
    rows.push([`Peer CPU per request at 1 connection ÷ minimal yoga's (${at})`, '≤ 1', ratio(g.cpuVsMinimal.value), met(g.cpuVsMinimal.ok)]);
    rows.push([
      `Merged first page uncached: gateway CPU per request (${PEER_LATENCY_MS} ms upstreams, 1 connection)`,
      '≤ 4 ms',
      `${g.mergedCpu.value.toFixed(2)} ms`,
      met(g.mergedCpu.ok),
    ]);
    rows.push([`Merged first page uncached: p50 ÷ slowest upstream p50 (1 connection)`, '≤ 1.05', ratio(g.mergedRatio.value), met(g.mergedRatio.ok)]);
  } else rows.push(['Peer comparison', '', ...NOT_RUN]);
  return rows;
}

function neighbourNote(neighbours: Record<string, number>): string {
  const entries = Object.entries(neighbours).filter(([, v]) => Number.isFinite(v));
  if (!entries.length) return '';
  const busy = entries.some(([, v]) => v > 0.25);
  return `CPU taken by other processes on the machine during each phase (cores, of 2): ${entries.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}.${
    busy
      ? ' **The machine was shared during this run: figures from phases above 0.25 carry extra noise; rerun on a quiet machine before acting on small differences.**'
      : ''
  }`;
}

export function summaryMarkdown(f: AllFigures, recommendations: string): string {
  return `## Summary (\`npm run bench\` → bench/run.ts)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}; the whole run took ${int(f.seconds)} s.

${table([['goal', 'target', 'measured', 'verdict'], ...goalRows(f)])}
${f.errors.length ? `\nPhases that failed in this run: ${f.errors.map((e) => `\`${e.replace(/`/g, "'")}\``).join('; ')}.\n` : ''}
${neighbourNote(f.neighbours)}

**Method.** Everything runs on loopback in separate processes, started by bench/run.ts: the three sandbox upstreams
(src/sandbox, 10,000 seeded checkouts each, latency set per phase through the sandboxes' latency knob) in one child, the
server under test (\`createGateway\` + \`node:http\` \`createServer(app)\` on an ephemeral port, or a variant) in
another, and the load generator in a third (autocannon for closed-loop throughput; a fixed-rate open-model generator
over undici for G1, which also records how late the generator itself sent each request). Every load run checks one
answer before and after (HTTP 200, \`data\`, no \`errors\`) and counts answers carrying GraphQL \`errors\` as failed. Ratios compare figures measured side by side in this run, in alternating
blocks. The machine has 2 cores for all three processes, so absolute req/s are low and include contention; the
ratios are what the goals are about. Each section below states its own method.

${recommendations}
`;
}
