/**
 * GET /metrics after a known sequence — a merged walk, a re-read, a provider failing until its circuit opens, a quota
 * wait — parsed with a Prometheus text-format parser: upstream counters equal the sandboxes' own request logs, cache
 * and circuit figures match what happened, and every label value is bounded and free of secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltInProviderName as ProviderName } from '../src/providers/registry.js';
import type { Resilience } from '../src/http/client.js';
import type { ResilienceConfig } from '../src/resilience-config.js';
import { HttpClient } from '../src/http/client.js';
import { deadlineSignal } from '../src/http/deadline.js';
import { createMetrics } from '../src/observability/metrics.js';
import { DRIFT_KINDS, subscribeDrift, type DriftRecord } from '../src/providers/drift.js';
import { createTestGateway, TEST_CURSOR_SECRET, type TestGateway } from './helpers.js';
import { readScrape, type Scrape } from './prometheus.js';

const PROVIDERS: ProviderName[] = ['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'];
const SANDBOX = { ZENSKAR: 'zenskar', STATESET: 'stateset', LEMON_SQUEEZY: 'lemonsqueezy' } as const;
/** Lemon Squeezy's client-side quota: one token every 500 ms, so two requests at once make the second wait. */
const LEMON_QUOTA = { perMinute: 120, burst: 1 };

function resilience(): ResilienceConfig {
  const timeouts = { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 };
  const upstream = (provider: ProviderName): Resilience => ({
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    breaker: { failureThreshold: 3, cooldownMs: 600_000 },
    ...(provider === 'LEMON_SQUEEZY' ? { quota: LEMON_QUOTA } : {}),
  });
  return {
    requestDeadlineMs: 15_000,
    timeouts: { ZENSKAR: timeouts, STATESET: timeouts, LEMON_SQUEEZY: timeouts },
    upstream: { ZENSKAR: upstream('ZENSKAR'), STATESET: upstream('STATESET'), LEMON_SQUEEZY: upstream('LEMON_SQUEEZY') },
  };
}

const WALK = /* GraphQL */ `
  query Walk($after: String) {
    checkouts(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } }
  }
`;
const FILTERED = /* GraphQL */ `
  query Filtered($after: DateTime) { checkouts(first: 5, filter: { createdAfter: $after }) { edges { node { id } } } }
`;

describe('GET /metrics', () => {
  let gw: TestGateway;
  const scrape = async (): Promise<Scrape> => {
    const response = await gw.fetch('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return readScrape(await response.text());
  };
  const sandboxRequests = (p: ProviderName) => gw.sandboxes[SANDBOX[p]].log.length;

  beforeAll(async () => {
    gw = await createTestGateway({ count: 250, resilience: resilience() });
  });
  afterAll(() => gw?.close());

  let walkPages = 0;

  it('counts a merged walk: upstream requests equal the sandboxes’ logs, every one a cache miss', async () => {
    let after: string | null = null;
    do {
      const res: { data?: any; errors?: unknown } = await gw.query(WALK, { after });
      expect(res.errors).toBeUndefined();
      walkPages++;
      after = res.data.checkouts.pageInfo.hasNextPage ? res.data.checkouts.pageInfo.endCursor : null;
    } while (after);
    const m = await scrape();
    let misses = 0;
    for (const p of PROVIDERS) {
      expect(sandboxRequests(p)).toBeGreaterThan(1);
      expect(m.sum('checkout_graph_upstream_requests_total', { provider: p }), p).toBe(sandboxRequests(p));
      expect(m.sum('checkout_graph_upstream_requests_total', { provider: p, status_class: '2xx' }), p).toBe(sandboxRequests(p));
      expect(m.sum('checkout_graph_upstream_request_duration_seconds_count', { provider: p })).toBe(sandboxRequests(p));
      expect(m.sum('checkout_graph_cache_lookups_total', { provider: p, result: 'miss' }), p).toBe(sandboxRequests(p));
      expect(m.sum('checkout_graph_upstream_response_bytes_total', { provider: p })).toBeGreaterThan(sandboxRequests(p) * 100);
      // One observation per provider per page; every page read is one cache lookup (a hit when the page was read before).
      expect(m.sum('checkout_graph_merged_pages_read_count', { provider: p })).toBe(walkPages);
      expect(m.sum('checkout_graph_merged_pages_read_sum', { provider: p })).toBe(m.sum('checkout_graph_cache_lookups_total', { provider: p }));
      misses += sandboxRequests(p);
    }
    expect(m.sum('checkout_graph_cache_entries')).toBe(misses);
    expect(m.sum('checkout_graph_graphql_request_duration_seconds_count', { operation_name: 'Walk', operation_type: 'query', outcome: 'success' })).toBe(
      walkPages,
    );
    expect(m.sum('checkout_graph_merged_scan_bound_hits_total')).toBe(0);
  });

  it('answers a re-read from the cache: hits rise, upstream requests do not', async () => {
    // A first page always goes upstream (freshness); a continuation page of the walk reads the walk's cached pages.
    const first = await gw.query(WALK, { after: null });
    const cursor = first.data?.checkouts.pageInfo.endCursor;
    expect(cursor).toBeTruthy();
    const before = await scrape();
    const res = await gw.query(WALK, { after: cursor });
    expect(res.errors).toBeUndefined();
    const m = await scrape();
    for (const p of PROVIDERS) {
      expect(m.sum('checkout_graph_upstream_requests_total', { provider: p })).toBe(before.sum('checkout_graph_upstream_requests_total', { provider: p }));
      const hits =
        m.sum('checkout_graph_cache_lookups_total', { provider: p, result: 'hit' }) -
        before.sum('checkout_graph_cache_lookups_total', { provider: p, result: 'hit' });
      const pages = m.sum('checkout_graph_merged_pages_read_sum', { provider: p }) - before.sum('checkout_graph_merged_pages_read_sum', { provider: p });
      expect(hits, p).toBe(pages);
      expect(hits, p).toBeGreaterThan(0);
    }
  });

  it('counts a failing provider: 5xx answers, the retry, the errors, and its circuit opening once', async () => {
    const stateset = gw.sandboxes.stateset;
    const before = await scrape();
    stateset.knobs.faults.push(...Array.from({ length: 3 }, () => ({ kind: 'response' as const, response: { status: 503, body: {} } })));
    const codes: string[] = [];
    // A new created-after bound per request: StateSet applies it upstream, so each one is a new upstream request.
    for (const after of ['2001-01-01T00:00:00Z', '2001-01-01T00:00:01Z', '2001-01-01T00:00:02Z']) {
      const res = await gw.query(FILTERED, { after });
      expect(res.data?.checkouts.edges.length).toBeGreaterThan(0);
      codes.push(...(res.errors ?? []).map((e) => String(e.extensions?.code)));
    }
    expect(stateset.knobs.faults).toEqual([]);
    // 1st request: 503, retried, 503. 2nd: 503 opens the circuit, so no retry is admitted. 3rd: fails fast.
    expect(codes).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
    const m = await scrape();
    const delta = (name: string, labels: Record<string, string>) => m.sum(name, labels) - before.sum(name, labels);
    expect(delta('checkout_graph_upstream_requests_total', { provider: 'STATESET', status_class: '5xx' })).toBe(3);
    expect(m.sum('checkout_graph_upstream_requests_total', { provider: 'STATESET' })).toBe(stateset.log.length);
    expect(delta('checkout_graph_upstream_retries_total', { provider: 'STATESET', reason: 'http_503' })).toBe(1);
    expect(m.sum('checkout_graph_circuit_state', { provider: 'STATESET' })).toBe(2);
    expect(m.sum('checkout_graph_circuit_state', { provider: 'ZENSKAR' })).toBe(0);
    expect(m.sum('checkout_graph_circuit_transitions_total', { provider: 'STATESET', from: 'CLOSED', to: 'OPEN' })).toBe(1);
    expect(m.sum('checkout_graph_circuit_transitions_total')).toBe(1);
    expect(delta('checkout_graph_graphql_errors_total', { code: 'UPSTREAM_UNAVAILABLE' })).toBe(3);
    expect(delta('checkout_graph_graphql_request_duration_seconds_count', { operation_name: 'Filtered', outcome: 'partial' })).toBe(3);
    const readiness = (await (await gw.fetch('/readiness')).json()) as { upstreams: { provider: string; circuit: string }[] };
    expect(readiness.upstreams.find((u) => u.provider === 'STATESET')?.circuit).toBe('OPEN');
  });

  it('times quota waits and reports the upstream’s declared limit', async () => {
    const before = await scrape();
    // Two Lemon Squeezy requests at once: the bucket holds one token, so the second waits for the next (500 ms).
    const res = await gw.query(/* GraphQL */ `
      query TwoAtOnce { a: lemonSqueezyCheckouts(first: 3, filter: { storeId: 1 }) { edges { node { id } } }
                        b: lemonSqueezyCheckouts(first: 4, filter: { storeId: 2 }) { edges { node { id } } } }
    `);
    expect(res.errors).toBeUndefined();
    const m = await scrape();
    const lemon = { provider: 'LEMON_SQUEEZY' };
    const waits = m.sum('checkout_graph_quota_wait_seconds_count', lemon);
    expect(waits).toBe(sandboxRequests('LEMON_SQUEEZY'));
    const shortWaits = (s: Scrape) => s.sum('checkout_graph_quota_wait_seconds_bucket', { ...lemon, le: '0.25' });
    expect(waits - before.sum('checkout_graph_quota_wait_seconds_count', lemon) - (shortWaits(m) - shortWaits(before))).toBeGreaterThanOrEqual(1);
    expect(m.sum('checkout_graph_quota_refusals_total')).toBe(0);
    expect(m.values('checkout_graph_quota_allowance', 'provider')).toEqual(['LEMON_SQUEEZY']);
    expect(m.sum('checkout_graph_quota_allowance', lemon)).toBeLessThanOrEqual(LEMON_QUOTA.burst);

    // The sandbox counts requests in a fixed one-minute window and says what remains after each.
    await gw.query(`{ lemonSqueezyCheckouts(first: 2, filter: { storeId: 3 }) { edges { node { id } } } }`);
    const after = await scrape();
    expect(after.sum('checkout_graph_upstream_ratelimit_limit', lemon)).toBe(300);
    expect(after.sum('checkout_graph_upstream_ratelimit_remaining', lemon)).toBe(300 - sandboxRequests('LEMON_SQUEEZY'));
  });

  it('keeps every label value bounded and free of secrets', async () => {
    const text = await (await gw.fetch('/metrics')).text();
    const secrets = [
      gw.sandboxes.configs.zenskar.apiKey,
      gw.sandboxes.configs.zenskar.organisation,
      gw.sandboxes.configs.stateset.apiKey,
      gw.sandboxes.configs.lemonsqueezy.apiKey,
      TEST_CURSOR_SECRET,
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
    const m = readScrape(text);
    const allowed: Record<string, RegExp> = {
      provider: /^(ZENSKAR|STATESET|LEMON_SQUEEZY)$/,
      route: /^\/[a-z_-]+(\/\{id\})*$/,
      status_class: /^([1-5]xx|none)$/,
      method: /^GET$/,
      reason: /^(http_(429|502|503|504)|timeout|connection)$/,
      result: /^(hit|miss|join)$/,
      from: /^(CLOSED|OPEN|HALF_OPEN)$/,
      to: /^(CLOSED|OPEN|HALF_OPEN)$/,
      operation_name: /^(Walk|Filtered|TwoAtOnce|_other)$/,
      operation_type: /^(query|mutation|subscription|unknown)$/,
      outcome: /^(success|partial|error)$/,
      code: /^[A-Z][A-Z0-9_]*$/,
      le: /^(\+Inf|[0-9.e+-]+)$/,
    };
    const own = m.samples.filter((s) => s.name.startsWith('checkout_graph_'));
    expect(own.length).toBeGreaterThan(50);
    for (const sample of own) {
      for (const [label, value] of Object.entries(sample.labels)) {
        expect(allowed[label], `label ${label} of ${sample.name} is not a known bounded label`).toBeDefined();
        expect(value, `${sample.name}{${label}}`).toMatch(allowed[label]!);
      }
    }
    // prom-client's process defaults are there too, event-loop lag included.
    expect(m.families.get('nodejs_eventloop_lag_seconds')).toBe('GAUGE');
    expect(m.families.get('process_cpu_seconds_total')).toBe('COUNTER');
  });
});

describe('metrics switches', () => {
  it('folds operation names past METRICS_MAX_OPERATION_NAMES, and unnamed ones, into _other', async () => {
    const gw = await createTestGateway({ count: 5, observability: { metrics: { enabled: true, maxOperationNames: 2 } } });
    try {
      for (const name of ['One', 'Two', 'Three', 'Four']) await gw.query(`query ${name} { checkouts(first: 1) { totalCount } }`);
      await gw.query(`{ checkouts(first: 1) { totalCount } }`);
      const m = readScrape(await (await gw.fetch('/metrics')).text());
      expect(m.values('checkout_graph_graphql_request_duration_seconds_count', 'operation_name')).toEqual(['One', 'Two', '_other']);
      expect(m.sum('checkout_graph_graphql_request_duration_seconds_count', { operation_name: '_other' })).toBe(3);
    } finally {
      await gw.close();
    }
  });

  it('serves no /metrics and records nothing with METRICS_ENABLED=false', async () => {
    const gw = await createTestGateway({ count: 5, observability: { metrics: { enabled: false, maxOperationNames: 50 } } });
    try {
      expect((await gw.query(`{ checkouts(first: 1) { totalCount } }`)).errors).toBeUndefined();
      expect((await gw.fetch('/metrics')).status).toBe(404);
      expect(gw.gateway.metrics).toBeNull();
    } finally {
      await gw.close();
    }
  });
});

describe('quota refusals', () => {
  it('counts a request the quota refuses before its deadline, without calling the upstream', async () => {
    const gw = await createTestGateway({ count: 5 });
    const metrics = createMetrics({ maxOperationNames: 5 });
    const { baseUrl, apiKey } = gw.sandboxes.configs.lemonsqueezy;
    const client = new HttpClient({
      provider: 'LEMON_SQUEEZY',
      baseUrl,
      headers: { authorization: `Bearer ${apiKey}` },
      resilience: { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, quota: { perMinute: 60, burst: 1 } },
      observer: metrics.http,
    });
    try {
      // One token a second: the second request would wait ~1 s, past its 300 ms deadline.
      await client.getJson('/checkouts', { 'page[size]': 1 });
      await expect(client.getJson('/checkouts', { 'page[size]': 1 }, { signal: deadlineSignal(300) })).rejects.toMatchObject({
        extensions: { code: 'UPSTREAM_RATE_LIMITED' },
      });
      const m = readScrape(await metrics.text());
      expect(m.sum('checkout_graph_quota_refusals_total', { provider: 'LEMON_SQUEEZY' })).toBe(1);
      expect(m.sum('checkout_graph_upstream_requests_total', { provider: 'LEMON_SQUEEZY' })).toBe(1);
      expect(gw.sandboxes.lemonsqueezy.log.length).toBe(1);
      expect(m.sum('checkout_graph_upstream_requests_total', { route: '/checkouts' })).toBe(1);
    } finally {
      await client.close();
      await gw.close();
    }
  });
});

describe('drift records', () => {
  it('counts every tolerated deviation by provider, static path and kind', async () => {
    const gw = await createTestGateway({ count: 120, drift: 0.5 });
    const seen: DriftRecord[] = [];
    const stop = subscribeDrift((r) => void seen.push(r));
    try {
      const res = await gw.query(`query Drifted { checkouts(first: 100) { edges { node { id providerStatus email } } } }`);
      expect(res.errors).toBeUndefined();
      expect(seen.length).toBeGreaterThan(0);
      const m = readScrape(await (await gw.fetch('/metrics')).text());
      expect(m.sum('checkout_graph_upstream_drift_total')).toBe(seen.length);
      for (const r of seen) {
        expect(m.sum('checkout_graph_upstream_drift_total', { provider: r.provider, path: r.path, kind: r.kind })).toBe(
          seen.filter((o) => o.provider === r.provider && o.path === r.path && o.kind === r.kind).length,
        );
      }
      for (const sample of m.samples.filter((s) => s.name === 'checkout_graph_upstream_drift_total')) {
        expect(sample.labels.provider).toMatch(/^(ZENSKAR|STATESET|LEMON_SQUEEZY)$/);
        expect(DRIFT_KINDS).toContain(sample.labels.kind);
        // Static paths: array positions folded to [], no values.
        expect(sample.labels.path).toMatch(/^[A-Za-z_][A-Za-z0-9_]*(\[\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[\])?)*$/);
      }
    } finally {
      stop();
      await gw.close();
    }
  });
});
