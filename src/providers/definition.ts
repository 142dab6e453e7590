/**
 * What the registry knows of one provider: everything the gateway lists per provider (configuration, tie-break rank,
 * resilience defaults, adapter, sandbox, GraphQL type) comes from one `ProviderDefinition`. A provider's folder exports
 * its definition from `provider.ts`; `registry.ts` lists the definitions.
 */
import type { ProviderAdapter } from '../domain.js';
import type { Env } from '../env.js';
import type { ProviderDeps } from './deps.js';

/** What a definition's `readConfig` may use besides the environment. */
export interface ConfigContext {
  /**
   * Reads a base-URL variable (https only, or http for loopback hosts; ALLOW_INSECURE_UPSTREAMS lifts that and the
   * variable is then warned about at start).
   */
  baseUrl(variable: string, fallback: string): string;
}

/** How every sandbox (fake upstream) is started; each provider's sandbox honours all of it. */
export interface SandboxStartOptions {
  /** Checkouts seeded. */
  count?: number;
  seed?: number;
  host?: string;
  /** Latency added to every response, in milliseconds. */
  latencyMs?: number;
  /** A rate limit the sandbox enforces (429 past it), off when absent. */
  rateLimit?: { limit: number; windowMs: number };
  /** Share of items served with a drifted descriptive field (`SANDBOX_DRIFT`). */
  drift?: number;
}

/** A running sandbox: a configuration that points the provider's adapter at it, and a way to stop it. */
export interface RunningProviderSandbox<Config> {
  /** Where it listens (empty for an in-process fake). */
  origin: string;
  config: Config;
  close(): Promise<void>;
}

export interface ProviderDefinition<
  Name extends string = string,
  Key extends string = string,
  Config = unknown,
  Adapter extends ProviderAdapter = ProviderAdapter,
  Sandbox extends RunningProviderSandbox<Config> = RunningProviderSandbox<Config>,
> {
  /** The `CheckoutProvider` enum value, and the provider's name in cursors, logs, metrics and errors (UPPER_SNAKE). */
  name: Name;
  /** Its key in configuration, the request context and the sandbox set (camelCase). */
  key: Key;
  /** Prefix of its per-provider variables: `<PREFIX>_CONNECT_TIMEOUT_MS`, `<PREFIX>_RATE_LIMIT_PER_MINUTE`, … */
  envPrefix: string;
  /** The `CheckoutProvider` enum value's description. */
  description: string;
  /** The GraphQL object type its checkouts resolve to; global ids carry it. Defined by the provider's schema module. */
  typeName: string;
  /** Requests per minute applied in live mode (the upstream's documented limit; 0: none documented). */
  liveRatePerMinute: number;
  /**
   * The variables it reads; `readConfig` reads no others except the shared ones. Each must appear in the README's
   * configuration table (test/readme.test.ts checks it).
   */
  variables: readonly string[];
  /** Its configuration from the environment; null when not configured (the provider is then disabled). */
  readConfig(env: Env, context: ConfigContext): Config | null;
  /** Credentials in its configuration: cut out of every response and log line. */
  secrets(config: Config): readonly (string | undefined)[];
  /** Identifiers that must never appear in a response (a tenant id sent as a header). */
  privateIdentifiers?(config: Config): readonly (string | undefined)[];
  createAdapter(config: Config, deps: ProviderDeps): Adapter;
  /** Starts its fake upstream (sandbox mode, tests, benchmarks). */
  startSandbox(options: SandboxStartOptions): Promise<Sandbox>;
}

/** Any definition, whatever its configuration and adapter types. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of unrelated configuration types
export type AnyProviderDefinition = ProviderDefinition<string, string, any, ProviderAdapter, RunningProviderSandbox<any>>;

export type ConfigOf<D> = D extends { createAdapter(config: infer C, deps: ProviderDeps): unknown } ? C : never;
export type AdapterOf<D> = D extends { createAdapter(config: never, deps: ProviderDeps): infer A } ? A : never;
export type SandboxOf<D> = D extends { startSandbox(options: SandboxStartOptions): Promise<infer S> } ? S : never;

/** Declares a definition with its types inferred (a provider's `provider.ts` exports the result). */
export function defineProvider<
  const Name extends string,
  const Key extends string,
  Config,
  Adapter extends ProviderAdapter,
  Sandbox extends RunningProviderSandbox<Config>,
>(definition: ProviderDefinition<Name, Key, Config, Adapter, Sandbox>): ProviderDefinition<Name, Key, Config, Adapter, Sandbox> {
  return definition;
}

/** Enum-value names as GraphQL and the cursor format accept them. */
const NAME = /^[A-Z][A-Z0-9_]*$/;
const KEY = /^[a-z][A-Za-z0-9]*$/;
const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/** Throws on a definition that would collide with another or break the schema. */
export function checkDefinitions(definitions: readonly AnyProviderDefinition[]): void {
  const seen = { name: new Set<string>(), key: new Set<string>(), envPrefix: new Set<string>(), typeName: new Set<string>() };
  for (const d of definitions) {
    if (!NAME.test(d.name)) throw new Error(`provider name ${JSON.stringify(d.name)} must be UPPER_SNAKE_CASE`);
    if (!KEY.test(d.key)) throw new Error(`provider ${d.name}: key ${JSON.stringify(d.key)} must be camelCase`);
    if (!NAME.test(d.envPrefix)) throw new Error(`provider ${d.name}: envPrefix ${JSON.stringify(d.envPrefix)} must be UPPER_SNAKE_CASE`);
    if (!TYPE_NAME.test(d.typeName)) throw new Error(`provider ${d.name}: typeName ${JSON.stringify(d.typeName)} must be PascalCase`);
    for (const field of ['name', 'key', 'envPrefix', 'typeName'] as const) {
      if (seen[field].has(d[field])) throw new Error(`two providers share the ${field} ${JSON.stringify(d[field])}`);
      seen[field].add(d[field]);
    }
  }
}
