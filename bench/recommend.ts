/**
 * "What explains the distance, and what to change in src/": written from this run's profiles and rows, so every
 * number quoted is the one measured next to it, and a recommendation appears only while its cost is measurable.
 */
import type { ProfileFigures } from './cpu-profile.js';
import { ms } from './lib/stats.js';
import type { AllFigures } from './summary.js';

const pct = (v: number | undefined) => `${((v ?? 0) * 100).toFixed(0)} %`;
/** Below this share of busy CPU a cost is not worth a recommendation. */
const MATTERS = 0.03;

/** Share of busy CPU in the groups whose name starts with any prefix (V8 lists regexes as their own entries). */
function share(p: ProfileFigures | undefined, ...prefixes: string[]): number {
  if (!p) return 0;
  return Object.entries(p.summary.groupShares)
    .filter(([name]) => prefixes.some((prefix) => name.startsWith(prefix)))
    .reduce((sum, [, s]) => sum + s, 0);
}

function fnShare(p: ProfileFigures | undefined, name: string): number {
  return p?.summary.functions.filter((f) => f.name === name).reduce((sum, f) => sum + f.share, 0) ?? 0;
}

function dominates(p: ProfileFigures | undefined, label: string): string {
  if (!p) return `${label}: not profiled.`;
  const top = p.summary.groups.slice(0, 6).map((g) => `${g.name.slice(0, 30)} ${pct(g.share)}`);
  return `${label}: ${p.cpuMsPerRequest.toFixed(2)} ms of gateway CPU per merged page (${Math.round(p.rps)} req/s saturated); ${top.join(', ')}.`;
}

export function recommendations(f: AllFigures): string {
  const cached = f.profiles?.find((p) => p.name === 'cached');
  const fanOut = f.profiles?.find((p) => p.name === 'fan-out');
  const strict = f.latency?.find((v) => v.kind === 'unshared');
  const jit = f.fastPaths?.engine.find((r) => r.name.includes('jit'));
  const copy = f.fastPaths?.engine.find((r) => r.name === 'bench copy, yoga defaults');
  const jitGain = jit && copy ? jit.rps / copy.rps - 1 : Number.NaN;
  const items: string[] = [];

  const timestamps = Math.max(share(cached, 'src/instant.ts', 'RegExp: ^(\\d{4})'), share(fanOut, 'src/instant.ts', 'RegExp: ^(\\d{4})'));
  if (timestamps >= MATTERS) {
    items.push(
      `Timestamps: src/instant.ts takes ${pct(share(cached, 'src/instant.ts', 'RegExp: ^(\\d{4})'))} of the cached path and ${pct(share(fanOut, 'src/instant.ts', 'RegExp: ^(\\d{4})'))} of the fan-out path. Parse each upstream timestamp once (zod's refinement and the mapping both parse it today) and keep the \`Date\` round trip for offsets only.`,
    );
  }
  const mapping = share(cached, 'src/providers', 'src/money.ts');
  if (mapping >= MATTERS) items.push(`Mapping on the cached path: src/providers + src/money.ts ${pct(mapping)}. Cache mapped pages, not raw ones.`);
  const scrub = share(cached, 'src/security', 'RegExp: \\b([a-z]');
  if (scrub >= MATTERS)
    items.push(
      `Response scrubbing (src/security) ${pct(scrub)} of the cached path: scrub only strings that can carry upstream text (\`sources.error.message\`, error extensions).`,
    );
  const crypto = share(cached, 'node:internal/crypto');
  if (crypto >= MATTERS)
    items.push(
      `Cursor signing: node:internal/crypto ${pct(crypto)} of the cached path (one HMAC per edge, 20 per page). Reuse one keyed HMAC state per request, or sign only \`endCursor\`/\`startCursor\` eagerly and the edge cursors lazily (only when the field is selected).`,
    );
  const engine = share(cached, '@graphql-tools/executor', 'graphql', '@envelop', '@whatwg-node', 'graphql-yoga');
  if (engine >= MATTERS) {
    items.push(
      `GraphQL engine (executor, yoga, envelop, whatwg-node) ${pct(engine)} of the cached path. graphql-jit measured ${Number.isFinite(jitGain) ? `${jitGain >= 0 ? '+' : ''}${(jitGain * 100).toFixed(0)} %` : 'n/a'} req/s on the same copy (see Fast paths for whether it clears the noise floor); it is the one engine-side lever left.`,
    );
  }
  const parse = fnShare(fanOut, 'getOnce') + share(fanOut, 'node:buffer');
  const zod = share(fanOut, 'zod');
  if (fanOut && parse + zod >= MATTERS) {
    items.push(
      `Fan-out path: \`JSON.parse\` + body decoding ${pct(parse)}, zod ${pct(zod)}, GC ${pct(fanOut.summary.gcShare)}: three 100-item pages parsed and validated whole for a 20-item answer. Validate only what mapping reads (loose objects for nested parts the schema does not expose eagerly), decode the body with \`body.json()\` instead of collecting Buffers and a string.${strict ? ` At low load this work on the slowest provider's page is G1's gap: ${ms(strict.gateway.p50 - strict.upstream.p50)} ms at p50.` : ''}`,
    );
  }
  if (f.fastPaths && f.fastPaths.joinerAfterAbort !== 'ok') {
    items.push(
      `**Bug, in-flight sharing:** a request that joins a shared upstream call fails when the request that started it is cancelled by its client (\`${f.fastPaths.joinerAfterAbort.replace(/`/g, "'")}\`, see the abort probe). The shared load should run under its own deadline and be abandoned only when every waiter has gone; each waiter should race its own signal.`,
    );
  }
  const backward = f.walk?.walks.find((w) => w.direction === 'backward');
  if (backward && (backward.requestRatio > 1.1 || backward.itemRatio > 1.05)) {
    items.push(
      `Backward walks: ${backward.requestRatio.toFixed(2)} × Σ⌈nᵢ/100⌉ requests and ${backward.itemRatio.toFixed(2)} items fetched per item returned (bench/merged-walk.ts): StateSet pages forward only and each backward page is rebuilt from probes and a window read; memoising the window's pages across consecutive backward pages would bring it towards the forward figures.`,
    );
  }

  return `**What dominates (profiles below).** ${dominates(cached, 'Cached path')} ${dominates(fanOut, 'Fan-out path')}
Under load the gateway is CPU-bound long before the upstreams are, so requests queue for its event loop; that queue is
what G1's p99 and G2 measure.

**Recommendations for src/ (the lead applies them; nothing in src/ was changed by the benchmarks).**
${items.length ? items.map((t, i) => `${i + 1}. ${t}`).join('\n') : 'Nothing above the 3 % mark in this run.'}
${items.length + 1}. Keep: undici Pool per origin, yoga's parse/validation cache (on by default), ResultCache in-flight sharing (see Fast paths).
`;
}
