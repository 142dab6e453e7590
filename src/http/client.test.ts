import { MockAgent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../test/manual-clock.js';
import { UpstreamError, UpstreamRejectedError } from '../errors.js';
import { ResultCache } from './cache.js';
import { HttpClient, type HttpClientOptions } from './client.js';
import { deadlineSignal } from './deadline.js';

const SECRET = 'sk_test_supersecretvalue';

function setup(cache?: ResultCache, resilience: HttpClientOptions['resilience'] = { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get('https://api.example.test');
  const client = new HttpClient({
    provider: 'EXAMPLE',
    baseUrl: 'https://api.example.test/v1',
    headers: { authorization: `Bearer ${SECRET}` },
    dispatcher: agent,
    cache,
    describeError: (body) => (body as { error?: { message?: string } })?.error?.message,
    resilience,
  });
  return { agent, pool, client };
}

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (err) {
    return err as UpstreamError;
  }
  throw new Error('expected a rejection');
}

describe('HttpClient', () => {
  let agent: MockAgent | undefined;
  afterEach(async () => agent?.close());

  it('joins the base path, encodes the query and sends the credentials', async () => {
    const s = setup();
    agent = s.agent;
    s.pool
      .intercept({ path: '/v1/checkouts?limit=100&starting_after=a%26b%3Dc', method: 'GET', headers: { authorization: `Bearer ${SECRET}` } })
      .reply(200, { data: [] });
    const response = await s.client.getJson('/checkouts', { limit: 100, starting_after: 'a&b=c', status: undefined });
    expect(response).toMatchObject({ status: 200, body: { data: [] } });
  });

  it('classifies statuses into typed errors that never carry the credential', async () => {
    const s = setup();
    agent = s.agent;
    const cases: [number, Record<string, string>, string][] = [
      [401, {}, 'UPSTREAM_UNAUTHORIZED'],
      [403, {}, 'UPSTREAM_UNAUTHORIZED'],
      [429, { 'retry-after': '7' }, 'UPSTREAM_RATE_LIMITED'],
      [503, {}, 'UPSTREAM_UNAVAILABLE'],
      [504, {}, 'UPSTREAM_TIMEOUT'],
      [418, {}, 'UPSTREAM_BAD_RESPONSE'],
    ];
    for (const [status, headers, code] of cases) {
      s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(status, { error: { message: `nope ${SECRET}` } }, { headers });
      const err = await rejection(s.client.getJson('/x'));
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err.extensions).toMatchObject({ code, provider: 'EXAMPLE', upstreamStatus: status });
      expect(JSON.stringify(err.extensions) + err.message).not.toContain(SECRET);
      if (status === 429) expect(err.extensions.retryAfter).toBe(7);
    }
  });

  it('surfaces 400/422 as BAD_USER_INPUT with the upstream message, and 404 when allowed', async () => {
    const s = setup();
    agent = s.agent;
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(400, { error: { message: 'starting_after is unknown' } });
    const err = await rejection(s.client.getJson('/x'));
    expect(err).toBeInstanceOf(UpstreamRejectedError);
    expect(err.message).toContain('starting_after is unknown');
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    s.pool.intercept({ path: '/v1/y', method: 'GET' }).reply(404, { error: { message: 'missing' } });
    expect((await s.client.getJson('/y', {}, { allow: [404] })).status).toBe(404);
  });

  it('turns invalid JSON and connection failures into typed errors', async () => {
    const s = setup();
    agent = s.agent;
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(200, '{"data": [', { headers: { 'content-type': 'application/json' } });
    expect((await rejection(s.client.getJson('/x'))).extensions.code).toBe('UPSTREAM_BAD_RESPONSE');
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect((await rejection(s.client.getJson('/x'))).extensions.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('caches per credential and shares one in-flight load', async () => {
    const cache = new ResultCache({ ttlMs: 60_000, maxEntries: 10 });
    const s = setup(cache);
    agent = s.agent;
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return loads;
    };
    const [a, b] = await Promise.all([s.client.cached('k', load), s.client.cached('k', load)]);
    expect([a, b, await s.client.cached('k', load)]).toEqual([1, 1, 1]);
    const other = new HttpClient({
      provider: 'EXAMPLE',
      baseUrl: 'https://api.example.test/v1',
      headers: { authorization: 'Bearer other' },
      dispatcher: s.agent,
      cache,
    });
    expect(await other.cached('k', load)).toBe(2);
    // Failures are not cached.
    await expect(s.client.cached('boom', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await s.client.cached('boom', async () => 'ok')).toBe('ok');
  });
});

describe('HttpClient resilience', () => {
  let agent: MockAgent | undefined;
  afterEach(async () => agent?.close());
  const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

  it('retries 502/503/504 and connection resets, then succeeds', async () => {
    const s = setup(undefined, { retry: fast });
    agent = s.agent;
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(503, {});
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(200, { ok: true });
    expect((await s.client.getJson('/x')).body).toEqual({ ok: true });
    expect(s.client.requests).toBe(3);
  });

  it('does not retry 500, 4xx or bad payloads', async () => {
    const s = setup(undefined, { retry: fast });
    agent = s.agent;
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(500, {});
    expect((await rejection(s.client.getJson('/x'))).extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    s.pool.intercept({ path: '/v1/y', method: 'GET' }).reply(401, {});
    expect((await rejection(s.client.getJson('/y'))).extensions.code).toBe('UPSTREAM_UNAUTHORIZED');
    expect(s.client.requests).toBe(2);
  });

  it('honours Retry-After on 429, but never past the request deadline', async () => {
    const clock = new ManualClock();
    const s = setup(undefined, { retry: fast, clock });
    agent = s.agent;
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(429, {}, { headers: { 'retry-after': '0' } });
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(200, { ok: 1 });
    expect((await s.client.getJson('/x')).body).toEqual({ ok: 1 });
    expect(clock.slept).toEqual([0]);
    s.pool.intercept({ path: '/v1/z', method: 'GET' }).reply(429, {}, { headers: { 'retry-after': '30' } });
    const err = await rejection(s.client.getJson('/z', {}, { signal: deadlineSignal(1_000, undefined, clock.now()) }));
    // The 30 s hint does not fit the 1 s deadline: no wait at all, the error at once.
    expect(clock.slept).toEqual([0]);
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfter: 30 });
  });

  it('opens the circuit after repeated failures, fails fast until the cool-down ends, and closes after a good probe', async () => {
    const clock = new ManualClock();
    const s = setup(undefined, { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, breaker: { failureThreshold: 3, cooldownMs: 50 }, clock });
    agent = s.agent;
    for (let i = 0; i < 3; i++) {
      s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(503, {});
      await rejection(s.client.getJson('/x'));
    }
    expect(s.client.health()).toMatchObject({ state: 'OPEN', retryAt: clock.now() + 50 });
    const fastFail = await rejection(s.client.getJson('/x'));
    expect(fastFail.extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(fastFail.message).toContain('circuit open');
    clock.advance(49);
    expect(s.client.health().state).toBe('OPEN');
    expect((await rejection(s.client.getJson('/x'))).message).toContain('circuit open');
    expect(s.client.requests).toBe(3);
    clock.advance(1);
    expect(s.client.health().state).toBe('HALF_OPEN');
    s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(200, { ok: true });
    expect((await s.client.getJson('/x')).status).toBe(200);
    expect(s.client.health()).toMatchObject({ state: 'CLOSED', consecutiveFailures: 0 });
  });

  it('queues on its own quota, and refuses when the wait would pass the deadline', async () => {
    const clock = new ManualClock();
    const s = setup(undefined, { retry: fast, quota: { perMinute: 600, burst: 1 }, clock }); // one request per 100 ms
    agent = s.agent;
    for (let i = 0; i < 3; i++) s.pool.intercept({ path: '/v1/x', method: 'GET' }).reply(200, {});
    await s.client.getJson('/x');
    expect(clock.slept).toEqual([]);
    const queued = s.client.getJson('/x');
    await vi.waitFor(() => expect(clock.waiting).toBe(1), { timeout: 10_000 });
    expect(s.client.requests).toBe(1);
    clock.advance(100);
    await queued;
    expect(clock.slept).toEqual([100]);
    const refused = await rejection(s.client.getJson('/x', {}, { signal: deadlineSignal(20, undefined, clock.now()) }));
    expect(refused.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfter: 1 });
    expect(s.client.requests).toBe(2);
  });
});
