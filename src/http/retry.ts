/**
 * Retries of idempotent GETs: connection failures, timeouts, 502/503/504 with jittered exponential backoff ("full
 * jitter"), and 429 after the upstream's own Retry-After / reset hint. Never past the request deadline.
 */
import { UpstreamError } from '../errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included; 1 disables retries. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** How long to wait before the next attempt after `err`, or null when it is not worth retrying. */
export function retryDelay(err: unknown, attempt: number, options: RetryOptions, random: () => number = Math.random): number | null {
  if (!(err instanceof UpstreamError) || err.local) return null;
  const status = err.extensions.upstreamStatus as number | undefined;
  if (err.upstreamCode === 'UPSTREAM_RATE_LIMITED') {
    if (status !== 429) return null; // our own quota or breaker said no
    return err.retryAfter !== undefined ? err.retryAfter * 1000 : backoff(attempt, options, random);
  }
  if (err.upstreamCode === 'UPSTREAM_UNAVAILABLE' || err.upstreamCode === 'UPSTREAM_TIMEOUT') {
    if (status !== undefined && !RETRYABLE_STATUS.has(status)) return null;
    return backoff(attempt, options, random);
  }
  return null;
}

export function backoff(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt));
}

/** Whether a failure says the upstream is unhealthy (counts toward opening the circuit). */
export function isUpstreamFailure(err: unknown): boolean {
  if (!(err instanceof UpstreamError) || err.local) return false;
  return err.upstreamCode === 'UPSTREAM_UNAVAILABLE' || err.upstreamCode === 'UPSTREAM_TIMEOUT' || err.upstreamCode === 'UPSTREAM_BAD_RESPONSE';
}
