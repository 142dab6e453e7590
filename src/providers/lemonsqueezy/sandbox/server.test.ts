import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxResponse } from '../../../sandbox/harness.js';
import { createData, LEMON_URL_SIGNING_KEY, type LemonCheckoutRecord } from './data.js';
import { createSandboxHandler, LEMON_SANDBOX_API_KEY, startSandbox, type SandboxHandle } from './server.js';

const ORIGIN = 'https://api.lemonsqueezy.com';
const AUTH = { authorization: `Bearer ${LEMON_SANDBOX_API_KEY}`, accept: 'application/vnd.api+json' };

type Doc = {
  meta?: { page: Record<string, number | null> };
  jsonapi?: { version: string };
  links: Record<string, string>;
  data: any;
  included?: any[];
  errors?: any[];
};

function caller(data = createData({ count: 25, seed: 1 }), options: Parameters<typeof createSandboxHandler>[1] = {}) {
  const handler = createSandboxHandler(data, options);
  return (path: string, query: Record<string, string> = {}, headers: Record<string, string> = AUTH, method = 'GET'): SandboxResponse & { body: Doc } => {
    const response = handler({ method, path, query: new URLSearchParams(query), headers }, { origin: ORIGIN });
    return response as SandboxResponse & { body: Doc };
  };
}

const ids = (records: readonly LemonCheckoutRecord[]) => records.map((r) => r.id);

describe('GET /v1/checkouts pagination (§3)', () => {
  const data = createData({ count: 25, seed: 1 });
  const get = caller(data);

  it('follows the document’s 25-checkout example page by page', () => {
    const link = (n: number) => `${ORIGIN}/v1/checkouts?page%5Bnumber%5D=${n}&page%5Bsize%5D=10&sort=-createdAt`;
    const page1 = get('/v1/checkouts');
    expect(page1.status).toBe(200);
    expect(page1.headers?.['content-type']).toBe('application/vnd.api+json');
    expect(Object.keys(page1.body)).toEqual(['meta', 'jsonapi', 'links', 'data']);
    expect(page1.body.meta?.page).toEqual({ currentPage: 1, from: 1, lastPage: 3, perPage: 10, to: 10, total: 25 });
    expect(page1.body.jsonapi).toEqual({ version: '1.0' });
    expect(page1.body.links).toEqual({ first: link(1), last: link(3), next: link(2) });

    const page2 = get('/v1/checkouts', { 'page[number]': '2' });
    expect(page2.body.meta?.page).toEqual({ currentPage: 2, from: 11, lastPage: 3, perPage: 10, to: 20, total: 25 });
    expect(page2.body.links).toEqual({ first: link(1), last: link(3), next: link(3), prev: link(1) });

    const page3 = get('/v1/checkouts', { 'page[number]': '3' });
    expect(page3.body.meta?.page).toEqual({ currentPage: 3, from: 21, lastPage: 3, perPage: 10, to: 25, total: 25 });
    expect(page3.body.links).toEqual({ first: link(1), last: link(3), prev: link(2) });
    expect('next' in page3.body.links).toBe(false);

    const served = [page1, page2, page3].flatMap((p) => p.body.data.map((r: { id: string }) => r.id));
    expect(served).toEqual(ids(data.checkouts));
  });

  it('orders by created_at descending, ties by insertion sequence descending', () => {
    const big = createData({ count: 400, seed: 3 });
    const list = caller(big);
    const served: string[] = [];
    for (let n = 1; n <= 4; n++)
      served.push(...list('/v1/checkouts', { 'page[number]': String(n), 'page[size]': '100' }).body.data.map((r: { id: string }) => r.id));
    const expected = [...big.checkouts].sort((a, b) =>
      a.attributes.created_at === b.attributes.created_at ? b.seq - a.seq : a.attributes.created_at < b.attributes.created_at ? 1 : -1,
    );
    expect(served).toEqual(ids(expected));
    const ties = big.checkouts.filter((c, i) => i > 0 && c.attributes.created_at === big.checkouts[i - 1]!.attributes.created_at);
    expect(ties.length).toBeGreaterThan(10);
  });

  it('serves sort=createdAt oldest first and rejects other sorts', () => {
    const ascending = get('/v1/checkouts', { sort: 'createdAt', 'page[size]': '100' });
    expect(ascending.body.data.map((r: { id: string }) => r.id)).toEqual(ids([...data.checkouts].reverse()));
    expect(ascending.body.links.first).toContain('sort=createdAt');
    const bad = get('/v1/checkouts', { sort: 'name' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.source).toEqual({ parameter: 'sort' });
  });

  it('answers an empty page past the end with null from/to and a prev link', () => {
    const past = get('/v1/checkouts', { 'page[number]': '7' });
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    expect(past.body.meta?.page).toEqual({ currentPage: 7, from: null, lastPage: 3, perPage: 10, to: null, total: 25 });
    expect(past.body.links.prev).toContain('page%5Bnumber%5D=6');
    expect(past.body.links.next).toBeUndefined();
  });
});

describe('GET /v1/checkouts filters and include', () => {
  const data = createData({ count: 300, seed: 2 });
  const get = caller(data);
  const all = (query: Record<string, string>) => {
    const served: any[] = [];
    for (let n = 1; ; n++) {
      const page = get('/v1/checkouts', { ...query, 'page[number]': String(n), 'page[size]': '100' });
      expect(page.status).toBe(200);
      served.push(...page.body.data);
      if (!page.body.links.next) return { served, last: page };
    }
  };

  it('filters by store_id exactly and keeps the filter in the links, before page[...]', () => {
    for (const store of data.stores) {
      const { served, last } = all({ 'filter[store_id]': String(store.id) });
      const expected = data.checkouts.filter((c) => c.attributes.store_id === store.id);
      expect(served.map((r) => r.id)).toEqual(ids(expected));
      expect(last.body.meta?.page.total).toBe(expected.length);
      expect(last.body.links.first).toBe(`${ORIGIN}/v1/checkouts?filter%5Bstore_id%5D=${store.id}&page%5Bnumber%5D=1&page%5Bsize%5D=100&sort=-createdAt`);
    }
  });

  it('filters by variant_id, and by both', () => {
    const variant = data.variants[4]!;
    const expected = data.checkouts.filter((c) => c.attributes.variant_id === variant.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(all({ 'filter[variant_id]': String(variant.id) }).served.map((r) => r.id)).toEqual(ids(expected));
    expect(all({ 'filter[variant_id]': String(variant.id), 'filter[store_id]': String(variant.storeId) }).served.map((r) => r.id)).toEqual(ids(expected));
    const otherStore = data.stores.find((s) => s.id !== variant.storeId)!;
    const none = all({ 'filter[variant_id]': String(variant.id), 'filter[store_id]': String(otherStore.id) });
    expect(none.served).toEqual([]);
    expect(none.last.body.meta?.page).toEqual({ currentPage: 1, from: null, lastPage: 1, perPage: 100, to: null, total: 0 });
  });

  it('includes each related store and variant once, with linkage only when included', () => {
    const page = get('/v1/checkouts', { include: 'store,variant', 'page[size]': '100' });
    expect(Object.keys(page.body)).toEqual(['meta', 'jsonapi', 'links', 'data', 'included']);
    expect(page.body.links.first).toContain('include=store%2Cvariant&page%5Bnumber%5D=1');
    const storeIds = new Set(page.body.data.map((r: any) => String(r.attributes.store_id)));
    const variantIds = new Set(page.body.data.map((r: any) => String(r.attributes.variant_id)));
    const included = page.body.included!;
    expect(
      included
        .filter((r) => r.type === 'stores')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...storeIds].sort());
    expect(
      included
        .filter((r) => r.type === 'variants')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...variantIds].sort());
    const first = page.body.data[0];
    expect(first.relationships.store.data).toEqual({ type: 'stores', id: String(first.attributes.store_id) });
    expect(first.relationships.variant.data).toEqual({ type: 'variants', id: String(first.attributes.variant_id) });

    const plain = get('/v1/checkouts');
    expect(plain.body.included).toBeUndefined();
    expect(plain.body.data[0].relationships.store).toEqual({
      links: { related: `${ORIGIN}/v1/checkouts/${plain.body.data[0].id}/store`, self: `${ORIGIN}/v1/checkouts/${plain.body.data[0].id}/relationships/store` },
    });
    const storeOnly = get('/v1/checkouts', { include: 'store' });
    expect(new Set(storeOnly.body.included!.map((r) => r.type))).toEqual(new Set(['stores']));
  });

  it('serialises checkouts in wire form: [] for empty maps, preview false, signed URLs', () => {
    const text = JSON.stringify(get('/v1/checkouts', { 'page[size]': '100' }).body);
    expect(text).toContain('"billing_address":[]');
    expect(text).toContain('"custom":[]');
    expect(text).toContain('"preview":false');
    const resource = get('/v1/checkouts', { 'page[size]': '100' }).body.data.find((r: any) => r.attributes.expires_at !== null);
    const url = new URL(resource.attributes.url);
    expect(url.pathname).toBe(`/checkout/custom/${resource.id}`);
    expect(url.searchParams.get('expires')).toBe(String(Math.floor(Date.parse(resource.attributes.expires_at) / 1000)));
    const unsigned = resource.attributes.url.slice(0, resource.attributes.url.indexOf('&signature='));
    expect(url.searchParams.get('signature')).toBe(createHmac('sha256', LEMON_URL_SIGNING_KEY).update(unsigned).digest('hex'));
    expect(resource.links.self).toBe(`${ORIGIN}/v1/checkouts/${resource.id}`);
  });
});

describe('validation and errors (§2, §6 assumptions)', () => {
  const get = caller();

  it.each([
    [{ 'page[size]': '0' }, 'page[size]'],
    [{ 'page[size]': '101' }, 'page[size]'],
    [{ 'page[size]': 'ten' }, 'page[size]'],
    [{ 'page[number]': '0' }, 'page[number]'],
    [{ 'page[number]': '-1' }, 'page[number]'],
    [{ 'filter[store_id]': 'abc' }, 'filter[store_id]'],
    [{ 'filter[variant_id]': '1.5' }, 'filter[variant_id]'],
    [{ 'filter[email]': 'a@b.c' }, 'filter[email]'],
    [{ include: 'store,customer' }, 'include'],
  ])('400 for %o with source.parameter', (query, parameter) => {
    const response = get('/v1/checkouts', query);
    expect(response.status).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/vnd.api+json');
    expect(response.body).toEqual({
      jsonapi: { version: '1.0' },
      errors: [{ detail: expect.stringContaining(parameter), source: { parameter }, status: '400', title: 'Bad Request' }],
    });
  });

  it('401 for a missing or wrong key, in the documented body', () => {
    const expected = { jsonapi: { version: '1.0' }, errors: [{ detail: 'Unauthenticated.', status: '401', title: 'Unauthorized' }] };
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: LEMON_SANDBOX_API_KEY }] as Record<string, string>[]) {
      const response = get('/v1/checkouts', {}, headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(expected);
      expect(response.headers?.['X-Ratelimit-Limit']).toBeUndefined();
    }
  });

  it('404 for unknown routes and ids, 405 for other methods', () => {
    expect(get('/v1/orders').status).toBe(404);
    expect(get('/v2/checkouts').status).toBe(404);
    const missing = get('/v1/checkouts/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.errors?.[0]).toMatchObject({ status: '404', title: 'Not Found' });
    expect(get('/v1/stores/999').status).toBe(404);
    expect(get('/v1/variants/1').status).toBe(404);
    expect(get('/v1/checkouts', {}, AUTH, 'POST').status).toBe(405);
  });

  it('406 for a foreign Accept only in strict mode', () => {
    expect(get('/v1/checkouts', {}, { authorization: AUTH.authorization, accept: 'text/html' }).status).toBe(200);
    const strict = caller(undefined, { strictMediaType: true });
    expect(strict('/v1/checkouts', {}, { authorization: AUTH.authorization, accept: 'text/html' }).status).toBe(406);
    expect(strict('/v1/checkouts', {}, AUTH).status).toBe(200);
  });
});

describe('retrieve and related routes (§4)', () => {
  const data = createData({ count: 25, seed: 1 });
  const get = caller(data);
  const record = data.checkouts[3]!;

  it('retrieves one checkout without meta, with included on request', () => {
    const response = get(`/v1/checkouts/${record.id}`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['jsonapi', 'links', 'data']);
    expect(response.body.links).toEqual({ self: `${ORIGIN}/v1/checkouts/${record.id}` });
    expect(response.body.data).toMatchObject({ type: 'checkouts', id: record.id, attributes: record.attributes });
    const withIncluded = get(`/v1/checkouts/${record.id}`, { include: 'store,variant' });
    expect(withIncluded.body.included?.map((r) => `${r.type}:${r.id}`)).toEqual([`stores:${record.store.id}`, `variants:${record.variant.id}`]);
    expect(get(`/v1/checkouts/${record.id}`, { include: 'order' }).status).toBe(400);
  });

  it('serves the related and relationship routes', () => {
    const store = get(`/v1/checkouts/${record.id}/store`);
    expect(store.body.data).toMatchObject({ type: 'stores', id: String(record.store.id), attributes: { currency: record.store.attributes.currency } });
    expect(store.body.links.self).toBe(`${ORIGIN}/v1/checkouts/${record.id}/store`);
    const linkage = get(`/v1/checkouts/${record.id}/relationships/variant`);
    expect(linkage.body.data).toEqual({ type: 'variants', id: String(record.variant.id) });
    expect(get(`/v1/checkouts/${record.id}/customer`).status).toBe(404);
  });

  it('serves stores and variants by id', () => {
    const store = data.stores[3]!;
    const response = get(`/v1/stores/${store.id}`);
    expect(response.body.data).toMatchObject({ type: 'stores', id: String(store.id), attributes: store.attributes });
    expect(response.body.data.relationships.products.links.related).toBe(`${ORIGIN}/v1/stores/${store.id}/products`);
    const variant = data.variants[7]!;
    expect(get(`/v1/variants/${variant.id}`).body.data).toMatchObject({ type: 'variants', id: String(variant.id), attributes: variant.attributes });
  });
});

describe('rate limit (§6.2)', () => {
  it('reports the quota on every 2xx and answers 429 with Retry-After past it when enforced', () => {
    let now = Date.parse('2026-11-01T00:00:10Z');
    const get = caller(undefined, { rateLimit: { limit: 3, windowMs: 60_000 }, now: () => now });
    const remaining = [1, 2, 3].map(() => get('/v1/checkouts').headers?.['X-Ratelimit-Remaining']);
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = get('/v1/checkouts');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ jsonapi: { version: '1.0' }, errors: [{ detail: 'Too Many Attempts.', status: '429', title: 'Too Many Requests' }] });
    // Fixed one-minute windows: 50 s are left of the window that started at 00:00:00.
    expect(limited.headers?.['Retry-After']).toBe('50');
    expect(limited.headers?.['X-RateLimit-Reset']).toBe(String(Date.parse('2026-11-01T00:01:00Z') / 1000));
    now += 60_000;
    expect(get('/v1/checkouts').status).toBe(200);
  });

  it('counts but never refuses by default', () => {
    const get = caller();
    let last: SandboxResponse | undefined;
    for (let i = 0; i < 305; i++) last = get('/v1/checkouts');
    expect(last?.status).toBe(200);
    expect(last?.headers?.['X-Ratelimit-Limit']).toBe('300');
    expect(last?.headers?.['X-Ratelimit-Remaining']).toBe('0');
  });
});

describe('seeded data', () => {
  it('is deterministic per seed and varied', () => {
    const a = createData({ count: 300, seed: 9 });
    const b = createData({ count: 300, seed: 9 });
    expect(ids(a.checkouts)).toEqual(ids(b.checkouts));
    expect(a.checkouts.map((c) => c.attributes)).toEqual(b.checkouts.map((c) => c.attributes));
    expect(ids(createData({ count: 300, seed: 10 }).checkouts)).not.toEqual(ids(a.checkouts));

    const attrs = a.checkouts.map((c) => c.attributes);
    expect(new Set(a.checkouts.map((c) => c.store.attributes.currency))).toEqual(new Set(['USD', 'EUR', 'GBP', 'JPY', 'CAD']));
    expect(attrs.some((x) => x.custom_price === null) && attrs.some((x) => x.custom_price !== null)).toBe(true);
    expect(attrs.some((x) => x.checkout_data.email === '') && attrs.some((x) => x.checkout_data.email !== '')).toBe(true);
    expect(attrs.some((x) => x.expires_at === null)).toBe(true);
    expect(attrs.some((x) => x.expires_at !== null && x.expires_at <= a.now)).toBe(true);
    expect(attrs.some((x) => x.expires_at !== null && x.expires_at > a.now)).toBe(true);
    expect(attrs.some((x) => x.test_mode) && attrs.some((x) => !x.test_mode)).toBe(true);
    const created = attrs.map((x) => Date.parse(x.created_at));
    expect(Math.max(...created)).toBeLessThan(Date.parse(a.now));
    const spanDays = (Math.max(...created) - Math.min(...created)) / 86_400_000;
    expect(spanDays).toBeGreaterThan(500);
    expect(spanDays).toBeLessThan(800);
  });

  // Correctness at scale only; the time budgets live in bench/sandbox-data.ts (a loaded machine must not fail a test).
  it('generates 100,000 checkouts and serves a deep page of one store', () => {
    const data = createData({ count: 100_000, seed: 5 });
    expect(data.checkouts).toHaveLength(100_000);
    expect(data.checkoutsById.size).toBe(100_000);
    const get = caller(data);
    const page = get('/v1/checkouts', { 'page[number]': '300', 'page[size]': '100', include: 'store,variant', 'filter[store_id]': '41201' });
    const expected = data.byStore.get(41201)!.slice(29_900, 30_000);
    expect(page.body.data.map((r: { id: string }) => r.id)).toEqual(ids(expected));
    expect(page.body.meta?.page.total).toBe(data.byStore.get(41201)!.length);
  });
});

describe('startSandbox', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ count: 30, seed: 4 });
  });
  afterAll(() => sandbox.close());

  it('listens on loopback with a working config and JSON:API headers', async () => {
    expect(sandbox.config).toEqual({ apiKey: LEMON_SANDBOX_API_KEY, baseUrl: `${sandbox.origin}/v1` });
    const response = await fetch(`${sandbox.config.baseUrl}/checkouts?page[size]=5`, { headers: { authorization: `Bearer ${sandbox.config.apiKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json');
    expect(response.headers.get('x-ratelimit-limit')).toBe('300');
    const body = (await response.json()) as Doc;
    expect(body.data.map((r: { id: string }) => r.id)).toEqual(ids(sandbox.data.checkouts.slice(0, 5)));
    expect(body.links.next).toBe(`${sandbox.origin}/v1/checkouts?page%5Bnumber%5D=2&page%5Bsize%5D=5&sort=-createdAt`);
    expect(sandbox.log.at(-1)?.query.get('page[size]')).toBe('5');
  });
});
