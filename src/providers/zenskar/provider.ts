/** Zenskar in the provider registry: checkout sessions (`GET /checkout`) and their customers. */
import { defineProvider } from '../definition.js';
import { readZenskarConfig, ZENSKAR_VARIABLES } from './config.js';
import { ZenskarProvider } from './index.js';
import { startSandbox } from './sandbox/server.js';
// Its GraphQL types (`ZenskarCheckout`, its own connection field), defined on the shared builder as the module loads.
import './schema/checkout.js';

export const zenskar = defineProvider({
  name: 'ZENSKAR',
  key: 'zenskar',
  envPrefix: 'ZENSKAR',
  description: 'Zenskar checkout sessions (`GET /checkout`).',
  typeName: 'ZenskarCheckout',
  // Zenskar documents no rate limit: no client-side quota unless ZENSKAR_RATE_LIMIT_PER_MINUTE sets one.
  liveRatePerMinute: 0,
  variables: ZENSKAR_VARIABLES,
  readConfig: readZenskarConfig,
  secrets: (config) => [config.apiKey],
  // The organisation UUID is a tenant credential sent as a header: it must never reach a response.
  privateIdentifiers: (config) => [config.organisation],
  createAdapter: (config, deps) => new ZenskarProvider(config, deps),
  startSandbox: ({ rateLimit, ...options }) =>
    startSandbox({
      ...options,
      ...(rateLimit ? { rateLimit: { capacity: rateLimit.limit, refillPerSecond: (rateLimit.limit * 1000) / rateLimit.windowMs } } : {}),
    }),
});
