/**
 * Child process for the observability cost benchmark: four gateways built by `createGateway` over the same sandboxes
 * behind one port, and a `mode` call that picks which one answers — neither, metrics, tracing, or both. Tracing modes
 * register the OpenTelemetry SDK (OTLP/HTTP to the given endpoint, batch processor, default sampler: every trace);
 * the other modes unregister it, so "neither" pays for no context manager at all. Same process, same port, same
 * warm JIT: the blocks differ only in what is switched on.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { DEFAULT_TIMEOUTS } from '../../src/http/client.js';
import { createLogger } from '../../src/logger.js';
import { startTracing, type Tracing } from '../../src/observability/tracing.js';
import { childArgs, serve } from './proc.js';

export type ObservedMode = 'neither' | 'metrics' | 'tracing' | 'both';

export interface ObservedHostArgs {
  configs: Pick<Config, 'zenskar' | 'stateset' | 'lemonsqueezy'>;
  otlpEndpoint: string;
  /** Page cache TTL: long (only gateway CPU counts) or 0 (every request fans out to the upstreams). */
  cacheTtlMs: number;
}

const args = childArgs<ObservedHostArgs>();
// The SDK's default batch queue (2,048 spans) overflows at this rate (7 spans a request, hundreds of requests a second)
// and drops spans, which would make tracing look cheaper than it is. A larger queue exports every span.
process.env.OTEL_BSP_MAX_QUEUE_SIZE ??= '100000';
process.env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE ??= '2048';
const logger = createLogger('silent');
const gateway = (metrics: boolean, tracing: boolean): Gateway =>
  createGateway(
    {
      ...args.configs,
      cursorSecret: 'bench-cursor-secret-bench-cursor-secret-0123',
      cacheTtlMs: args.cacheTtlMs,
      cacheMaxEntries: 100_000,
      maxScanPages: 10,
      timeouts: DEFAULT_TIMEOUTS,
      observability: { metrics: { enabled: metrics, maxOperationNames: 50 } },
    },
    logger,
    { tracing },
  );
const gateways: Record<ObservedMode, Gateway> = {
  neither: gateway(false, false),
  metrics: gateway(true, false),
  tracing: gateway(false, true),
  both: gateway(true, true),
};
let current: ObservedMode = 'neither';
let tracing: Tracing | null = null;

const server = createServer((req, res) => (gateways[current].app as unknown as RequestListener)(req, res));
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, () => resolve()));
const { port } = server.address() as AddressInfo;

serve(
  { url: `http://127.0.0.1:${port}/graphql`, pid: process.pid },
  {
    mode: async (mode: ObservedMode) => {
      const traced = mode === 'tracing' || mode === 'both';
      if (!traced && tracing) {
        await tracing.shutdown();
        tracing = null;
      }
      if (traced && !tracing) tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: args.otlpEndpoint });
      current = mode;
      return mode;
    },
    cpu: () => {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
  },
  async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all(Object.values(gateways).map((g) => g.close()));
    await tracing?.shutdown();
  },
);
