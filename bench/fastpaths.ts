/**
 * Fast paths, each measured against the current assembly in alternating closed-loop blocks (16 connections, 3 × 3 s
 * per server, order reversed every other block):
 *
 * 1. Engine (page cache on and warm, so only gateway CPU counts): the real `createGateway`; its bench-local copy with
 *    yoga defaults (drift check); the copy without yoga's parse/validation cache; the copy with graphql-jit. The copy
 *    counts real parses and validations, confirming the cache is on and works under the security plugins, and the
 *    jit answer is compared with the real one byte for byte.
 * 2. In-flight sharing (page cache off, upstreams 20/40/60 ms): `createGateway` TTL 0 (identical concurrent upstream
 *    requests share one call, ResultCache) against the same app over providers without it.
 * 3. Dispatcher (same setting as 2): the gateway's own undici Pool per origin (32 connections) against one undici
 *    Agent with 128 connections per origin handed in through `createGateway`'s `dispatcher`.
 */
import { graphqlRequest, mergedNextPageRequest, startServer, type SandboxHandle, type ServerHandle } from './lib/children.js';
import type { GatewayHostArgs } from './lib/gateway-host.js';
import { MERGED_FIRST_PAGE, STATESET_FIRST_PAGE } from './lib/queries.js';
import { PROVIDER_KEYS } from './lib/sandbox-host.js';
import type { Summary } from './lib/stats.js';
import { G1_LATENCY } from './latency.js';
import { alternate } from './throughput.js';

const CONNECTIONS = 16;
const BLOCK_S = 3;
const BLOCKS = 3;

export interface Row {
  name: string;
  rps: number;
  latency: Summary;
  failed: number;
  answered: number;
  problems: string[];
  /** Upstream requests per GraphQL request while this row was measured. */
  upstreamPerRequest: number;
}

export interface FastPathFigures {
  engine: Row[];
  counters: { requests: number; parses: number; validations: number };
  jitIdentical: boolean;
  sharing: Row[];
  /** What a request that joined a shared upstream call got when the caller that started it disconnected. */
  joinerAfterAbort: string;
  dispatcher: Row[];
}

/**
 * Request A starts a StateSet call (upstream at 500 ms), B asks the same 50 ms later and joins it, then A's client
 * disconnects. B should still get its page: the call it waits on is not A's alone.
 */
async function abortProbe(sandboxes: SandboxHandle, url: string): Promise<string> {
  await sandboxes.setLatency({ stateset: 500 });
  try {
    const request = graphqlRequest(url, STATESET_FIRST_PAGE);
    const send = (signal?: AbortSignal) => fetch(url, { method: 'POST', headers: request.headers, body: request.body ?? null, ...(signal ? { signal } : {}) });
    const first = new AbortController();
    const a = send(first.signal).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const b = send().then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 100));
    first.abort();
    await a;
    const body = JSON.parse(await b) as { data?: unknown; errors?: { extensions?: { code?: string }; message?: string }[] };
    const error = body.errors?.[0];
    return error ? `${error.extensions?.code ?? 'error'}: ${error.message ?? ''}` : 'ok';
  } finally {
    await sandboxes.setLatency(G1_LATENCY);
  }
}

async function answer(url: string): Promise<string> {
  const r = graphqlRequest(url, MERGED_FIRST_PAGE);
  const response = await fetch(url, { method: 'POST', headers: r.headers, body: r.body ?? null });
  return response.text();
}

/** Starts the servers, runs alternating blocks, and counts upstream requests per row. */
async function compare(sandboxes: SandboxHandle, variants: { name: string; args: Omit<GatewayHostArgs, 'configs'> }[], warm: boolean) {
  const servers: ServerHandle[] = [];
  try {
    for (const v of variants) servers.push(await startServer({ ...v.args, configs: sandboxes.configs }));
    if (warm) for (const s of servers) await answer(s.url);
    const upstream = new Map<string, number>();
    let mark = await sandboxes.stats();
    // Warm (cache on): the second page, as a first page always goes upstream (README "Freshness").
    const entries = await Promise.all(
      variants.map(async (v, i) => {
        const url = (servers[i] as ServerHandle).url;
        return { name: v.name, request: warm ? await mergedNextPageRequest(url) : graphqlRequest(url, MERGED_FIRST_PAGE) };
      }),
    );
    const result = await alternate(entries, {
      connections: CONNECTIONS,
      blockS: BLOCK_S,
      blocks: BLOCKS,
      between: async (name) => {
        const now = await sandboxes.stats();
        upstream.set(name, (upstream.get(name) ?? 0) + PROVIDER_KEYS.reduce((s, k) => s + now[k].requests - mark[k].requests, 0));
        mark = now;
      },
    });
    const rows: Row[] = variants.map((v) => {
      const r = result[v.name]!;
      return { name: v.name, ...r, upstreamPerRequest: (upstream.get(v.name) ?? 0) / Math.max(1, r.answered) };
    });
    return { rows, servers };
  } catch (err) {
    for (const s of servers) await s.stop();
    throw err;
  }
}

export const FAST_PATH_METHOD = { connections: CONNECTIONS, blockS: BLOCK_S, blocks: BLOCKS };

export async function runFastPaths(sandboxes: SandboxHandle): Promise<FastPathFigures> {
  await sandboxes.setLatency(G1_LATENCY);
  const cacheOn = { cacheTtlMs: 300_000 };
  const engine = await compare(
    sandboxes,
    [
      { name: 'createGateway (yoga defaults)', args: { kind: 'gateway', ...cacheOn } },
      { name: 'bench copy, yoga defaults', args: { kind: 'replica', ...cacheOn, switches: {} } },
      { name: 'bench copy, parse/validation cache off', args: { kind: 'replica', ...cacheOn, switches: { parserCache: false } } },
      { name: 'bench copy + graphql-jit', args: { kind: 'replica', ...cacheOn, switches: { jit: true } } },
    ],
    true,
  );
  const [real, copy, , jit] = engine.servers as [ServerHandle, ServerHandle, ServerHandle, ServerHandle];
  const jitIdentical = (await answer(jit.url)) === (await answer(real.url));
  const counted = await copy.call<{ parses: number; validations: number }>('counters');
  const copyRow = engine.rows[1] as Row;
  const counters = { requests: copyRow.answered + 1, parses: counted.parses, validations: counted.validations };
  for (const s of engine.servers) await s.stop();

  const sharing = await compare(
    sandboxes,
    [
      { name: 'ResultCache in-flight sharing (createGateway, TTL 0)', args: { kind: 'gateway', cacheTtlMs: 0 } },
      { name: 'no sharing (providers without ResultCache)', args: { kind: 'unshared' } },
    ],
    false,
  );
  const joinerAfterAbort = await abortProbe(sandboxes, (sharing.servers[0] as ServerHandle).url);
  for (const s of sharing.servers) await s.stop();

  const dispatcher = await compare(
    sandboxes,
    [
      { name: 'undici Pool per origin, 32 connections (current)', args: { kind: 'gateway', cacheTtlMs: 0 } },
      { name: 'undici Agent, 128 connections per origin', args: { kind: 'gateway', cacheTtlMs: 0, agentConnections: 128 } },
    ],
    false,
  );
  for (const s of dispatcher.servers) await s.stop();
  return { engine: engine.rows, counters, jitIdentical, sharing: sharing.rows, joinerAfterAbort, dispatcher: dispatcher.rows };
}
