/**
 * The provider registry: every provider this gateway serves, in merge tie-break order (on equal `createdAt` the
 * earlier one comes first). Configuration, the request context, the sandboxes, the `CheckoutProvider` enum, the
 * `Checkout` interface's type resolution, global ids, cursors and metrics labels all derive from this list.
 *
 * Adding a provider: its folder under `src/providers/<name>/` with a `provider.ts` exporting a `ProviderDefinition`,
 * then one line below (README, "Adding a provider").
 */
import { checkDefinitions, type AdapterOf, type AnyProviderDefinition, type ConfigOf, type SandboxOf } from './definition.js';
import { lemonSqueezy } from './lemonsqueezy/provider.js';
import { stateSet } from './stateset/provider.js';
import { zenskar } from './zenskar/provider.js';

const BUILT_IN = [zenskar, stateSet, lemonSqueezy] as const;

/**
 * The order of the three built-in providers in version-1 cursors, which stored positions by index. Only for reading
 * cursors issued before cursors were keyed by provider name; never extend it.
 */
export const CURSOR_V1_ORDER: readonly string[] = ['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'];

type BuiltIn = (typeof BUILT_IN)[number];
/** The names of the providers built into this repository (tests and benchmarks that address them by name). */
export type BuiltInProviderName = BuiltIn['name'];

/** Each built-in provider's configuration under its key (null: not configured), plus any registered one's. */
export type ProviderConfigs = { [D in BuiltIn as D['key']]: ConfigOf<D> | null };
/** The adapters of the enabled providers, under their keys. */
export type Providers = { [D in BuiltIn as D['key']]?: AdapterOf<D> } & { [key: string]: AdapterOf<AnyProviderDefinition> | undefined };
/** A configuration for every built-in provider (what the sandboxes hand out). */
export type SandboxConfigs = { [D in BuiltIn as D['key']]: ConfigOf<D> };
/** Running sandboxes under their keys. */
export type ProviderSandboxes = { [D in BuiltIn as D['key']]: SandboxOf<D> };

const definitions: AnyProviderDefinition[] = [...BUILT_IN];
checkDefinitions(definitions);
let frozen = false;
let byName: Map<string, { definition: AnyProviderDefinition; rank: number }> | null = null;

/**
 * Adds a provider that lives outside this repository (or one built for a test) after the built-in ones. Only before
 * anything has read the registry (configuration, the first gateway): what derives from it is computed once.
 */
export function registerProvider(definition: AnyProviderDefinition): void {
  if (frozen)
    throw new Error(
      `registerProvider(${definition.name}): the provider registry has already been read; register providers before loading configuration or creating a gateway`,
    );
  checkDefinitions([...definitions, definition]);
  definitions.push(definition);
}

/** Every registered provider, in merge tie-break order. Reading it fixes the registry. */
export function providerDefinitions(): readonly AnyProviderDefinition[] {
  frozen = true;
  return definitions;
}

function index(): Map<string, { definition: AnyProviderDefinition; rank: number }> {
  byName ??= new Map(providerDefinitions().map((definition, rank) => [definition.name, { definition, rank }]));
  return byName;
}

/** Provider names in tie-break order. */
export function providerNames(): string[] {
  return providerDefinitions().map((d) => d.name);
}

/** The registered provider of that name, or undefined. */
export function findProvider(name: string): AnyProviderDefinition | undefined {
  return index().get(name)?.definition;
}

/** Merge tie-break rank of a provider: lower comes first on equal `createdAt`. Unknown names sort last. */
export function rankOf(name: string): number {
  return index().get(name)?.rank ?? Number.MAX_SAFE_INTEGER;
}
