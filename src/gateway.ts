/**
 * Wires a gateway from configuration: upstream page cache, provider adapters, cursor secret and the yoga app.
 * Shared by server.ts, the tests and the benchmarks, so all three run the same assembly.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { Fleet } from './fleet/fleet.js';
import { ResultCache } from './http/cache.js';
import type { ResilienceConfig } from './resilience-config.js';
import { closeProviders, createProviders, type Providers } from './providers/index.js';
import type { ProviderDeps } from './providers/deps.js';
import { DEFAULT_REQUEST_DEADLINE_MS } from './context.js';
import { DEFAULT_OBSERVABILITY } from './observability/config.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { DEFAULT_CUTOFF } from './pagination/cutoff.js';
import { createApp, type App } from './yoga.js';

export interface Gateway {
  app: App;
  providers: Providers;
  cache: ResultCache;
  /** Null with METRICS_ENABLED=false. */
  metrics: Metrics | null;
  /** Fleet mode only: Redis, the shared cache tier and quota buckets. */
  fleet: Fleet | null;
  close(): Promise<void>;
}

export interface GatewayDeps extends Pick<ProviderDeps, 'dispatcher'> {
  /** An OpenTelemetry SDK records traces (see observability/tracing.ts): add the server and provider-read spans. */
  tracing?: boolean;
}

export function createGateway(
  config: Pick<Config, 'zenskar' | 'stateset' | 'lemonsqueezy' | 'cursorSecret' | 'cacheTtlMs' | 'cacheMaxEntries' | 'maxScanPages' | 'timeouts'> &
    Partial<Pick<Config, 'security' | 'resilience' | 'observability' | 'fleet' | 'insecureUpstreams'>>,
  logger: Logger,
  { tracing = false, ...deps }: GatewayDeps = {},
): Gateway {
  for (const variable of config.insecureUpstreams ?? []) {
    logger.warn({ variable }, `${variable} uses plain http to a non-loopback host (ALLOW_INSECURE_UPSTREAMS=true): the API key travels unencrypted`);
  }
  const clock = config.resilience?.clock;
  const observability = config.observability ?? DEFAULT_OBSERVABILITY;
  const metrics = observability.metrics.enabled ? createMetrics({ maxOperationNames: observability.metrics.maxOperationNames }) : null;
  const fleet = config.fleet ? new Fleet(config.fleet, logger) : null;
  const cache = new ResultCache({
    ttlMs: config.cacheTtlMs,
    maxEntries: config.cacheMaxEntries,
    maxLoadMs: config.resilience?.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
    ...(metrics ? { observer: metrics.cache } : {}),
    ...(fleet ? { tier: fleet.cache } : {}),
    ...(clock ? { now: () => clock.now() } : {}),
  });
  metrics?.watchCacheSize(() => cache.size);
  const upstream = config.resilience ? withSharedQuotas(upstreamResilience(config.resilience), fleet) : undefined;
  const providers = createProviders(
    config,
    {
      cache,
      timeouts: config.timeouts,
      ...(upstream ? { resilience: upstream } : {}),
      ...(metrics ? { observer: metrics.http } : {}),
      ...deps,
    },
    config.resilience?.timeouts,
  );
  let secret: Buffer;
  if (config.cursorSecret) {
    secret = Buffer.from(config.cursorSecret, 'utf8');
  } else {
    secret = randomBytes(32);
    logger.warn(
      'CURSOR_SECRET is not set: cursors are signed with a key generated for this process, so they stop working after a ' +
        'restart and on other instances. Set the same CURSOR_SECRET on every instance of a fleet.',
    );
  }
  const app = createApp(
    {
      providers,
      cursorSecret: secret,
      maxScanPages: config.maxScanPages,
      logger,
      requestDeadlineMs: config.resilience?.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
      ...(metrics ? { metrics: metrics.graphql } : {}),
      tracing,
      ...(clock ? { clock } : {}),
      mergedCutoff: config.resilience?.mergedCutoff ?? DEFAULT_CUTOFF,
    },
    {
      security: config.security,
      credentials: [config.zenskar?.apiKey, config.stateset?.apiKey, config.lemonsqueezy?.apiKey, config.cursorSecret, ...redisSecrets(config.fleet?.redisUrl)],
      privateIdentifiers: [config.zenskar?.organisation],
      metrics,
      tracing,
      ...(fleet ? { fleet: () => fleet.status() } : {}),
    },
  );
  return {
    app,
    providers,
    cache,
    metrics,
    fleet,
    async close() {
      metrics?.close();
      await closeProviders(providers);
      await fleet?.close();
    },
  };
}

/** Each provider's resilience settings, with the configured clock handed to all of them. */
function upstreamResilience({ upstream, clock }: ResilienceConfig): ResilienceConfig['upstream'] {
  if (!clock) return upstream;
  const withClock = { ...upstream };
  for (const provider of Object.keys(withClock) as (keyof typeof withClock)[]) withClock[provider] = { ...withClock[provider], clock };
  return withClock;
}

/** In fleet mode every provider's quota draws from the shared buckets. */
function withSharedQuotas(upstream: ResilienceConfig['upstream'], fleet: Fleet | null): ResilienceConfig['upstream'] {
  if (!fleet) return upstream;
  const shared = { ...upstream };
  for (const [name, resilience] of Object.entries(upstream) as [keyof typeof upstream, (typeof upstream)[keyof typeof upstream]][]) {
    if (resilience.quota) shared[name] = { ...resilience, quota: { ...resilience.quota, shared: fleet.buckets } };
  }
  return shared;
}

/** The Redis URL and its password, cut out of logs and responses like any credential. */
function redisSecrets(url: string | undefined): string[] {
  if (!url) return [];
  const password = decodeURIComponent(new URL(url).password);
  return password ? [url, password] : [];
}
