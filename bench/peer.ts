/**
 * Peer comparison (`npm run bench:peer`, also part of `npm run bench`): the same StateSet list query (first 20, 8
 * fields) through four servers against one StateSet sandbox answering after 40 ms, with **every request going
 * upstream on every side**: each request carries a distinct, all-matching `createdBefore` (bench/lib/load-worker.ts
 * `vary`), which reaches the upstream as `created_before`, so no server can answer one request from another's upstream
 * call; checkout-graph runs with its page cache off and no quotas.
 *
 * - the upstream itself (floor): `GET /v1/checkouts?limit=20&created_before=…` straight to the sandbox;
 * - Hive Gateway (bench/peer/hive.ts), OpenAPI source;
 * - a minimal graphql-yoga with one undici resolver (bench/peer/minimal.ts);
 * - checkout-graph `stateSetCheckouts(first: 20, filter: { createdBefore })`.
 *
 * At 1 connection: p50 and the server's CPU per request (process CPU time over the block ÷ requests it answered).
 * At 20 connections: req/s and p99. Blocks alternate between the servers (order reversed every other round).
 *
 * Also the uncached merged first page at 1 connection (all three sandboxes at 40 ms, page cache off, so every request
 * fans out): gateway CPU per request and p50 ÷ the slowest upstream's p50, each upstream timed directly with the very
 * request the gateway sends it, in the same alternating rounds.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { closedLoad, graphqlRequest, startSandboxHost, startServer, stopLoadWorker, type SandboxHandle, type ServerHandle } from './lib/children.js';
import type { LoadRequest } from './lib/load-worker.js';
import { MERGED_FIRST_PAGE } from './lib/queries.js';
import { PROVIDER_KEYS, type ProviderKey } from './lib/sandbox-host.js';
import { int, ms, ratio, summarize, unique, verdict, type Summary } from './lib/stats.js';
import { machine, table, writeSection } from './results.js';

export const PEER_LATENCY_MS = 40;
export const PEER_CONNECTIONS = 20;
const BLOCKS = 2;
const BLOCK_S = { 1: 2.5, [PEER_CONNECTIONS]: 3 } as Record<number, number>;
const VARY = '__CREATED_BEFORE__';

/** 8 fields: id, status, currency, created, updated, buyer email, first and last name. */
export const PEER_QUERY_HIVE =
  'query Peer($before: DateTime) { listCheckouts(limit: 20, created_before: $before) { data { id status currency created_at updated_at buyer { email first_name last_name } } } }';
export const PEER_QUERY_GATEWAY =
  'query Peer($before: DateTime) { stateSetCheckouts(first: 20, filter: { createdBefore: $before }) { edges { node { providerId providerStatus currency createdAt updatedAt buyer { email firstName lastName } } } } }';

type EntryKey = 'upstream' | 'hive' | 'minimal' | 'gateway' | 'merged' | `direct-${ProviderKey}`;

interface Entry {
  key: EntryKey;
  name: string;
  server: ServerHandle | null;
  request: LoadRequest;
  connections: number[];
  /** Sandboxes whose requests count as this entry's upstream requests. */
  upstreams: readonly ProviderKey[];
}

export interface PeerFigure {
  rps: number;
  latency: Summary;
  cpuMsPerRequest: number | null;
  upstreamPerRequest: number;
  failed: number;
  answered: number;
  problems: string[];
}

export interface PeerFigures {
  rows: { key: EntryKey; name: string; at: Record<number, PeerFigure> }[];
  mergedRatio: number;
  slowest: string;
}

function hiveRequest(url: string, query: string): LoadRequest {
  return { ...graphqlRequest(url, query, { before: VARY }), vary: VARY };
}

async function startEntries(sandboxes: SandboxHandle): Promise<Entry[]> {
  const stateset = sandboxes.configs.stateset!;
  const configs = sandboxes.configs;
  const [hive, minimal, gateway] = await Promise.all([
    startServer({ kind: 'hive', configs }),
    startServer({ kind: 'minimal', configs }),
    startServer({ kind: 'gateway', configs, cacheTtlMs: 0 }),
  ]);
  const both = [1, PEER_CONNECTIONS];
  return [
    {
      key: 'upstream',
      name: 'the upstream itself (floor)',
      server: null,
      request: {
        url: `${stateset.baseUrl}/checkouts?limit=20&created_before=${VARY}`,
        method: 'GET',
        headers: { authorization: `Bearer ${stateset.apiKey}`, accept: 'application/json' },
        expect: 'json',
        vary: VARY,
      },
      connections: both,
      upstreams: ['stateset'],
    },
    {
      key: 'hive',
      name: 'Hive Gateway (OpenAPI source)',
      server: hive,
      request: hiveRequest(hive.url, PEER_QUERY_HIVE),
      connections: both,
      upstreams: ['stateset'],
    },
    {
      key: 'minimal',
      name: 'minimal yoga + one undici resolver',
      server: minimal,
      request: hiveRequest(minimal.url, PEER_QUERY_HIVE),
      connections: both,
      upstreams: ['stateset'],
    },
    {
      key: 'gateway',
      name: 'checkout-graph `stateSetCheckouts`',
      server: gateway,
      request: hiveRequest(gateway.url, PEER_QUERY_GATEWAY),
      connections: both,
      upstreams: ['stateset'],
    },
    {
      key: 'merged',
      name: 'checkout-graph merged `checkouts(first: 20)`',
      server: gateway,
      request: graphqlRequest(gateway.url, MERGED_FIRST_PAGE),
      connections: [1],
      upstreams: PROVIDER_KEYS,
    },
  ];
}

/** Each upstream timed directly with the request the gateway sent it for the merged page (path, query, headers). */
async function directEntries(sandboxes: SandboxHandle, merged: Entry): Promise<Entry[]> {
  const answer = await fetch(merged.request.url, { method: 'POST', headers: merged.request.headers, body: merged.request.body ?? null });
  if (answer.status !== 200) throw new Error(`merged first page answered ${answer.status}`);
  await answer.text();
  const stats = await sandboxes.stats();
  return PROVIDER_KEYS.map((k) => {
    const last = stats[k].last;
    if (!last) throw new Error(`no request reached the ${k} sandbox`);
    return {
      key: `direct-${k}` as const,
      name: `${k} directly, the merged page's request`,
      server: null,
      request: { url: `${sandboxes.origins[k]}${last.path}${last.query ? `?${last.query}` : ''}`, method: 'GET', headers: last.headers, expect: 'json' },
      connections: [1],
      upstreams: [k],
    };
  });
}

export async function runPeer(sandboxes: SandboxHandle): Promise<PeerFigures> {
  const entries: Entry[] = [];
  await sandboxes.setLatency({ zenskar: PEER_LATENCY_MS, stateset: PEER_LATENCY_MS, lemonsqueezy: PEER_LATENCY_MS });
  try {
    console.error('[peer] starting the servers');
    entries.push(...(await startEntries(sandboxes)));
    entries.push(...(await directEntries(sandboxes, entries.find((e) => e.key === 'merged')!)));
    const totals = new Map<
      string,
      { ok: number; failed: number; answered: number; seconds: number; cpuUs: number; upstream: number; samples: number[]; problems: Set<string> }
    >();
    for (const connections of [1, PEER_CONNECTIONS]) {
      const these = entries.filter((e) => e.connections.includes(connections));
      for (let block = 0; block < BLOCKS; block++) {
        for (const entry of block % 2 === 0 ? these : [...these].reverse()) {
          const id = `${entry.key}@${connections}`;
          const total = totals.get(id) ?? { ok: 0, failed: 0, answered: 0, seconds: 0, cpuUs: 0, upstream: 0, samples: [], problems: new Set<string>() };
          totals.set(id, total);
          const before = await sandboxes.stats();
          const cpu0 = (await entry.server?.cpuUs()) ?? 0;
          console.error(`[peer] ${entry.key}, ${connections} connection(s), round ${block + 1}`);
          const run = await closedLoad({ request: entry.request, connections, durationS: BLOCK_S[connections]!, warmupS: block === 0 ? 1 : 0.3 });
          const cpu1 = (await entry.server?.cpuUs()) ?? 0;
          const after = await sandboxes.stats();
          total.ok += run.ok;
          total.failed += run.failed;
          total.answered += run.answeredTotal;
          total.seconds += run.elapsedS;
          total.cpuUs += cpu1 - cpu0;
          total.upstream += entry.upstreams.reduce((s, k) => s + after[k].requests - before[k].requests, 0);
          total.samples.push(...run.samples);
          for (const p of run.problems) total.problems.add(p);
        }
      }
    }
    const rows = entries.map((e) => ({
      key: e.key,
      name: e.name,
      at: Object.fromEntries(
        e.connections.map((c) => {
          const t = totals.get(`${e.key}@${c}`)!;
          const figure: PeerFigure = {
            rps: t.ok / t.seconds,
            latency: summarize(t.samples),
            cpuMsPerRequest: e.server ? t.cpuUs / 1000 / Math.max(1, t.answered) : null,
            upstreamPerRequest: t.upstream / Math.max(1, t.answered),
            failed: t.failed,
            answered: t.answered,
            problems: [...t.problems],
          };
          return [c, figure];
        }),
      ),
    }));
    const directs = rows.filter((r) => r.key.startsWith('direct-'));
    const slowest = directs.reduce((a, b) => (b.at[1]!.latency.p50 > a.at[1]!.latency.p50 ? b : a));
    const merged = rows.find((r) => r.key === 'merged')!;
    return { rows, mergedRatio: merged.at[1]!.latency.p50 / slowest.at[1]!.latency.p50, slowest: slowest.key.replace('direct-', '') };
  } finally {
    const servers = new Set(entries.map((e) => e.server).filter((s): s is ServerHandle => s !== null));
    for (const s of servers) await s.stop();
  }
}

export interface PeerGoals {
  p50WithinMinimal: { value: number; ok: boolean };
  rpsVsHive: { value: number; ok: boolean };
  p99BelowHive: { gateway: number; hive: number; ok: boolean };
  cpuVsMinimal: { value: number; ok: boolean };
  mergedCpu: { value: number; ok: boolean };
  mergedRatio: { value: number; ok: boolean };
}

export function peerGoals(f: PeerFigures): PeerGoals {
  const at = (key: EntryKey, c: number) => f.rows.find((r) => r.key === key)!.at[c]!;
  const g1 = at('gateway', 1);
  const m1 = at('minimal', 1);
  const g20 = at('gateway', PEER_CONNECTIONS);
  const h20 = at('hive', PEER_CONNECTIONS);
  const mergedCpu = at('merged', 1).cpuMsPerRequest ?? Number.NaN;
  return {
    p50WithinMinimal: { value: g1.latency.p50 - m1.latency.p50, ok: g1.latency.p50 - m1.latency.p50 <= 1 },
    rpsVsHive: { value: g20.rps / h20.rps, ok: g20.rps / h20.rps >= 1.3 },
    p99BelowHive: { gateway: g20.latency.p99, hive: h20.latency.p99, ok: g20.latency.p99 < h20.latency.p99 },
    cpuVsMinimal: {
      value: (g1.cpuMsPerRequest ?? Number.NaN) / (m1.cpuMsPerRequest ?? Number.NaN),
      ok: (g1.cpuMsPerRequest ?? Infinity) <= (m1.cpuMsPerRequest ?? 0),
    },
    mergedCpu: { value: mergedCpu, ok: mergedCpu <= 4 },
    mergedRatio: { value: f.mergedRatio, ok: f.mergedRatio <= 1.05 },
  };
}

export function peerMarkdown(f: PeerFigures): string {
  const goals = peerGoals(f);
  const cell = (r: PeerFigures['rows'][number], c: number, pick: (x: PeerFigure) => string) => (r.at[c] ? pick(r.at[c]!) : '—');
  const cpu = (x: PeerFigure) => (x.cpuMsPerRequest === null ? '–' : x.cpuMsPerRequest.toFixed(2));
  const problems = f.rows.flatMap((r) =>
    Object.entries(r.at)
      .filter(([, x]) => x.problems.length || x.failed)
      .map(([c, x]) => `${r.name} at ${c} connection(s): ${x.failed} failed${x.problems.length ? `; ${unique(x.problems)}` : ''}.`),
  );
  const mark = (ok: boolean) => (ok ? '✅ met' : '❌ missed');
  return `## Peers: every request upstream, StateSet first page at ${PEER_LATENCY_MS} ms (\`npm run bench:peer\`)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1/5/15 min) at the end.

**Method.** One sandbox process (10,000 checkouts per provider, every sandbox answering after ${PEER_LATENCY_MS} ms), each server in
its own process on an ephemeral loopback port, the load generator (autocannon) in a third; nothing pinned (2 cores for
all three). Same list query, 20 items, 8 fields: Hive and the minimal server \`${PEER_QUERY_HIVE}\`; checkout-graph
\`${PEER_QUERY_GATEWAY}\`. **Every request goes upstream on every side:** each request carries a distinct
\`before\` instant (counting down from 2099, so it matches every checkout) that reaches StateSet as \`created_before\`;
checkout-graph runs with its page cache off and no quotas. "Upstream requests per query" is counted at the sandbox and
confirms it. Closed loop; at 1 connection ${BLOCK_S[1]} s blocks, at ${PEER_CONNECTIONS} connections ${BLOCK_S[PEER_CONNECTIONS]} s blocks, ${BLOCKS} rounds alternating between
the servers (order reversed every other round), 1 s warm-up in the first round and 0.3 s after. CPU per request: the
server process's CPU time (user + system, \`process.cpuUsage\`) over each block ÷ the requests it answered in it.

| server | req/s, ${PEER_CONNECTIONS} connections | p99 ms, ${PEER_CONNECTIONS} connections | p50 ms, 1 connection | CPU ms per request, 1 connection | CPU ms per request, ${PEER_CONNECTIONS} connections | upstream requests per query |
| --- | --- | --- | --- | --- | --- | --- |
${f.rows
  .filter((r) => !r.key.startsWith('direct-'))
  .map(
    (r) =>
      `| ${r.name} | ${cell(r, PEER_CONNECTIONS, (x) => int(x.rps))} | ${cell(r, PEER_CONNECTIONS, (x) => ms(x.latency.p99))} | ${cell(r, 1, (x) => ms(x.latency.p50))} | ${cell(r, 1, cpu)} | ${cell(r, PEER_CONNECTIONS, cpu)} | ${cell(r, 1, (x) => ratio(x.upstreamPerRequest))} |`,
  )
  .join('\n')}

Merged first page, uncached (page cache off, 1 connection, every request fans out to the three sandboxes, each at
${PEER_LATENCY_MS} ms). Each upstream is timed directly with the exact request the gateway sends it (100-item page), in the same rounds:

${table([['upstream, direct', 'p50 ms, 1 connection'], ...f.rows.filter((r) => r.key.startsWith('direct-')).map((r) => [r.name, ms(r.at[1]!.latency.p50)])])}

| goal | target | measured | verdict |
| --- | --- | --- | --- |
| per-provider p50 at 1 connection − minimal's | ≤ 1 ms | ${goals.p50WithinMinimal.value.toFixed(1)} ms | ${mark(goals.p50WithinMinimal.ok)} |
| per-provider req/s at ${PEER_CONNECTIONS} connections ÷ Hive Gateway's | ≥ 1.3 | ${ratio(goals.rpsVsHive.value)} | ${mark(goals.rpsVsHive.ok)} |
| per-provider p99 at ${PEER_CONNECTIONS} connections below Hive Gateway's | < ${ms(goals.p99BelowHive.hive)} ms | ${ms(goals.p99BelowHive.gateway)} ms | ${mark(goals.p99BelowHive.ok)} |
| per-provider CPU per request at 1 connection ÷ minimal's | ≤ 1 | ${ratio(goals.cpuVsMinimal.value)} | ${mark(goals.cpuVsMinimal.ok)} |
| merged first page, uncached: gateway CPU per request | ≤ 4 ms | ${goals.mergedCpu.value.toFixed(2)} ms | ${mark(goals.mergedCpu.ok)} |
| merged first page p50 ÷ slowest upstream p50 (${f.slowest}), 1 connection | ≤ 1.05 | ${ratio(goals.mergedRatio.value)} | ${verdict(goals.mergedRatio.value, 1.05, 'max')} |

${problems.length ? `Failures: ${problems.join(' ')}` : 'No failed answers.'}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sandboxes = await startSandboxHost({ count: 10_000, latencyMs: { zenskar: 0, stateset: 0, lemonsqueezy: 0 } });
  try {
    const figures = await runPeer(sandboxes);
    const markdown = peerMarkdown(figures);
    console.log(markdown);
    writeSection('peer', markdown);
  } finally {
    await stopLoadWorker();
    await sandboxes.stop();
  }
}
