/** Builds the enabled provider adapters from configuration. */
import type { Config } from '../config.js';
import type { ProviderAdapter, ProviderName } from '../domain.js';
import type { Timeouts } from '../http/client.js';
import type { ProviderDeps } from './deps.js';
import { LemonSqueezyProvider } from './lemonsqueezy/index.js';
import { StateSetProvider } from './stateset/index.js';
import { ZenskarProvider } from './zenskar/index.js';

export interface Providers {
  zenskar?: ZenskarProvider;
  stateset?: StateSetProvider;
  lemonsqueezy?: LemonSqueezyProvider;
}

/** Builds the adapters of the configured providers; `timeouts` may differ per provider. */
export function createProviders(
  config: Pick<Config, 'zenskar' | 'stateset' | 'lemonsqueezy'>,
  deps: ProviderDeps = {},
  timeouts: Partial<Record<ProviderName, Timeouts>> = {},
): Providers {
  const providers: Providers = {};
  const depsFor = (name: ProviderName): ProviderDeps => {
    const own = timeouts[name] ?? deps.timeouts;
    return own ? { ...deps, timeouts: own } : deps;
  };
  if (config.zenskar) providers.zenskar = new ZenskarProvider(config.zenskar, depsFor('ZENSKAR'));
  if (config.stateset) providers.stateset = new StateSetProvider(config.stateset, depsFor('STATESET'));
  if (config.lemonsqueezy) providers.lemonsqueezy = new LemonSqueezyProvider(config.lemonsqueezy, depsFor('LEMON_SQUEEZY'));
  return providers;
}

/** The enabled adapters in merge tie-break order (ZENSKAR, STATESET, LEMON_SQUEEZY). */
export function enabledAdapters(providers: Providers): ProviderAdapter[] {
  return [providers.zenskar, providers.stateset, providers.lemonsqueezy].filter((p): p is NonNullable<typeof p> => Boolean(p));
}

export async function closeProviders(providers: Providers): Promise<void> {
  await Promise.all(enabledAdapters(providers).map((adapter) => adapter.close()));
}
