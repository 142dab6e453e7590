import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../../instant.js';
import type { SandboxResponse } from '../../../sandbox/harness.js';
import { createData, STATESET_DATA_NOW, type SandboxData } from './data.js';
import {
  createSandboxHandler,
  STATESET_SANDBOX_API_KEY,
  STATESET_WRITE_ONLY_KEY,
  startSandbox,
  type SandboxHandle,
  type SandboxHandlerOptions,
} from './server.js';
import { checkoutSchema, listResponseSchema, STATESET_STATUSES, type StateSetWireCheckout } from '../types.js';

const data = createData({ count: 400, seed: 7 });
const AUTH = { authorization: `Bearer ${STATESET_SANDBOX_API_KEY}` };

function caller(d: SandboxData = data, options: SandboxHandlerOptions = {}) {
  const handler = createSandboxHandler(d, options);
  return (path: string, query: Record<string, string | string[]> = {}, headers: Record<string, string> = AUTH, method = 'GET'): SandboxResponse => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return handler({ method, path, query: params, headers }, { origin: 'http://sandbox.test' });
  };
}

const call = caller();
const list = (query: Record<string, string | string[]> = {}) => {
  const res = call('/v1/checkouts', query);
  expect(res.status).toBe(200);
  return listResponseSchema.parse(res.body);
};

/** Every item matching `keep`, in list order, by walking pages of 100. */
function walk(query: Record<string, string>): StateSetWireCheckout[] {
  const items: StateSetWireCheckout[] = [];
  let after: string | undefined;
  for (;;) {
    const page = list({ ...query, limit: '100', ...(after ? { starting_after: after } : {}) });
    items.push(...page.data);
    if (!page.has_more) return items;
    after = page.data[page.data.length - 1]?.id;
  }
}

const canonical = (text: string) => parseInstant(text) as string;
const errorOf = (res: SandboxResponse) => (res.body as { error: Record<string, unknown> }).error;

describe('seeded data', () => {
  it('is deterministic per seed, in list order, and spread over ~2 years before the fixed now', () => {
    const again = createData({ count: 400, seed: 7 });
    expect(JSON.stringify(again.checkouts)).toBe(JSON.stringify(data.checkouts));
    expect(createData({ count: 400, seed: 8 }).checkouts[0]?.id).not.toBe(data.checkouts[0]?.id);
    for (let i = 1; i < data.checkouts.length; i++) {
      const [a, b] = [data.checkouts[i - 1]!, data.checkouts[i]!];
      expect(a.created_at > b.created_at || (a.created_at === b.created_at && a.id > b.id)).toBe(true);
    }
    const newest = canonical(data.checkouts[0]!.created_at);
    const oldest = canonical(data.checkouts.at(-1)!.created_at);
    expect(newest < STATESET_DATA_NOW).toBe(true);
    const days = (Date.parse(newest) - Date.parse(oldest)) / 86_400_000;
    expect(days).toBeGreaterThan(600);
    expect(days).toBeLessThan(800);
  });

  it('is valid wire data covering every status, several currencies, guests, buyer-less sessions and ties', () => {
    for (const checkout of data.checkouts) checkoutSchema.parse(checkout);
    expect(new Set(data.checkouts.map((c) => c.status))).toEqual(new Set(STATESET_STATUSES));
    const currencies = new Set(data.checkouts.map((c) => c.currency));
    expect(currencies.size).toBeGreaterThanOrEqual(6);
    expect(currencies.has('jpy')).toBe(true);
    expect([...currencies].every((c) => c === c.toLowerCase())).toBe(true);
    expect(data.checkouts.some((c) => !c.buyer)).toBe(true);
    expect(data.checkouts.some((c) => c.buyer?.email.startsWith('guest+'))).toBe(true);
    expect([...data.byEmail.values()].some((positions) => positions.length > 1)).toBe(true);
    expect(data.checkouts.filter((c, i) => i > 0 && data.checkouts[i - 1]!.created_at === c.created_at).length).toBeGreaterThan(10);
    expect(data.checkouts.every((c) => /^checkout_[A-Za-z0-9]{14,24}$/.test(c.id))).toBe(true);
    expect(data.checkouts.every((c) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(c.created_at))).toBe(true);
    expect(data.checkouts.some((c) => c.status === 'completed' && c.order_id && c.payment)).toBe(true);
    expect(data.checkouts.some((c) => c.totals.every((t) => t.type !== 'total'))).toBe(true);
  });

  // Correctness at scale only; the time budgets live in bench/sandbox-data.ts (a loaded machine must not fail a test).
  it('generates 100,000 sessions and serves deep, status and email pages of them', () => {
    const big = createData({ count: 100_000, seed: 3 });
    expect(big.checkouts).toHaveLength(100_000);
    const bigCall = caller(big);
    const someEmail = big.checkouts[50_000]!.buyer?.email ?? big.checkouts[50_001]!.buyer!.email;
    for (let i = 0; i < 20; i++) {
      const middle = big.checkouts[i * 4000]!;
      const after = bigCall('/v1/checkouts', { limit: '100', starting_after: middle.id });
      expect(after.status).toBe(200);
      expect((after.body as { data: { id: string }[] }).data[0]!.id).toBe(big.checkouts[i * 4000 + 1]!.id);
      expect(bigCall('/v1/checkouts', { limit: '100', status: 'completed', created_before: middle.created_at }).status).toBe(200);
      expect(bigCall('/v1/checkouts', { limit: '1', buyer_email: someEmail, created_after: '2025-06-01T00:00:00Z' }).status).toBe(200);
    }
  });
});

describe('GET /v1/checkouts pagination', () => {
  it('returns {data, has_more, total_count} with the default limit of 20', () => {
    const page = list();
    expect(page.data.map((c) => c.id)).toEqual(data.checkouts.slice(0, 20).map((c) => c.id));
    expect(page).toMatchObject({ has_more: true, total_count: 400 });
  });

  it('walks the whole list with starting_after, exclusive, total_count constant', () => {
    expect(walk({}).map((c) => c.id)).toEqual(data.checkouts.map((c) => c.id));
    const cursor = data.checkouts[137]!.id;
    const page = list({ limit: '3', starting_after: cursor });
    expect(page.data.map((c) => c.id)).toEqual(data.checkouts.slice(138, 141).map((c) => c.id));
    expect(page.total_count).toBe(400);
    const last = list({ starting_after: data.checkouts[399]!.id });
    expect(last).toEqual({ data: [], has_more: false, total_count: 400 });
  });

  it('follows the document’s example sequence (§3.3) for a status filter with limit=2', () => {
    const ready = data.checkouts.filter((c) => c.status === 'ready_for_payment');
    const first = list({ status: 'ready_for_payment', limit: '2' });
    expect(first.data.map((c) => c.id)).toEqual(ready.slice(0, 2).map((c) => c.id));
    expect(first).toMatchObject({ has_more: true, total_count: ready.length });
    const second = list({ status: 'ready_for_payment', limit: '2', starting_after: first.data[1]!.id });
    expect(second.data.map((c) => c.id)).toEqual(ready.slice(2, 4).map((c) => c.id));
    const tail = list({ status: 'ready_for_payment', limit: '100', starting_after: ready.at(-3)!.id });
    expect(tail.data.map((c) => c.id)).toEqual(ready.slice(-2).map((c) => c.id));
    expect(tail.has_more).toBe(false);
  });

  it('continues after a starting_after item that the filter excludes, in list order', () => {
    const excluded = data.checkouts.findIndex((c) => c.status !== 'completed' && c !== data.checkouts[0]);
    const page = list({ status: 'completed', limit: '5', starting_after: data.checkouts[excluded]!.id });
    const expected = data.checkouts
      .slice(excluded + 1)
      .filter((c) => c.status === 'completed')
      .slice(0, 5);
    expect(page.data.map((c) => c.id)).toEqual(expected.map((c) => c.id));
  });

  it('serves the full object in list and retrieve, or the document’s slim list shape on request', () => {
    const full = list({ limit: '1' }).data[0]!;
    expect(call(`/v1/checkouts/${full.id}`).body).toEqual(full);
    expect(full.links?.length).toBeGreaterThan(0);
    const slim = caller(data, { listShape: 'slim' })('/v1/checkouts', { limit: '1' }).body as { data: Record<string, unknown>[] };
    expect(Object.keys(slim.data[0]!).sort()).toEqual(
      ['buyer', 'created_at', 'currency', 'id', 'line_items', 'status', 'totals', 'updated_at'].filter((k) => k !== 'buyer' || full.buyer),
    );
    expect((slim.data[0]!.totals as { type: string }[]).map((t) => t.type)).toEqual(['total']);
  });
});

describe('GET /v1/checkouts filters', () => {
  it('status', () => {
    for (const status of STATESET_STATUSES) {
      expect(walk({ status }).map((c) => c.id)).toEqual(data.checkouts.filter((c) => c.status === status).map((c) => c.id));
    }
  });

  it('buyer_email: exact and case-insensitive', () => {
    const [email, positions] = [...data.byEmail].find(([, p]) => p.length >= 3)!;
    const shouted = email.toUpperCase();
    const found = walk({ buyer_email: shouted });
    expect(found.map((c) => c.id)).toEqual(positions.map((p) => data.checkouts[p]!.id));
    expect(found.every((c) => c.buyer?.email.toLowerCase() === email)).toBe(true);
    expect(list({ buyer_email: email.slice(1) }).total_count).toBe(0);
  });

  it('created_after / created_before are strict, with or without fractional seconds or an offset', () => {
    const pivot = data.checkouts[120]!.created_at;
    const after = walk({ created_after: pivot });
    expect(after.map((c) => c.id)).toEqual(data.checkouts.filter((c) => c.created_at > pivot).map((c) => c.id));
    expect(after.some((c) => c.created_at === pivot)).toBe(false);
    const before = walk({ created_before: pivot });
    expect(before.map((c) => c.id)).toEqual(data.checkouts.filter((c) => c.created_at < pivot).map((c) => c.id));
    const fractional = pivot.replace('Z', '.5Z');
    expect(walk({ created_before: fractional }).map((c) => c.id)).toEqual(data.checkouts.filter((c) => c.created_at <= pivot).map((c) => c.id));
    expect(walk({ created_after: pivot.replace('Z', '.999999Z') }).length).toBe(after.length);
    const shifted = `${new Date(Date.parse(pivot) + 2 * 3600_000).toISOString().slice(0, 19)}+02:00`;
    expect(walk({ created_after: shifted }).length).toBe(after.length);
  });

  it('all filters together (AND), total_count counting the filtered list', () => {
    const from = data.checkouts[300]!.created_at;
    const to = data.checkouts[20]!.created_at;
    const [email] = [...data.byEmail].find(([, p]) => p.some((i) => i > 20 && i < 300))!;
    const truth = data.checkouts.filter(
      (c) =>
        c.status === data.checkouts[data.byEmail.get(email)![0]!]!.status && c.buyer?.email.toLowerCase() === email && c.created_at > from && c.created_at < to,
    );
    const status = data.checkouts[data.byEmail.get(email)![0]!]!.status;
    const page = list({ status, buyer_email: email, created_after: from, created_before: to, limit: '100' });
    expect(page.data.map((c) => c.id)).toEqual(truth.map((c) => c.id));
    expect(page.total_count).toBe(truth.length);
  });
});

describe('GET /v1/checkouts/:id', () => {
  it('returns the object, or 404 RESOURCE_NOT_FOUND in the documented envelope', () => {
    const some = data.checkouts[42]!;
    expect(call(`/v1/checkouts/${some.id}`)).toMatchObject({ status: 200, body: some });
    const missing = call('/v1/checkouts/checkout_doesNotExist0000');
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
      type: 'not_found_error',
      documentation_url: 'https://docs.stateset.com/errors/RESOURCE_NOT_FOUND',
    });
    expect(errorOf(missing).request_id).toMatch(/^req_/);
    expect(errorOf(missing).timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(call('/v1/orders').status).toBe(404);
    expect(call('/v1/checkouts', {}, AUTH, 'POST').status).toBe(405);
  });
});

describe('validation errors', () => {
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ['an unknown status', { status: 'cancelled' }, 'VALIDATION_ERROR', 'status'],
    ['limit 0', { limit: '0' }, 'VALIDATION_ERROR', 'limit'],
    ['limit 101', { limit: '101' }, 'VALIDATION_ERROR', 'limit'],
    ['a non-integer limit', { limit: 'ten' }, 'VALIDATION_ERROR', 'limit'],
    ['an unknown starting_after', { starting_after: 'checkout_nope' }, 'VALIDATION_ERROR', 'starting_after'],
    ['a bad created_after', { created_after: 'last tuesday' }, 'INVALID_FIELD_FORMAT', 'created_after'],
    ['a naive created_before', { created_before: '2025-01-01T00:00:00' }, 'INVALID_FIELD_FORMAT', 'created_before'],
    ['an impossible date', { created_before: '2025-02-30T00:00:00Z' }, 'INVALID_FIELD_FORMAT', 'created_before'],
    ['a status given twice', { status: ['completed', 'canceled'] }, 'VALIDATION_ERROR', 'status'],
    ['an empty buyer_email', { buyer_email: '' }, 'VALIDATION_ERROR', 'buyer_email'],
  ];
  it.each(cases)('400 for %s', (_name, query, code, param) => {
    const res = call('/v1/checkouts', query);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code, type: 'invalid_request_error', details: { param } });
    expect(typeof errorOf(res).message).toBe('string');
  });

  it('clamps limit instead when configured', () => {
    const clamp = caller(data, { limitPolicy: 'clamp' });
    expect((clamp('/v1/checkouts', { limit: '500' }).body as { data: unknown[] }).data).toHaveLength(100);
    expect((clamp('/v1/checkouts', { limit: '0' }).body as { data: unknown[] }).data).toHaveLength(1);
  });

  it('ignores unknown parameters (no ending_before, no sort)', () => {
    expect(list({ ending_before: data.checkouts[5]!.id, sort: 'created_at', limit: '3' }).data.map((c) => c.id)).toEqual(
      data.checkouts.slice(0, 3).map((c) => c.id),
    );
  });
});

describe('authentication', () => {
  const cases: [string, Record<string, string>, number, string, string][] = [
    ['no Authorization header', {}, 401, 'MISSING_AUTH_HEADER', 'authentication_error'],
    ['a non-Bearer header', { authorization: `Basic ${STATESET_SANDBOX_API_KEY}` }, 401, 'INVALID_TOKEN_FORMAT', 'authentication_error'],
    ['a malformed key', { authorization: 'Bearer sk_test_not-valid!' }, 401, 'INVALID_API_KEY', 'authentication_error'],
    ['a key of another kind', { authorization: 'Bearer sl_live_abc' }, 401, 'INVALID_API_KEY', 'authentication_error'],
    ['a publishable key', { authorization: 'Bearer pk_live_abc123' }, 403, 'INSUFFICIENT_PERMISSIONS', 'permission_error'],
    ['a key without checkouts:read', { authorization: `Bearer ${STATESET_WRITE_ONLY_KEY}` }, 403, 'INSUFFICIENT_PERMISSIONS', 'permission_error'],
  ];
  it.each(cases)('%s → %i %s', (_name, headers, status, code, type) => {
    const res = call('/v1/checkouts', {}, headers);
    expect(res.status).toBe(status);
    expect(errorOf(res)).toMatchObject({ code, type });
    expect(JSON.stringify(res.body)).not.toContain('abc123');
  });

  it('accepts any live/test secret or restricted key', () => {
    for (const key of ['sk_live_Abc123', 'sk_test_x', 'rk_live_Z9']) {
      expect(call('/v1/checkouts', { limit: '1' }, { authorization: `Bearer ${key}` }).status).toBe(200);
    }
  });
});

describe('rate limits', () => {
  it('sends X-RateLimit-* and X-Request-Id on every response, errors included', () => {
    const ok = call('/v1/checkouts', { limit: '1' });
    const bad = call('/v1/checkouts', { limit: '0' });
    for (const res of [ok, bad]) {
      expect(res.headers?.['x-ratelimit-limit']).toBe('1000');
      expect(Number(res.headers?.['x-ratelimit-remaining'])).toBeGreaterThanOrEqual(0);
      expect(Number(res.headers?.['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000 - 1);
      expect(res.headers?.['x-request-id']).toMatch(/^req_\d+$/);
    }
  });

  it('answers 429 RATE_LIMIT_EXCEEDED with Retry-After and X-RateLimit-Retry-After over the limit, then recovers', () => {
    let now = 1_800_000_000_000;
    const limited = caller(data, { rateLimit: { limit: 2, windowMs: 60_000 }, now: () => now });
    expect(limited('/v1/checkouts').headers?.['x-ratelimit-remaining']).toBe('1');
    expect(limited('/v1/checkouts').status).toBe(200);
    now += 15_000;
    const refused = limited('/v1/checkouts');
    expect(refused.status).toBe(429);
    expect(errorOf(refused)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', type: 'rate_limit_error' });
    expect(refused.headers).toMatchObject({ 'retry-after': '45', 'x-ratelimit-retry-after': '45', 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '2' });
    expect(refused.headers?.['x-ratelimit-reset']).toBe(String((1_800_000_000_000 + 60_000) / 1000));
    now += 45_000;
    expect(limited('/v1/checkouts').status).toBe(200);
  });

  it('does not refuse when the limiter is off (default)', () => {
    const open = caller(data, { rateLimit: false });
    for (let i = 0; i < 1100; i++) open('/v1/checkouts', { limit: '1' });
    expect(open('/v1/checkouts', { limit: '1' }).status).toBe(200);
  });
});

describe('over HTTP', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ count: 30, seed: 11 });
  });
  afterAll(() => sandbox.close());

  it('serves JSON with the headers on a loopback port and a working config', async () => {
    expect(sandbox.config.baseUrl).toBe(`${sandbox.origin}/v1`);
    const res = await request(`${sandbox.config.baseUrl}/checkouts?limit=2`, { headers: { authorization: `Bearer ${sandbox.config.apiKey}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['x-ratelimit-limit']).toBe('1000');
    const body = listResponseSchema.parse(await res.body.json());
    expect(body.data.map((c) => c.id)).toEqual(sandbox.data.checkouts.slice(0, 2).map((c) => c.id));
    expect(sandbox.log.at(-1)).toMatchObject({ method: 'GET', path: '/v1/checkouts' });
  });
});
