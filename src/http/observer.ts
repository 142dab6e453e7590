/**
 * What the HTTP module reports while it works, for metrics. The module knows no metrics library: whoever wires a
 * gateway hands in an observer (or none). Every label-like value here is bounded by the code, never by input: provider
 * names, route templates (`/checkouts/{id}`), status classes and a fixed set of retry reasons.
 */
import type { ProviderName } from '../domain.js';
import type { BreakerState } from './breaker.js';

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'none';

/** Why an attempt was followed by another: the upstream's status, or `timeout` / `connection` when none came. */
export type RetryReason = 'http_429' | 'http_502' | 'http_503' | 'http_504' | 'timeout' | 'connection';

export interface UpstreamAttempt {
  provider: ProviderName;
  method: string;
  route: string;
  /** 1 for the first attempt of a request. */
  attempt: number;
  /** Why this attempt was made, when it is a retry. */
  retryReason: RetryReason | undefined;
  /** The upstream's status; null when no response came (connection error, timeout, abort). */
  status: number | null;
  /** True when the upstream did not answer in time (headers or body timeout, or an upstream 408/504). */
  timedOut: boolean;
  durationSeconds: number;
  /** Body bytes received. */
  bytes: number;
}

/** Handed to metrics so they can read gauges (circuit state, quota allowance) when scraped. */
export interface ObservedClient {
  readonly provider: ProviderName;
  circuitState(): BreakerState;
  /** Requests the client-side quota would let go right now; null without a quota. */
  quotaAllowance(): number | null;
}

export interface HttpObserver {
  client?(client: ObservedClient): void;
  attempt?(attempt: UpstreamAttempt): void;
  quotaWait?(provider: ProviderName, seconds: number): void;
  quotaRefused?(provider: ProviderName): void;
  circuitTransition?(provider: ProviderName, from: BreakerState, to: BreakerState): void;
  /** Limits the upstream declares in its answers (`X-RateLimit-Limit` / `-Remaining`), when it sends them. */
  declaredLimit?(provider: ProviderName, limit: number | undefined, remaining: number | undefined): void;
}

/** What the page cache reports, per lookup: the key starts with the provider name (see HttpClient.cached). */
export interface CacheObserver {
  lookup?(key: string, result: 'hit' | 'miss' | 'join'): void;
  evicted?(): void;
}

export function statusClass(status: number | null): StatusClass {
  if (status === null || status < 100 || status > 599) return 'none';
  return `${Math.floor(status / 100)}xx` as StatusClass;
}

/**
 * The route template of a request path relative to the provider's base URL: the resource name stays, every later
 * segment (ids, always one URL-encoded segment each) becomes `{id}`. So `/checkouts/ch_123` → `/checkouts/{id}`.
 */
export function routeTemplate(path: string): string {
  const [resource, ...rest] = path.split('?')[0]!.split('/').filter(Boolean);
  if (resource === undefined) return '/';
  const name = /^[a-z][a-z0-9_-]{0,39}$/.test(resource) ? resource : '{other}';
  return `/${[name, ...rest.map(() => '{id}')].join('/')}`;
}
