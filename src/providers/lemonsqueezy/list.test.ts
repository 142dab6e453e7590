import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, type Position } from '../../domain.js';
import { BadUserInputError } from '../../errors.js';
import { ResultCache } from '../../http/cache.js';
import { LemonSqueezyProvider } from './index.js';
import { pageNumberOf } from './list.js';
import type { LemonSqueezyCheckout } from './map.js';
import { startSandbox, type SandboxHandle } from './sandbox/server.js';

const PAGE = 100;
let sandbox: SandboxHandle;
let provider: LemonSqueezyProvider;

beforeAll(async () => {
  sandbox = await startSandbox({ count: 1_234, seed: 21 });
  provider = new LemonSqueezyProvider(sandbox.config, { cache: new ResultCache({ ttlMs: 60_000, maxEntries: 1_000 }) }, { clock: () => sandbox.data.now });
});
afterAll(async () => {
  await provider.close();
  await sandbox.close();
});

const index = (p: Position) => (pageNumberOf(p.r) - 1) * PAGE + p.o;
const createdAt = (i: number) => sandbox.data.checkouts[i]!.attributes.created_at;

async function walkForward(list: ReturnType<LemonSqueezyProvider['list']>): Promise<LemonSqueezyCheckout[]> {
  const items: LemonSqueezyCheckout[] = [];
  let ref: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await list.page(ref);
    items.push(...page.items);
    if (page.next === null || page.next === undefined) return items;
    ref = page.next;
  }
  throw new Error('no end');
}

async function walkBackward(list: ReturnType<LemonSqueezyProvider['list']>, from: Position): Promise<LemonSqueezyCheckout[]> {
  const items: LemonSqueezyCheckout[] = [];
  let page = await list.page(from.r);
  let offset = from.o;
  for (let guard = 0; guard < 100; guard++) {
    items.push(...page.items.slice(0, offset).reverse());
    if (page.prev === null || page.prev === undefined) return items;
    page = await list.page(page.prev);
    offset = page.items.length;
  }
  throw new Error('no start');
}

describe('LemonSqueezyPagedList', () => {
  it('walks forward page by page with page-number refs, in upstream order', async () => {
    const list = provider.listNative({});
    const first = await list.page(null);
    expect([first.ref, first.prev, first.next, first.totalCount, first.items.length]).toEqual([null, null, '2', 1_234, PAGE]);
    const second = await list.page('2');
    expect([second.ref, second.prev, second.next]).toEqual(['2', '1', '3']);
    const last = await list.page('13');
    expect([last.prev, last.next, last.items.length]).toEqual(['12', null, 34]);
    const items = await walkForward(list);
    expect(items.map((c) => c.providerId)).toEqual(sandbox.data.checkouts.map((c) => c.id));
    expect(sandbox.log.every((r) => r.query.get('page[size]') === '100' || r.path !== '/v1/checkouts')).toBe(true);
  });

  it('maps with the included store and variant and the injected clock', async () => {
    const items = await walkForward(provider.listNative({}));
    for (const [i, item] of items.entries()) {
      const record = sandbox.data.checkouts[i]!;
      const a = record.attributes;
      const expired = a.expires_at !== null && a.expires_at <= sandbox.data.now;
      expect(item.status).toBe(expired ? 'EXPIRED' : 'OPEN');
      expect(item.currency).toBe(record.store.attributes.currency);
      expect(item.total?.minorUnits).toBe(a.custom_price ?? record.variant.attributes.price);
      expect(item.email).toBe(a.checkout_data.email === '' ? null : a.checkout_data.email);
      expect(item.createdAt).toBe(a.created_at);
      expect(item.store?.id).toBe(String(record.store.id));
      expect(item.variant?.id).toBe(String(record.variant.id));
    }
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['OPEN', 'EXPIRED']));
  });

  it('ends after the last item and walks backward to the start', async () => {
    const list = provider.listNative({});
    const end = await list.end();
    expect(end).toEqual({ r: '13', o: 34 });
    const items = await walkBackward(list, end);
    expect(items.map((c) => c.providerId)).toEqual(sandbox.data.checkouts.map((c) => c.id).reverse());
  });

  it('pushes the native filters down with exact totals', async () => {
    const store = sandbox.data.stores[2]!;
    const list = provider.listNative({ storeId: store.id });
    expect([list.exactTotal, list.residual]).toEqual([true, undefined]);
    const expected = sandbox.data.byStore.get(store.id)!;
    expect((await walkForward(list)).map((c) => c.providerId)).toEqual(expected.map((c) => c.id));
    expect((await list.page(null)).totalCount).toBe(expected.length);
    const end = await list.end();
    expect(index(end)).toBe(expected.length);
    expect((await walkBackward(list, end)).map((c) => c.providerId)).toEqual(expected.map((c) => c.id).reverse());
  });

  it('has START as its end when nothing matches', async () => {
    const list = provider.listNative({ storeId: 1 });
    expect(await list.end()).toEqual(START);
    const page = await list.page(null);
    expect([page.items, page.next, page.prev, page.totalCount]).toEqual([[], null, null, 0]);
  });

  it('leaves every merged-filter part residual, matching brute force', async () => {
    expect(provider.list({}).residual).toBeUndefined();
    expect(provider.list({}).exactTotal).toBe(true);
    const email = sandbox.data.checkouts.find((c) => c.attributes.checkout_data.email)!.attributes.checkout_data.email!;
    const filter = { status: ['EXPIRED' as const], currency: ['USD', 'JPY'], email: email.toUpperCase() };
    const list = provider.list(filter);
    expect(list.exactTotal).toBe(false);
    const kept = (await walkForward(list)).filter(list.residual!).map((c) => c.providerId);
    const truth = sandbox.data.checkouts.filter((c) => {
      const a = c.attributes;
      return (
        a.expires_at !== null &&
        a.expires_at <= sandbox.data.now &&
        ['USD', 'JPY'].includes(c.store.attributes.currency) &&
        a.checkout_data.email!.toLowerCase() === email.toLowerCase()
      );
    });
    expect(kept).toEqual(truth.map((c) => c.id));
    expect(sandbox.log.some((r) => r.query.has('filter[email]') || r.query.has('filter[status]'))).toBe(false);
  });

  it('rejects a ref that is not a page number', async () => {
    await expect(provider.listNative({}).page('abc')).rejects.toBeInstanceOf(BadUserInputError);
    await expect(provider.listNative({}).page('0')).rejects.toBeInstanceOf(BadUserInputError);
  });
});

describe('created-at jumps (binary search over page numbers)', () => {
  const total = () => sandbox.data.checkouts.length;
  const firstIndex = (test: (createdAt: string) => boolean) => {
    const i = sandbox.data.checkouts.findIndex((c) => test(c.attributes.created_at));
    return i === -1 ? total() : i;
  };
  /** Instants around the data: ties, page boundaries, before the oldest, after the newest. */
  const probes = () => {
    const tie = sandbox.data.checkouts.findIndex((c, i) => i > 0 && c.attributes.created_at === createdAt(i - 1));
    return [
      createdAt(0),
      createdAt(tie),
      createdAt(99),
      createdAt(100),
      createdAt(650),
      createdAt(total() - 1),
      '2030-01-01T00:00:00.000000Z',
      '2020-01-01T00:00:00.000000Z',
    ];
  };

  it('start() is the first item created strictly before createdBefore', async () => {
    for (const before of probes()) {
      const start = await provider.list({ createdBefore: before }).start();
      expect(index(start)).toBe(firstIndex((c) => c < before));
    }
    expect(await provider.list({}).start()).toEqual(START);
  });

  it('end() is right after the last item created strictly after createdAfter', async () => {
    for (const after of probes()) {
      const end = await provider.list({ createdAfter: after }).end();
      expect(index(end)).toBe(firstIndex((c) => c <= after));
    }
  });

  it('costs page 1 plus ⌈log2 pages⌉ requests, and nothing once cached', async () => {
    const fresh = new LemonSqueezyProvider(sandbox.config, { cache: new ResultCache({ ttlMs: 60_000, maxEntries: 100 }) }, { clock: () => sandbox.data.now });
    try {
      const before = sandbox.log.length;
      const start = await fresh.list({ createdBefore: createdAt(987) }).start();
      const requests = sandbox.log.length - before;
      expect(index(start)).toBe(firstIndex((c) => c < createdAt(987)));
      expect(requests).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(13)));
      expect(requests).toBeGreaterThanOrEqual(2);
      const again = sandbox.log.length;
      await fresh.list({ createdBefore: createdAt(987) }).start();
      expect(sandbox.log.length).toBe(again);
    } finally {
      await fresh.close();
    }
  });
});
