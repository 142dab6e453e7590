import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PagedList, PageRef, UpstreamPage } from '../../domain.js';
import { BadUserInputError } from '../../errors.js';
import { ResultCache } from '../../http/cache.js';
import { expectShortFirstPageWalk } from '../../../test/short-first-page.js';
import type { ZenskarSessionRow } from './sandbox/data.js';
import { naiveFromMicros } from './sandbox/data.js';
import { ZenskarProvider, type ZenskarCheckout } from './index.js';
import { startSandbox, type SandboxHandle } from './sandbox/server.js';

let sb: SandboxHandle;
let provider: ZenskarProvider;

beforeAll(async () => {
  sb = await startSandbox({ count: 345, seed: 31 });
  provider = new ZenskarProvider(sb.config);
});
afterAll(async () => {
  await provider.close();
  await sb.close();
});
beforeEach(() => {
  sb.log.length = 0;
});

/** Canonical Instant of epoch microseconds. */
const instant = (micros: number) => `${naiveFromMicros(micros).slice(0, 19)}.${String(micros % 1_000_000).padStart(6, '0')}Z`;
const live = () => sb.data.sessions.filter((r) => !r.deleted);
const newestFirst = (rows: ZenskarSessionRow[]) => [...rows].reverse().map((r) => r.id);

async function forward(list: PagedList<ZenskarCheckout>): Promise<{ ids: string[]; pages: UpstreamPage<ZenskarCheckout>[] }> {
  const pages: UpstreamPage<ZenskarCheckout>[] = [];
  let ref: PageRef = null;
  for (;;) {
    const page = await list.page(ref);
    pages.push(page);
    if (!page.next) break;
    ref = page.next;
  }
  return { ids: pages.flatMap((p) => p.items.map((c) => c.providerId)), pages };
}

/** From the end of the list back to its start, following `prev`; items come out in list order. */
async function backward(list: PagedList<ZenskarCheckout>): Promise<{ ids: string[]; pages: UpstreamPage<ZenskarCheckout>[] }> {
  const end = await list.end();
  const pages: UpstreamPage<ZenskarCheckout>[] = [];
  const ref: PageRef | undefined = end.r;
  let page = await list.page(ref);
  expect(end.o).toBe(page.items.length);
  pages.unshift(page);
  while (page.prev) {
    page = await list.page(page.prev);
    pages.unshift(page);
  }
  return { ids: pages.flatMap((p) => p.items.map((c) => c.providerId)), pages };
}

describe('ZenskarPagedList', () => {
  it('walks forward from the first page to the end, in upstream order, 100 per request', async () => {
    const list = provider.list({});
    const { ids, pages } = await forward(list);
    expect(ids).toEqual(newestFirst(live()));
    expect(pages[0]?.prev).toBeNull();
    expect(pages.at(-1)?.next).toBeNull();
    expect(pages.every((p) => p.totalCount === live().length)).toBe(true);
    expect(pages.slice(1).every((p) => typeof p.ref === 'string' && p.ref.startsWith('d:'))).toBe(true);
    expect(sb.log.every((r) => r.query.get('limit') === '100' && r.query.get('order') === '-created_at')).toBe(true);
    expect(list.exactTotal).toBe(true);
    expect(list.residual).toBeUndefined();
  });

  it('end() is one request for the oldest 100 items, and the list walks backward from it to the start', async () => {
    const list = provider.list({});
    const end = await list.end();
    expect(end).toEqual({ r: 'a:', o: 100 });
    expect(sb.log).toHaveLength(1);
    expect(sb.log[0]?.query.get('order')).toBe('created_at');
    const { ids, pages } = await backward(list);
    expect(ids).toEqual(newestFirst(live()));
    // The reversed ascending pages read in list order, newest first, and the last one has no next.
    expect(pages.at(-1)?.next).toBeNull();
    expect(pages.at(-1)?.items.map((c) => c.providerId)).toEqual(newestFirst(live()).slice(-100));
    expect(pages[0]?.prev).toBeNull();
  });

  it('pages both ways from the middle of either kind of ref', async () => {
    const list = provider.list({});
    const all = newestFirst(live());
    const first = await list.page(null);
    const second = await list.page(first.next as string);
    const third = await list.page(second.next as string);
    const back = await list.page(third.prev as string);
    expect(back.items.map((c) => c.providerId)).toEqual(second.items.map((c) => c.providerId));
    const backAgain = await list.page(back.prev as string);
    expect(backAgain.items.map((c) => c.providerId)).toEqual(all.slice(0, 100));
    expect(backAgain.prev).toBeNull();

    const last = await list.page('a:');
    const newer = await list.page(last.prev as string);
    const older = await list.page(newer.next as string);
    expect(older.items.map((c) => c.providerId)).toEqual(last.items.map((c) => c.providerId));
    expect(newer.items.map((c) => c.providerId)).toEqual(all.slice(all.length - 200, all.length - 100));
  });

  it('pushes the merged filter down and compares with the data', async () => {
    const rows = live();
    const after = rows[40] as ZenskarSessionRow;
    const before = rows[300] as ZenskarSessionRow;
    const list = provider.list({
      status: ['OPEN', 'EXPIRED'],
      currency: ['USD', 'EUR', 'JPY'],
      createdAfter: instant(after.createdMicros),
      createdBefore: instant(Math.floor(before.createdMicros / 1e6) * 1e6),
    });
    const expected = newestFirst(
      rows.filter(
        (r) =>
          ['open', 'closed'].includes(r.status) &&
          ['USD', 'EUR', 'JPY'].includes(r.currency) &&
          r.createdMicros > after.createdMicros &&
          r.createdMicros < Math.floor(before.createdMicros / 1e6) * 1e6,
      ),
    );
    const { ids, pages } = await forward(list);
    expect(ids).toEqual(expected);
    expect(pages[0]?.totalCount).toBe(expected.length);
    expect(sb.log[0]?.query.get('checkout_session_status__in')).toBe('open,closed');
    expect(sb.log[0]?.query.get('created_at__gt')).toBe(naiveFromMicros(after.createdMicros));
    const back = await backward(list);
    expect(back.ids).toEqual(expected);
  });

  it('email is a residual: the list reads everything, the predicate keeps the exact matches', async () => {
    const target = live().find((r) => /[A-Z]/.test(r.session.customer_data?.email ?? '')) as ZenskarSessionRow;
    const email = (target.session.customer_data?.email ?? '').toLowerCase();
    const list = provider.list({ email });
    expect(list.exactTotal).toBe(false);
    const { ids } = await forward(list);
    const matching = ids.filter((id) => {
      const row = sb.data.sessionsById.get(id) as ZenskarSessionRow;
      return list.residual ? list.residual({ email: row.session.customer_data?.email ?? null } as ZenskarCheckout) : true;
    });
    expect(matching).toEqual(newestFirst(live().filter((r) => r.session.customer_data?.email?.toLowerCase() === email)));
    expect(matching).toContain(target.id);
    expect(sb.log.every((r) => !r.query.has('email'))).toBe(true);
  });

  it('an empty OR-list reads nothing upstream', async () => {
    const list = provider.list({ status: [] });
    const page = await list.page(null);
    expect(page).toMatchObject({ items: [], next: null, prev: null, totalCount: 0 });
    expect(await list.end()).toEqual({ r: null, o: 0 });
    expect(sb.log).toHaveLength(0);
  });

  it('native filters list through the same pages', async () => {
    const list = provider.listNative({ guestCheckout: true, paymentStatus: ['not_started'] });
    const { ids } = await forward(list);
    expect(ids).toEqual(newestFirst(live().filter((r) => r.guest && r.session.payment_status === 'not_started')));
  });

  it('rejects refs it did not make', async () => {
    await expect(provider.list({}).page('x:whatever')).rejects.toBeInstanceOf(BadUserInputError);
  });

  it('re-reading a page hits the cache, not the upstream', async () => {
    const cached = new ZenskarProvider(sb.config, { cache: new ResultCache({ ttlMs: 60_000, maxEntries: 100 }) });
    const list = cached.list({ currency: ['GBP'] });
    const a = await list.page(null);
    const b = await cached.list({ currency: ['GBP'] }).page(null);
    expect(b.items.map((c) => c.providerId)).toEqual(a.items.map((c) => c.providerId));
    expect(sb.log).toHaveLength(1);
    await cached.close();
  });
});

describe('a short first page (ListOptions.firstPageSize)', () => {
  const all = () => newestFirst(live());
  const listRequests = () => sb.log.filter((r) => r.path === '/checkout');

  it('asks for firstPageSize items; its next is the full first page from there on, and the walk goes on in full pages', async () => {
    const list = provider.list({}, { fresh: true, firstPageSize: 21 });
    const first = await list.page(null);
    expect(first.items.map((c) => c.providerId)).toEqual(all().slice(0, 21));
    expect([first.ref, first.prev, first.next, first.totalCount]).toEqual([null, null, 'f:21', live().length]);
    expect(listRequests().map((r) => [r.query.get('limit'), r.query.get('order'), r.query.has('cursor')])).toEqual([['21', '-created_at', false]]);

    const rest = await list.page('f:21');
    expect(rest.items.map((c) => c.providerId)).toEqual(all().slice(21, 100));
    expect([rest.prev, rest.next?.startsWith('d:')]).toEqual(['h:21', true]);
    const head = await list.page('h:21');
    expect(head.items.map((c) => c.providerId)).toEqual(all().slice(0, 21));
    expect([head.prev, head.next]).toEqual([null, 'f:21']);

    sb.log.length = 0;
    const { ids, pages } = await forward(list);
    expect(ids).toEqual(all());
    expect(pages.map((p) => p.ref).slice(0, 2)).toEqual([null, 'f:21']);
    // One short page, then the ⌈n/100⌉ pages of a full walk; no cursor of the short page is ever sent, and every
    // request with a cursor asks for limit=100.
    expect(listRequests()).toHaveLength(1 + Math.ceil(live().length / 100));
    expect(
      listRequests()
        .slice(1)
        .every((r) => r.query.get('limit') === '100'),
    ).toBe(true);
  });

  it('a walk that starts on a short first page continues, forward and backward, exactly as a full walk', async () => {
    const short = provider.list({}, { fresh: true, firstPageSize: 21 });
    const positions = await expectShortFirstPageWalk(short, provider.list({}), all(), [0, 7, 20, 21, 22, 60, 99, 100, 101, 250]);
    expect(positions[21]).toMatchObject({ r: 'f:21', o: 0 });
  });

  it("the page behind 'f:' is the ordinary first-page request: one cache entry for both", async () => {
    const cached = new ZenskarProvider(sb.config, { cache: new ResultCache({ ttlMs: 60_000, maxEntries: 100 }) });
    try {
      const list = cached.list({ currency: ['USD'] }, { firstPageSize: 6 });
      const first = await list.page(null);
      expect(first.next).toBe('f:6');
      await list.page('f:6');
      await list.page('h:6');
      await cached.list({ currency: ['USD'] }).page(null);
      expect(listRequests().map((r) => r.query.get('limit'))).toEqual(['6', '100']);
    } finally {
      await cached.close();
    }
  });

  it('a list that fits in the short page has no next; a gateway-side filter or a large size reads full pages', async () => {
    const target = live().at(-1) as ZenskarSessionRow;
    const few = provider.list({ createdAfter: instant(target.createdMicros - 1) }, { firstPageSize: 21 });
    const only = await few.page(null);
    expect(only.items.map((c) => c.providerId)).toEqual(newestFirst(live().filter((r) => r.createdMicros > target.createdMicros - 1)));
    expect(only.next).toBeNull();
    sb.log.length = 0;
    await provider.list({ email: 'someone@example.com' }, { firstPageSize: 21 }).page(null);
    await provider.list({}, { firstPageSize: 101 }).page(null);
    expect(listRequests().map((r) => r.query.get('limit'))).toEqual(['100', '100']);
  });

  it('rejects malformed first-page refs', async () => {
    for (const ref of ['f:', 'f:x', 'f:101', 'h:-1', 'h:1e2']) {
      await expect(provider.list({}).page(ref)).rejects.toBeInstanceOf(BadUserInputError);
    }
  });
});

describe('ZenskarProvider lookups', () => {
  it('getMany: mapped checkouts in the order asked, null where absent, one id__in request', async () => {
    const rows = live();
    const ids = [rows[5]!.id, '00000000-0000-4000-8000-000000000000', rows[200]!.id, 'nope', rows[5]!.id];
    const found = await provider.getMany(ids);
    expect(found.map((c) => c?.providerId ?? null)).toEqual([rows[5]!.id, null, rows[200]!.id, null, rows[5]!.id]);
    expect(found[0]).toMatchObject({ provider: 'ZENSKAR', status: expect.any(String), createdAt: expect.stringMatching(/Z$/) });
    expect(sb.log).toHaveLength(1);
    // Well-formed UUIDs go upstream (the unknown one comes back absent); the malformed id never leaves the gateway.
    expect(sb.log[0]?.query.get('id__in')?.split(',').sort()).toEqual([rows[5]!.id, rows[200]!.id, '00000000-0000-4000-8000-000000000000'].sort());
  });

  it('get: one session through GET /checkout/{id}', async () => {
    const row = live()[7] as ZenskarSessionRow;
    expect((await provider.get(row.id))?.providerId).toBe(row.id);
    expect(sb.log[0]?.path).toBe(`/checkout/${row.id}`);
  });

  it('getCustomers batches several ids in one request', async () => {
    const ids = sb.data.customers.slice(0, 5).map((c) => c.customer.id);
    const customers = await provider.getCustomers(ids);
    expect(customers.map((c) => c?.id)).toEqual(ids);
    expect(sb.log).toHaveLength(1);
  });
});
