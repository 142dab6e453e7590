import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError, UpstreamRejectedError } from '../../errors.js';
import { ResultCache } from '../../http/cache.js';
import { LemonSqueezyClient, describeLemonError } from './client.js';
import { createSandboxHandler, startSandbox, type SandboxHandle } from './sandbox/server.js';

let sandbox: SandboxHandle;
/** One attempt per request, so each injected fault meets exactly one request. */
let client: LemonSqueezyClient;
const clients: LemonSqueezyClient[] = [];
const NO_RETRY = { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } };

function newClient(config = sandbox.config, deps: ConstructorParameters<typeof LemonSqueezyClient>[1] = { resilience: NO_RETRY }) {
  const c = new LemonSqueezyClient(config, deps);
  clients.push(c);
  return c;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

beforeAll(async () => {
  sandbox = await startSandbox({ count: 250, seed: 11 });
  client = newClient();
});
afterEach(() => {
  sandbox.knobs.faults.length = 0;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sandbox.close();
});

describe('LemonSqueezyClient', () => {
  it('sends the three documented headers and the fixed page size with include', async () => {
    await client.listPage({ page: 1 });
    const request = sandbox.log.at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${sandbox.config.apiKey}`);
    expect(request.headers.accept).toBe('application/vnd.api+json');
    expect(request.headers['content-type']).toBe('application/vnd.api+json');
    expect(request.path).toBe('/v1/checkouts');
    expect(Object.fromEntries(request.query)).toEqual({ include: 'store,variant', 'page[number]': '1', 'page[size]': '100' });
  });

  it('walks every page to the end in upstream order', async () => {
    const ids: string[] = [];
    let page = 1;
    for (;;) {
      const doc = await client.listPage({ page });
      expect(doc.meta.page.currentPage).toBe(page);
      expect(doc.meta.page.total).toBe(250);
      ids.push(...doc.data.map((r) => r.essentials.id));
      expect(new Set(doc.included?.filter((r) => r.type === 'stores').map((r) => r.id))).toEqual(
        new Set(doc.data.map((r) => String(r.essentials.attributes.store_id))),
      );
      if (!doc.links.next) break;
      page++;
    }
    expect(page).toBe(3);
    expect(ids).toEqual(sandbox.data.checkouts.map((c) => c.id));
  });

  it('passes the store and variant filters natively', async () => {
    const store = sandbox.data.stores[1]!;
    const byStore = await client.listPage({ page: 1, storeId: store.id });
    expect(sandbox.log.at(-1)!.query.get('filter[store_id]')).toBe(String(store.id));
    expect(byStore.data.map((r) => r.essentials.id)).toEqual(
      sandbox.data.byStore
        .get(store.id)!
        .slice(0, 100)
        .map((c) => c.id),
    );
    const variant = sandbox.data.variants[0]!;
    const byVariant = await client.listPage({ page: 1, variantId: variant.id, storeId: variant.storeId });
    expect(byVariant.meta.page.total).toBe(sandbox.data.byVariant.get(variant.id)!.length);
    expect(byVariant.data.every((r) => r.essentials.attributes.variant_id === variant.id)).toBe(true);
  });

  it('retrieves a checkout with its store and variant, null on 404', async () => {
    const record = sandbox.data.checkouts[42]!;
    const doc = await client.retrieve(record.id);
    expect(doc?.data.essentials.id).toBe(record.id);
    expect(doc?.data.essentials.attributes.created_at).toBe(record.attributes.created_at);
    expect(doc?.included?.map((r) => `${r.type}:${r.id}`)).toEqual([`stores:${record.store.id}`, `variants:${record.variant.id}`]);
    expect(sandbox.log.at(-1)!.query.get('include')).toBe('store,variant');
    expect(await client.retrieve('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('retrieves stores and variants, null on 404', async () => {
    const store = await client.retrieveStore(String(sandbox.data.stores[3]!.id));
    expect(store?.attributes.currency).toBe('JPY');
    const variant = await client.retrieveVariant(String(sandbox.data.variants[2]!.id));
    expect(variant?.attributes.price).toBe(sandbox.data.variants[2]!.attributes.price);
    expect(await client.retrieveStore('1')).toBeNull();
    expect(await client.retrieveVariant('1')).toBeNull();
  });

  it('turns a refused key into UPSTREAM_UNAUTHORIZED without leaking it', async () => {
    const secret = 'lmsq_wrong_secret_key_123';
    const err = await rejection(newClient({ ...sandbox.config, apiKey: secret }).listPage({ page: 1 }));
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).upstreamCode).toBe('UPSTREAM_UNAUTHORIZED');
    expect((err as UpstreamError).message).toContain('Unauthenticated.');
    expect(JSON.stringify({ message: (err as Error).message, ext: (err as UpstreamError).extensions })).not.toContain(secret);
  });

  it('surfaces the JSON:API error detail with its parameter as typed errors', async () => {
    const handler = createSandboxHandler(sandbox.data);
    const badRequest = handler(
      {
        method: 'GET',
        path: '/v1/checkouts',
        query: new URLSearchParams({ 'page[size]': '500' }),
        headers: { authorization: `Bearer ${sandbox.config.apiKey}` },
      },
      { origin: sandbox.origin },
    );
    sandbox.knobs.faults.push({ kind: 'response', response: badRequest });
    const rejected = await rejection(client.listPage({ page: 9 }));
    expect(rejected).toBeInstanceOf(UpstreamRejectedError);
    expect((rejected as UpstreamRejectedError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', provider: 'LEMON_SQUEEZY', upstreamStatus: 400 });
    expect((rejected as Error).message).toBe('LEMON_SQUEEZY rejected the request: The page[size] must be between 1 and 100. (page[size])');

    sandbox.knobs.faults.push({
      kind: 'response',
      response: {
        status: 429,
        headers: { 'content-type': 'application/vnd.api+json', 'Retry-After': '17' },
        body: { jsonapi: { version: '1.0' }, errors: [{ detail: 'Too Many Attempts.', status: '429', title: 'Too Many Requests' }] },
      },
    });
    const limited = (await rejection(client.listPage({ page: 10 }))) as UpstreamError;
    expect([limited.upstreamCode, limited.retryAfter]).toEqual(['UPSTREAM_RATE_LIMITED', 17]);

    sandbox.knobs.faults.push({ kind: 'response', response: { status: 503, body: { message: 'Service Unavailable' } } });
    const unavailable = (await rejection(client.listPage({ page: 11 }))) as UpstreamError;
    expect(unavailable.upstreamCode).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('with the default resilience, retries a 503 and a 429 (after its Retry-After) and still gets the page', async () => {
    const resilient = newClient(sandbox.config, {});
    sandbox.knobs.faults.push(
      { kind: 'response', response: { status: 503, body: { message: 'Service Unavailable' } } },
      { kind: 'response', response: { status: 429, headers: { 'Retry-After': '0' }, body: { errors: [{ detail: 'Too Many Attempts.' }] } } },
    );
    const before = sandbox.log.length;
    const doc = await resilient.listPage({ page: 2 });
    expect(doc.data.map((r) => r.essentials.id)).toEqual(sandbox.data.checkouts.slice(100, 200).map((c) => c.id));
    expect(sandbox.log.length - before).toBe(3);
  });

  it('reports the sandbox’s enforced rate limit as UPSTREAM_RATE_LIMITED with the wait', async () => {
    const limited = await startSandbox({ count: 5, rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const c = newClient(limited.config);
      await c.retrieveStore('41201');
      await c.retrieveStore('41202');
      const err = (await rejection(c.retrieveStore('41203'))) as UpstreamError;
      expect(err.upstreamCode).toBe('UPSTREAM_RATE_LIMITED');
      expect(err.retryAfter).toBeGreaterThanOrEqual(1);
      expect(err.retryAfter).toBeLessThanOrEqual(60);
    } finally {
      await limited.close();
    }
  });

  it('rejects a malformed payload as UPSTREAM_BAD_RESPONSE naming the member', async () => {
    const record = sandbox.data.checkouts[0]!;
    const resource = { type: 'checkouts', id: record.id, attributes: { ...record.attributes, custom_price: '12.00' } };
    sandbox.knobs.faults.push({
      kind: 'response',
      response: {
        status: 200,
        body: {
          meta: { page: { currentPage: 1, from: 1, lastPage: 1, perPage: 100, to: 1, total: 1 } },
          jsonapi: { version: '1.0' },
          links: { first: 'x', last: 'x' },
          data: [resource],
        },
      },
    });
    const err = (await rejection(client.listPage({ page: 12 }))) as UpstreamError;
    expect(err.upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');
    expect(err.message).toContain(`checkout ${record.id} payload: attributes.custom_price`);

    sandbox.knobs.faults.push({ kind: 'response', response: { status: 200, raw: '{"meta": ' } });
    expect(((await rejection(client.listPage({ page: 13 }))) as UpstreamError).upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');

    sandbox.knobs.faults.push({ kind: 'response', response: { status: 200, body: { data: [] } } });
    expect(((await rejection(client.retrieve(record.id))) as UpstreamError).message).toMatch(/unexpected checkout payload: \(root\): .*expected object/);
  });

  it('serves repeated page reads from the cache', async () => {
    const cached = newClient(sandbox.config, { cache: new ResultCache({ ttlMs: 60_000, maxEntries: 100 }) });
    const before = sandbox.log.length;
    const [a, b] = await Promise.all([cached.listPage({ page: 2 }), cached.listPage({ page: 2 })]);
    await cached.listPage({ page: 2 });
    await cached.retrieveStore('41201');
    await cached.retrieveStore('41201');
    expect(a).toBe(b);
    expect(sandbox.log.length - before).toBe(2);
  });
});

describe('describeLemonError', () => {
  it('reads JSON:API errors, then the SDK’s fallback keys', () => {
    expect(describeLemonError({ errors: [{ detail: 'Unauthenticated.', status: '401', title: 'Unauthorized' }] })).toBe('Unauthenticated.');
    expect(describeLemonError({ errors: [{ title: 'Not Found' }, { detail: 'bad', source: { pointer: '/data/attributes/x' } }] })).toBe(
      'Not Found; bad (/data/attributes/x)',
    );
    expect(describeLemonError({ error: 'Too Many Requests' })).toBe('Too Many Requests');
    expect(describeLemonError({ message: 'Server Error' })).toBe('Server Error');
    expect(describeLemonError('<html>')).toBeUndefined();
    expect(describeLemonError(null)).toBeUndefined();
  });
});
