import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError, UpstreamRejectedError } from '../../errors.js';
import { ResultCache } from '../../http/cache.js';
import { describeZenskarError, ZenskarClient } from './client.js';
import type { ZenskarSessionRow } from './sandbox/data.js';
import { startSandbox, type SandboxHandle } from './sandbox/server.js';

const NO_RETRY = { retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, breaker: { failureThreshold: 0, cooldownMs: 0 } };

let sb: SandboxHandle;
let client: ZenskarClient;

beforeAll(async () => {
  sb = await startSandbox({ count: 230, seed: 21 });
  // No retries, no breaker: each test sees exactly the upstream answer it set up.
  client = new ZenskarClient(sb.config, { resilience: NO_RETRY });
});
afterAll(async () => {
  await client.close();
  await sb.close();
});
beforeEach(() => {
  sb.log.length = 0;
  sb.knobs.faults.length = 0;
});

const live = () => sb.data.sessions.filter((r) => !r.deleted);
const newestFirst = (rows: ZenskarSessionRow[]) => [...rows].reverse().map((r) => r.id);

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (err) {
    return err as UpstreamError;
  }
  throw new Error('expected a failure');
}

describe('ZenskarClient', () => {
  it('sends x-api-key, organisation and apiversion: 20230501 on every request', async () => {
    await client.listPage({ limit: 1 });
    expect(sb.log).toHaveLength(1);
    expect(sb.log[0]?.headers).toMatchObject({ 'x-api-key': sb.config.apiKey, organisation: sb.config.organisation, apiversion: '20230501' });
  });

  it('walks GET /checkout to the end with cursors, matching the data', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    const totals = new Set<number | null | undefined>();
    do {
      const page = await client.listPage({ limit: 100, ...(cursor ? { cursor } : {}) });
      ids.push(...page.results.map((s) => s.providerId));
      totals.add(page.total_count);
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(ids).toEqual(newestFirst(live()));
    expect([...totals]).toEqual([live().length]);
    expect(sb.log).toHaveLength(Math.ceil(live().length / 100));
  });

  it('applies filters upstream', async () => {
    const page = await client.listPage({ checkout_session_status__in: 'completed,processing', currency__in: 'USD,EUR', limit: 100 });
    const expected = newestFirst(live().filter((r) => ['completed', 'processing'].includes(r.status) && ['USD', 'EUR'].includes(r.currency)));
    expect(page.results.map((s) => s.providerId)).toEqual(expected.slice(0, 100));
    expect(page.total_count).toBe(expected.length);
    expect(sb.log[0]?.query.get('checkout_session_status__in')).toBe('completed,processing');
  });

  it('auth failures are UPSTREAM_UNAUTHORIZED and never echo the key', async () => {
    const badKey = new ZenskarClient({ ...sb.config, apiKey: 'zsk_live_SECRET_123' }, { resilience: NO_RETRY });
    const err = await failure(badKey.listPage({ limit: 1 }));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.upstreamCode).toBe('UPSTREAM_UNAUTHORIZED');
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', provider: 'ZENSKAR', upstreamStatus: 401 });
    expect(err.message).toContain('Unauthorized');
    expect(err.message).not.toContain('SECRET');
    await badKey.close();

    const badOrg = new ZenskarClient({ ...sb.config, organisation: '00000000-0000-4000-8000-000000000000' }, { resilience: NO_RETRY });
    const forbidden = await failure(badOrg.listPage({ limit: 1 }));
    expect(forbidden.upstreamCode).toBe('UPSTREAM_UNAUTHORIZED');
    expect(forbidden.extensions.upstreamStatus).toBe(403);
    expect(forbidden.message).toContain('explicit deny');
    await badOrg.close();
  });

  it('a 422 becomes BAD_USER_INPUT carrying the pydantic message', async () => {
    const err = await failure(client.listPage({ limit: 0 }));
    expect(err).toBeInstanceOf(UpstreamRejectedError);
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.message).toBe('ZENSKAR rejected the request: limit: ensure this value is greater than or equal to 1');
  });

  it('429 → UPSTREAM_RATE_LIMITED with Retry-After; 5xx → UPSTREAM_UNAVAILABLE', async () => {
    sb.knobs.faults.push({ kind: 'response', response: { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '7' } } });
    const limited = await failure(client.listPage({ limit: 3 }));
    expect(limited.upstreamCode).toBe('UPSTREAM_RATE_LIMITED');
    expect(limited.retryAfter).toBe(7);
    expect(limited.message).toContain('Too Many Requests');
    sb.knobs.faults.push({ kind: 'response', response: { status: 500, body: { detail: 'Internal Server Error' } } });
    expect((await failure(client.listPage({ limit: 4 }))).upstreamCode).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('with the default resilience, a 429 is retried after its Retry-After and the page still arrives', async () => {
    const retrying = new ZenskarClient(sb.config);
    sb.knobs.faults.push({ kind: 'response', response: { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '0' } } });
    const page = await retrying.listPage({ limit: 2 });
    expect(page.results.map((s) => s.providerId)).toEqual(newestFirst(live()).slice(0, 2));
    expect(sb.log).toHaveLength(2);
    await retrying.close();
  });

  it('a malformed payload is UPSTREAM_BAD_RESPONSE naming the bad field', async () => {
    sb.knobs.faults.push({
      kind: 'response',
      response: { status: 200, body: { results: [{ id: 'x', checkout_session_status: 'open', payment_status: 'paid' }], next: null } },
    });
    const err = await failure(client.listPage({ limit: 5 }));
    expect(err.upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');
    expect(err.message).toContain('checkout session x payload: created_at');
    sb.knobs.faults.push({ kind: 'response', response: { status: 200, raw: '{"results": [' } });
    expect((await failure(client.listPage({ limit: 6 }))).upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('retrieve: the session, null on 404, null without a request for a non-UUID', async () => {
    const row = live()[9] as ZenskarSessionRow;
    expect((await client.retrieve(row.id.toUpperCase()))?.providerId).toBe(row.id);
    expect(await client.retrieve('00000000-0000-4000-8000-000000000000')).toBeNull();
    sb.log.length = 0;
    expect(await client.retrieve('checkout_123')).toBeNull();
    expect(sb.log).toHaveLength(0);
  });

  it('retrieveMany batches through id__in in chunks of 100 and answers in the order asked', async () => {
    const rows = live();
    const ids = rows.slice(0, 150).map((r) => r.id);
    const asked = [...ids].reverse();
    asked.splice(3, 0, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', asked[0] as string);
    const result = await client.retrieveMany(asked);
    expect(result.map((s) => s?.providerId ?? null)).toEqual(asked.map((id) => (ids.includes(id) ? id : null)));
    expect(sb.log).toHaveLength(2);
    for (const req of sb.log) {
      expect(req.path).toBe('/checkout');
      expect(req.query.get('limit')).toBe('100');
      expect((req.query.get('id__in') as string).split(',').length).toBeLessThanOrEqual(100);
    }
  });

  it('customers: one id through /customers/{id}, several through one id__in request', async () => {
    const [a, b] = sb.data.customers as [any, any];
    expect((await client.retrieveCustomers([a.customer.id]))[0]?.customer_name).toBe(a.customer.customer_name);
    expect(sb.log.map((r) => r.path)).toEqual([`/customers/${a.customer.id}`]);
    sb.log.length = 0;
    const many = await client.retrieveCustomers([b.customer.id, '00000000-0000-4000-8000-000000000000', a.customer.id, b.customer.id]);
    expect(many.map((c) => c?.id ?? null)).toEqual([b.customer.id, null, a.customer.id, b.customer.id]);
    expect(sb.log).toHaveLength(1);
    expect(sb.log[0]?.path).toBe('/customers');
    expect(await client.retrieveCustomer('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('with a cache, re-reading a page does not call the upstream again', async () => {
    const cached = new ZenskarClient(sb.config, { cache: new ResultCache({ ttlMs: 60_000, maxEntries: 100 }) });
    const [p1, p2] = await Promise.all([cached.listPage({ limit: 100 }), cached.listPage({ limit: 100 })]);
    const p3 = await cached.listPage({ limit: 100 });
    expect(p1).toBe(p2);
    expect(p3).toBe(p1);
    expect(sb.log).toHaveLength(1);
    await cached.listPage({ limit: 100, order: 'created_at' });
    expect(sb.log).toHaveLength(2);
    await cached.close();
  });

  it('reads the docs example envelope {data, next, total} too', async () => {
    const example = await startSandbox({ count: 30, seed: 2, envelope: 'example' });
    const c = new ZenskarClient(example.config);
    const page = await c.listPage({ limit: 10 });
    expect(page.results).toHaveLength(10);
    expect(page.total_count).toBe(example.data.sessions.filter((r) => !r.deleted).length);
    await c.close();
    await example.close();
  });
});

describe('describeZenskarError', () => {
  it('reads FastAPI, pydantic and API Gateway bodies', () => {
    expect(describeZenskarError({ detail: 'Checkout session not found' })).toBe('Checkout session not found');
    expect(
      describeZenskarError({
        detail: [
          { loc: ['query', 'limit'], msg: 'bad', type: 'x' },
          { loc: ['body', 'a', 0], msg: 'worse' },
        ],
      }),
    ).toBe('limit: bad; a.0: worse');
    expect(describeZenskarError({ Message: 'User is not authorized' })).toBe('User is not authorized');
    expect(describeZenskarError({ message: 'Too Many Requests' })).toBe('Too Many Requests');
    expect(describeZenskarError('<html>')).toBeUndefined();
  });
});
