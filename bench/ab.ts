/**
 * A/B of this checkout against another commit, side by side in one run (`AB_BASE=<commit> npx tsx bench/ab.ts`): the
 * other commit's src/ and bench/ are extracted (git archive) into `.ab-base/` in this checkout (untracked, removed
 * afterwards; it resolves node_modules from here), and each side's gateway runs in its own process from its own code.
 *
 * 1. G2 setting: merged second page from warm upstream pages (page cache on), bare yoga hello world alongside; closed
 *    loop, 16 connections, blocks alternating (order reversed every other round).
 * 2. Peer setting: `stateSetCheckouts` with a distinct `createdBefore` per request (every request upstream, sandbox at
 *    40 ms, page cache off) at 1 connection, beside the minimal yoga + undici server.
 * Reported per server: req/s, p50, and the server process's CPU per answered request (process.cpuUsage over its blocks).
 */
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closedLoad, graphqlRequest, mergedNextPageRequest, startSandboxHost, startServer, stopLoadWorker, type ServerHandle } from './lib/children.js';
import type { LoadRequest } from './lib/load-worker.js';
import { HELLO } from './lib/queries.js';
import { summarize } from './lib/stats.js';
import { PEER_QUERY_GATEWAY, PEER_QUERY_HIVE } from './peer.js';

const base = process.env.AB_BASE;
if (!base) throw new Error('set AB_BASE to the commit to compare with');
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = `${root}.ab-base`;
rmSync(dir, { recursive: true, force: true });
execSync(`mkdir -p ${dir} && git archive ${base} src bench | tar -x -C ${dir}`, { cwd: root });
const baseChildren = (await import(`${dir}/bench/lib/children.ts`)) as typeof import('./lib/children.js');

interface Entry {
  name: string;
  server: ServerHandle;
  request: LoadRequest;
}

async function run(entries: Entry[], connections: number, blockS: number, blocks: number) {
  const totals = new Map(entries.map((e) => [e.name, { ok: 0, seconds: 0, cpuUs: 0, answered: 0, failed: 0, samples: [] as number[] }]));
  for (let block = 0; block < blocks; block++) {
    for (const entry of block % 2 === 0 ? entries : [...entries].reverse()) {
      const cpu0 = await entry.server.cpuUs();
      const r = await closedLoad({ request: entry.request, connections, durationS: blockS, warmupS: block === 0 ? 1.5 : 0.3 });
      const cpu1 = await entry.server.cpuUs();
      const t = totals.get(entry.name)!;
      t.ok += r.ok;
      t.failed += r.failed;
      t.seconds += r.elapsedS;
      t.answered += r.answeredTotal;
      t.cpuUs += cpu1 - cpu0;
      t.samples.push(...r.samples);
    }
  }
  for (const [name, t] of totals) {
    const s = summarize(t.samples);
    console.log(
      `| ${name} | ${(t.ok / t.seconds).toFixed(0)} | ${s.p50.toFixed(1)} | ${(t.cpuUs / 1000 / Math.max(1, t.answered)).toFixed(3)} | ${t.failed} |`,
    );
  }
}

const sandboxes = await startSandboxHost({ count: 10_000, latencyMs: { zenskar: 0, stateset: 0, lemonsqueezy: 0 } });
const servers: ServerHandle[] = [];
try {
  const configs = sandboxes.configs;
  const hello = await startServer({ kind: 'hello', configs });
  const cachedNew = await startServer({ kind: 'gateway', configs, cacheTtlMs: 300_000 });
  const cachedBase = await baseChildren.startServer({ kind: 'gateway', configs, cacheTtlMs: 300_000 });
  servers.push(hello, cachedNew, cachedBase);
  console.log(
    `\nG2 setting (16 connections, 4 × 4 s blocks per server), base ${base}\n\n| server | req/s | p50 ms | CPU ms / request | failed |\n| --- | --- | --- | --- | --- |`,
  );
  await run(
    [
      { name: 'hello world', server: hello, request: graphqlRequest(hello.url, HELLO) },
      { name: 'this checkout', server: cachedNew, request: await mergedNextPageRequest(cachedNew.url) },
      { name: `base ${base}`, server: cachedBase, request: await mergedNextPageRequest(cachedBase.url) },
    ],
    16,
    4,
    4,
  );
  await sandboxes.setLatency({ zenskar: 40, stateset: 40, lemonsqueezy: 40 });
  const minimal = await startServer({ kind: 'minimal', configs });
  const peerNew = await startServer({ kind: 'gateway', configs, cacheTtlMs: 0 });
  const peerBase = await baseChildren.startServer({ kind: 'gateway', configs, cacheTtlMs: 0 });
  servers.push(minimal, peerNew, peerBase);
  const VARY = '__CREATED_BEFORE__';
  const vary = (url: string, query: string): LoadRequest => ({ ...graphqlRequest(url, query, { before: VARY }), vary: VARY });
  console.log(
    `\nPeer setting (1 connection, StateSet at 40 ms, every request upstream, 4 × 3 s blocks per server)\n\n| server | req/s | p50 ms | CPU ms / request | failed |\n| --- | --- | --- | --- | --- |`,
  );
  await run(
    [
      { name: 'minimal yoga + undici', server: minimal, request: vary(minimal.url, PEER_QUERY_HIVE) },
      { name: 'this checkout', server: peerNew, request: vary(peerNew.url, PEER_QUERY_GATEWAY) },
      { name: `base ${base}`, server: peerBase, request: vary(peerBase.url, PEER_QUERY_GATEWAY) },
    ],
    1,
    3,
    4,
  );
} finally {
  for (const s of servers) await s.stop().catch(() => {});
  await stopLoadWorker();
  await sandboxes.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
