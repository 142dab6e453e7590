/** Builds the enabled provider adapters from configuration, in registry order. */
import type { ProviderAdapter, ProviderName } from '../domain.js';
import type { Timeouts } from '../http/client.js';
import type { AnyProviderDefinition } from './definition.js';
import type { ProviderDeps } from './deps.js';
import { providerDefinitions, type ProviderConfigs, type Providers } from './registry.js';

export type { Providers } from './registry.js';

/** Each registered provider's configuration under its key; a missing or null entry leaves that provider disabled. */
export type ProvidersConfig = Partial<ProviderConfigs>;

/** A provider's configuration in `config` (under its registry key), or null when it is not configured. */
export function configOf(config: ProvidersConfig, definition: AnyProviderDefinition): unknown {
  return (config as Record<string, unknown>)[definition.key] ?? null;
}

/** The keys of the configured providers, in registry order. */
export function configuredKeys(config: ProvidersConfig): string[] {
  return providerDefinitions()
    .filter((definition) => configOf(config, definition) !== null)
    .map((definition) => definition.key);
}

/** Builds the adapters of the configured providers; `timeouts` may differ per provider. */
export function createProviders(config: ProvidersConfig, deps: ProviderDeps = {}, timeouts: Partial<Record<ProviderName, Timeouts>> = {}): Providers {
  const providers: Providers = {};
  for (const definition of providerDefinitions()) {
    const own = configOf(config, definition);
    if (own === null) continue;
    const perProvider = timeouts[definition.name] ?? deps.timeouts;
    providers[definition.key] = definition.createAdapter(own, perProvider ? { ...deps, timeouts: perProvider } : deps);
  }
  return providers;
}

/** The enabled adapters in merge tie-break (registry) order. */
export function enabledAdapters(providers: Providers): ProviderAdapter[] {
  return providerDefinitions()
    .map((definition) => providers[definition.key])
    .filter((adapter): adapter is ProviderAdapter => adapter !== undefined);
}

export async function closeProviders(providers: Providers): Promise<void> {
  await Promise.all(enabledAdapters(providers).map((adapter) => adapter.close()));
}
