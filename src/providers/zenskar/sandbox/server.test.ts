import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naiveFromMicros, type ZenskarSessionRow } from './data.js';
import { createSandboxHandler, startSandbox, ZENSKAR_SANDBOX_API_KEY, type SandboxHandle } from './server.js';
import { microsFromText } from './query.js';

let sb: SandboxHandle;
let headers: Record<string, string>;

beforeAll(async () => {
  sb = await startSandbox({ count: 260, seed: 11 });
  headers = { 'x-api-key': sb.config.apiKey, organisation: sb.config.organisation, apiversion: '20230501' };
});
afterAll(() => sb.close());

interface ListBody {
  results: Record<string, unknown>[];
  next: string | null;
  previous: string | null;
  total_count: number;
}

async function get(path: string, query: Record<string, string> = {}, h: Record<string, string> = headers) {
  const qs = new URLSearchParams(query).toString();
  const res = await fetch(`${sb.origin}${path}${qs ? `?${qs}` : ''}`, { headers: h });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

/** Every page of a list query, following `next`. */
async function walk(query: Record<string, string>): Promise<{ ids: string[]; pages: ListBody[] }> {
  const pages: ListBody[] = [];
  let cursor: string | null = null;
  do {
    const res = await get('/checkout', { limit: '100', ...query, ...(cursor ? { cursor } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body as ListBody);
    cursor = (res.body as ListBody).next;
  } while (cursor);
  return { ids: pages.flatMap((p) => p.results.map((r) => r.id as string)), pages };
}

const live = () => sb.data.sessions.filter((row) => !row.deleted);
/** The brute-force answer for the default order: live rows, created_at desc then id desc. */
const newestFirst = (rows: ZenskarSessionRow[]) => [...rows].reverse().map((row) => row.id);

describe('authentication (§1, §8)', () => {
  it('401 {"detail":"Unauthorized"} without or with an unknown x-api-key', async () => {
    for (const h of [{ organisation: sb.config.organisation }, { 'x-api-key': 'zsk_wrong', organisation: sb.config.organisation }] as Record<
      string,
      string
    >[]) {
      const res = await get('/checkout', {}, h);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ detail: 'Unauthorized' });
    }
  });

  it('403 with the API Gateway message for a valid key and a missing, malformed or foreign organisation', async () => {
    for (const org of [undefined, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const res = await get('/checkout', {}, { 'x-api-key': sb.config.apiKey, ...(org ? { organisation: org } : {}) });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ Message: 'User is not authorized to access this resource with an explicit deny' });
    }
  });

  it('the organisation failure can be switched to 401', () => {
    const handler = createSandboxHandler(sb.data, { organisationFailureStatus: 401 });
    const res = handler({ method: 'GET', path: '/checkout', query: new URLSearchParams(), headers: { 'x-api-key': ZENSKAR_SANDBOX_API_KEY } }, { origin: '' });
    expect(res).toMatchObject({ status: 401, body: { detail: 'Unauthorized' } });
  });

  it('accepts the organisation UUID in upper case and a request without apiversion', async () => {
    const res = await get('/checkout', { limit: '1' }, { 'x-api-key': sb.config.apiKey, organisation: sb.config.organisation.toUpperCase() });
    expect(res.status).toBe(200);
  });
});

describe('GET /checkout pagination (§3)', () => {
  it('defaults to limit 20, newest first, previous null on the first page, total_count of live rows', async () => {
    const res = await get('/checkout');
    const body = res.body as ListBody;
    expect(body.results.map((r) => r.id)).toEqual(newestFirst(live()).slice(0, 20));
    expect(body.previous).toBeNull();
    expect(typeof body.next).toBe('string');
    expect(body.total_count).toBe(live().length);
  });

  it('walks forward to the end: every live row once, in (created_at desc, id desc) order, next null at the end', async () => {
    const { ids, pages } = await walk({});
    expect(ids).toEqual(newestFirst(live()));
    expect(pages.at(-1)?.next).toBeNull();
    expect(pages.every((p) => p.total_count === live().length)).toBe(true);
  });

  it('walks backward with `previous` cursors: pages of `limit` items before the anchor, in the order direction', async () => {
    const forward = await walk({ limit: '37' });
    const pages: ListBody[] = [forward.pages.at(-1) as ListBody];
    for (let p = pages[0] as ListBody; p.previous; ) {
      const res = await get('/checkout', { limit: '37', cursor: p.previous });
      p = res.body as ListBody;
      pages.unshift(p);
    }
    expect(pages.map((p) => p.results.map((r) => r.id))).toEqual(forward.pages.map((p) => p.results.map((r) => r.id)));
    expect(pages[0]?.previous).toBeNull();
    // A page fetched backward has working cursors both ways.
    const second = pages[1] as ListBody;
    const again = await get('/checkout', { limit: '37', cursor: second.next as string });
    expect((again.body as ListBody).results.map((r) => r.id)).toEqual(forward.pages[2]?.results.map((r) => r.id));
  });

  it('order=created_at is the exact reverse of order=-created_at (ties included)', async () => {
    const desc = await walk({});
    const asc = await walk({ order: 'created_at' });
    expect(asc.ids).toEqual([...desc.ids].reverse());
    const ties = live().filter((row, i, all) => i > 0 && all[i - 1]?.createdMicros === row.createdMicros);
    expect(ties.length).toBeGreaterThan(3);
  });

  it('orders by other columns with nulls last in both directions', async () => {
    const { ids } = await walk({ order: '-paid_at' });
    const rows = ids.map((id) => sb.data.sessionsById.get(id) as ZenskarSessionRow);
    const paid = rows.filter((row) => row.t.paid_at !== null);
    expect(rows.slice(0, paid.length)).toEqual(paid);
    for (let i = 1; i < paid.length; i++) expect((paid[i - 1] as ZenskarSessionRow).t.paid_at! >= (paid[i] as ZenskarSessionRow).t.paid_at!).toBe(true);
    const asc = await walk({ order: 'paid_at' });
    expect(asc.ids.slice(-rows.length + paid.length)).toEqual(ids.slice(paid.length).reverse());
  });

  it('rejects a cursor sent with another order, and a malformed cursor (422, loc query.cursor)', async () => {
    const first = (await get('/checkout', { limit: '5' })).body as ListBody;
    const mismatch = await get('/checkout', { limit: '5', order: 'created_at', cursor: first.next as string });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.detail[0]).toMatchObject({ loc: ['query', 'cursor'], type: 'value_error' });
    const garbage = await get('/checkout', { cursor: 'eyJub3QiOiJhIGN1cnNvciJ9' });
    expect(garbage.status).toBe(422);
    expect(garbage.body.detail[0].loc).toEqual(['query', 'cursor']);
  });

  it('validates limit as pydantic v1 does', async () => {
    expect((await get('/checkout', { limit: '0' })).body).toEqual({
      detail: [{ loc: ['query', 'limit'], msg: 'ensure this value is greater than or equal to 1', type: 'value_error.number.not_ge', ctx: { limit_value: 1 } }],
    });
    expect((await get('/checkout', { limit: '101' })).body.detail[0]).toMatchObject({ type: 'value_error.number.not_le', ctx: { limit_value: 100 } });
    expect((await get('/checkout', { limit: 'ten' })).body.detail[0]).toMatchObject({ msg: 'value is not a valid integer', type: 'type_error.integer' });
    expect((await get('/checkout', { limit: '100' })).status).toBe(200);
  });

  it('rejects an unknown order field', async () => {
    const res = await get('/checkout', { order: '-customer_name' });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['query', 'order']);
  });
});

describe('GET /checkout filters (§2.2) against brute force', () => {
  const cases: [string, Record<string, string>, (row: ZenskarSessionRow) => boolean][] = [
    ['checkout_session_status', { checkout_session_status: 'closed' }, (r) => r.status === 'closed'],
    ['checkout_session_status__in', { checkout_session_status__in: 'open,cancelled' }, (r) => r.status === 'open' || r.status === 'cancelled'],
    ['payment_status__in', { payment_status__in: 'paid,failed' }, (r) => ['paid', 'failed'].includes(r.session.payment_status)],
    ['currency', { currency: 'EUR' }, (r) => r.currency === 'EUR'],
    ['currency__in', { currency__in: 'JPY,BHD,INR' }, (r) => ['JPY', 'BHD', 'INR'].includes(r.currency)],
    ['guest_checkout', { guest_checkout: 'true' }, (r) => r.guest],
    ['customer_id__isnull', { customer_id__isnull: 'true' }, (r) => r.session.customer_id === undefined],
    ['contract_id__isnull=false', { contract_id__isnull: 'false' }, (r) => r.session.contract_id !== undefined],
    ['execution_id__isnull', { execution_id__isnull: 'false' }, (r) => r.session.execution_id !== undefined],
    ['payment_intent_id__isnull', { payment_intent_id__isnull: 'true' }, (r) => r.session.payment_intent_id === undefined],
    ['confirmed_at__isnull', { confirmed_at__isnull: 'false' }, (r) => r.t.confirmed_at !== null],
    ['paid_at__isnull', { paid_at__isnull: 'true' }, (r) => r.t.paid_at === null],
    ['expires_at__isnull', { expires_at__isnull: 'true' }, (r) => r.t.expires_at === null],
    ['amount_due range', { amount_due__gte: '100', amount_due__lt: '5000' }, (r) => r.amountDue !== null && r.amountDue >= 100 && r.amountDue < 5000],
    ['amount_due__gt=0', { amount_due__gt: '0' }, (r) => r.amountDue !== null && r.amountDue > 0],
    ['amount_due__lte=0', { amount_due__lte: '0' }, (r) => r.amountDue !== null && r.amountDue <= 0],
    ['organisation_id (own)', { organisation_id: '' }, () => true],
    ['organisation_id (other)', { organisation_id: '00000000-0000-4000-8000-000000000000' }, () => false],
  ];

  it.each(cases)('%s', async (_name, query, predicate) => {
    const q = { ...query };
    if ('organisation_id' in q && q.organisation_id === '') q.organisation_id = sb.config.organisation;
    const { ids, pages } = await walk(q);
    const expected = newestFirst(live().filter(predicate));
    expect(ids).toEqual(expected);
    expect(pages[0]?.total_count).toBe(expected.length);
  });

  it('created_at ranges (strict and inclusive, microsecond values) and exact match', async () => {
    const rows = live();
    const pivot = rows[Math.floor(rows.length / 2)] as ZenskarSessionRow;
    const lowPivot = rows[Math.floor(rows.length / 5)] as ZenskarSessionRow;
    const gt = naiveFromMicros(lowPivot.createdMicros);
    const lt = naiveFromMicros(pivot.createdMicros);
    const strict = await walk({ created_at__gt: gt, created_at__lt: lt });
    expect(strict.ids).toEqual(newestFirst(rows.filter((r) => r.createdMicros > lowPivot.createdMicros && r.createdMicros < pivot.createdMicros)));
    const inclusive = await walk({ created_at__gte: gt, created_at__lte: lt, order: 'created_at' });
    expect(inclusive.ids).toEqual(rows.filter((r) => r.createdMicros >= lowPivot.createdMicros && r.createdMicros <= pivot.createdMicros).map((r) => r.id));
    const micro = rows.find((r) => r.createdMicros % 1_000_000 !== 0) as ZenskarSessionRow;
    const exact = await walk({ created_at: `${naiveFromMicros(micro.createdMicros)}Z` });
    expect(exact.ids).toEqual(newestFirst(rows.filter((r) => r.createdMicros === micro.createdMicros)));
    // With a non-UTC offset the same instant still matches.
    const shifted = new Date(micro.createdMicros / 1000 + 2 * 3600_000).toISOString().slice(0, 19);
    const withOffset = await walk({ created_at__gte: `${shifted}+02:00`, created_at__lte: `${shifted}.999999+02:00` });
    expect(withOffset.ids).toContain(micro.id);
  });

  it('other date ranges: updated_at, last_activity_at, paid_at, expires_at, confirmed_at', async () => {
    const rows = live();
    const mid = rows[Math.floor(rows.length / 2)] as ZenskarSessionRow;
    const at = naiveFromMicros(mid.createdMicros);
    const micros = microsFromText(at) as number;
    const checks: [Record<string, string>, (r: ZenskarSessionRow) => boolean][] = [
      [{ updated_at__gte: at }, (r) => r.t.updated_at >= micros],
      [{ last_activity_at__lt: at }, (r) => r.t.last_activity_at !== null && r.t.last_activity_at < micros],
      [{ paid_at__gt: at }, (r) => r.t.paid_at !== null && r.t.paid_at > micros],
      [{ expires_at__lte: at }, (r) => r.t.expires_at !== null && r.t.expires_at <= micros],
      [{ confirmed_at__gte: at, confirmed_at__isnull: 'false' }, (r) => r.t.confirmed_at !== null && r.t.confirmed_at >= micros],
    ];
    for (const [query, predicate] of checks) {
      const { ids } = await walk(query);
      expect(ids, JSON.stringify(query)).toEqual(newestFirst(rows.filter(predicate)));
    }
  });

  it('id__in, id, customer_id(__in), business_entity_id__in, contract_id, execution_id__in, idempotency_key, correlation_id', async () => {
    const rows = live();
    const some = [rows[3], rows[50], rows[120]] as ZenskarSessionRow[];
    expect((await walk({ id__in: some.map((r) => r.id.toUpperCase()).join(',') })).ids).toEqual(newestFirst(some));
    expect((await walk({ id: (some[0] as ZenskarSessionRow).id })).ids).toEqual([(some[0] as ZenskarSessionRow).id]);
    const withCustomer = rows.find((r) => r.session.customer_id) as ZenskarSessionRow;
    const customerId = withCustomer.session.customer_id as string;
    expect((await walk({ customer_id: customerId })).ids).toEqual(newestFirst(rows.filter((r) => r.session.customer_id === customerId)));
    expect((await walk({ customer_id__in: customerId })).ids).toEqual(newestFirst(rows.filter((r) => r.session.customer_id === customerId)));
    const entity = sb.data.businessEntityIds[0] as string;
    expect((await walk({ business_entity_id__in: entity })).ids).toEqual(newestFirst(rows.filter((r) => r.session.business_entity_id === entity)));
    const withContract = rows.find((r) => r.session.contract_id) as ZenskarSessionRow;
    expect((await walk({ contract_id: withContract.session.contract_id as string })).ids).toEqual([withContract.id]);
    const withExecution = rows.find((r) => r.session.execution_id) as ZenskarSessionRow;
    expect((await walk({ execution_id__in: withExecution.session.execution_id as string })).ids).toEqual([withExecution.id]);
    const withKey = rows.find((r) => r.session.idempotency_key) as ZenskarSessionRow;
    expect((await walk({ idempotency_key: withKey.session.idempotency_key as string })).ids).toEqual([withKey.id]);
    const withCorrelation = rows.find((r) => r.session.correlation_id) as ZenskarSessionRow;
    expect((await walk({ correlation_id: withCorrelation.session.correlation_id as string })).ids).toEqual([withCorrelation.id]);
    const withIntent = rows.find((r) => r.session.payment_intent_id) as ZenskarSessionRow;
    expect((await walk({ payment_intent_id: withIntent.session.payment_intent_id as string })).ids).toEqual([withIntent.id]);
  });

  it('soft-deleted rows appear only with deleted_at__isnull=false or a deleted_at range', async () => {
    const deleted = sb.data.sessions.filter((r) => r.deleted);
    expect(deleted.length).toBeGreaterThan(0);
    expect((await walk({ deleted_at__isnull: 'false' })).ids).toEqual(newestFirst(deleted));
    expect((await walk({ deleted_at__gte: '2000-01-01T00:00:00' })).ids).toEqual(newestFirst(deleted));
    expect((await walk({ deleted_at__isnull: 'true' })).ids).toEqual(newestFirst(live()));
    const deletedId = (deleted[0] as ZenskarSessionRow).id;
    expect((await get(`/checkout/${deletedId}`)).status).toBe(404);
    expect((await walk({ id: deletedId })).ids).toEqual([]);
  });

  it('combines filters with AND', async () => {
    const { ids } = await walk({ checkout_session_status__in: 'completed', currency: 'USD', guest_checkout: 'false' });
    expect(ids).toEqual(newestFirst(live().filter((r) => r.status === 'completed' && r.currency === 'USD' && !r.guest)));
    expect(ids.length).toBeGreaterThan(0);
  });

  it('422 for bad enum members, booleans, numbers, datetimes and UUIDs; all issues at once', async () => {
    const res = await get('/checkout', {
      checkout_session_status: 'archived',
      payment_status__in: 'paid,refunded',
      guest_checkout: 'maybe',
      amount_due__gt: 'lots',
      created_at__gt: 'yesterday',
      customer_id: 'not-a-uuid',
    });
    expect(res.status).toBe(422);
    const byLoc = Object.fromEntries((res.body.detail as { loc: string[]; type: string }[]).map((d) => [d.loc.join('.'), d.type]));
    expect(byLoc).toEqual({
      'query.checkout_session_status': 'type_error.enum',
      'query.payment_status__in': 'type_error.enum',
      'query.guest_checkout': 'type_error.bool',
      'query.amount_due__gt': 'type_error.float',
      'query.created_at__gt': 'value_error.datetime',
      'query.customer_id': 'type_error.uuid',
    });
    expect(res.body.detail.find((d: { loc: string[] }) => d.loc[1] === 'checkout_session_status').msg).toBe(
      "value is not a valid enumeration member; permitted: 'open', 'processing', 'completed', 'closed', 'cancelled'",
    );
  });

  it('ignores unknown parameters and the undocumented offset', async () => {
    const plain = (await get('/checkout', { limit: '7' })).body as ListBody;
    const extra = (await get('/checkout', { limit: '7', offset: '40', customer_name__ilike: 'x' })).body as ListBody;
    expect(extra.results.map((r) => r.id)).toEqual(plain.results.map((r) => r.id));
  });
});

describe('representation (§5)', () => {
  it('naive timestamps, upper-case currency, money as JSON numbers, null fields omitted', async () => {
    const { pages } = await walk({});
    const items = pages.flatMap((p) => p.results);
    for (const item of items) {
      expect(item.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/);
      expect(item.currency).toMatch(/^[A-Z]{3}$/);
      for (const value of Object.values(item)) expect(value).not.toBeNull();
      const estimates = item.estimates as { amount_due?: unknown } | undefined;
      if (estimates) expect(typeof estimates.amount_due).toBe('number');
      expect(item).not.toHaveProperty('deleted_at');
    }
    expect(items.some((i) => String(i.created_at).includes('.'))).toBe(true);
    expect(new Set(items.map((i) => i.checkout_session_status))).toEqual(new Set(['open', 'processing', 'completed', 'closed', 'cancelled']));
  });

  it('switches: the docs example envelope and explicit nulls', () => {
    const handler = createSandboxHandler(sb.data, { envelope: 'example', omitNulls: false });
    const req = {
      method: 'GET',
      path: '/checkout',
      query: new URLSearchParams('limit=2'),
      headers: { 'x-api-key': sb.config.apiKey, organisation: sb.config.organisation },
    };
    const res = handler(req, { origin: '' });
    const body = res.body as { data: Record<string, unknown>[]; next: string; total: number };
    expect(Object.keys(body).sort()).toEqual(['data', 'next', 'total']);
    expect(body.total).toBe(live().length);
    expect(body.data).toHaveLength(2);
    expect(Object.keys(body.data[0] as object)).toContain('cancellation_details');
  });
});

describe('GET /checkout/{id} and customers (§4)', () => {
  it('retrieves a session whole; 404 detail for unknown ids; 422 for non-UUIDs', async () => {
    const row = live()[17] as ZenskarSessionRow;
    const ok = await get(`/checkout/${row.id}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(JSON.parse(JSON.stringify(row.session)));
    const missing = await get('/checkout/00000000-0000-4000-8000-000000000000');
    expect(missing).toMatchObject({ status: 404, body: { detail: 'Checkout session not found' } });
    const bad = await get('/checkout/nope');
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ['path', 'checkout_session_id'], type: 'type_error.uuid' });
  });

  it('customers by id and by id__in ([assumption]), newest first; 404 for unknown', async () => {
    const [a, b, c] = sb.data.customers as [any, any, any];
    const one = await get(`/customers/${b.customer.id}`);
    expect(one.body).toEqual(JSON.parse(JSON.stringify(b.customer)));
    const many = await get('/customers', { id__in: [a.customer.id, c.customer.id, '00000000-0000-4000-8000-000000000000'].join(','), limit: '100' });
    expect(many.body.results.map((x: { id: string }) => x.id)).toEqual([c.customer.id, a.customer.id]);
    expect(many.body.total_count).toBe(2);
    const defaults = await get('/customers');
    expect(defaults.body.results).toHaveLength(10);
    expect((await get('/customers/00000000-0000-4000-8000-000000000000')).body).toEqual({ detail: 'Customer not found' });
  });

  it('unknown paths are FastAPI 404s; a non-integer apiversion is a 422', async () => {
    expect(await get('/checkouts')).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    const res = await get('/checkout', {}, { ...headers, apiversion: 'latest' });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['header', 'apiversion']);
  });
});

describe('rate limit (optional token bucket, §6)', () => {
  it('429 {"message":"Too Many Requests"} with Retry-After once the bucket is empty, then refills', () => {
    let now = 1_000_000;
    const handler = createSandboxHandler(sb.data, { rateLimit: { capacity: 2, refillPerSecond: 0.5, now: () => now } });
    const req = {
      method: 'GET',
      path: '/checkout',
      query: new URLSearchParams('limit=1'),
      headers: { 'x-api-key': sb.config.apiKey, organisation: sb.config.organisation },
    };
    expect(handler(req, { origin: '' }).status).toBe(200);
    expect(handler(req, { origin: '' }).status).toBe(200);
    const limited = handler(req, { origin: '' });
    expect(limited).toEqual({ status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '2' } });
    now += 2000;
    expect(handler(req, { origin: '' }).status).toBe(200);
  });

  it('is off by default', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => get('/checkout', { limit: '1' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});
