/**
 * Client-side quota per provider credential: a token bucket at the upstream's documented rate, so the gateway queues
 * briefly instead of provoking 429s. A request whose wait would pass its deadline fails at once with
 * UPSTREAM_RATE_LIMITED and a retry-after hint.
 *
 * The configured rate is where it starts: rate-limit headers adjust it (see `observe`). In fleet mode the bucket lives
 * in Redis and every instance draws from it; while Redis cannot answer, each instance falls back to its share
 * (1/n of the rate, n the instances last seen) in a bucket of its own.
 */
import type { ProviderName } from '../domain.js';
import { UpstreamError } from '../errors.js';
import { declaredLimits, freshBucket, observe, release, reserve, type BucketParams, type BucketState, type Declared, type Reservation } from './bucket.js';
import { sleep } from './deadline.js';

export interface QuotaOptions {
  /** Requests per minute; 0 means no client-side quota. */
  perMinute: number;
  /** Requests that may go at once after a quiet spell (default: a tenth of a minute's worth, at least 1). */
  burst?: number;
  /**
   * Follow the upstream's declared limit up as well as down (default false: the declared limit only lowers the rate).
   * Either way the rate never exceeds what the upstream declares.
   */
  followDeclared?: boolean;
  /** Length of the upstream's rate-limit window, which its declared limit counts (default one minute). */
  windowMs?: number;
  /** Fleet mode: the buckets every instance shares (set by the gateway, not by configuration). */
  shared?: SharedBuckets;
}

/** Buckets kept outside the process (Redis). An undefined answer means "unavailable now": decide locally. */
export interface SharedBuckets {
  reserve(key: string, params: BucketParams, maxWaitMs: number): Promise<Reservation | undefined>;
  observe(key: string, params: BucketParams, declared: Declared, windowMs: number): Promise<void>;
  /** Instances drawing from the shared buckets, as last seen (at least 1). */
  peers(): number;
}

export class Quota {
  private readonly windowMs: number;
  private readonly shared: { buckets: SharedBuckets; key: string } | undefined;
  private params: BucketParams;
  private readonly local: BucketState;
  private declaredLimit: number | undefined;
  /** Reservations that had to wait, and how long in total (ms), for tests and metrics. */
  waits = 0;
  waitedMs = 0;

  constructor(
    private readonly provider: ProviderName,
    private readonly options: QuotaOptions,
    private readonly now: () => number = Date.now,
    /** Names the credential's shared bucket (a fingerprint, never the credential). */
    sharedKey = provider as string,
    /** How a queued request waits: on the same clock as `now` (tests pass a manual one). */
    private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void> = sleep,
  ) {
    this.shared = options.shared ? { buckets: options.shared, key: sharedKey } : undefined;
    this.windowMs = options.windowMs ?? 60_000;
    this.params = this.computeParams();
    this.local = freshBucket(this.localParams(), this.now());
  }

  /** The rate in force, per minute (configured, adjusted by what the upstream declared). */
  get perMinute(): number {
    return this.params.perMs * 60_000;
  }

  /** Requests that could go at once now (negative while callers queue), for the allowance gauge. */
  allowance(): number {
    // This instance's own bucket (in a fleet, its local share; the shared bucket lives in Redis).
    const params = this.localParams();
    if (params.perMs <= 0) return Number.POSITIVE_INFINITY;
    return Math.min(params.capacity, this.local.tokens + (this.now() - this.local.updatedAt) * params.perMs);
  }

  /** Waits for a token (reserving it at once, so concurrent callers queue fairly). */
  async take(deadline: number | undefined, signal?: AbortSignal): Promise<void> {
    if (this.params.perMs <= 0) return;
    const maxWaitMs = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - this.now();
    let reservation = this.shared ? await this.shared.buckets.reserve(this.shared.key, this.params, maxWaitMs) : undefined;
    const local = reservation === undefined;
    reservation ??= reserve(this.local, this.localParams(), this.now(), maxWaitMs);
    if (!reservation.granted) {
      throw new UpstreamError(this.provider, 'UPSTREAM_RATE_LIMITED', 'the client-side quota for this upstream is used up until after the request deadline', {
        retryAfter: Math.max(1, Math.ceil(reservation.waitMs / 1000)),
        local: true,
      });
    }
    if (reservation.waitMs <= 0) return;
    this.waits++;
    this.waitedMs += reservation.waitMs;
    try {
      await this.wait(reservation.waitMs, signal);
    } catch (err) {
      // A shared reservation is not given back: one unused token costs less than another Redis round trip.
      if (local) release(this.local);
      throw err;
    }
  }

  /**
   * Applies an upstream answer's `X-RateLimit-Limit` / `-Remaining` / `-Reset`. The declared limit (per `windowMs`)
   * caps the rate, or sets it with `followDeclared`; the burst shrinks with it unless configured; the bucket never
   * holds more than the declared remaining; a declared reset bounds the window that remaining counts.
   */
  observe(headers: Record<string, string | string[] | undefined>): void {
    if (this.params.perMs <= 0) return;
    const declared = declaredLimits(headers);
    if (declared.limit !== undefined && declared.limit !== this.declaredLimit) {
      this.declaredLimit = declared.limit;
      this.params = this.computeParams();
    }
    if (declared.remaining === undefined) return;
    const share = this.shared ? this.shared.buckets.peers() : 1;
    observe(this.local, this.localParams(), { ...declared, remaining: Math.floor(declared.remaining / share) }, this.now(), this.windowMs);
    if (this.shared && this.couldBind(declared)) void this.shared.buckets.observe(this.shared.key, this.params, declared, this.windowMs);
  }

  /**
   * Whether the declaration could hold the shared bucket back before its reset: if the bucket cannot spend more than
   * `remaining` by then anyway (a full bucket plus its refill), telling Redis would cost a round trip for nothing.
   */
  private couldBind(declared: Declared): boolean {
    const untilReset = declared.resetAt === undefined ? 0 : Math.max(0, declared.resetAt - this.now());
    return declared.remaining! < this.params.capacity + this.params.perMs * untilReset;
  }

  private computeParams(): BucketParams {
    let perMinute = this.options.perMinute;
    if (this.declaredLimit !== undefined) {
      const declaredPerMinute = (this.declaredLimit * 60_000) / this.windowMs;
      perMinute = this.options.followDeclared ? declaredPerMinute : Math.min(perMinute, declaredPerMinute);
    }
    let capacity = Math.max(1, this.options.burst ?? Math.ceil(perMinute / 10));
    if (this.declaredLimit !== undefined) capacity = Math.min(capacity, this.declaredLimit);
    return { capacity, perMs: perMinute / 60_000 };
  }

  /** This instance's own bucket: the whole rate alone, its share of it in a fleet. */
  private localParams(): BucketParams {
    const share = this.shared ? this.shared.buckets.peers() : 1;
    return { capacity: Math.max(1, Math.floor(this.params.capacity / share)), perMs: this.params.perMs / share };
  }
}
