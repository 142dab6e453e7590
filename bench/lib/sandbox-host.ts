/**
 * Child process: the three sandbox upstreams (src/sandbox/start-all.ts) with their latency knob, answering for
 * counters. Upstream CPU (serialising 100-item pages) is kept off the gateway's event loop this way.
 *
 * The harness keeps every request in `log` (headers included); under load that grows without bound, so answered
 * entries are folded into counters every 250 ms and dropped. Pending entries stay: their `items` is set on answer.
 */
import { startSandboxes } from '../../src/sandbox/start-all.js';
import type { RunningSandbox } from '../../src/sandbox/harness.js';
import { childArgs, serve } from './proc.js';

export type ProviderKey = 'zenskar' | 'stateset' | 'lemonsqueezy';
export const PROVIDER_KEYS: readonly ProviderKey[] = ['zenskar', 'stateset', 'lemonsqueezy'];

export interface SandboxHostArgs {
  count: number;
  latencyMs: Record<ProviderKey, number>;
  /** Rate limits the sandboxes enforce and declare (StateSet, Lemon Squeezy). */
  rateLimits?: { stateset?: { limit: number; windowMs: number }; lemonsqueezy?: { limit: number; windowMs: number } };
}

export interface UpstreamCounters {
  /** Requests answered. */
  requests: number;
  /** Items in the answers' top-level lists. */
  items: number;
  /** Requests answered per path and status, e.g. `GET /v1/checkouts 200`. */
  paths: Record<string, number>;
  /** TCP connections accepted since start. */
  connections: number;
  /** The last request answered: path, query and headers (so a benchmark can replay exactly what the gateway sends). */
  last: { path: string; query: string; headers: Record<string, string> } | null;
}

export type SandboxStats = Record<ProviderKey, UpstreamCounters>;

const args = childArgs<SandboxHostArgs>();
const sandboxes = await startSandboxes({ count: args.count, latencyMs: args.latencyMs, ...(args.rateLimits ? { rateLimits: args.rateLimits } : {}) });
const running: Record<ProviderKey, RunningSandbox> = {
  zenskar: sandboxes.zenskar,
  stateset: sandboxes.stateset,
  lemonsqueezy: sandboxes.lemonsqueezy,
};
const counters = Object.fromEntries(PROVIDER_KEYS.map((k) => [k, { requests: 0, items: 0, paths: {}, connections: 0, last: null }])) as unknown as SandboxStats;

function fold(): SandboxStats {
  for (const key of PROVIDER_KEYS) {
    const sandbox = running[key];
    const counter = counters[key];
    const pending = [];
    for (const request of sandbox.log) {
      if (request.status === undefined) {
        pending.push(request);
        continue;
      }
      counter.requests++;
      counter.items += request.items ?? 0;
      const route = `${request.method} ${request.path} ${request.status}`;
      counter.paths[route] = (counter.paths[route] ?? 0) + 1;
      counter.last = {
        path: request.path,
        query: request.query.toString(),
        headers: Object.fromEntries(Object.entries(request.headers).filter((e): e is [string, string] => typeof e[1] === 'string')),
      };
    }
    sandbox.log.splice(0, sandbox.log.length, ...pending);
    counter.connections = sandbox.connections;
  }
  return structuredClone(counters);
}

const folding = setInterval(fold, 250);

serve(
  { configs: sandboxes.configs, origins: Object.fromEntries(PROVIDER_KEYS.map((k) => [k, running[k].origin])) },
  {
    stats: () => fold(),
    setLatency: (latency: Partial<Record<ProviderKey, number>>) => {
      for (const key of PROVIDER_KEYS) if (latency[key] !== undefined) running[key].knobs.latencyMs = latency[key] as number;
      return true;
    },
  },
  async () => {
    clearInterval(folding);
    await sandboxes.close();
  },
);
