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
import { closeProviders, configOf, createProviders, type Providers, type ProvidersConfig } from './providers/index.js';
import { providerDefinitions } from './providers/registry.js';
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

/** What a gateway is built from: each provider's configuration under its registry key, and the shared settings. */
export type GatewayConfig = ProvidersConfig &
  Pick<Config, 'cursorSecret' | 'cacheTtlMs' | 'cacheMaxEntries' | 'maxScanPages' | 'timeouts'> &
  Partial<Pick<Config, 'security' | 'resilience' | 'observability' | 'fleet' | 'insecureUpstreams'>>;

export function createGateway(config: GatewayConfig, logger: Logger, { tracing = false, ...deps }: GatewayDeps = {}): Gateway {
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
      credentials: [...providerValues(config, 'secrets'), config.cursorSecret, ...redisSecrets(config.fleet?.redisUrl)],
      privateIdentifiers: providerValues(config, 'privateIdentifiers'),
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
  return Object.fromEntries(Object.entries(upstream).map(([provider, resilience]) => [provider, { ...resilience, clock }]));
}

/** In fleet mode every provider's quota draws from the shared buckets. */
function withSharedQuotas(upstream: ResilienceConfig['upstream'], fleet: Fleet | null): ResilienceConfig['upstream'] {
  if (!fleet) return upstream;
  return Object.fromEntries(
    Object.entries(upstream).map(([provider, resilience]) => [
      provider,
      resilience.quota ? { ...resilience, quota: { ...resilience.quota, shared: fleet.buckets } } : resilience,
    ]),
  );
}

/** Every configured provider's secrets or private identifiers, as its registry definition names them. */
function providerValues(config: ProvidersConfig, kind: 'secrets' | 'privateIdentifiers'): (string | undefined)[] {
  return providerDefinitions().flatMap((definition) => {
    const own = configOf(config, definition);
    return own === null ? [] : [...(definition[kind]?.(own) ?? [])];
  });
}

/** The Redis URL and its password, cut out of logs and responses like any credential. */
function redisSecrets(url: string | undefined): string[] {
  if (!url) return [];
  const password = decodeURIComponent(new URL(url).password);
  return password ? [url, password] : [];
}
