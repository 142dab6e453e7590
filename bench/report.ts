/** Markdown for the fast-path and profile sections of bench/RESULTS.md. */
import type { ProfileFigures } from './cpu-profile.js';
import { FAST_PATH_METHOD, type FastPathFigures, type Row } from './fastpaths.js';
import { int, ms, ratio, unique } from './lib/stats.js';
import { table } from './results.js';

const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;

function rows(list: Row[], withUpstream: boolean): (string | number)[][] {
  const base = list[0] as Row;
  return list.map((r) => [
    r.name,
    int(r.rps),
    r === base ? '—' : pct(r.rps / base.rps - 1),
    ms(r.latency.p50),
    ms(r.latency.p99),
    ...(withUpstream ? [ratio(r.upstreamPerRequest)] : []),
    r.failed,
  ]);
}

function problems(list: Row[]): string {
  const lines = list.filter((r) => r.problems.length).map((r) => `Failed answers (${r.name}): ${unique(r.problems)}.`);
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

/** Keep a fast path when it buys at least this much throughput. */
export const WORTH_IT = 0.05;

export function fastPathsMarkdown(f: FastPathFigures): string {
  const [real, copy, noCache, jit] = f.engine as [Row, Row, Row, Row];
  const jitGain = jit.rps / copy.rps - 1;
  const [shared, unshared] = f.sharing as [Row, Row];
  const [pool, agent] = f.dispatcher as [Row, Row];
  const agentGain = agent.rps / pool.rps - 1;
  // The copy does createGateway's work (less yoga's logger hooks): their gap is this table's noise floor.
  const noise = Math.abs(copy.rps / real.rps - 1);
  const bar = Math.max(WORTH_IT, noise);
  const jitAdvice =
    jitGain >= bar && f.jitIdentical
      ? 'Worth adopting (it also serialises results with a compiled stringifier instead of JSON.stringify).'
      : `Below the ${(bar * 100).toFixed(0)} % bar (noise floor or 5 %, whichever is higher): not worth a dependency and a second executor; execution is not where the time goes (see the profile).`;
  const cacheOn = f.counters.parses <= 2 && f.counters.validations <= 2;
  const cacheVerdict = cacheOn ? 'on by default, confirmed' : '**not effective here**';
  const agentAdvice =
    Math.abs(agentGain) < bar
      ? `No difference beyond noise (${pct(agentGain)}): keep the Pool per origin (already used).`
      : `${pct(agentGain)} with the Agent; ${agentGain > 0 ? 'worth a look' : 'keep the Pool per origin (already used)'}.`;
  return `## Fast paths (measured side by side; closed loop, ${FAST_PATH_METHOD.connections} connections, ${FAST_PATH_METHOD.blocks} × ${FAST_PATH_METHOD.blockS} s blocks per server, alternating)

### Engine: page cache on and warm, so the rows differ only in gateway CPU

${table([['server', 'req/s', 'vs first row', 'p50 (ms)', 'p99 (ms)', 'failed'], ...rows(f.engine, false)])}
${problems(f.engine)}
- **yoga parse/validation cache: ${cacheVerdict}.** Over ${int(f.counters.requests)} requests of one document the
  bench copy parsed it ${f.counters.parses} time(s) and validated it ${f.counters.validations} time(s) (counted by wrapping
  \`parse\`/\`validate\` behind the cache, after the security plugins). Turned off: ${pct(noCache.rps / copy.rps - 1)} req/s.
  Keep the default.
- **graphql-jit (\`@envelop/graphql-jit\`): ${pct(jitGain)} req/s** over the same copy; answers byte-identical to
  \`createGateway\`'s: ${f.jitIdentical ? 'yes' : '**no**'}. ${jitAdvice}
- Noise floor: the bench copy with yoga defaults does \`createGateway\`'s work (less yoga's logger hooks) and measured
  ${pct(copy.rps / real.rps - 1)} apart from it; differences smaller than that are not findings on this machine.

### One in-flight request for identical upstream requests (ResultCache), page cache off, upstreams 20/40/60 ms

${table([['server', 'req/s', 'vs first row', 'p50 (ms)', 'p99 (ms)', 'upstream requests per query', 'failed'], ...rows(f.sharing, true)])}
${problems(f.sharing)}
Sharing turns ${ratio(unshared.upstreamPerRequest)} upstream requests per query into ${ratio(shared.upstreamPerRequest)} under
this load and gives ${pct(shared.rps / unshared.rps - 1)} req/s: it exists and pays; keep it.

Abort probe: request A starts a StateSet call (upstream at 500 ms), B asks for the same page 50 ms later and joins the
call, then A's client disconnects. B got: ${f.joinerAfterAbort === 'ok' ? '**its page** ✅' : `**\`${f.joinerAfterAbort.replace(/`/g, "'")}\`** ❌: the shared call runs under the signal of the request that started it, so one client going away fails every request that joined it (under load, each client disconnect turns into UPSTREAM_TIMEOUT answers for others)`}.

### Dispatcher: undici Pool per origin vs an undici Agent (same setting)

${table([['server', 'req/s', 'vs first row', 'p50 (ms)', 'p99 (ms)', 'upstream requests per query', 'failed'], ...rows(f.dispatcher, true)])}
${problems(f.dispatcher)}
${agentAdvice}
`;
}

export function profileMarkdown(profiles: ProfileFigures[]): string {
  const parts = profiles.map((p) => {
    const fnTable = table([
      ['function (self time)', 'where', 'ms', 'share of busy CPU'],
      ...p.summary.functions.map((f) => [
        `\`${f.name.replace(/\|/g, '\\|').slice(0, 60)}\``,
        f.where.replace(/\|/g, '\\|'),
        f.ms.toFixed(0),
        `${(f.share * 100).toFixed(1)} %`,
      ]),
    ]);
    const groups = p.summary.groups
      .slice(0, 10)
      .map((g) => `${g.name.replace(/\|/g, '\\|').slice(0, 40)} ${(g.share * 100).toFixed(1)} %`)
      .join(', ');
    return `### ${p.name}: ${int(p.rps)} req/s, ${p.cpuMsPerRequest.toFixed(2)} ms of gateway CPU per request, GC ${(p.summary.gcShare * 100).toFixed(1)} %

${fnTable}

By module: ${groups}.`;
  });
  return `## CPU profile of the merged first page under load (\`node --cpu-prof\`)

Gateway process profiled with \`--cpu-prof\` while 16 connections kept it saturated for 6 s; only samples inside the load
window are counted. "cached": \`createGateway\`, warm page cache (the G2 path). "fan-out": every request goes upstream
(the G1 path; upstreams 20/40/60 ms). V8 charges built-ins such as \`JSON.parse\` to the calling function (\`getOnce\`
in src/http/client.ts parses upstream bodies). Profiles: ${profiles.map((p) => `\`${p.file}\``).join(', ')}.

${parts.join('\n\n')}
`;
}
