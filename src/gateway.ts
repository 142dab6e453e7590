/**
 * Wires a gateway from configuration: upstream page cache, provider adapters, cursor secret and the yoga app.
 * Shared by server.ts, the tests and the benchmarks, so all three run the same assembly.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { ResultCache } from './http/cache.js';
import { closeProviders, createProviders, type Providers } from './providers/index.js';
import type { ProviderDeps } from './providers/deps.js';
import { DEFAULT_REQUEST_DEADLINE_MS } from './context.js';
import { DEFAULT_CUTOFF } from './pagination/cutoff.js';
import { createApp, type App } from './yoga.js';

export interface Gateway {
  app: App;
  providers: Providers;
  cache: ResultCache;
  close(): Promise<void>;
}

export function createGateway(
  config: Pick<Config, 'zenskar' | 'stateset' | 'lemonsqueezy' | 'cursorSecret' | 'cacheTtlMs' | 'cacheMaxEntries' | 'maxScanPages' | 'timeouts'> &
    Partial<Pick<Config, 'security' | 'resilience'>>,
  logger: Logger,
  deps: Pick<ProviderDeps, 'dispatcher'> = {},
): Gateway {
  const cache = new ResultCache({
    ttlMs: config.cacheTtlMs,
    maxEntries: config.cacheMaxEntries,
    maxLoadMs: config.resilience?.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
  });
  const providers = createProviders(
    config,
    { cache, timeouts: config.timeouts, ...(config.resilience ? { resilience: config.resilience.upstream } : {}), ...deps },
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
      mergedCutoff: config.resilience?.mergedCutoff ?? DEFAULT_CUTOFF,
    },
    {
      security: config.security,
      credentials: [config.zenskar?.apiKey, config.stateset?.apiKey, config.lemonsqueezy?.apiKey, config.cursorSecret],
      privateIdentifiers: [config.zenskar?.organisation],
    },
  );
  return {
    app,
    providers,
    cache,
    async close() {
      await closeProviders(providers);
    },
  };
}
