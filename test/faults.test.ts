/**
 * Upstream faults end to end: each fault is injected into one sandbox (`knobs.faults`, `knobs.latencyMs`) and the
 * gateway is asked through yoga.fetch, on the merged `checkouts` connection and on the faulty provider's own
 * connection. Every case shows the typed error with `extensions.provider`, the healthy providers' edges still coming
 * (`sources` FAILED for the faulty one only), the exact number of upstream attempts (retried or not), no leaked secret,
 * no unhandled rejection, and a healthy next request. Then the circuit breaker and the client-side quota, on a manual
 * clock the test advances (cool-downs and refills never race the wall clock), and the request deadline, which is about
 * real time: its bounds keep a wide margin so a loaded machine cannot fail them.
 *
 * undici checks headers/body timeouts on a coarse clock (about 0.5–1 s resolution), so a hang or added latency is
 * cut between `headersMs` and `headersMs + 1 s`; the bounds below allow for that, the deadline itself is exact.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BuiltInProviderName as ProviderName } from '../src/providers/registry.js';
import type { UpstreamErrorCode } from '../src/errors.js';
import type { Resilience, Timeouts } from '../src/http/client.js';
import { error as lemonError } from '../src/providers/lemonsqueezy/sandbox/server.js';
import type { ResilienceConfig } from '../src/resilience-config.js';
import type { Fault, RunningSandbox, SandboxResponse } from '../src/sandbox/harness.js';
import { createTestGateway, TEST_CURSOR_SECRET, type TestGateway } from './helpers.js';
import { ManualClock } from './manual-clock.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);

const PROVIDERS: ProviderName[] = ['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'];
const CREDENTIALED_URL = /[a-z][a-z0-9+.-]*:\/\/[^\s/@"'\\]+:[^\s/@"'\\]*@/i;
/** undici's coarse timer: a headers/body timeout fires up to about this much late. */
const UNDICI_TIMER_SLACK_MS = 1_000;
/** Slack for real-time upper bounds: a loaded 2-core machine can stall a process for a second. */
const MARGIN_MS = 1_500;

type SandboxKey = 'zenskar' | 'stateset' | 'lemonsqueezy';
const SANDBOX: Record<ProviderName, SandboxKey> = { ZENSKAR: 'zenskar', STATESET: 'stateset', LEMON_SQUEEZY: 'lemonsqueezy' };
const OWN_FIELD: Record<ProviderName, string> = { ZENSKAR: 'zenskarCheckouts', STATESET: 'stateSetCheckouts', LEMON_SQUEEZY: 'lemonSqueezyCheckouts' };

function resilience(options: {
  deadlineMs: number;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<Resilience['retry']>;
  breaker?: Partial<Resilience['breaker']>;
  quota?: Partial<Record<ProviderName, Resilience['quota']>>;
  clock?: ManualClock;
}): ResilienceConfig {
  const timeouts: Timeouts = { connectMs: 1_000, headersMs: 250, bodyMs: 250, ...options.timeouts };
  const upstream = (provider: ProviderName): Resilience => ({
    retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50, ...options.retry },
    // 0 disables the breaker: the fault matrix must not trip it; its own tests below switch it on.
    breaker: { failureThreshold: 0, cooldownMs: 60_000, ...options.breaker },
    ...(options.quota?.[provider] ? { quota: options.quota[provider] } : {}),
  });
  return {
    requestDeadlineMs: options.deadlineMs,
    timeouts: { ZENSKAR: timeouts, STATESET: timeouts, LEMON_SQUEEZY: timeouts },
    upstream: { ZENSKAR: upstream('ZENSKAR'), STATESET: upstream('STATESET'), LEMON_SQUEEZY: upstream('LEMON_SQUEEZY') },
    ...(options.clock ? { clock: options.clock } : {}),
  };
}

interface Answer {
  status: number;
  ms: number;
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** A GraphQL POST whose raw body is checked for secrets before it is parsed. */
async function ask(gw: TestGateway, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const started = Date.now();
  const response = await gw.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const ms = Date.now() - started;
  expectNoSecret(gw, text);
  return { status: response.status, ms, ...(JSON.parse(text) as object) };
}

function secretsOf(gw: TestGateway): string[] {
  const { zenskar, stateset, lemonsqueezy } = gw.sandboxes.configs;
  return [zenskar.apiKey, zenskar.organisation, stateset.apiKey, lemonsqueezy.apiKey, TEST_CURSOR_SECRET];
}

function expectNoSecret(gw: TestGateway, text: string): void {
  for (const secret of secretsOf(gw)) expect(text.includes(secret), 'a credential in a response').toBe(false);
  expect(CREDENTIALED_URL.test(text), 'a credentialed URL in a response').toBe(false);
  for (const sandbox of [gw.sandboxes.zenskar, gw.sandboxes.stateset, gw.sandboxes.lemonsqueezy]) {
    expect(text.includes(sandbox.origin), 'an upstream address in a response').toBe(false);
  }
}

const MERGED = `query Merged($first: Int, $filter: CheckoutFilter) {
  checkouts(first: $first, filter: $filter) {
    totalCount
    sources { provider status circuit error { code message } }
    edges { cursor node { id provider } }
  }
}`;
const own = (provider: ProviderName) => `query Own { conn: ${OWN_FIELD[provider]}(first: 5) { edges { node { id providerId } } } }`;
const READ_SIZE = 12;

function sandboxOf(gw: TestGateway, provider: ProviderName): RunningSandbox {
  return gw.sandboxes[SANDBOX[provider]];
}

function calm(gw: TestGateway): void {
  for (const provider of PROVIDERS) {
    const sandbox = sandboxOf(gw, provider);
    sandbox.knobs.faults.length = 0;
    sandbox.knobs.latencyMs = 0;
  }
}

/** A request after a fault: every provider answers, nothing failed. */
async function expectHealthy(gw: TestGateway, provider: ProviderName): Promise<void> {
  const merged = await ask(gw, MERGED, { first: READ_SIZE });
  expect(merged.status).toBe(200);
  expect(merged.errors).toBeUndefined();
  expect(merged.data.checkouts.sources.map((s: { status: string }) => s.status)).toEqual(['OK', 'OK', 'OK']);
  const mine = await ask(gw, own(provider));
  expect(mine.errors).toBeUndefined();
  expect(mine.data.conn.edges.length).toBe(5);
}

/** Each provider's own 429: the body and headers its sandbox documents for an exceeded rate limit. */
function rateLimited(provider: ProviderName, seconds: number): SandboxResponse {
  const resetAt = String(Math.ceil(Date.now() / 1000) + seconds);
  if (provider === 'STATESET') {
    return {
      status: 429,
      headers: {
        'retry-after': String(seconds),
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': resetAt,
        'x-ratelimit-retry-after': String(seconds),
      },
      body: {
        error: {
          code: 'RATE_LIMIT_EXCEEDED',
          message: 'Rate limit of 1000 requests per 60s exceeded.',
          type: 'rate_limit_error',
          details: { limit: 1000, retry_after: seconds },
          request_id: 'req_000000000001',
          timestamp: `${new Date().toISOString().slice(0, 19)}Z`,
          documentation_url: 'https://docs.stateset.com/errors/RATE_LIMIT_EXCEEDED',
        },
      },
    };
  }
  if (provider === 'LEMON_SQUEEZY') {
    return lemonError(429, 'Too Many Requests', 'Too Many Attempts.', undefined, {
      'X-Ratelimit-Limit': '300',
      'X-Ratelimit-Remaining': '0',
      'Retry-After': String(seconds),
      'X-RateLimit-Reset': resetAt,
    });
  }
  return { status: 429, headers: { 'retry-after': String(seconds) }, body: { message: 'Too Many Requests' } };
}

/** Each provider's own answer to a request it rejects as invalid (422 FastAPI body, 400 envelope, 400 JSON:API). */
const REJECTION: Record<ProviderName, { detail: string; response: SandboxResponse }> = {
  ZENSKAR: {
    detail: 'cursor: invalid cursor',
    response: { status: 422, body: { detail: [{ loc: ['query', 'cursor'], msg: 'invalid cursor', type: 'value_error' }] } },
  },
  STATESET: {
    detail: 'VALIDATION_ERROR: starting_after does not name a checkout (starting_after)',
    response: {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_ERROR',
          message: 'starting_after does not name a checkout',
          type: 'invalid_request_error',
          details: { param: 'starting_after' },
        },
      },
    },
  },
  LEMON_SQUEEZY: {
    detail: 'The page[number] must be at least 1.',
    response: lemonError(400, 'Bad Request', 'The page[number] must be at least 1.', 'page[number]'),
  },
};

/** An upstream error body that echoes every credential back (the gateway must not pass any of it on). */
function echoing(gw: TestGateway, status: number): SandboxResponse {
  const all = secretsOf(gw).join(' ');
  return {
    status,
    body: { detail: `failed for ${all}`, message: `see https://admin:hunter2@internal.example/?key=${all}`, error: { code: 'X', message: all } },
  };
}

/** A real first page of the provider's list, fetched straight from its sandbox, to be mutated or truncated. */
async function realPage(gw: TestGateway, provider: ProviderName): Promise<any> {
  const { zenskar, stateset, lemonsqueezy } = gw.sandboxes.configs;
  const [url, headers] =
    provider === 'ZENSKAR'
      ? [`${zenskar.baseUrl}/checkout?limit=100`, { 'x-api-key': zenskar.apiKey, organisation: zenskar.organisation }]
      : provider === 'STATESET'
        ? [`${stateset.baseUrl}/checkouts?limit=100`, { authorization: `Bearer ${stateset.apiKey}` }]
        : [`${lemonsqueezy.baseUrl}/checkouts?page[size]=100&include=store,variant`, { authorization: `Bearer ${lemonsqueezy.apiKey}` }];
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  return response.json();
}

/** The same page with wrong types and a missing field, and the payload paths the error must name. */
function violating(provider: ProviderName, page: any): { body: unknown; names: string[] } {
  const copy = structuredClone(page);
  if (provider === 'ZENSKAR') {
    copy.results[0].created_at = 1_700_000_000;
    delete copy.results[0].checkout_session_status;
    return { body: copy, names: [`checkout session ${copy.results[0].id} payload`, 'checkout_session_status'] };
  }
  if (provider === 'STATESET') {
    copy.data[1].totals = 'none';
    copy.has_more = 'yes';
    return { body: copy, names: ['checkout list payload', 'has_more'] };
  }
  copy.data[0].attributes.store_id = 'one';
  return { body: copy, names: [`checkout ${copy.data[0].id} payload`, 'attributes.store_id'] };
}

interface FaultCase {
  name: string;
  /** Injects the fault for one read of the provider's first page. */
  arrange(gw: TestGateway, provider: ProviderName, attempts: number): void | Promise<void>;
  code: UpstreamErrorCode | 'BAD_USER_INPUT';
  /** Upstream requests one failing read makes: 1 when not retried, else every attempt. */
  requests: (attempts: number) => number;
  message?: (provider: ProviderName) => (string | RegExp)[];
  retryAfter?: number;
  /** Upper bound of one failing read, in ms. */
  bound?: (attempts: number) => number;
  /** How long answers delayed by added latency may still arrive (and would take a later test's fault). */
  settleMs?: number;
}

const HEADERS_MS = 250;
const ATTEMPTS = 2;
const SLOW_MS = HEADERS_MS + UNDICI_TIMER_SLACK_MS + 600;
const push = (gw: TestGateway, provider: ProviderName, ...faults: Fault[]) => sandboxOf(gw, provider).knobs.faults.push(...faults);
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

const pages = new Map<ProviderName, unknown>();

const FAULTS: FaultCase[] = [
  {
    name: 'latency past the headers timeout → UPSTREAM_TIMEOUT (retried)',
    arrange: (gw, p) => {
      sandboxOf(gw, p).knobs.latencyMs = SLOW_MS;
    },
    code: 'UPSTREAM_TIMEOUT',
    requests: (n) => n,
    bound: (n) => n * (HEADERS_MS + UNDICI_TIMER_SLACK_MS) + MARGIN_MS,
    settleMs: SLOW_MS,
  },
  {
    name: '429 whose Retry-After does not fit the deadline → UPSTREAM_RATE_LIMITED with retryAfter (not retried)',
    arrange: (gw, p) => void push(gw, p, { kind: 'response', response: rateLimited(p, 30) }),
    code: 'UPSTREAM_RATE_LIMITED',
    requests: () => 1,
    retryAfter: 30,
    // Not waited for: far below the 30 s hint, with the real-time margin.
    bound: () => 1_000 + MARGIN_MS,
  },
  {
    name: '500 → UPSTREAM_UNAVAILABLE (not retried)',
    arrange: (gw, p) => void push(gw, p, { kind: 'response', response: echoing(gw, 500) }),
    code: 'UPSTREAM_UNAVAILABLE',
    requests: () => 1,
    message: () => ['HTTP 500'],
  },
  {
    name: 'persistent 503 → retried, then UPSTREAM_UNAVAILABLE',
    arrange: (gw, p, n) => void push(gw, p, ...times(n, () => ({ kind: 'response' as const, response: echoing(gw, 503) }))),
    code: 'UPSTREAM_UNAVAILABLE',
    requests: (n) => n,
    message: () => ['HTTP 503'],
  },
  {
    name: 'persistent connection reset → retried, then UPSTREAM_UNAVAILABLE',
    arrange: (gw, p, n) => void push(gw, p, ...times(n, () => ({ kind: 'reset' as const }))),
    code: 'UPSTREAM_UNAVAILABLE',
    requests: (n) => n,
  },
  {
    name: 'hang → UPSTREAM_TIMEOUT within the headers timeout (retried)',
    arrange: (gw, p, n) => void push(gw, p, ...times(n, () => ({ kind: 'hang' as const }))),
    code: 'UPSTREAM_TIMEOUT',
    requests: (n) => n,
    bound: (n) => n * (HEADERS_MS + UNDICI_TIMER_SLACK_MS) + MARGIN_MS,
  },
  {
    name: 'truncated body (connection cut mid-body) → retried, then UPSTREAM_UNAVAILABLE',
    arrange: (gw, p, n) => void push(gw, p, ...times(n, () => ({ kind: 'truncate' as const, response: { status: 200, body: pages.get(p) } }))),
    code: 'UPSTREAM_UNAVAILABLE',
    requests: (n) => n,
  },
  {
    name: 'the upstream rejects the request (its own 400/422) → BAD_USER_INPUT naming the provider (not retried)',
    arrange: (gw, p) => void push(gw, p, { kind: 'response', response: REJECTION[p].response }),
    code: 'BAD_USER_INPUT',
    requests: () => 1,
    message: (p) => [`${p} rejected the request`, REJECTION[p].detail],
  },
  {
    name: 'invalid JSON → UPSTREAM_BAD_RESPONSE (not retried)',
    arrange: (gw, p) => void push(gw, p, { kind: 'response', response: { status: 200, raw: `{"data": [{"id": "${secretsOf(gw).join('", "')}` } }),
    code: 'UPSTREAM_BAD_RESPONSE',
    requests: () => 1,
    message: () => ['not valid JSON'],
  },
  {
    name: 'schema-violating payload → UPSTREAM_BAD_RESPONSE naming what was wrong (not retried)',
    arrange: (gw, p) => void push(gw, p, { kind: 'response', response: { status: 200, body: violating(p, pages.get(p)).body } }),
    code: 'UPSTREAM_BAD_RESPONSE',
    requests: () => 1,
    message: (p) => ['unexpected', ...violating(p, pages.get(p)).names],
  },
];

/** Faults a retry absorbs: the read succeeds on its second attempt. */
const TRANSIENT: { name: string; fault: (gw: TestGateway, p: ProviderName) => Fault; minMs?: number }[] = [
  { name: 'one 503', fault: (gw) => ({ kind: 'response', response: echoing(gw, 503) }) },
  { name: 'one connection reset', fault: () => ({ kind: 'reset' }) },
  { name: 'one hang', fault: () => ({ kind: 'hang' }) },
  { name: 'one truncated body', fault: (_gw, p) => ({ kind: 'truncate', response: { status: 200, body: pages.get(p) } }) },
  {
    name: '429 with Retry-After: 1 (fits the deadline: retried after the hint)',
    fault: (_gw, p) => ({ kind: 'response', response: rateLimited(p, 1) }),
    minMs: 950,
  },
];

afterEach(() => {
  expect(unhandled, 'unhandled rejections').toEqual([]);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('one faulty upstream: typed error, partial data, no crash, no leak', () => {
  let gw: TestGateway;
  /** The merged first page without each provider: what a page must hold when that provider fails. */
  const without = new Map<ProviderName, string[]>();

  beforeAll(async () => {
    gw = await createTestGateway({ count: 120, cacheTtlMs: 0, resilience: resilience({ deadlineMs: 4_000 }) });
    for (const provider of PROVIDERS) {
      pages.set(provider, await realPage(gw, provider));
      const others = PROVIDERS.filter((p) => p !== provider);
      const page = await ask(gw, MERGED, { first: READ_SIZE, filter: { providers: others } });
      expect(page.errors).toBeUndefined();
      without.set(
        provider,
        page.data.checkouts.edges.map((e: { node: { id: string } }) => e.node.id),
      );
    }
  });
  afterEach(() => calm(gw));
  afterAll(() => gw?.close());

  describe.each(PROVIDERS)('%s', (provider) => {
    it.each(FAULTS)('$name', async (fault) => {
      const sandbox = sandboxOf(gw, provider);
      const expectError = (answer: Answer, path: string) => {
        expect(answer.status).toBe(200);
        expect(answer.errors).toHaveLength(1);
        const [error] = answer.errors!;
        expect(error!.path).toEqual([path]);
        expect(error!.extensions).toMatchObject({ code: fault.code, provider });
        if (fault.retryAfter !== undefined) expect(error!.extensions!.retryAfter).toBe(fault.retryAfter);
        for (const part of fault.message?.(provider) ?? []) expect(error!.message).toContain(part);
        if (fault.bound) expect(answer.ms).toBeLessThanOrEqual(fault.bound(ATTEMPTS));
        return error!;
      };

      // The merged connection: the other two providers' edges, in order; the faulty one FAILED in `sources`.
      let before = sandbox.log.length;
      await fault.arrange(gw, provider, ATTEMPTS);
      const merged = await ask(gw, MERGED, { first: READ_SIZE });
      expect(sandbox.log.length - before, 'upstream attempts').toBe(fault.requests(ATTEMPTS));
      const error = expectError(merged, 'checkouts');
      const page = merged.data.checkouts;
      expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(without.get(provider));
      expect(new Set(page.edges.map((e: { node: { provider: string } }) => e.node.provider))).toEqual(new Set(PROVIDERS.filter((p) => p !== provider)));
      expect(page.totalCount).toBeNull();
      for (const source of page.sources) {
        if (source.provider === provider) {
          expect(source).toMatchObject({ status: 'FAILED', circuit: 'CLOSED', error: { code: fault.code, message: error.message } });
        } else {
          expect(source).toMatchObject({ status: 'OK', error: null });
        }
      }
      calm(gw);

      // The provider's own connection: the field fails with the same typed error.
      before = sandbox.log.length;
      await fault.arrange(gw, provider, ATTEMPTS);
      const mine = await ask(gw, own(provider));
      expect(sandbox.log.length - before, 'upstream attempts').toBe(fault.requests(ATTEMPTS));
      expectError(mine, 'conn');
      expect(mine.data).toBeNull();
      expect(sandbox.knobs.faults, 'every injected fault was used').toEqual([]);
      calm(gw);

      await expectHealthy(gw, provider);
      if (fault.settleMs) await new Promise((resolve) => setTimeout(resolve, fault.settleMs));
    });

    it.each(TRANSIENT)('$name is retried and the page is complete', async ({ fault, minMs }) => {
      const sandbox = sandboxOf(gw, provider);
      const before = sandbox.log.length;
      sandbox.knobs.faults.push(fault(gw, provider));
      const merged = await ask(gw, MERGED, { first: READ_SIZE });
      expect(merged.errors).toBeUndefined();
      expect(merged.data.checkouts.sources.map((s: { status: string }) => s.status)).toEqual(['OK', 'OK', 'OK']);
      expect(typeof merged.data.checkouts.totalCount).toBe('number');
      expect(sandbox.log.length - before, 'the failed attempt and its retry').toBe(2);
      if (minMs) expect(merged.ms).toBeGreaterThanOrEqual(minMs);
      expect(sandbox.knobs.faults).toEqual([]);
      await expectHealthy(gw, provider);
    });

    it('a failing provider leaves its nodes null with a typed error; the others resolve', async () => {
      const ids = new Map<ProviderName, string>();
      for (const p of PROVIDERS) {
        const answer = await ask(gw, MERGED, { first: 1, filter: { providers: [p] } });
        ids.set(p, answer.data.checkouts.edges[0].node.id);
      }
      push(gw, provider, { kind: 'response', response: echoing(gw, 500) });
      const answer = await ask(gw, 'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Checkout { provider } } }', {
        ids: PROVIDERS.map((p) => ids.get(p)),
      });
      const index = PROVIDERS.indexOf(provider);
      expect(answer.data.nodes[index]).toBeNull();
      PROVIDERS.forEach((p, i) => {
        if (i !== index) expect(answer.data.nodes[i]).toEqual({ id: ids.get(p), provider: p });
      });
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]!.path).toEqual(['nodes', index]);
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider });
      const single = await ask(gw, 'query One($id: ID!) { node(id: $id) { id } }', { id: ids.get(provider) });
      expect(single.errors).toBeUndefined();
      expect(single.data.node).toEqual({ id: ids.get(provider) });
    });
  });
});

describe('circuit breaker', () => {
  let gw: TestGateway;
  const COOLDOWN_MS = 400;
  const readiness = async () => {
    const response = await gw.fetch('/readiness');
    const text = await response.text();
    expectNoSecret(gw, text);
    const body = JSON.parse(text) as { status: string; upstreams: { provider: ProviderName; circuit: string }[] };
    return { status: response.status, body, circuit: (p: ProviderName) => body.upstreams.find((u) => u.provider === p)?.circuit };
  };
  const circuits = (answer: Answer) =>
    Object.fromEntries(answer.data.checkouts.sources.map((s: { provider: string; circuit: string }) => [s.provider, s.circuit]));
  const clock = new ManualClock();
  const coolDown = () => clock.advance(COOLDOWN_MS);
  /** Two failed reads (threshold 2, one attempt each) open a provider's circuit. */
  const trip = async (...providers: ProviderName[]) => {
    for (const p of providers) push(gw, p, ...times(2, () => ({ kind: 'response' as const, response: echoing(gw, 503) })));
    await ask(gw, MERGED, { first: 5 });
    return ask(gw, MERGED, { first: 5 });
  };

  beforeAll(async () => {
    gw = await createTestGateway({
      count: 60,
      cacheTtlMs: 0,
      resilience: resilience({
        deadlineMs: 2_000,
        timeouts: { headersMs: 5_000 },
        retry: { maxAttempts: 1 },
        breaker: { failureThreshold: 2, cooldownMs: COOLDOWN_MS },
        clock,
      }),
    });
  });
  afterEach(() => calm(gw));
  afterAll(() => gw?.close());

  it('opens after repeated failures, fails fast, shows OPEN, and closes after a good probe', async () => {
    const stateset = sandboxOf(gw, 'STATESET');
    const opened = await trip('STATESET');
    expect(circuits(opened)).toEqual({ ZENSKAR: 'CLOSED', STATESET: 'OPEN', LEMON_SQUEEZY: 'CLOSED' });

    const before = stateset.log.length;
    const fast = await ask(gw, MERGED, { first: 5 });
    expect(stateset.log.length, 'no request reaches an open circuit').toBe(before);
    expect(fast.errors).toHaveLength(1);
    expect(fast.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'STATESET' });
    expect(fast.errors![0]!.extensions!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(fast.errors![0]!.message).toContain('circuit open');
    expect(fast.data.checkouts.edges.length).toBe(5);
    expect(fast.data.checkouts.sources.find((s: { provider: string }) => s.provider === 'STATESET')).toMatchObject({ status: 'FAILED', circuit: 'OPEN' });
    const ownField = await ask(gw, own('STATESET'));
    expect(ownField.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'STATESET' });
    expect(stateset.log.length).toBe(before);

    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect([ready.circuit('ZENSKAR'), ready.circuit('STATESET'), ready.circuit('LEMON_SQUEEZY')]).toEqual(['CLOSED', 'OPEN', 'CLOSED']);

    clock.advance(COOLDOWN_MS - 1);
    expect((await readiness()).circuit('STATESET')).toBe('OPEN');
    clock.advance(1);
    expect((await readiness()).circuit('STATESET')).toBe('HALF_OPEN');
    const probed = await ask(gw, MERGED, { first: 5 });
    expect(probed.errors).toBeUndefined();
    expect(stateset.log.length, 'one probe').toBe(before + 1);
    expect(circuits(probed)).toEqual({ ZENSKAR: 'CLOSED', STATESET: 'CLOSED', LEMON_SQUEEZY: 'CLOSED' });
    expect((await readiness()).circuit('STATESET')).toBe('CLOSED');
  });

  it('a failed probe re-opens the circuit', async () => {
    await trip('LEMON_SQUEEZY');
    coolDown();
    const lemon = sandboxOf(gw, 'LEMON_SQUEEZY');
    const before = lemon.log.length;
    push(gw, 'LEMON_SQUEEZY', { kind: 'response', response: echoing(gw, 503) });
    const probe = await ask(gw, MERGED, { first: 5 });
    expect(lemon.log.length).toBe(before + 1);
    expect(probe.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'LEMON_SQUEEZY', upstreamStatus: 503 });
    expect(circuits(probe).LEMON_SQUEEZY).toBe('OPEN');
    expect((await readiness()).circuit('LEMON_SQUEEZY')).toBe('OPEN');
    coolDown();
    expect((await ask(gw, MERGED, { first: 5 })).errors).toBeUndefined();
    expect((await readiness()).circuit('LEMON_SQUEEZY')).toBe('CLOSED');
  });

  it('readiness is 503 while every circuit is open, and 200 again after the probes', async () => {
    const all = await trip(...PROVIDERS);
    expect(circuits(all)).toEqual({ ZENSKAR: 'OPEN', STATESET: 'OPEN', LEMON_SQUEEZY: 'OPEN' });
    const ready = await readiness();
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('unavailable');
    const nothing = await ask(gw, MERGED, { first: 5 });
    expect(nothing.status).toBe(200);
    expect(nothing.data.checkouts.edges).toEqual([]);
    expect(nothing.errors!.map((e) => e.extensions!.provider).sort()).toEqual([...PROVIDERS].sort());
    expect(
      nothing.errors!.every((e) => e.message.includes('circuit open')),
      'failed fast, no upstream asked',
    ).toBe(true);
    coolDown();
    expect((await ask(gw, MERGED, { first: 5 })).errors).toBeUndefined();
    const back = await readiness();
    expect(back.status).toBe(200);
    expect(back.body.upstreams.map((u) => u.circuit)).toEqual(['CLOSED', 'CLOSED', 'CLOSED']);
  });

  it('a probe cut short by the request deadline proves nothing: the circuit does not close on it', async () => {
    await trip('ZENSKAR');
    coolDown();
    // The probe hangs past the 2 s deadline (headers timeout 5 s): the gateway gave up, the upstream never answered.
    push(gw, 'ZENSKAR', { kind: 'hang' });
    const cut = await ask(gw, MERGED, { first: 5 });
    expect(cut.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', provider: 'ZENSKAR' });
    // Cut by the request deadline, not by the 5 s headers timeout.
    expect(cut.errors![0]!.message).toContain('request deadline passed');
    expect(cut.ms).toBeLessThan(5_000);
    expect((await readiness()).circuit('ZENSKAR')).not.toBe('CLOSED');
    // The next request is the probe again; it succeeds and closes the circuit.
    expect((await ask(gw, MERGED, { first: 5 })).errors).toBeUndefined();
    expect((await readiness()).circuit('ZENSKAR')).toBe('CLOSED');
  });
});

describe('client-side quota', () => {
  let gw: TestGateway;
  const clock = new ManualClock();

  beforeAll(async () => {
    // One StateSet request every 30 s (manual clock), no burst; the request deadline is 20 s.
    gw = await createTestGateway({
      count: 60,
      cacheTtlMs: 0,
      resilience: resilience({ deadlineMs: 20_000, quota: { STATESET: { perMinute: 2, burst: 1 } }, clock }),
    });
  });
  afterAll(() => gw?.close());

  it('refuses with UPSTREAM_RATE_LIMITED + retryAfter when the wait would pass the deadline, and queues when it fits', async () => {
    const stateset = sandboxOf(gw, 'STATESET');
    const first = await ask(gw, MERGED, { first: 5 });
    expect(first.errors).toBeUndefined();

    const before = stateset.log.length;
    const refused = await ask(gw, MERGED, { first: 5 });
    expect(stateset.log.length, 'the refused request never reaches StateSet').toBe(before);
    expect(clock.slept, 'refused at once, without waiting').toEqual([]);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', provider: 'STATESET', retryAfter: 30 });
    expect(refused.data.checkouts.edges.length).toBe(5);
    expect(refused.data.checkouts.sources.find((s: { provider: string }) => s.provider === 'STATESET')).toMatchObject({
      status: 'FAILED',
      circuit: 'CLOSED',
      error: { code: 'UPSTREAM_RATE_LIMITED' },
    });

    // 15 s later the wait (15 s) fits the 20 s deadline: the request queues, then goes when the token is there.
    clock.advance(15_000);
    const queued = ask(gw, MERGED, { first: 5 });
    await vi.waitFor(() => expect(clock.waiting).toBe(1), { timeout: 10_000 });
    expect(stateset.log.length, 'queued, not sent').toBe(before);
    clock.advance(15_000);
    const answer = await queued;
    expect(answer.errors).toBeUndefined();
    expect(clock.slept).toEqual([15_000]);
    expect(stateset.log.length).toBe(before + 1);
  });
});

describe('the request deadline bounds every request, retries and waits included', () => {
  let gw: TestGateway;
  const DEADLINE_MS = 1_200;

  beforeAll(async () => {
    // Long upstream timeouts and generous retries: only the deadline can stop these reads in time.
    gw = await createTestGateway({
      count: 60,
      cacheTtlMs: 0,
      resilience: resilience({
        deadlineMs: DEADLINE_MS,
        timeouts: { headersMs: 10_000, bodyMs: 10_000 },
        retry: { maxAttempts: 6, baseDelayMs: 300, maxDelayMs: 300 },
      }),
    });
  });
  afterEach(() => calm(gw));
  afterAll(() => gw?.close());

  const scenarios: { name: string; arrange: (gw: TestGateway) => void; code: UpstreamErrorCode | UpstreamErrorCode[] }[] = [
    { name: 'a hang', arrange: (g) => void push(g, 'STATESET', { kind: 'hang' }), code: 'UPSTREAM_TIMEOUT' },
    {
      name: '503s with backoff, then a hang',
      arrange: (g) => void push(g, 'ZENSKAR', ...times(3, () => ({ kind: 'response' as const, response: echoing(g, 503) })), { kind: 'hang' }),
      code: 'UPSTREAM_TIMEOUT',
    },
    {
      name: 'resets with backoff, then hangs',
      arrange: (g) => void push(g, 'LEMON_SQUEEZY', { kind: 'reset' }, { kind: 'reset' }, ...times(4, () => ({ kind: 'hang' as const }))),
      code: 'UPSTREAM_TIMEOUT',
    },
    {
      name: 'a 429 whose hint fits once, then one that does not',
      arrange: (g) =>
        void push(g, 'STATESET', { kind: 'response', response: rateLimited('STATESET', 1) }, { kind: 'response', response: rateLimited('STATESET', 1) }),
      // The retry starts 1 s into a 1.2 s deadline: on a loaded machine its 429 may arrive after the deadline fired.
      // That the second hint is not waited for is proven on a manual clock in src/http/client.test.ts.
      code: ['UPSTREAM_RATE_LIMITED', 'UPSTREAM_TIMEOUT'],
    },
    {
      // Last: the sandboxes answer these late, after the test.
      name: 'every provider slow at once',
      arrange: (g) => {
        for (const p of PROVIDERS) sandboxOf(g, p).knobs.latencyMs = 5_000;
      },
      code: 'UPSTREAM_TIMEOUT',
    },
  ];

  it('a hang while the garbage collector runs: the deadline still fires', async () => {
    // Node 20 lets a timeout signal inside AbortSignal.any() be collected before it fires (nodejs/node#57736); the
    // deadline must not depend on it. Full collections during the hang would collect such a signal every time.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    push(gw, 'STATESET', { kind: 'hang' });
    const collecting = setInterval(gc, 100);
    try {
      const answer = await ask(gw, MERGED, { first: 5 });
      expect(answer.ms).toBeLessThanOrEqual(DEADLINE_MS + MARGIN_MS);
      // Under load with collections every 100 ms another provider may miss the deadline too; StateSet must be among them.
      expect(answer.errors!.map((e) => e.extensions)).toContainEqual(expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', provider: 'STATESET' }));
      for (const error of answer.errors!) expect(error.extensions!.code).toBe('UPSTREAM_TIMEOUT');
    } finally {
      clearInterval(collecting);
    }
  });

  it.each(scenarios)('$name: the answer arrives within the deadline (+ margin)', async ({ arrange, code }) => {
    arrange(gw);
    const answer = await ask(gw, MERGED, { first: 5 });
    expect(answer.ms).toBeLessThanOrEqual(DEADLINE_MS + MARGIN_MS);
    expect(answer.status).toBe(200);
    expect(answer.errors!.length).toBeGreaterThan(0);
    for (const error of answer.errors!) expect([code].flat()).toContain(error.extensions!.code);
    calm(gw);
    const ownAnswer = await ask(gw, own('STATESET'));
    expect(ownAnswer.errors).toBeUndefined();
    expect((await ask(gw, MERGED, { first: 5 })).errors).toBeUndefined();
  });
});
