/**
 * Upstream resilience settings from the environment: per-provider timeouts, retries, circuit breakers and client-side
 * quotas, plus the deadline of one GraphQL request.
 */
import type { ProviderName } from './domain.js';
import { flag, integer, text, type Env } from './env.js';
import { providerDefinitions } from './providers/registry.js';
import { DEFAULT_TIMEOUTS, type Resilience, type Timeouts } from './http/client.js';
import type { Clock } from './http/clock.js';
import { DEFAULT_CUTOFF, type Cutoff } from './pagination/cutoff.js';

export interface ResilienceConfig {
  /** A GraphQL request never waits on upstreams (retries and quota queues included) longer than this, in ms. */
  requestDeadlineMs: number;
  timeouts: Record<ProviderName, Timeouts>;
  upstream: Record<ProviderName, Resilience>;
  /** Time for every provider's resilience logic and the request deadline; tests pass a manual one (default: system). */
  clock?: Clock;
  /** When the merged connection cuts off a provider that holds its page (pagination/cutoff.ts); default DEFAULT_CUTOFF. */
  mergedCutoff?: Cutoff;
}

/** Timeouts from `<prefix>_CONNECT_TIMEOUT_MS`, `<prefix>_HEADERS_TIMEOUT_MS` and `<prefix>_BODY_TIMEOUT_MS`. */
export function timeoutsFrom(env: Env, prefix: string, fallback: Timeouts = DEFAULT_TIMEOUTS): Timeouts {
  return {
    connectMs: integer(env, `${prefix}_CONNECT_TIMEOUT_MS`, fallback.connectMs, 1, 600_000),
    headersMs: integer(env, `${prefix}_HEADERS_TIMEOUT_MS`, fallback.headersMs, 1, 600_000),
    bodyMs: integer(env, `${prefix}_BODY_TIMEOUT_MS`, fallback.bodyMs, 1, 600_000),
  };
}

/**
 * Per provider (`<envPrefix>_…` variables, registry order). The request rate defaults to the provider's documented one
 * (`liveRatePerMinute`) in live mode; sandbox mode applies a quota only when set explicitly, as the sandboxes enforce
 * none by default.
 */
export function resilienceConfig(env: Env, live: boolean): ResilienceConfig {
  const global = timeoutsFrom(env, 'UPSTREAM');
  const maxAttempts = integer(env, 'UPSTREAM_MAX_ATTEMPTS', 3, 1, 10);
  const failureThreshold = integer(env, 'CIRCUIT_FAILURE_THRESHOLD', 5, 0, 1_000);
  const cooldownMs = integer(env, 'CIRCUIT_COOLDOWN_MS', 10_000, 100, 3_600_000);
  const timeouts = {} as Record<ProviderName, Timeouts>;
  const upstream = {} as Record<ProviderName, Resilience>;
  for (const { name: provider, envPrefix: p, liveRatePerMinute } of providerDefinitions()) {
    timeouts[provider] = timeoutsFrom(env, p, global);
    const perMinute = integer(env, `${p}_RATE_LIMIT_PER_MINUTE`, live ? liveRatePerMinute : 0, 0, 1_000_000);
    const burst = text(env, `${p}_RATE_LIMIT_BURST`) === undefined ? undefined : integer(env, `${p}_RATE_LIMIT_BURST`, 1, 1, 100_000);
    const followDeclared = flag(env, `${p}_RATE_LIMIT_FOLLOW_UPSTREAM`, true);
    upstream[provider] = {
      retry: { maxAttempts, baseDelayMs: 100, maxDelayMs: 2_000 },
      breaker: { failureThreshold, cooldownMs },
      ...(perMinute > 0 ? { quota: { perMinute, followDeclared, ...(burst ? { burst } : {}) } } : {}),
    };
  }
  const mergedCutoff: Cutoff = {
    softMs: integer(env, 'MERGED_SOFT_DEADLINE_MS', DEFAULT_CUTOFF.softMs, 1, 600_000),
    stallMs: integer(env, 'MERGED_STALL_MS', DEFAULT_CUTOFF.stallMs, 1, 600_000),
  };
  return { requestDeadlineMs: integer(env, 'REQUEST_DEADLINE_MS', 15_000, 100, 600_000), timeouts, upstream, mergedCutoff };
}
