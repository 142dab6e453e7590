/**
 * Client-side quota per provider credential: a token bucket at the upstream's documented rate, so the gateway queues
 * briefly instead of provoking 429s. A request whose wait would pass its deadline fails at once with
 * UPSTREAM_RATE_LIMITED and a retry-after hint.
 */
import type { ProviderName } from '../domain.js';
import { UpstreamError } from '../errors.js';
import { sleep } from './deadline.js';

export interface QuotaOptions {
  /** Requests per minute; 0 means no client-side quota. */
  perMinute: number;
  /** Requests that may go at once after a quiet spell (default: a tenth of a minute's worth, at least 1). */
  burst?: number;
}

export class Quota {
  private tokens: number;
  private updatedAt: number;
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(
    private readonly provider: ProviderName,
    options: QuotaOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = Math.max(1, options.burst ?? Math.ceil(options.perMinute / 10));
    this.perMs = options.perMinute / 60_000;
    this.tokens = this.capacity;
    this.updatedAt = this.now();
  }

  /** Requests that could go at once now (negative while callers queue), for the allowance gauge. */
  allowance(): number {
    if (this.perMs <= 0) return Number.POSITIVE_INFINITY;
    return Math.min(this.capacity, this.tokens + (this.now() - this.updatedAt) * this.perMs);
  }

  /** Waits for a token (reserving it at once, so concurrent callers queue fairly). */
  async take(deadline: number | undefined, signal?: AbortSignal): Promise<void> {
    if (this.perMs <= 0) return;
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = Math.ceil(-this.tokens / this.perMs);
    if (deadline !== undefined && now + waitMs > deadline) {
      this.tokens += 1;
      throw new UpstreamError(this.provider, 'UPSTREAM_RATE_LIMITED', 'the client-side quota for this upstream is used up until after the request deadline', {
        retryAfter: Math.max(1, Math.ceil(waitMs / 1000)),
        local: true,
      });
    }
    try {
      await sleep(waitMs, signal);
    } catch (err) {
      this.tokens += 1;
      throw err;
    }
  }
}
