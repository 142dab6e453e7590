/**
 * Small readings the HTTP module takes for observability: why a retry happens (a fixed set of reasons), what rate
 * limit an upstream declares in its headers, and cache hits and misses of the provider read under way (span attributes).
 */
import { context, createContextKey } from '@opentelemetry/api';
import { UpstreamError } from '../errors.js';
import type { RetryReason } from './observer.js';

export function retryReason(err: unknown): RetryReason {
  const status = err instanceof UpstreamError ? (err.extensions.upstreamStatus as number | undefined) : undefined;
  if (status === 429 || status === 502 || status === 503 || status === 504) return `http_${status}`;
  if (err instanceof UpstreamError && err.upstreamCode === 'UPSTREAM_TIMEOUT') return 'timeout';
  return 'connection';
}

type Headers = Record<string, string | string[] | undefined>;

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** `X-RateLimit-Limit` / `X-RateLimit-Remaining` (all three upstreams' spelling), when sent. */
export function declaredLimits(headers: Headers): { limit: number | undefined; remaining: number | undefined } | null {
  const limit = numberHeader(headers, 'x-ratelimit-limit');
  const remaining = numberHeader(headers, 'x-ratelimit-remaining');
  return limit === undefined && remaining === undefined ? null : { limit, remaining };
}

/** Counters of one provider read (a span of the merged connection), carried in the OpenTelemetry context. */
export interface ReadStats {
  cacheHits: number;
  cacheMisses: number;
}

export const READ_STATS = createContextKey('checkout-graph.read-stats');

export function noteCacheLookup(loaded: boolean): void {
  const stats = context.active().getValue(READ_STATS) as ReadStats | undefined;
  if (!stats) return;
  if (loaded) stats.cacheMisses++;
  else stats.cacheHits++;
}
