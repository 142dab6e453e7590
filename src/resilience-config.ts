/**
 * Upstream resilience settings from the environment: per-provider timeouts, retries, circuit breakers and client-side
 * quotas, plus the deadline of one GraphQL request.
 */
import type { ProviderName } from './domain.js';
import { flag, integer, text, type Env } from './env.js';
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

const PREFIX: Record<ProviderName, string> = { ZENSKAR: 'ZENSKAR', STATESET: 'STATESET', LEMON_SQUEEZY: 'LEMONSQUEEZY' };

/**
 * Documented request rates per minute, applied in live mode: Lemon Squeezy 300/min (documented); StateSet 100/min (its
 * Starter plan; raise it to your plan's); Zenskar documents none (0: no client-side quota). Sandbox mode applies a quota
 * only when set explicitly, as the sandboxes enforce none by default.
 */
const LIVE_RATES: Record<ProviderName, number> = { ZENSKAR: 0, STATESET: 100, LEMON_SQUEEZY: 300 };

export function resilienceConfig(env: Env, live: boolean): ResilienceConfig {
  const global: Timeouts = {
    connectMs: integer(env, 'UPSTREAM_CONNECT_TIMEOUT_MS', DEFAULT_TIMEOUTS.connectMs, 1, 600_000),
    headersMs: integer(env, 'UPSTREAM_HEADERS_TIMEOUT_MS', DEFAULT_TIMEOUTS.headersMs, 1, 600_000),
    bodyMs: integer(env, 'UPSTREAM_BODY_TIMEOUT_MS', DEFAULT_TIMEOUTS.bodyMs, 1, 600_000),
  };
  const maxAttempts = integer(env, 'UPSTREAM_MAX_ATTEMPTS', 3, 1, 10);
  const failureThreshold = integer(env, 'CIRCUIT_FAILURE_THRESHOLD', 5, 0, 1_000);
  const cooldownMs = integer(env, 'CIRCUIT_COOLDOWN_MS', 10_000, 100, 3_600_000);
  const timeouts = {} as Record<ProviderName, Timeouts>;
  const upstream = {} as Record<ProviderName, Resilience>;
  for (const provider of Object.keys(PREFIX) as ProviderName[]) {
    const p = PREFIX[provider];
    timeouts[provider] = {
      connectMs: integer(env, `${p}_CONNECT_TIMEOUT_MS`, global.connectMs, 1, 600_000),
      headersMs: integer(env, `${p}_HEADERS_TIMEOUT_MS`, global.headersMs, 1, 600_000),
      bodyMs: integer(env, `${p}_BODY_TIMEOUT_MS`, global.bodyMs, 1, 600_000),
    };
    const perMinute = integer(env, `${p}_RATE_LIMIT_PER_MINUTE`, live ? LIVE_RATES[provider] : 0, 0, 1_000_000);
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
