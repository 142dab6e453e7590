/** Starts the three fake upstreams together (sandbox mode, tests, benchmarks). */
import type { LemonSqueezyConfig, StateSetConfig, ZenskarConfig } from '../config.js';
import * as lemonsqueezySandbox from '../providers/lemonsqueezy/sandbox/server.js';
import * as statesetSandbox from '../providers/stateset/sandbox/server.js';
import * as zenskarSandbox from '../providers/zenskar/sandbox/server.js';

export interface SandboxOptions {
  /** Checkouts per provider. */
  count?: number;
  seed?: number;
  /** Latency added by every sandbox, or per sandbox. */
  latencyMs?: number | { zenskar?: number; stateset?: number; lemonsqueezy?: number };
  host?: string;
  /** Rate limits the sandboxes enforce (429 past them), in each provider's own format; off by default. */
  rateLimits?: { stateset?: { limit: number; windowMs: number }; lemonsqueezy?: { limit: number; windowMs: number } };
  /** Share of items every sandbox serves with a drifted descriptive field (`SANDBOX_DRIFT`); 0 by default. */
  drift?: number;
}

export type Sandboxes = Awaited<ReturnType<typeof startSandboxes>>;

export async function startSandboxes(options: SandboxOptions = {}) {
  const latency = (name: 'zenskar' | 'stateset' | 'lemonsqueezy') =>
    typeof options.latencyMs === 'number' ? options.latencyMs : (options.latencyMs?.[name] ?? 0);
  const common = { count: options.count, seed: options.seed, host: options.host, drift: options.drift ?? 0 };
  const [zenskar, stateset, lemonsqueezy] = await Promise.all([
    zenskarSandbox.startSandbox({ ...common, latencyMs: latency('zenskar') }),
    statesetSandbox.startSandbox({ ...common, latencyMs: latency('stateset'), ...(options.rateLimits?.stateset ? { rateLimit: options.rateLimits.stateset } : {}) }),
    lemonsqueezySandbox.startSandbox({ ...common, latencyMs: latency('lemonsqueezy'), ...(options.rateLimits?.lemonsqueezy ? { rateLimit: options.rateLimits.lemonsqueezy } : {}) }),
  ]);
  return {
    zenskar,
    stateset,
    lemonsqueezy,
    configs: {
      zenskar: zenskar.config as ZenskarConfig,
      stateset: stateset.config as StateSetConfig,
      lemonsqueezy: lemonsqueezy.config as LemonSqueezyConfig,
    },
    async close() {
      await Promise.all([zenskar.close(), stateset.close(), lemonsqueezy.close()]);
    },
  };
}
