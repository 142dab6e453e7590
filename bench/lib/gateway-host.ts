/**
 * Child process: one server under test on an ephemeral loopback port (`node:http` `createServer(app)`), so the load
 * generator and the sandboxes never share its event loop. Started with `--expose-gc` (memory figures) and, when a
 * profile is wanted, `--cpu-prof` (written when the process exits normally on `stop`).
 *
 * Kinds:
 * - `gateway`: `createGateway` exactly as `npm start` assembles it (page cache TTL as given; 0 = off, in-flight
 *   sharing stays). `agentConnections` hands it an undici Agent instead of its own Pools (a dispatcher experiment).
 * - `unshared`: the real `createApp` over providers built without a ResultCache, so identical concurrent requests do
 *   not share one upstream call: every GraphQL request really fans out.
 * - `replica`: bench/lib/app.ts (the real app's copy with the jit / parser-cache switches).
 * - `hello`: a bare graphql-yoga hello world (`createYoga` with one field), the G2 reference.
 * - `hive`: Hive Gateway (bench/peer/hive.ts), StateSet through its OpenAPI document.
 * - `minimal`: a bare graphql-yoga with one undici resolver over StateSet (bench/peer/minimal.ts).
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import type { Config } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';
import { DEFAULT_TIMEOUTS } from '../../src/http/client.js';
import { ResultCache } from '../../src/http/cache.js';
import { createLogger } from '../../src/logger.js';
import { closeProviders, createProviders } from '../../src/providers/index.js';
import { createApp } from '../../src/yoga.js';
import { createBenchApp, type AppSwitches, type EngineCounters } from './app.js';
import { profilerClockUs } from './profile.js';
import { childArgs, serve } from './proc.js';

export type ServerKind = 'gateway' | 'unshared' | 'replica' | 'hello' | 'hive' | 'minimal';

export interface GatewayHostArgs {
  kind: ServerKind;
  configs: Pick<Config, 'zenskar' | 'stateset' | 'lemonsqueezy'>;
  cacheTtlMs?: number;
  agentConnections?: number;
  switches?: AppSwitches;
}

export interface MemorySample {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** peakStop only: most requests in flight at once since peakStart. */
  inFlightPeak?: number;
}

const CURSOR_SECRET = 'bench-cursor-secret-bench-cursor-secret-0123';
const args = childArgs<GatewayHostArgs>();
const logger = createLogger('silent');
const base = {
  ...args.configs,
  cursorSecret: CURSOR_SECRET,
  cacheTtlMs: args.cacheTtlMs ?? 0,
  cacheMaxEntries: 100_000,
  maxScanPages: 10,
  timeouts: DEFAULT_TIMEOUTS,
};
const credentials = [args.configs.zenskar?.apiKey, args.configs.stateset?.apiKey, args.configs.lemonsqueezy?.apiKey, CURSOR_SECRET];
const identifiers = [args.configs.zenskar?.organisation];
const counters: EngineCounters = { parses: 0, validations: 0 };
let cache: ResultCache | null = null;
let closeApp: () => Promise<void> = async () => {};

async function build(): Promise<RequestListener> {
  switch (args.kind) {
    case 'gateway': {
      const agent = args.agentConnections
        ? new Agent({
            connections: args.agentConnections,
            keepAliveTimeout: 30_000,
            connectTimeout: DEFAULT_TIMEOUTS.connectMs,
            headersTimeout: DEFAULT_TIMEOUTS.headersMs,
            bodyTimeout: DEFAULT_TIMEOUTS.bodyMs,
          })
        : null;
      const gateway = createGateway(base, logger, agent ? { dispatcher: agent } : {});
      cache = gateway.cache;
      closeApp = async () => {
        await gateway.close();
        await agent?.close();
      };
      return gateway.app as unknown as RequestListener;
    }
    case 'unshared':
    case 'replica': {
      cache = args.kind === 'replica' && base.cacheTtlMs > 0 ? new ResultCache({ ttlMs: base.cacheTtlMs, maxEntries: base.cacheMaxEntries }) : null;
      const providers = createProviders(base, { timeouts: base.timeouts, ...(cache ? { cache } : {}) });
      const deps = { providers, cursorSecret: Buffer.from(CURSOR_SECRET, 'utf8'), maxScanPages: base.maxScanPages, logger };
      closeApp = () => closeProviders(providers);
      const app =
        args.kind === 'unshared'
          ? createApp(deps, { credentials, privateIdentifiers: identifiers })
          : createBenchApp(deps, credentials, identifiers, args.switches ?? {}, counters);
      return app as unknown as RequestListener;
    }
    case 'hello': {
      const { createSchema, createYoga } = await import('graphql-yoga');
      const yoga = createYoga({
        schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
      });
      return yoga as unknown as RequestListener;
    }
    case 'hive': {
      const { createHiveGateway } = await import('../peer/hive.js');
      if (!args.configs.stateset) throw new Error('the Hive Gateway peer needs the StateSet sandbox');
      const hive = await createHiveGateway(args.configs.stateset);
      closeApp = hive.close;
      return hive.handler;
    }
    case 'minimal': {
      const { createMinimalGateway } = await import('../peer/minimal.js');
      if (!args.configs.stateset) throw new Error('the minimal peer needs the StateSet sandbox');
      const minimal = createMinimalGateway(args.configs.stateset);
      closeApp = minimal.close;
      return minimal.handler;
    }
  }
}

function memory(): MemorySample {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}

const gc = (globalThis as { gc?: () => void }).gc;
const handler = await build();
// Requests being served right now (G5 needs to know that 1,000 really are in flight), and the most at once.
let inFlight = 0;
let inFlightPeak = 0;
const server = createServer((req, res) => {
  inFlight++;
  inFlightPeak = Math.max(inFlightPeak, inFlight);
  res.once('close', () => inFlight--);
  handler(req, res);
});
server.keepAliveTimeout = 65_000;
// A deep accept queue: 1,000 connections opened at once must not be dropped and retried a second later.
await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => resolve()));
const { port } = server.address() as AddressInfo;

let sampler: NodeJS.Timeout | null = null;
let peak: MemorySample = memory();

serve(
  { url: `http://127.0.0.1:${port}/graphql`, pid: process.pid },
  {
    memory: () => memory(),
    /** CPU time this process has used so far (user + system), in microseconds: per-request CPU from two readings. */
    cpu: () => {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
    clock: () => profilerClockUs(),
    /** Full collections (several, with pauses, so finalisers and freed sockets are collected), then a sample. */
    settle: async (params: { rounds?: number } = {}) => {
      if (!gc) throw new Error('start the host with --expose-gc');
      for (let i = 0; i < (params.rounds ?? 4); i++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return memory();
    },
    /** Samples RSS every 10 ms until `peakStop`, keeping the highest. */
    peakStart: () => {
      peak = memory();
      inFlightPeak = inFlight;
      sampler = setInterval(() => {
        const now = memory();
        if (now.rss > peak.rss) peak = now;
      }, 10);
      return true;
    },
    peakStop: () => {
      if (sampler) clearInterval(sampler);
      sampler = null;
      return { ...peak, inFlightPeak };
    },
    counters: () => ({ ...counters, cacheHits: cache?.hits ?? null, cacheLoads: cache?.loads ?? null }),
  },
  async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeApp();
  },
);
