/**
 * CPU profiles (`node --cpu-prof`) of the gateway process serving the merged first page under saturating load:
 *
 * - `cached`: createGateway with warm upstream pages (the G2 path: gateway CPU only);
 * - `fan-out`: every request goes upstream (the G1 path, providers without ResultCache, upstreams 20/40/60 ms).
 *
 * Only the samples taken while the load ran are counted (the profiled process stamps the window on the profiler's
 * clock), so start-up compilation does not pollute the table. The .cpuprofile files stay in the OS temp directory
 * for anyone who wants to open them in Chrome DevTools.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoad, graphqlRequest, mergedNextPageRequest, startServer, type SandboxHandle } from './lib/children.js';
import type { GatewayHostArgs } from './lib/gateway-host.js';
import { summarizeProfile, type ProfileSummary } from './lib/profile.js';
import { MERGED_FIRST_PAGE } from './lib/queries.js';
import { G1_LATENCY } from './latency.js';

export const PROFILE_DIR = join(tmpdir(), 'checkout-graph-bench-profiles');
const SECONDS = 6;

export interface ProfileFigures {
  name: string;
  file: string;
  rps: number;
  /** Busy (non-idle) CPU milliseconds of the gateway process per answered request. */
  cpuMsPerRequest: number;
  summary: ProfileSummary;
}

export async function profileOne(sandboxes: SandboxHandle, name: string, args: Omit<GatewayHostArgs, 'configs'>): Promise<ProfileFigures> {
  const dir = join(PROFILE_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServer({ ...args, configs: sandboxes.configs }, { cpuProfDir: dir });
  // With the cache on, the second page: a first page always goes upstream (README "Freshness").
  const request = args.cacheTtlMs ? await mergedNextPageRequest(server.url) : graphqlRequest(server.url, MERGED_FIRST_PAGE);
  let rps = 0;
  let ok = 0;
  let window: { fromUs: number; toUs: number };
  try {
    await closedLoad({ request, connections: 16, durationS: 2 });
    const fromUs = await server.call<number>('clock');
    const run = await closedLoad({ request, connections: 16, durationS: SECONDS });
    window = { fromUs, toUs: await server.call<number>('clock') };
    rps = run.rps;
    ok = run.ok;
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const summary = summarizeProfile(join(dir, file), 12, window);
  return { name, file: join(dir, file), rps, cpuMsPerRequest: (summary.totalMs * (1 - summary.idleShare)) / Math.max(1, ok), summary };
}

export async function runProfiles(sandboxes: SandboxHandle): Promise<ProfileFigures[]> {
  await sandboxes.setLatency(G1_LATENCY);
  return [await profileOne(sandboxes, 'cached', { kind: 'gateway', cacheTtlMs: 300_000 }), await profileOne(sandboxes, 'fan-out', { kind: 'unshared' })];
}
