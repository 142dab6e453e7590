/**
 * The only file that opens a port. Without provider credentials it starts every provider's sandbox upstream on loopback
 * and points the gateway at them.
 */
import { createServer } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createGateway } from './gateway.js';
import { createLogger, prettyDestination } from './logger.js';
import { startTracing } from './observability/tracing.js';
import { drift } from './providers/drift.js';
import { configuredKeys } from './providers/index.js';
import { startSandboxes, type Sandboxes } from './sandbox/start-all.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`checkout-graph cannot start: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, process.stdout.isTTY ? prettyDestination() : undefined);
  drift.useLogger(logger);
  // Before any upstream client exists, so every span has the SDK behind it.
  const tracing = startTracing(process.env);
  if (tracing.enabled) logger.info('OpenTelemetry tracing on (OTEL_* variables)');

  let sandboxes: Sandboxes | null = null;
  if (config.mode === 'sandbox') {
    sandboxes = await startSandboxes({ count: config.sandboxCheckouts, latencyMs: config.sandboxLatencyMs, drift: config.sandboxDrift });
    config = { ...config, ...sandboxes.configs };
    logger.info(
      { ...sandboxes.origins, checkoutsPerProvider: config.sandboxCheckouts, drift: config.sandboxDrift },
      'SANDBOX MODE: no provider credentials set, serving seeded fake upstreams on loopback',
    );
  } else {
    const enabled = configuredKeys(config);
    logger.info({ providers: enabled }, 'live mode: providers with credentials are enabled');
  }

  const gateway = createGateway(config, logger, { tracing: tracing.enabled });
  if (gateway.fleet) {
    logger.info(
      { redis: gateway.fleet.redis.address, keyPrefix: config.fleet?.keyPrefix, redisTimeoutMs: config.fleet?.timeoutMs },
      'FLEET MODE: quotas and the page cache are shared through Redis',
    );
  }
  const server = createServer(gateway.app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info({ url: `http://${shownHost}:${port}/graphql`, mode: config.mode }, `GraphiQL at http://${shownHost}:${port}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.close();
    await sandboxes?.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('checkout-graph failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
