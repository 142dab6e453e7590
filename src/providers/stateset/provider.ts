/** StateSet in the provider registry: checkout sessions (`GET /v1/checkouts`). */
import { defineProvider } from '../definition.js';
import { readStateSetConfig, STATESET_VARIABLES } from './config.js';
import { StateSetProvider } from './index.js';
import { startSandbox } from './sandbox/server.js';
// Its GraphQL types (`StateSetCheckout`, its own connection field), defined on the shared builder as the module loads.
import './schema/checkout.js';

export const stateSet = defineProvider({
  name: 'STATESET',
  key: 'stateset',
  envPrefix: 'STATESET',
  description: 'StateSet checkout sessions (`GET /v1/checkouts`).',
  typeName: 'StateSetCheckout',
  // The Starter plan's 100 requests a minute; raise STATESET_RATE_LIMIT_PER_MINUTE to your plan's.
  liveRatePerMinute: 100,
  variables: STATESET_VARIABLES,
  readConfig: readStateSetConfig,
  secrets: (config) => [config.apiKey],
  createAdapter: (config, deps) => new StateSetProvider(config, deps),
  startSandbox: (options) => startSandbox(options),
});
