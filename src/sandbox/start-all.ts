/** Starts every registered provider's fake upstream together (sandbox mode, tests, benchmarks). */
import { providerDefinitions, type ProviderSandboxes, type SandboxConfigs } from '../providers/registry.js';
import type { RunningProviderSandbox, SandboxStartOptions } from '../providers/definition.js';

type Key = keyof ProviderSandboxes & string;

export interface SandboxOptions {
  /** Checkouts per provider. */
  count?: number;
  seed?: number;
  /** Latency added by every sandbox, or per sandbox (by registry key). */
  latencyMs?: number | Partial<Record<Key | (string & {}), number>>;
  host?: string;
  /** Rate limits the sandboxes enforce (429 past them), per registry key; off by default. */
  rateLimits?: Partial<Record<Key | (string & {}), { limit: number; windowMs: number }>>;
  /** Share of items every sandbox serves with a drifted descriptive field (`SANDBOX_DRIFT`); 0 by default. */
  drift?: number;
}

/** The running sandboxes under their registry keys, a configuration pointing at each, and one close for all. */
export type Sandboxes = ProviderSandboxes & {
  /** Configurations under each provider's key: spread into the gateway configuration. */
  configs: SandboxConfigs;
  /** Where each sandbox listens, by key (for the start-up log). */
  origins: Record<string, string>;
  close(): Promise<void>;
};

export async function startSandboxes(options: SandboxOptions = {}): Promise<Sandboxes> {
  const definitions = providerDefinitions();
  const running = await Promise.all(
    definitions.map((definition) => {
      const latency = typeof options.latencyMs === 'number' ? options.latencyMs : (options.latencyMs?.[definition.key] ?? 0);
      const rateLimit = options.rateLimits?.[definition.key];
      const start: SandboxStartOptions = {
        ...(options.count !== undefined ? { count: options.count } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.host !== undefined ? { host: options.host } : {}),
        latencyMs: latency,
        drift: options.drift ?? 0,
        ...(rateLimit ? { rateLimit } : {}),
      };
      return definition.startSandbox(start) as Promise<RunningProviderSandbox<unknown>>;
    }),
  );
  const byKey: Record<string, unknown> = {};
  const configs: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  definitions.forEach((definition, i) => {
    const sandbox = running[i] as RunningProviderSandbox<unknown>;
    byKey[definition.key] = sandbox;
    configs[definition.key] = sandbox.config;
    origins[definition.key] = sandbox.origin;
  });
  return Object.assign(byKey as ProviderSandboxes, {
    configs: configs as SandboxConfigs,
    origins,
    async close() {
      await Promise.all(running.map((sandbox) => sandbox.close()));
    },
  });
}
