/** Lemon Squeezy in the provider registry: checkouts (`GET /v1/checkouts`), custom checkout links. */
import { defineProvider } from '../definition.js';
import { LEMONSQUEEZY_VARIABLES, readLemonSqueezyConfig } from './config.js';
import { LemonSqueezyProvider } from './index.js';
import { startSandbox } from './sandbox/server.js';
// Its GraphQL types (`LemonSqueezyCheckout`, its own connection field), defined on the shared builder as the module loads.
import './schema/checkout.js';

export const lemonSqueezy = defineProvider({
  name: 'LEMON_SQUEEZY',
  key: 'lemonsqueezy',
  envPrefix: 'LEMONSQUEEZY',
  description: 'Lemon Squeezy checkouts (`GET /v1/checkouts`), custom checkout links.',
  typeName: 'LemonSqueezyCheckout',
  // Documented: 300 requests a minute per API key.
  liveRatePerMinute: 300,
  variables: LEMONSQUEEZY_VARIABLES,
  readConfig: readLemonSqueezyConfig,
  secrets: (config) => [config.apiKey],
  createAdapter: (config, deps) => new LemonSqueezyProvider(config, deps),
  startSandbox: (options) => startSandbox(options),
});
