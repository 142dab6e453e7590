/**
 * The orchestrator's handles on its child processes: the sandboxes, a server under test, and one load generator
 * shared by the whole run (started on first use, stopped by `stopLoadWorker`).
 */
import type { Config } from '../../src/config.js';
import type { GatewayHostArgs, MemorySample } from './gateway-host.js';
import type { LoadRequest, LoadResult } from './load-worker.js';
import { startChild, type Child } from './proc.js';
import { MERGED_FIRST_PAGE, MERGED_NEXT_PAGE } from './queries.js';
import type { ProviderKey, SandboxHostArgs, SandboxStats } from './sandbox-host.js';

export type Configs = Pick<Config, 'zenskar' | 'stateset' | 'lemonsqueezy'>;

export interface SandboxHandle {
  configs: Configs;
  origins: Record<ProviderKey, string>;
  stats(): Promise<SandboxStats>;
  setLatency(latency: Partial<Record<ProviderKey, number>>): Promise<void>;
  stop(): Promise<void>;
}

export async function startSandboxHost(args: SandboxHostArgs): Promise<SandboxHandle> {
  const child = await startChild<{ configs: Configs; origins: Record<ProviderKey, string> }>(new URL('./sandbox-host.ts', import.meta.url), args);
  return {
    ...child.ready,
    stats: () => child.call<SandboxStats>('stats'),
    setLatency: async (latency) => {
      await child.call('setLatency', latency);
    },
    stop: () => child.stop(),
  };
}

export interface ServerHandle {
  url: string;
  pid: number;
  call<T>(method: string, params?: unknown): Promise<T>;
  memory(): Promise<MemorySample>;
  /** CPU the server process has used so far (user + system), in microseconds. */
  cpuUs(): Promise<number>;
  stop(): Promise<void>;
}

export async function startServer(args: GatewayHostArgs, options: { cpuProfDir?: string } = {}): Promise<ServerHandle> {
  const nodeFlags = ['--expose-gc', ...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [])];
  const child: Child<{ url: string; pid: number }> = await startChild(new URL('./gateway-host.ts', import.meta.url), args, { nodeFlags });
  return {
    url: child.ready.url,
    pid: child.ready.pid,
    call: (method, params) => child.call(method, params),
    memory: () => child.call<MemorySample>('memory'),
    cpuUs: () => child.call<number>('cpu'),
    stop: () => child.stop(),
  };
}

let loadWorker: Promise<Child<{ pid: number }>> | null = null;

function worker(): Promise<Child<{ pid: number }>> {
  loadWorker ??= startChild<{ pid: number }>(new URL('./load-worker.ts', import.meta.url), {});
  return loadWorker;
}

export async function stopLoadWorker(): Promise<void> {
  if (loadWorker) await (await loadWorker).stop();
  loadWorker = null;
}

/** Closed model (autocannon): `connections` requests always in flight. */
export async function closedLoad(params: { request: LoadRequest; connections: number; durationS: number; warmupS?: number }): Promise<LoadResult> {
  return (await worker()).call<LoadResult>('closed', params);
}

/** Closed model over undici: `concurrency` requests always in flight, each loop on its own connection. */
export async function concurrentLoad(params: { request: LoadRequest; concurrency: number; durationS: number }): Promise<LoadResult> {
  return (await worker()).call<LoadResult>('concurrent', params);
}

/** Open model: a fixed arrival rate; latency from each request's due time. */
export async function openLoad(params: {
  request: LoadRequest;
  rate: number;
  durationS: number;
  warmupS?: number;
  maxConnections?: number;
}): Promise<LoadResult> {
  return (await worker()).call<LoadResult>('open', { maxConnections: 256, ...params });
}

/**
 * The merged second page as a request (MERGED_NEXT_PAGE with the first page's endCursor): reading the first page also
 * fills the page cache, so with the cache on every later request is answered from it.
 */
export async function mergedNextPageRequest(url: string): Promise<LoadRequest> {
  const first = graphqlRequest(url, MERGED_FIRST_PAGE);
  const response = await fetch(url, { method: 'POST', headers: first.headers, body: first.body ?? null });
  const body = (await response.json()) as { data?: { checkouts?: { pageInfo?: { endCursor?: string } } } };
  const after = body.data?.checkouts?.pageInfo?.endCursor;
  if (!after) throw new Error(`the merged first page gave no endCursor: ${JSON.stringify(body).slice(0, 200)}`);
  return graphqlRequest(url, MERGED_NEXT_PAGE, { after });
}

/** A GraphQL POST as a client sends it. */
export function graphqlRequest(url: string, query: string, variables?: Record<string, unknown>): LoadRequest {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(variables ? { query, variables } : { query }),
  };
}
