import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, type Position } from '../../domain.js';
import { BadUserInputError } from '../../errors.js';
import { ResultCache } from '../../http/cache.js';
import { expectShortFirstPageWalk } from '../../../test/short-first-page.js';
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

describe('a short first page (ListOptions.firstPageSize)', () => {
  const all = () => sandbox.data.checkouts.map((c) => c.id);
  const clock = () => sandbox.data.now;
  /** List requests since `from` (an index into the sandbox log), as [page[number], page[size]]. */
  const requestsSince = (from: number) =>
    sandbox.log
      .slice(from)
      .filter((r) => r.path === '/v1/checkouts')
      .map((r) => [r.query.get('page[number]'), r.query.get('page[size]')]);

  it('asks for firstPageSize items; its next is page 1 at size 100 from there on, then page 2, 3, …', async () => {
    const uncached = new LemonSqueezyProvider(sandbox.config, {}, { clock });
    try {
      const list = uncached.listNative({}, { fresh: true, firstPageSize: 21 });
      const from = sandbox.log.length;
      const first = await list.page(null);
      expect(first.items.map((c) => c.providerId)).toEqual(all().slice(0, 21));
      expect([first.ref, first.prev, first.next, first.totalCount]).toEqual([null, null, 'f:21', 1_234]);
      expect(requestsSince(from)).toEqual([['1', '21']]);
      const rest = await list.page('f:21');
      expect(rest.items.map((c) => c.providerId)).toEqual(all().slice(21, 100));
      expect([rest.prev, rest.next]).toEqual(['h:21', '2']);
      const head = await list.page('h:21');
      expect(head.items.map((c) => c.providerId)).toEqual(all().slice(0, 21));
      expect([head.prev, head.next]).toEqual([null, 'f:21']);

      const walkFrom = sandbox.log.length;
      expect((await walkForward(list)).map((c) => c.providerId)).toEqual(all());
      // One short page, then the ⌈n/100⌉ pages of a full walk, all at size 100.
      const walked = requestsSince(walkFrom);
      expect(walked).toEqual([['1', '21'], ...Array.from({ length: 13 }, (_, i) => [String(i + 1), '100'])]);
      // Items the mapper saw: the short page's then the full walk's, no more.
      expect(await list.end()).toEqual({ r: '13', o: 34 });
    } finally {
      await uncached.close();
    }
  });

  it('a walk that starts on a short first page continues, forward and backward, exactly as a full walk', async () => {
    const short = provider.listNative({}, { fresh: true, firstPageSize: 21 });
    const positions = await expectShortFirstPageWalk(short, provider.listNative({}), all(), [0, 7, 20, 21, 22, 60, 99, 100, 101, 650]);
    expect(positions[21]).toMatchObject({ r: 'f:21', o: 0 });
    expect(positions[100]).toMatchObject({ r: '2', o: 0 });
  });

  it("the page behind 'f:' is the ordinary page-1 request: one cache entry for both", async () => {
    const cached = new LemonSqueezyProvider(sandbox.config, { cache: new ResultCache({ ttlMs: 60_000, maxEntries: 100 }) }, { clock });
    try {
      const from = sandbox.log.length;
      const list = cached.listNative({}, { firstPageSize: 6 });
      expect((await list.page(null)).next).toBe('f:6');
      await list.page('f:6');
      await list.page('h:6');
      await cached.listNative({}).page(null);
      expect(requestsSince(from)).toEqual([
        ['1', '6'],
        ['1', '100'],
      ]);
    } finally {
      await cached.close();
    }
  });

  it('a list that fits in the short page has no next; a gateway-side filter, a created-at jump or a large size reads full pages', async () => {
    const [variantId, inVariant] = [...sandbox.data.byVariant.entries()].reduce((a, b) => (b[1].length < a[1].length ? b : a));
    expect(inVariant.length).toBeLessThan(99);
    const few = await provider.listNative({ variantId }, { firstPageSize: inVariant.length + 1 }).page(null);
    expect([few.items.map((c) => c.providerId), few.next]).toEqual([inVariant.map((c) => c.id), null]);

    const from = sandbox.log.length;
    const filtered = provider.list({ status: ['OPEN'] }, { firstPageSize: 21 });
    expect((await filtered.page(null)).items).toHaveLength(100);
    const jumping = provider.list({ createdBefore: createdAt(30) }, { firstPageSize: 21 });
    const start = await jumping.start();
    expect(index(start)).toBe(sandbox.data.checkouts.findIndex((c) => c.attributes.created_at < createdAt(30)));
    expect((await jumping.page(start.r)).items).toHaveLength(100);
    expect((await provider.listNative({}, { firstPageSize: 101 }).page(null)).items).toHaveLength(100);
    expect(requestsSince(from).every(([, size]) => size === '100')).toBe(true);
  });

  it('rejects malformed first-page refs', async () => {
    for (const ref of ['f:', 'f:x', 'f:101', 'h:-1', 'h:1e2']) {
      await expect(provider.listNative({}).page(ref)).rejects.toBeInstanceOf(BadUserInputError);
    }
  });
});
