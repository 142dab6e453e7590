/**
 * Upstream, page-cache and resilience metrics, fed by the HTTP module's observer hooks. Labels are bounded by code:
 * `provider` (the registered providers), `route` (route templates such as `/checkouts/{id}`, a handful per provider), `status_class`,
 * `reason` (6 retry reasons), circuit states. Never a URL, query string, id or key.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ProviderName } from '../domain.js';
import { findProvider } from '../providers/registry.js';
import type { BreakerState } from '../http/breaker.js';
import type { CacheObserver, HttpObserver, ObservedClient } from '../http/observer.js';
import { statusClass } from '../http/observer.js';

/** Circuit state as a number, so a dashboard can plot it: 0 closed, 1 half-open, 2 open. */
export const CIRCUIT_VALUE: Record<BreakerState, number> = { CLOSED: 0, HALF_OPEN: 1, OPEN: 2 };

export function upstreamMetrics(registry: Registry, cacheSize: () => number): { http: HttpObserver; cache: CacheObserver } {
  const registers = [registry];
  const clients: ObservedClient[] = [];
  const route = ['provider', 'route'] as const;
  const duration = new Histogram({
    name: 'checkout_graph_upstream_request_duration_seconds',
    help: 'Upstream HTTP attempts (retries included), from sending to the end of the body.',
    labelNames: [...route, 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const requests = new Counter({
    name: 'checkout_graph_upstream_requests_total',
    help: 'Upstream HTTP attempts by status class (`none`: no response — connection error, timeout).',
    labelNames: [...route, 'method', 'status_class'],
    registers,
  });
  const retries = new Counter({
    name: 'checkout_graph_upstream_retries_total',
    help: 'Retries of upstream requests, by the reason for them.',
    labelNames: [...route, 'reason'],
    registers,
  });
  const timeouts = new Counter({
    name: 'checkout_graph_upstream_timeouts_total',
    help: 'Upstream attempts that timed out (connect, headers, body, or an upstream 408/504).',
    labelNames: route,
    registers,
  });
  const bytes = new Counter({
    name: 'checkout_graph_upstream_response_bytes_total',
    help: 'Response body bytes received from upstreams.',
    labelNames: route,
    registers,
  });
  const lookups = new Counter({
    name: 'checkout_graph_cache_lookups_total',
    help: 'Upstream page cache lookups: `hit` (fresh entry), `join` (shared an in-flight request), `miss` (went upstream).',
    labelNames: ['provider', 'result'],
    registers,
  });
  const evictions = new Counter({ name: 'checkout_graph_cache_evictions_total', help: 'Entries pushed out of the page cache by its size bound.', registers });
  new Gauge({
    name: 'checkout_graph_cache_entries',
    help: 'Entries in the upstream page cache.',
    registers,
    collect() {
      this.set(cacheSize());
    },
  });
  new Gauge({
    name: 'checkout_graph_circuit_state',
    help: 'Circuit breaker state per provider: 0 closed, 1 half-open, 2 open.',
    labelNames: ['provider'],
    registers,
    collect() {
      for (const client of clients) this.set({ provider: client.provider }, CIRCUIT_VALUE[client.circuitState()]);
    },
  });
  const transitions = new Counter({
    name: 'checkout_graph_circuit_transitions_total',
    help: 'Circuit breaker state changes.',
    labelNames: ['provider', 'from', 'to'],
    registers,
  });
  const quotaWait = new Histogram({
    name: 'checkout_graph_quota_wait_seconds',
    help: 'Time requests waited for the client-side quota (0 when a token was free).',
    labelNames: ['provider'],
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const refusals = new Counter({
    name: 'checkout_graph_quota_refusals_total',
    help: 'Requests refused by the client-side quota (the wait would pass the request deadline).',
    labelNames: ['provider'],
    registers,
  });
  new Gauge({
    name: 'checkout_graph_quota_allowance',
    help: 'Requests the client-side quota would let through at once now (negative while requests queue).',
    labelNames: ['provider'],
    registers,
    collect() {
      for (const client of clients) {
        const allowance = client.quotaAllowance();
        if (allowance !== null && Number.isFinite(allowance)) this.set({ provider: client.provider }, allowance);
      }
    },
  });
  const declaredLimit = new Gauge({
    name: 'checkout_graph_upstream_ratelimit_limit',
    help: 'Rate limit the upstream declares (X-RateLimit-Limit), last seen.',
    labelNames: ['provider'],
    registers,
  });
  const declaredRemaining = new Gauge({
    name: 'checkout_graph_upstream_ratelimit_remaining',
    help: 'Requests the upstream says remain in its window (X-RateLimit-Remaining), last seen.',
    labelNames: ['provider'],
    registers,
  });

  const http: HttpObserver = {
    client: (client) => void clients.push(client),
    attempt(a) {
      const labels = { provider: a.provider, route: a.route };
      const status_class = statusClass(a.status);
      duration.observe({ ...labels, status_class }, a.durationSeconds);
      requests.inc({ ...labels, method: a.method, status_class });
      if (a.timedOut) timeouts.inc(labels);
      if (a.bytes > 0) bytes.inc(labels, a.bytes);
      if (a.retryReason) retries.inc({ ...labels, reason: a.retryReason });
    },
    quotaWait: (provider, seconds) => quotaWait.observe({ provider }, seconds),
    quotaRefused: (provider) => refusals.inc({ provider }),
    circuitTransition: (provider, from, to) => transitions.inc({ provider, from, to }),
    declaredLimit(provider, limit, remaining) {
      if (limit !== undefined) declaredLimit.set({ provider }, limit);
      if (remaining !== undefined) declaredRemaining.set({ provider }, remaining);
    },
  };
  const cache: CacheObserver = {
    lookup(key, result) {
      const prefix = key.slice(0, key.indexOf('|'));
      lookups.inc({ provider: findProvider(prefix) ? (prefix as ProviderName) : 'OTHER', result });
    },
    evicted: () => evictions.inc(),
  };
  return { http, cache };
}
