/**
 * Reads and validates the environment once, into a typed object. A bad value stops the start with a message that
 * names the variable (never its value when it is a secret).
 */
import { parseDriftShare } from './sandbox/drift.js';
import type { Timeouts } from './http/client.js';
import { ConfigError, baseUrl, flag, integer, text, type Env } from './env.js';
import { observabilityConfig, type ObservabilityConfig } from './observability/config.js';
import { fleetConfig, type FleetConfig } from './fleet/config.js';
import { resilienceConfig, timeoutsFrom, type ResilienceConfig } from './resilience-config.js';
import { DEFAULT_LIMITS, type SecurityConfig } from './security/options.js';
import { readPersistedOperations } from './security/persisted-operations.js';
import { providerDefinitions, type ProviderConfigs } from './providers/registry.js';

/**
 * Each registered provider's configuration sits under its registry key (`zenskar`, `stateset`, `lemonsqueezy`, …), null
 * when its variables are not set; `providers/<name>/config.ts` reads them.
 */
export interface Config extends ProviderConfigs {
  port: number;
  host: string;
  /** `sandbox` when no provider credentials are set: the fakes start on loopback and the gateway uses them. */
  mode: 'sandbox' | 'live';
  /** HMAC key for cursors; null means "generate one per process" (with a warning). */
  cursorSecret: string | null;
  /** How long fetched upstream pages are reused, in milliseconds (0 disables; in-flight sharing stays). */
  cacheTtlMs: number;
  cacheMaxEntries: number;
  /** Upper bound of upstream pages one provider may read for one connection request (gateway-side filters). */
  maxScanPages: number;
  timeouts: Timeouts;
  logLevel: string;
  /** Checkouts seeded per sandbox provider. */
  sandboxCheckouts: number;
  /** Latency added by each sandbox, in milliseconds. */
  sandboxLatencyMs: number;
  /** Share of sandbox items served with drifted descriptive fields (0: off). */
  sandboxDrift: number;
  /** Query limits, persisted operations, introspection and gateway tokens. */
  security: SecurityConfig;
  /** Per-provider timeouts, retries, circuit breakers and quotas, and the per-request deadline. */
  resilience: ResilienceConfig;
  /** Base-URL variables accepted with plain http to a non-loopback host (ALLOW_INSECURE_UPSTREAMS=true): warned at start. */
  insecureUpstreams: string[];
  /** Metrics switch and label bounds. */
  observability: ObservabilityConfig;
  /** Fleet mode (REDIS_URL set): quotas and page cache shared through Redis; null: this process alone. */
  fleet: FleetConfig | null;
}

export { ConfigError } from './env.js';

/** Bearer tokens: token68 characters (RFC 6750) so clients can send them as they are; never echoed in errors. */
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MIN_TOKEN_LENGTH = 16;

function gatewayTokens(env: Env, name: string): string[] {
  const tokens = (text(env, name) ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  tokens.forEach((token, i) => {
    if (!TOKEN.test(token)) throw new ConfigError(name, `token ${i + 1} has characters a bearer token cannot carry (use letters, digits and -._~+/)`);
    if (token.length < MIN_TOKEN_LENGTH) throw new ConfigError(name, `token ${i + 1} must be at least ${MIN_TOKEN_LENGTH} characters`);
  });
  return [...new Set(tokens)];
}

function security(env: Env): SecurityConfig {
  const file = text(env, 'PERSISTED_OPERATIONS_FILE');
  const only = flag(env, 'PERSISTED_OPERATIONS_ONLY', false);
  if (only && !file) throw new ConfigError('PERSISTED_OPERATIONS_ONLY', 'needs PERSISTED_OPERATIONS_FILE');
  let persistedOperations: SecurityConfig['persistedOperations'] = null;
  if (file) {
    try {
      persistedOperations = { operations: readPersistedOperations(file), only };
    } catch (err) {
      throw new ConfigError('PERSISTED_OPERATIONS_FILE', (err as Error).message);
    }
  }
  return {
    limits: {
      maxDepth: integer(env, 'MAX_QUERY_DEPTH', DEFAULT_LIMITS.maxDepth, 1, 100),
      maxCost: integer(env, 'MAX_QUERY_COST', DEFAULT_LIMITS.maxCost, 1, 100_000_000),
      defaultPageSize: DEFAULT_LIMITS.defaultPageSize,
      maxAliases: integer(env, 'MAX_QUERY_ALIASES', DEFAULT_LIMITS.maxAliases, 0, 1_000),
      maxTokens: integer(env, 'MAX_QUERY_TOKENS', DEFAULT_LIMITS.maxTokens, 50, 1_000_000),
      maxRequestBodyBytes: integer(env, 'MAX_REQUEST_BODY_BYTES', DEFAULT_LIMITS.maxRequestBodyBytes, 1_024, 100_000_000),
      maxBatchOperations: integer(env, 'MAX_BATCH_OPERATIONS', DEFAULT_LIMITS.maxBatchOperations, 0, 100),
      maxNodeIds: integer(env, 'MAX_NODE_IDS', DEFAULT_LIMITS.maxNodeIds, 1, 1_000),
    },
    introspection: flag(env, 'INTROSPECTION', true),
    persistedOperations,
    gatewayTokens: gatewayTokens(env, 'GATEWAY_TOKENS'),
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): Config {
  const allowInsecure = flag(env, 'ALLOW_INSECURE_UPSTREAMS', false);
  const insecureUpstreams: string[] = [];
  const upstreamUrl = (name: string, fallback: string): string => {
    const { url, insecure } = baseUrl(env, name, fallback, allowInsecure);
    if (insecure) insecureUpstreams.push(name);
    return url;
  };

  // Each provider reads its own variables; any one configured means live mode.
  const providers: Record<string, unknown> = {};
  for (const definition of providerDefinitions()) providers[definition.key] = definition.readConfig(env, { baseUrl: upstreamUrl });
  const live = Object.values(providers).some((config) => config !== null);
  const level = text(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const secret = text(env, 'CURSOR_SECRET');
  if (secret !== undefined && secret.length < 32) throw new ConfigError('CURSOR_SECRET', 'must be at least 32 characters');

  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: text(env, 'HOST') ?? '127.0.0.1',
    mode: live ? 'live' : 'sandbox',
    ...(providers as unknown as ProviderConfigs),
    cursorSecret: secret ?? null,
    cacheTtlMs: integer(env, 'UPSTREAM_CACHE_TTL_MS', 30_000, 0, 3_600_000),
    cacheMaxEntries: integer(env, 'UPSTREAM_CACHE_MAX_ENTRIES', 5_000, 1, 1_000_000),
    maxScanPages: integer(env, 'MAX_SCAN_PAGES', 10, 1, 1_000),
    timeouts: timeoutsFrom(env, 'UPSTREAM'),
    logLevel: level,
    sandboxCheckouts: integer(env, 'SANDBOX_CHECKOUTS', 300, 0, 1_000_000),
    sandboxLatencyMs: integer(env, 'SANDBOX_LATENCY_MS', 0, 0, 60_000),
    sandboxDrift: parseDriftShare(env.SANDBOX_DRIFT),
    security: security(env),
    resilience: resilienceConfig(env, live),
    insecureUpstreams,
    observability: observabilityConfig(env),
    fleet: fleetConfig(env),
  };
}
