/**
 * Token-bucket arithmetic shared by the in-process quota and the Redis one (`src/fleet/quota-script.ts` is the same
 * rules in Lua; keep the two in step). Two limits apply together:
 *
 * 1. The bucket: `capacity` tokens, refilled at `perMs`. A reservation takes a token even when that leaves the bucket
 *    negative, so concurrent callers queue in order and each learns its own wait.
 * 2. The upstream's window, when it declared one: `X-RateLimit-Remaining` requests are left until `X-RateLimit-Reset`.
 *    While that window lasts the gateway never spends more than the upstream says is left, however full the bucket.
 */

export interface BucketParams {
  capacity: number;
  /** Tokens per millisecond. */
  perMs: number;
}

export interface BucketState {
  tokens: number;
  /** The capacity last applied: when a declared limit raises it, the difference is added at once. */
  capacity: number;
  updatedAt: number;
  /** Requests the upstream said were left in its current window (null: no window known). */
  windowRemaining: number | null;
  /** When that window ends, epoch ms. */
  windowResetAt: number | null;
}

export interface Reservation {
  /** False when the wait would exceed `maxWaitMs`; nothing was taken then. */
  granted: boolean;
  waitMs: number;
}

/** What an upstream declared in its rate-limit headers. */
export interface Declared {
  limit?: number;
  remaining?: number;
  /** Epoch ms. */
  resetAt?: number;
}

export function freshBucket(params: BucketParams, now: number): BucketState {
  return { tokens: params.capacity, capacity: params.capacity, updatedAt: now, windowRemaining: null, windowResetAt: null };
}

function refill(state: BucketState, params: BucketParams, now: number): void {
  if (params.capacity > state.capacity) state.tokens += params.capacity - state.capacity;
  state.capacity = params.capacity;
  state.tokens = Math.min(params.capacity, state.tokens + Math.max(0, now - state.updatedAt) * params.perMs);
  state.updatedAt = Math.max(state.updatedAt, now);
  if (state.windowResetAt !== null && now >= state.windowResetAt) {
    state.windowRemaining = null;
    state.windowResetAt = null;
  }
}

export function reserve(state: BucketState, params: BucketParams, now: number, maxWaitMs: number): Reservation {
  refill(state, params, now);
  const tokens = state.tokens - 1;
  let waitMs = tokens >= 0 ? 0 : Math.ceil(-tokens / params.perMs);
  if (state.windowRemaining !== null && state.windowRemaining <= 0 && state.windowResetAt !== null) {
    waitMs = Math.max(waitMs, state.windowResetAt - now);
  }
  if (waitMs > maxWaitMs) return { granted: false, waitMs };
  state.tokens = tokens;
  if (state.windowRemaining !== null) state.windowRemaining -= 1;
  return { granted: true, waitMs };
}

/** Gives a reservation back (its caller gave up before sending). */
export function release(state: BucketState): void {
  state.tokens += 1;
  if (state.windowRemaining !== null) state.windowRemaining += 1;
}

/**
 * Applies what the upstream declared: the bucket never holds more than `remaining`; a known reset opens a window
 * capped at `remaining`; `remaining: 0` without a reset closes the bucket for `windowMs` (the upstream's documented
 * window), as the safe reading.
 */
export function observe(state: BucketState, params: BucketParams, declared: Declared, now: number, windowMs: number): void {
  refill(state, params, now);
  if (declared.remaining === undefined) return;
  state.tokens = Math.min(state.tokens, declared.remaining);
  if (declared.resetAt !== undefined && declared.resetAt > now) {
    state.windowRemaining = declared.remaining;
    state.windowResetAt = declared.resetAt;
  } else if (declared.remaining <= 0) {
    state.windowRemaining = 0;
    state.windowResetAt = now + windowMs;
  }
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): number | undefined {
  const raw = headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads `X-RateLimit-Limit` / `-Remaining` / `-Reset` (Unix seconds), in any letter case (Node lower-cases header
 * names, so Lemon Squeezy's `X-Ratelimit-*` reads the same). Absent headers stay undefined.
 */
export function declaredLimits(headers: Headers): Declared {
  const limit = header(headers, 'x-ratelimit-limit');
  const remaining = header(headers, 'x-ratelimit-remaining');
  const reset = header(headers, 'x-ratelimit-reset');
  return {
    ...(limit !== undefined && limit > 0 ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(reset !== undefined && reset > 0 ? { resetAt: reset * 1000 } : {}),
  };
}
