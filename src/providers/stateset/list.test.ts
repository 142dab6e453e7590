import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, type PageRef, type Position, type UpstreamPage } from '../../domain.js';
import { ResultCache } from '../../http/cache.js';
import { readBackward, readForward } from '../../pagination/read.js';
import { startSandbox } from '../../sandbox/harness.js';
import { Random } from '../../sandbox/random.js';
import { StateSetClient, type StateSetListRequest, type StateSetPage } from './client.js';
import { createData, stateSetDataFrom, type SandboxData } from './sandbox/data.js';
import { StateSetProvider } from './index.js';
import { searchBound } from './list-window.js';
import { EmptyList } from '../empty-list.js';
import { StateSetPagedList } from './list.js';
import { mapStateSetCheckout, type StateSetCheckout } from './map.js';
import { createSandboxHandler, STATESET_SANDBOX_API_KEY } from './sandbox/server.js';
import type { StateSetListParams, StateSetWireCheckout } from './types.js';

/** A sandbox over given data plus a client for it (no cache, so every request reaches the log). */
async function serve(data: SandboxData) {
  const sandbox = await startSandbox('stateset', createSandboxHandler(data));
  const client = new StateSetClient({ apiKey: STATESET_SANDBOX_API_KEY, baseUrl: `${sandbox.origin}/v1` });
  return {
    sandbox,
    client,
    close: async () => {
      await client.close();
      await sandbox.close();
    },
  };
}

/** Brute force: the list for `params`, in list order. */
function truth(data: SandboxData, params: StateSetListParams = {}): StateSetWireCheckout[] {
  const after = params.created_after ? Date.parse(params.created_after) : -Infinity;
  const before = params.created_before ? Date.parse(params.created_before) : Infinity;
  return data.checkouts.filter(
    (c) =>
      (!params.status || c.status === params.status) &&
      (!params.buyer_email || c.buyer?.email.toLowerCase() === params.buyer_email.toLowerCase()) &&
      Date.parse(c.created_at) > after &&
      Date.parse(c.created_at) < before,
  );
}

const ids = (items: { providerId: string }[] | StateSetCheckout[]) => items.map((c) => c.providerId);
const rawIds = (items: StateSetWireCheckout[]) => items.map((c) => c.id);

/**
 * Checks `pageBefore(item at index i)` (i = length: the list's last page): a non-empty run of the items right before
 * it (empty only at the list's start), named by the item before the run (null at the start), and `page(ref)` starts
 * with the same items, so positions inside the page are valid forward positions.
 */
async function expectPageBefore(list: StateSetPagedList, expected: StateSetWireCheckout[], i: number, page: UpstreamPage<StateSetCheckout>, label = '') {
  const n = page.items.length;
  if (i === 0) {
    expect(page, label).toMatchObject({ ref: null, items: [], prev: null });
    return;
  }
  expect(n, label).toBeGreaterThan(0);
  expect(n, label).toBeLessThanOrEqual(100);
  expect(ids(page.items), label).toEqual(rawIds(expected.slice(i - n, i)));
  const ref = i - n === 0 ? null : (expected[i - n - 1] as StateSetWireCheckout).id;
  expect(page.ref, label).toBe(ref);
  expect(page.prev, label).toBe(ref === null ? null : undefined);
  expect(page.next, label).toBe(expected[i - 1]!.id);
  expect(ids((await list.page(page.ref)).items.slice(0, n)), label).toEqual(ids(page.items));
}

/** `end()` is the position right after the list's last item (START for an empty list). */
async function expectEnd(list: StateSetPagedList, expected: StateSetWireCheckout[], label = '') {
  const end = await list.end();
  if (expected.length === 0) return expect(end, label).toEqual(START);
  const page = await list.page(end.r);
  expect(page.items.length, label).toBe(end.o);
  expect(page.items.at(-1)?.providerId, label).toBe(expected.at(-1)!.id);
  expect(page.next, label).toBeNull();
}

async function forward(list: StateSetPagedList): Promise<StateSetCheckout[]> {
  const items: StateSetCheckout[] = [];
  let ref: PageRef = null;
  for (;;) {
    const page = await list.page(ref);
    items.push(...page.items);
    if (page.next === null || page.next === undefined) return items;
    ref = page.next;
  }
}

describe('searchBound', () => {
  const uniform = (from: number, gap: number) => async (t: number) => Math.max(0, Math.ceil((t - from) / gap));

  it('interpolates inside a known bracket to a window of 101–300 items in few probes', async () => {
    let probes = 0;
    const count = uniform(1_000_000, 37);
    const found = await searchBound(
      async (t) => {
        probes++;
        return count(t);
      },
      { t: 1_000_000 + 37 * 50_000, c: 50_000 },
      { t: 1_000_000, c: 0 },
    );
    expect(found.c).toBeGreaterThanOrEqual(101);
    expect(found.c).toBeLessThanOrEqual(300);
    expect(await count(found.t)).toBe(found.c);
    expect(probes).toBeLessThanOrEqual(3);
  });

  it('gallops down without a lower bound, then interpolates', async () => {
    let probes = 0;
    const count = uniform(1_700_000_000, 631);
    const top = { t: 1_700_000_000 + 631 * 100_000, c: 100_000 };
    const found = await searchBound(
      async (t) => {
        probes++;
        return count(t);
      },
      top,
      null,
    );
    expect(found.c).toBeGreaterThanOrEqual(101);
    expect(found.c).toBeLessThanOrEqual(300);
    expect(probes).toBeLessThanOrEqual(8);
  });

  it('copes with skewed data (bisecting when interpolation stalls)', async () => {
    let probes = 0;
    // 99% of the items in the newest hour, the rest spread over a year.
    const end = 1_800_000_000;
    const count = async (t: number) => {
      probes++;
      const old = Math.max(0, Math.min(1000, Math.floor((t - (end - 365 * 86_400)) / 31_536)));
      const recent = Math.max(0, Math.min(99_000, Math.floor(((t - (end - 3600)) / 3600) * 99_000)));
      return old + recent;
    };
    const found = await searchBound(count, { t: end + 1, c: 100_000 }, { t: end - 366 * 86_400, c: 0 });
    expect(found.c).toBeGreaterThanOrEqual(101);
    expect(found.c).toBeLessThanOrEqual(300);
    expect(probes).toBeLessThanOrEqual(40);
  });

  it('stops at one second when a second holds more than the window', async () => {
    const found = await searchBound(async (t) => (t > 500 ? 1000 : 0), { t: 10_000, c: 1000 }, { t: 0, c: 0 });
    expect(found).toEqual({ t: 501, c: 1000 });
  });
});

describe('StateSetPagedList against the sandbox', () => {
  const data = createData({ count: 1200, seed: 21 });
  let env: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    env = await serve(data);
  });
  afterAll(() => env.close());

  it('reads forward in pages of 100 named by starting_after, as the data', async () => {
    const list = new StateSetPagedList(env.client, {});
    const first = await list.page(null);
    expect(first).toMatchObject({ ref: null, prev: null, totalCount: 1200, next: data.checkouts[99]!.id });
    expect(ids(first.items)).toEqual(rawIds(data.checkouts.slice(0, 100)));
    const second = await list.page(first.next as string);
    expect(second.prev).toBeUndefined();
    expect(ids(second.items)).toEqual(rawIds(data.checkouts.slice(100, 200)));
    expect(ids(await forward(list))).toEqual(rawIds(data.checkouts));
    const last = await list.page(data.checkouts[1199]!.id);
    expect(last).toMatchObject({ items: [], next: null, prev: undefined });
    expect(env.sandbox.log.at(-1)!.query.get('limit')).toBe('100');
  });

  it('pageBefore(item) is a run of up to 100 items right before it, named by the item before the run', async () => {
    const list = new StateSetPagedList(env.client, {});
    for (const i of [1, 57, 99, 100, 101, 150, 200, 201, 333, 640, 999, 1199]) {
      const item = (await list.page(data.checkouts[i - 1]!.id)).items[0]!;
      expect(item.providerId).toBe(data.checkouts[i]!.id);
      const page = await list.pageBefore(item);
      await expectPageBefore(list, data.checkouts, i, page, `i=${i}`);
      expect(page.totalCount).toBe(1200);
    }
    expect(await list.pageBefore((await list.page(null)).items[0]!)).toMatchObject({ ref: null, items: [], prev: null });
  });

  it('answers the next backward steps from the chain it read: the full page before, with no search', async () => {
    // pageBefore(null) reads a chain (an anchor a few pages above the end, then plain pages to the end).
    let page = await new StateSetPagedList(env.client, {}).pageBefore(null);
    await expectPageBefore(new StateSetPagedList(env.client, {}), data.checkouts, 1200, page);
    let i = 1200 - page.items.length;
    let linked = 0;
    for (let step = 0; step < 6 && i > 0; step++) {
      // Each gateway page reads with a list of its own: chains are remembered per client, not per list.
      const later = new StateSetPagedList(env.client, {});
      const first = (await later.page(page.ref)).items[0]!;
      const requests = env.sandbox.log.length;
      page = await later.pageBefore(first);
      const cost = env.sandbox.log.slice(requests);
      await expectPageBefore(later, data.checkouts, i, page, `step ${step}`);
      if (cost.every((r) => r.query.get('limit') === '100' && !r.query.has('created_before'))) {
        // A linked step: the page before and the one after it, re-read to check the link (this client has no cache).
        expect(cost.length, `step ${step}`).toBeLessThanOrEqual(2);
        expect(page.items).toHaveLength(100);
        linked++;
      }
      i -= page.items.length;
    }
    expect(linked).toBeGreaterThanOrEqual(3);
  });

  it('answers an item it knows no chain for with the exact 100 items before it (a walk from another instance)', async () => {
    const client = new StateSetClient({ apiKey: STATESET_SANDBOX_API_KEY, baseUrl: `${env.sandbox.origin}/v1` });
    try {
      const list = new StateSetPagedList(client, {});
      const item = (await list.page(data.checkouts[799]!.id)).items[0]!;
      const page = await list.pageBefore(item);
      await expectPageBefore(list, data.checkouts, 800, page);
      expect(page.items).toHaveLength(100);
      // Its first item is marked: the next step, on this client, reads a chain above it.
      const next = await new StateSetPagedList(client, {}).pageBefore(page.items[0]!);
      await expectPageBefore(list, data.checkouts, 700, next);
    } finally {
      await client.close();
    }
  });

  it('puts tied items that precede the item before it and cuts those after it', async () => {
    const list = new StateSetPagedList(env.client, {});
    const tied = data.checkouts.findIndex(
      (c, i) => i > 300 && data.checkouts[i - 1]!.created_at === c.created_at && data.checkouts[i + 1]?.created_at === c.created_at,
    );
    const at = tied === -1 ? data.checkouts.findIndex((c, i) => i > 300 && data.checkouts[i - 1]!.created_at === c.created_at) : tied;
    expect(at).toBeGreaterThan(0);
    const item = (await list.page(data.checkouts[at - 1]!.id)).items[0]!;
    const page = await list.pageBefore(item);
    await expectPageBefore(list, data.checkouts, at, page);
    expect(page.items.at(-1)!.createdAt).toBe(item.createdAt);
  });

  it('pageBefore(null) is the list’s last page and end() the position after the last one', async () => {
    const list = new StateSetPagedList(env.client, {});
    const page = await list.pageBefore(null);
    await expectPageBefore(list, data.checkouts, 1200, page);
    await expectEnd(list, data.checkouts);
  });

  it('walks the whole list backward with pageBefore, as the data', async () => {
    const list = new StateSetPagedList(env.client, {});
    const collected: StateSetCheckout[] = [];
    let page = await list.pageBefore(null);
    for (;;) {
      collected.unshift(...page.items);
      if (page.prev === null) break;
      page = await list.pageBefore(page.items[0]!);
    }
    expect(ids(collected)).toEqual(rawIds(data.checkouts));
  });

  it('walks filtered lists backward and forward (status + time window, buyer email)', async () => {
    const params: StateSetListParams = {
      status: 'completed',
      created_after: data.checkouts[1100]!.created_at,
      created_before: data.checkouts[30]!.created_at.replace('Z', '.5Z'),
    };
    const expected = truth(data, params);
    const list = new StateSetPagedList(env.client, params);
    expect(ids(await forward(list))).toEqual(rawIds(expected));
    const end = await list.end();
    const back = await readBackward(list, end, { want: 1000, maxPages: 20 });
    expect(back.exhausted).toBe(true);
    expect(back.items.map((r) => r.item.providerId).reverse()).toEqual(rawIds(expected));
    expect(back.totalCount).toBe(expected.length);

    const email = [...data.byEmail].find(([, p]) => p.length >= 3)![0];
    const byEmail = new StateSetPagedList(env.client, { buyer_email: email });
    const emailTruth = truth(data, { buyer_email: email });
    const emailBack = await readBackward(byEmail, await byEmail.end(), { want: 100, maxPages: 5 });
    expect(emailBack.items.map((r) => r.item.providerId).reverse()).toEqual(rawIds(emailTruth));
  });

  it('gives positions the engine can resume from in either direction', async () => {
    const list = new StateSetPagedList(env.client, {});
    const back = await readBackward(list, await list.end(), { want: 250, maxPages: 10 });
    expect(back.items.map((r) => r.item.providerId)).toEqual(rawIds(data.checkouts.slice(950).reverse()));
    // Resume forward from the position right before the 250th-last item: the tail of the list.
    const resumed = await readForward(list, back.items.at(-1)!.before, { want: 250, maxPages: 10 });
    expect(resumed.items.map((r) => r.item.providerId)).toEqual(rawIds(data.checkouts.slice(950)));
  });

  it('places an item no longer in the list by the documented order (created_at DESC, id DESC)', async () => {
    const list = new StateSetPagedList(env.client, { status: 'canceled' });
    const canceled = truth(data, { status: 'canceled' });
    const outsider = data.checkouts.findIndex((c, i) => i > 700 && c.status !== 'canceled');
    const place = canceled.filter((c) => data.positionById.get(c.id)! < outsider).length;
    const raw = data.checkouts[outsider]!;
    const stranger = { providerId: raw.id, createdAt: `${raw.created_at.slice(0, 19)}.000000Z` } as StateSetCheckout;
    const page = await list.pageBefore(stranger);
    await expectPageBefore(list, canceled, place, page);
  });

  it('matches brute force for random items under random filters', async () => {
    const rnd = new Random(314);
    const statuses = [undefined, 'completed', 'ready_for_payment', 'canceled'] as const;
    for (let round = 0; round < 12; round++) {
      const a = rnd.int(0, 1199);
      const b = rnd.int(0, 1199);
      const status = rnd.pick(statuses);
      const params: StateSetListParams = {
        ...(status ? { status } : {}),
        ...(rnd.chance(0.5) ? { created_before: data.checkouts[Math.min(a, b)]!.created_at } : {}),
        ...(rnd.chance(0.5) ? { created_after: data.checkouts[Math.max(a, b)]!.created_at } : {}),
      };
      const expected = truth(data, params);
      const list = new StateSetPagedList(env.client, params);
      for (let k = 0; k < 4 && expected.length > 0; k++) {
        const i = rnd.int(0, expected.length);
        const page = i === expected.length ? await list.pageBefore(null) : await list.pageBefore(mapStateSetCheckout(expected[i]!));
        await expectPageBefore(list, expected, i, page, JSON.stringify({ params, i }));
      }
      await expectEnd(list, expected, JSON.stringify(params));
    }
  });

  it('reports StateSet’s totals and exactness: exact natively, inexact with a residual', async () => {
    const provider = new StateSetProvider({ apiKey: STATESET_SANDBOX_API_KEY, baseUrl: `${env.sandbox.origin}/v1` });
    try {
      const open = provider.list({ status: ['OPEN'], currency: ['USD', 'EUR'] });
      expect(open.exactTotal).toBe(false);
      const read = await readForward(open, START, { want: 2000, maxPages: 20 });
      const expected = data.checkouts.filter((c) => ['not_ready_for_payment', 'ready_for_payment'].includes(c.status) && ['usd', 'eur'].includes(c.currency));
      expect(read.items.map((r) => r.item.providerId)).toEqual(rawIds(expected));
      const native = provider.list({ status: ['PROCESSING'], email: null });
      expect(native.exactTotal).toBe(true);
      expect(native.residual).toBeUndefined();
      expect((await native.page(null)).totalCount).toBe(truth(data, { status: 'in_progress' }).length);
    } finally {
      await provider.close();
    }
  });
});

describe('pageBefore cost and edge cases', () => {
  it('stays within a few requests on a 20,000-item list', async () => {
    const data = createData({ count: 20_000, seed: 99 });
    const env = await serve(data);
    try {
      const list = new StateSetPagedList(env.client, {});
      for (const i of [12_345, 19_999, 250]) {
        const item = (await list.page(data.checkouts[i - 1]!.id)).items[0]!;
        const before = env.sandbox.log.length;
        const page = await list.pageBefore(item);
        expect(env.sandbox.log.length - before).toBeLessThanOrEqual(12);
        await expectPageBefore(list, data.checkouts, i, page);
      }
      const before = env.sandbox.log.length;
      await list.end();
      const cost = env.sandbox.log.length - before;
      expect(cost).toBeLessThanOrEqual(14);
      // Memoised: asking again costs nothing.
      await list.end();
      expect(env.sandbox.log.length - before).toBe(cost);
      await expectEnd(list, data.checkouts);
    } finally {
      await env.close();
    }
  });

  it('handles a second holding more items than a window (a run of 350 equal timestamps)', async () => {
    const base = createData({ count: 700, seed: 4 }).checkouts;
    const sessions = base.map((c, i) => (i >= 200 && i < 550 ? { ...c, created_at: '2026-01-01T12:00:00Z', updated_at: '2026-01-01T12:00:00Z' } : c));
    const data = stateSetDataFrom(sessions);
    const env = await serve(data);
    try {
      const list = new StateSetPagedList(env.client, {});
      for (const i of [260, 420, 549, 550, 551, 699]) {
        const item = (await list.page(data.checkouts[i - 1]!.id)).items[0]!;
        await expectPageBefore(list, data.checkouts, i, await list.pageBefore(item), `i=${i}`);
      }
      const back = await readBackward(list, await list.end(), { want: 700, maxPages: 20 });
      expect(back.items.map((r) => r.item.providerId).reverse()).toEqual(rawIds(data.checkouts));
    } finally {
      await env.close();
    }
  });

  it('handles sub-second timestamps', async () => {
    const base = createData({ count: 400, seed: 8 }).checkouts;
    const sessions = base.map((c, i) => ({
      ...c,
      created_at: `2026-03-01T00:${String(Math.floor(i / 10) % 60).padStart(2, '0')}:00.${String(i % 7).padStart(3, '0')}Z`,
    }));
    const data = stateSetDataFrom(sessions);
    const env = await serve(data);
    try {
      const list = new StateSetPagedList(env.client, {});
      const back = await readBackward(list, await list.end(), { want: 400, maxPages: 20 });
      expect(back.items.map((r) => r.item.providerId).reverse()).toEqual(rawIds(data.checkouts));
    } finally {
      await env.close();
    }
  });

  it('stitches when a window comes back shorter than its count probes said', async () => {
    const data = createData({ count: 900, seed: 13 });
    const env = await serve(data);
    const target = data.checkouts[640]!;
    // Count probes of the first search (items newer than the target) over-report, as if items vanished meanwhile.
    class Inflating extends StateSetClient {
      override async listPage(request: StateSetListRequest, signal?: AbortSignal): Promise<StateSetPage> {
        const response = await super.listPage(request, signal);
        const inflate = request.limit === 1 && request.created_before && request.created_after === target.created_at;
        return inflate ? { ...response, total_count: response.total_count + 150 } : response;
      }
    }
    const client = new Inflating({ apiKey: STATESET_SANDBOX_API_KEY, baseUrl: `${env.sandbox.origin}/v1` });
    try {
      const list = new StateSetPagedList(client, {});
      const item = (await list.page(data.checkouts[639]!.id)).items[0]!;
      await expectPageBefore(list, data.checkouts, 640, await list.pageBefore(item));
    } finally {
      await client.close();
      await env.close();
    }
  });

  it('an empty list ends at its start', async () => {
    const data = createData({ count: 50, seed: 2 });
    const env = await serve(data);
    try {
      const list = new StateSetPagedList(env.client, { buyer_email: 'nobody@nowhere.test' });
      expect(await list.end()).toEqual(START);
      expect(await list.pageBefore(null)).toEqual({ ref: null, items: [], next: null, prev: null, totalCount: 0 });
      const small = new StateSetPagedList(env.client, {});
      await expectEnd(small, data.checkouts);
      expect((await small.pageBefore(null)).prev).toBeNull();
    } finally {
      await env.close();
    }
    const empty = new EmptyList<StateSetCheckout>('STATESET');
    expect(await empty.end()).toEqual(START);
    expect(await empty.page(null)).toEqual({ ref: null, items: [], next: null, prev: null, totalCount: 0 });
  });
});

describe('a short first page (ListOptions.firstPageSize)', () => {
  it('asks for that many items on the first page, then full pages, and the walk is the whole list once', async () => {
    const data = createData({ count: 250, seed: 7 });
    const { sandbox, client, close } = await serve(data);
    try {
      const list = new StateSetPagedList(client, {}, undefined, { firstPageSize: 21 });
      const first = await list.page(null);
      expect(first.items).toHaveLength(21);
      expect(ids(await forward(list))).toEqual(rawIds(truth(data)));
      const limits = sandbox.log.filter((r) => r.path === '/v1/checkouts').map((r) => r.query.get('limit'));
      expect(limits).toEqual(['21', '21', '100', '100', '100']);
    } finally {
      await close();
    }
  });

  it('reads full pages when a gateway-side filter may need more than the first items', async () => {
    const data = createData({ count: 120, seed: 7 });
    const { sandbox, client, close } = await serve(data);
    try {
      const list = new StateSetPagedList(client, {}, () => true, { firstPageSize: 21 });
      expect((await list.page(null)).items).toHaveLength(100);
      expect(sandbox.log.map((r) => r.query.get('limit'))).toEqual(['100']);
    } finally {
      await close();
    }
  });
});

describe('a backward walk read as the gateway reads it (a new list per page, `last: 20`)', () => {
  /** `client` may be a function: a client per page (the instances of a fleet without affinity). */
  async function walkBackward(client: StateSetClient | (() => StateSetClient), params: StateSetListParams = {}): Promise<string[]> {
    const seen: string[] = [];
    let from: Position | null = null;
    for (;;) {
      // The first page is read without a cursor (fresh); continuation pages reuse the walk's cached pages.
      const pageClient = typeof client === 'function' ? client() : client;
      const list: StateSetPagedList = new StateSetPagedList(pageClient, params, undefined, from ? {} : { fresh: true });
      const read = await readBackward(list, from ?? (await list.end()), { want: 20, maxPages: 10 });
      seen.push(...read.items.map((r) => r.item.providerId));
      if (read.exhausted) return seen.reverse();
      from = read.items.at(-1)!.before;
    }
  }

  it('delivers each item once in order for about Σ⌈n/100⌉ requests with the page cache', async () => {
    const data = createData({ count: 3000, seed: 5 });
    const sandbox = await startSandbox('stateset', createSandboxHandler(data));
    const config = { apiKey: STATESET_SANDBOX_API_KEY, baseUrl: `${sandbox.origin}/v1` };
    const cached = new StateSetClient(config, { cache: new ResultCache({ ttlMs: 600_000, maxEntries: 10_000 }) });
    const uncached = new StateSetClient(config);
    try {
      expect(await walkBackward(cached)).toEqual(rawIds(data.checkouts));
      const requests = sandbox.log.length;
      const items = sandbox.log.reduce((sum, r) => sum + (r.items ?? 0), 0);
      // Σ⌈n/100⌉ = 30 pages; on top come the last page's search (4 probes), and per chain of 300–600 items one probe
      // (more when the density changes) and the page holding the chain's item (48 measured; pages rebuilt from
      // windows for each backward page, as before chains, took 167).
      expect(requests).toBeLessThanOrEqual(Math.ceil(1.7 * 30));
      expect(items / data.checkouts.length).toBeLessThanOrEqual(1.2);

      // A filtered walk (status + time window) on the same cached client: its chains are its own.
      const params: StateSetListParams = {
        status: 'completed',
        created_before: data.checkouts[40]!.created_at,
        created_after: data.checkouts[2900]!.created_at,
      };
      expect(await walkBackward(cached, params)).toEqual(rawIds(truth(data, params)));
      // Without a cache every page is read again, but links are only hints: still each item once, in order.
      expect(await walkBackward(uncached)).toEqual(rawIds(data.checkouts));
    } finally {
      await cached.close();
      await uncached.close();
      await sandbox.close();
    }
  });

  it('costs no more than before chains when every page is served by another instance (shared page cache)', async () => {
    const data = createData({ count: 3000, seed: 5 });
    const sandbox = await startSandbox('stateset', createSandboxHandler(data));
    const cache = new ResultCache({ ttlMs: 600_000, maxEntries: 10_000 });
    const clients: StateSetClient[] = [];
    const instance = () => {
      const client = new StateSetClient({ apiKey: STATESET_SANDBOX_API_KEY, baseUrl: `${sandbox.origin}/v1` }, { cache });
      clients.push(client);
      return client;
    };
    try {
      expect(await walkBackward(instance)).toEqual(rawIds(data.checkouts));
      // Each instance knows no chain of the others, so pages come from windows: 163 measured, 167 before chains.
      expect(sandbox.log.length).toBeLessThanOrEqual(167);
    } finally {
      for (const client of clients) await client.close();
      await sandbox.close();
    }
  });

  it('stays exact when the links meet another list (a fresh process, or pages that no longer match)', async () => {
    const data = createData({ count: 900, seed: 6 });
    const sandbox = await startSandbox('stateset', createSandboxHandler(data));
    const config = { apiKey: STATESET_SANDBOX_API_KEY, baseUrl: `${sandbox.origin}/v1` };
    // After the first read, one checkout is left out of every answer (as if deleted between reads): the one right
    // before the page the walk resumes in, so the link learnt for that page no longer matches and the walk must fall
    // back to a search.
    let drop: string | null = null;
    class Dropping extends StateSetClient {
      override async listPage(request: StateSetListRequest, signal?: AbortSignal): Promise<StateSetPage> {
        const response = await super.listPage(request, signal);
        if (!drop || !response.data.some((c) => c.providerId === drop)) return response;
        return { ...response, data: response.data.filter((c) => c.providerId !== drop), total_count: response.total_count - 1 };
      }
    }
    const client = new Dropping(config);
    try {
      const list = new StateSetPagedList(client, {});
      const back = await readBackward(list, await list.end(), { want: 450, maxPages: 10 });
      expect(back.items.map((r) => r.item.providerId).reverse()).toEqual(rawIds(data.checkouts.slice(450)));
      drop = back.items.at(-1)!.before.r;
      expect(drop).not.toBeNull();
      const rest = await readBackward(new StateSetPagedList(client, {}), back.items.at(-1)!.before, { want: 1000, maxPages: 20 });
      expect(rest.exhausted).toBe(true);
      expect(rest.items.map((r) => r.item.providerId).reverse()).toEqual(rawIds(data.checkouts.slice(0, 450).filter((c) => c.id !== drop)));
    } finally {
      await client.close();
      await sandbox.close();
    }
  });
});
