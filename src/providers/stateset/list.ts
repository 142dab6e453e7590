/**
 * StateSet's checkout list as a `PagedList`.
 *
 * Positions: ref `null` is the first page; ref `<id>` is the page `starting_after=<id>`; pages are always 100 items
 * (the documented maximum) so refs stay meaningful and pages cache well. StateSet pages forward only (no
 * `ending_before`), so pages report `prev: undefined` and `pageBefore` rebuilds "the page before an item" with the
 * documented parameters alone, as a chain of plain forward pages:
 *
 *   1. Count probes (`limit=1` with `created_after`/`created_before`, only `total_count` and the newest item are
 *      used) find an anchor: a whole-second bound whose window, between the item and the bound, holds CHAIN.min to
 *      CHAIN.max items (interpolation search, `list-window.ts`); the anchor is that window's newest item (or the list's
 *      start when fewer than CHAIN.max items are newer than the item).
 *   2. Read the list forward from the anchor in plain 100-item pages (`starting_after`, exactly the requests `page(ref)`
 *      makes) up to the item. The page holding the items right before it is the answer, cut before the item: its
 *      ref is a plain page ref, so `page(ref)` starts at the same first item and is a cache hit for the walk's next
 *      gateway page.
 *   3. Every page of the chain is remembered (per client, `links`): "the first item of page(b) is preceded by
 *      page(a)". The next backward step, asking for the page before that first item, gets page(a) from the page
 *      cache after checking the link against the pages themselves (page(a) ends with b, page(b) starts with the
 *      item), so a backward walk reads each chain page once and searches once per chain, not once per page.
 *   4. An item this process knows no chain for (the walk's previous pages were served by another instance of a fleet,
 *      the links were evicted, or a link no longer matches its pages) gets the exact 100 items before it from a window
 *      (`windowPageBefore`: probes, then the window read forward) and its first item is marked `top`, so the next step,
 *      if it lands here, reads a chain. Reading a chain there instead would answer with the short end of a chain, and a
 *      fleet without affinity would read a new chain every few items.
 *   Equal timestamps: the chain is read in list order, so the items read before the item precede it (whatever
 *   StateSet's tie order is); an item no longer in the list is placed by the documented order (created_at DESC, id
 *   DESC).
 *
 * Cost of a backward walk: per chain of ~CHAIN items, 1 probe (items newer than the item) + search probes (measured
 * 1–3) + ⌈chain / 100⌉ + 1 pages; the pages answer the walk's next pages from the cache. `pageBefore(null)` (and so
 * `end()`): 1 probe for the total + search probes (stepping down from the newest item) + a chain of LAST_CHAIN items
 * (kept short: it is the first page of a backward walk). Probes and pages go through the client's cache, and each
 * result is memoised on the list, so the engine asking again costs nothing. Measured on a 3,000-item list walked
 * backward with `last: 20` and a shared page cache (list.test.ts): 48 requests for Σ⌈n/100⌉ = 30 in one process; 163
 * when every page is served by another instance (167 before chains, in both cases).
 */
import { LRUCache } from 'lru-cache';
import type { ListOptions, PagedList, PageRef, Position, UpstreamPage } from '../../domain.js';
import { START } from '../../domain.js';
import { UpstreamError } from '../../errors.js';
import { instantFromDate, instantToMillis, toInstant } from '../../instant.js';
import { STATESET_PAGE_SIZE, type StateSetClient } from './client.js';
import { formatStateSetTime } from './filter.js';
import { type Probe, searchBound, WINDOW_MAX, WINDOW_MIN } from './list-window.js';
import type { StateSetCheckout } from './map.js';
import type { StateSetListParams } from './types.js';

type Page = UpstreamPage<StateSetCheckout>;

/** Re-search rounds when the list changes between probes and reads. */
const MAX_ATTEMPTS = 3;

/** Items between a chain's anchor and the item it is read for: a backward walk searches once per chain. */
export const CHAIN = { min: 3 * STATESET_PAGE_SIZE + 1, max: 6 * STATESET_PAGE_SIZE };
/** The last page's chain: short, since it is read for the first page of a backward walk. */
export const LAST_CHAIN = { min: WINDOW_MIN, max: WINDOW_MAX };

/** A strict time window, in instants; null means unbounded on that side. */
interface Window {
  after: string | null;
  before: string | null;
}

/**
 * Page `prev` (its ref) is followed by page `at` (ref: the last item of `prev`), whose first item is the key's; or
 * `top`: the key's item follows a chain's anchor (or a window page's), so what precedes it needs a new chain.
 */
type Link = { prev: PageRef; at: string } | 'top';

/** Chain links per client (one client per provider and process), keyed by query and first item id. Hints only. */
const MAX_LINKS = 50_000;
const linksByClient = new WeakMap<StateSetClient, LRUCache<string, Link>>();

function linksOf(client: StateSetClient): LRUCache<string, Link> {
  let links = linksByClient.get(client);
  if (!links) {
    links = new LRUCache<string, Link>({ max: MAX_LINKS });
    linksByClient.set(client, links);
  }
  return links;
}

/** Items per second the last chain search found, per client and query: where the next search aims first. */
const ratesByClient = new WeakMap<StateSetClient, LRUCache<string, number>>();

function ratesOf(client: StateSetClient): LRUCache<string, number> {
  let rates = ratesByClient.get(client);
  if (!rates) {
    rates = new LRUCache<string, number>({ max: 1_000 });
    ratesByClient.set(client, rates);
  }
  return rates;
}

const toSeconds = (instant: string) => Math.floor(instantToMillis(instant) / 1000);
const fromSeconds = (seconds: number) => instantFromDate(new Date(seconds * 1000));
const isWholeSecond = (instant: string) => instant.slice(20, 26) === '000000';

export class StateSetPagedList implements PagedList<StateSetCheckout> {
  readonly provider = 'STATESET' as const;
  readonly exactTotal: boolean;
  readonly residual?: (item: StateSetCheckout) => boolean;
  private readonly baseAfter: string | null;
  private readonly baseBefore: string | null;
  private readonly before = new Map<string, Promise<Page>>();
  /** Cache mark for a fresh list: only pages loaded after it are used. */
  private readonly since: number | undefined;
  /** Items asked for on the first page (ref null): fewer than a full page for a read that needs only the first few. */
  private readonly firstLimit: number;
  /** The query part of link keys. */
  private readonly linkQuery: string;

  constructor(
    private readonly client: StateSetClient,
    private readonly params: StateSetListParams,
    residual?: (item: StateSetCheckout) => boolean,
    options: ListOptions = {},
  ) {
    this.since = options.fresh ? client.http.cacheMark() : undefined;
    // Refs are `starting_after` ids, whatever the page size, so a short first page keeps every position valid. A
    // gateway-side filter may need more than the first items, so it reads full pages.
    this.firstLimit = options.firstPageSize && !residual ? Math.min(STATESET_PAGE_SIZE, Math.max(1, options.firstPageSize)) : STATESET_PAGE_SIZE;
    if (residual) this.residual = residual;
    this.exactTotal = !residual;
    this.baseAfter = params.created_after ? toInstant(params.created_after) : null;
    this.baseBefore = params.created_before ? toInstant(params.created_before) : null;
    this.linkQuery = JSON.stringify([params.status, params.buyer_email, params.created_after, params.created_before]);
  }

  page(ref: PageRef, signal?: AbortSignal): Promise<Page> {
    return this.load(ref, ref === null ? this.firstLimit : STATESET_PAGE_SIZE, signal);
  }

  /** A full page, the request `page(ref)` makes for any ref of a backward walk. */
  private fullPage(ref: PageRef, signal?: AbortSignal): Promise<Page> {
    return this.load(ref, STATESET_PAGE_SIZE, signal);
  }

  private async load(ref: PageRef, limit: number, signal?: AbortSignal): Promise<Page> {
    const response = await this.client.listPage(ref === null ? { ...this.params, limit } : { ...this.params, limit, starting_after: ref }, signal, this.since);
    const items = response.data;
    const last = items[items.length - 1];
    return {
      ref,
      items,
      next: response.has_more && last ? last.providerId : null,
      prev: ref === null ? null : undefined,
      totalCount: response.total_count,
    };
  }

  pageBefore(item: StateSetCheckout | null, signal?: AbortSignal): Promise<Page> {
    const key = item ? `id:${item.providerId}` : 'end';
    let pending = this.before.get(key);
    if (!pending) {
      pending = (item ? this.pageBeforeItem(item, signal) : this.lastPage(0, signal)).catch((err: unknown) => {
        this.before.delete(key);
        throw err;
      });
      this.before.set(key, pending);
    }
    return pending;
  }

  /** After the last page's last item: `page(ref)` of that page is the chain's own (cached), so no empty page is read. */
  async end(signal?: AbortSignal): Promise<Position> {
    const last = await this.pageBefore(null, signal);
    return last.items.length > 0 ? { r: last.ref, o: last.items.length } : START;
  }

  /** The base query narrowed to a window (strict bounds, intersected with the filter's own). */
  private windowParams(window: Window): StateSetListParams {
    const after = maxInstant(this.baseAfter, window.after);
    const before = minInstant(this.baseBefore, window.before);
    const params: StateSetListParams = { ...this.params };
    delete params.created_after;
    delete params.created_before;
    if (after) params.created_after = formatStateSetTime(after);
    if (before) params.created_before = formatStateSetTime(before);
    return params;
  }

  /** A `limit=1` probe: how many items the window holds, and its newest. */
  private async probe(window: Window, signal?: AbortSignal): Promise<{ count: number; newest: StateSetCheckout | null }> {
    const response = await this.client.listPage({ ...this.windowParams(window), limit: 1 }, signal, this.since);
    const first = response.data[0];
    return { count: response.total_count, newest: first ?? null };
  }

  private linkKey(firstId: string): string {
    return `${this.linkQuery}\n${firstId}`;
  }

  /** The page a chain link names as the one before `item`, when the pages (cached) still say so. */
  private async linkedPage(item: StateSetCheckout, link: Exclude<Link, 'top'>, signal?: AbortSignal): Promise<Page | null> {
    const [prev, at] = await Promise.all([this.fullPage(link.prev, signal), this.fullPage(link.at, signal)]);
    if (prev.items.at(-1)?.providerId !== link.at || at.items[0]?.providerId !== item.providerId) return null;
    return asBefore(prev);
  }

  /** Reads plain full pages forward from `anchor` until a page holds an item `stop` accepts, or the list ends. */
  private async readChain(anchor: PageRef, stop: (item: StateSetCheckout) => boolean, signal?: AbortSignal): Promise<Page[]> {
    const pages: Page[] = [];
    let ref = anchor;
    for (;;) {
      const page = await this.fullPage(ref, signal);
      pages.push(page);
      if (page.items.some(stop) || page.next === null || page.next === undefined) break;
      ref = page.next;
    }
    const links = linksOf(this.client);
    const top = pages[0]?.items[0];
    if (top && !links.has(this.linkKey(top.providerId))) links.set(this.linkKey(top.providerId), 'top');
    for (let i = 1; i < pages.length; i++) {
      const page = pages[i] as Page;
      const first = page.items[0];
      if (first && page.ref !== null) links.set(this.linkKey(first.providerId), { prev: (pages[i - 1] as Page).ref, at: page.ref });
    }
    return pages;
  }

  /** A `limit=1` count of the window `(after, t)`, keeping its newest item (the anchor, should `t` be chosen). */
  private counter(after: string | null, newest: Map<number, StateSetCheckout | null>, signal?: AbortSignal) {
    return async (t: number): Promise<number> => {
      const probe = await this.probe({ after, before: fromSeconds(t) }, signal);
      newest.set(t, probe.newest);
      return probe.count;
    };
  }

  /**
   * The anchor of the chain for an item at `at`: the newest item of a window `(at, t)` holding CHAIN items, or null
   * (the list's start) when fewer are newer. The first probe aims with the density the last search of this query
   * found (one probe when it lands in range); otherwise one probe counts everything newer and the search brackets.
   */
  private async chainAnchor(at: string, signal?: AbortSignal): Promise<PageRef> {
    const atSecond = toSeconds(at);
    const newest = new Map<number, StateSetCheckout | null>();
    const count = this.counter(at, newest, signal);
    const rates = ratesOf(this.client);
    const rate = rates.get(this.linkQuery);
    // No item is both newer than `at` and older than its own second, so that bound holds none.
    let lower: Probe = { t: atSecond, c: 0 };
    let upper: Probe | null = null;
    if (rate) {
      const t = atSecond + Math.max(1, Math.round((CHAIN.min + CHAIN.max) / 2 / rate));
      const c = await count(t);
      if (c > CHAIN.max) upper = { t, c };
      else if (c >= CHAIN.min) return newest.get(t)?.providerId ?? null;
      else lower = { t, c };
    }
    if (!upper) {
      const newer = await this.probe({ after: at, before: null }, signal);
      if (!newer.newest || newer.count <= CHAIN.max) return null;
      upper = { t: toSeconds(newer.newest.createdAt) + 1, c: newer.count };
      newest.set(upper.t, newer.newest);
    }
    const found = await searchBound(count, upper, lower, CHAIN);
    if (found.t > atSecond) rates.set(this.linkQuery, found.c / (found.t - atSecond));
    return newest.get(found.t)?.providerId ?? null;
  }

  /**
   * A chain page when this process knows the item's place in a chain (a link, or `top`: the walk reached a chain's
   * anchor); otherwise the exact 100 items before the item from a window (`windowPageBefore`), whose first item is
   * marked `top`. An item this process knows nothing of is usually a walk served by another instance (a fleet
   * without affinity) or one whose links were evicted: a chain read there would answer with the short end of a
   * chain and the next step, elsewhere again, would read another, so such steps cost what they cost before chains.
   */
  private async pageBeforeItem(item: StateSetCheckout, signal?: AbortSignal): Promise<Page> {
    const key = this.linkKey(item.providerId);
    const link = linksOf(this.client).get(key);
    if (link === 'top') return this.chainPageBefore(item, 0, signal);
    if (link) {
      const linked = await this.linkedPage(item, link, signal);
      if (linked) return linked;
    }
    const page = await this.windowPageBefore(item, 0, signal);
    const first = page.items[0];
    const links = linksOf(this.client);
    if (page.ref !== null && first && !links.has(this.linkKey(first.providerId))) links.set(this.linkKey(first.providerId), 'top');
    return page;
  }

  /** The page before `item` from a chain read forward from an anchor CHAIN items above it. */
  private async chainPageBefore(item: StateSetCheckout, attempt: number, signal?: AbortSignal): Promise<Page> {
    const at = item.createdAt;
    const anchor = await this.chainAnchor(at, signal);

    // Read forward from the anchor up to the item: whatever StateSet's order among equal timestamps, the items read
    // before it precede it. If the item left the list, reading stops at the first older item, and the tied items are
    // cut by StateSet's documented tie-break (created_at DESC, then id DESC).
    const pages = await this.readChain(anchor, (other) => other.providerId === item.providerId || other.createdAt < at, signal);
    const found = pages.some((page) => page.items.some((other) => other.providerId === item.providerId));
    const after = found
      ? (other: StateSetCheckout) => other.providerId === item.providerId
      : (other: StateSetCheckout) => other.createdAt < at || (other.createdAt === at && other.providerId < item.providerId);
    for (let p = 0; p < pages.length; p++) {
      const page = pages[p] as Page;
      const cut = page.items.findIndex(after);
      if (cut === -1) continue;
      if (cut > 0) return pageOf(page.items.slice(0, cut), page.ref, page.totalCount);
      if (p > 0) return asBefore(pages[p - 1] as Page);
      if (anchor === null) return pageOf([], null, page.totalCount);
      return this.retry(item, attempt, signal);
    }
    // Nothing after the item: it sorts past the list's end, so what precedes it is the list's last page.
    const last = pages.findLast((page) => page.items.length > 0);
    if (last) return asBefore(last);
    if (anchor === null) return pageOf([], null, (pages[0] as Page).totalCount);
    return this.retry(item, attempt, signal);
  }

  /** The anchor's window said there were items before the item, the chain found none: the list changed meanwhile. */
  private retry(item: StateSetCheckout, attempt: number, signal?: AbortSignal): Promise<Page> {
    if (attempt + 1 >= MAX_ATTEMPTS) {
      throw new UpstreamError('STATESET', 'UPSTREAM_BAD_RESPONSE', 'the checkout list changed while paging backward; try again');
    }
    return this.chainPageBefore(item, attempt + 1, signal);
  }

  /** Reads a window forward, page by page, up to (not including) the first item `stopAt` accepts, or its end. */
  private async readWindow(
    window: Window,
    stopAt: (item: StateSetCheckout) => boolean,
    signal?: AbortSignal,
  ): Promise<{ items: StateSetCheckout[]; stoppedAt: StateSetCheckout | null }> {
    const params = this.windowParams(window);
    const items: StateSetCheckout[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const response = await this.client.listPage(
        { ...params, limit: STATESET_PAGE_SIZE, ...(startingAfter ? { starting_after: startingAfter } : {}) },
        signal,
        this.since,
      );
      for (const item of response.data) {
        if (stopAt(item)) return { items, stoppedAt: item };
        items.push(item);
      }
      const last = response.data[response.data.length - 1];
      if (!response.has_more || !last) return { items, stoppedAt: null };
      startingAfter = last.providerId;
    }
  }

  /**
   * The exact 100 items right before `item` and the anchor before them (the page's ref), from a window that ends at
   * the item, sized by count probes to hold WINDOW_MIN–WINDOW_MAX newer items: 2 probes (items newer than it, and
   * the list's total) + search probes (1–2 measured) + ⌈(window items before the item + 1) / 100⌉ window pages.
   * Equal timestamps: a window cannot split a second, so it takes every item of the item's own second; those read
   * before the item precede it (whatever StateSet's tie order is), reading stops at the item itself.
   */
  private async windowPageBefore(item: StateSetCheckout, attempt: number, signal?: AbortSignal): Promise<Page> {
    const at = item.createdAt;
    const atSecond = toSeconds(at);
    const [newer, total] = await Promise.all([this.probe({ after: at, before: null }, signal), this.probe({ after: null, before: null }, signal)]);
    let hi: string | null = null;
    if (newer.count >= WINDOW_MIN && newer.newest) {
      const upper = { t: toSeconds(newer.newest.createdAt) + 1, c: newer.count };
      // No item is both newer than `at` and older than its own second, so that bound holds none.
      const found = await searchBound(async (t) => (await this.probe({ after: at, before: fromSeconds(t) }, signal)).count, upper, { t: atSecond, c: 0 });
      hi = fromSeconds(found.t);
    }
    // If the item left the list, reading stops at the first older item, and the tied items are cut by StateSet's
    // documented tie-break (created_at DESC, then id DESC).
    const low = isWholeSecond(at) ? fromSeconds(atSecond - 1) : fromSeconds(atSecond);
    const read = await this.readWindow({ after: low, before: hi }, (other) => other.providerId === item.providerId || other.createdAt < at, signal);
    let pool = read.items;
    if (read.stoppedAt?.providerId !== item.providerId) {
      pool = pool.filter((other) => other.createdAt > at || other.providerId > item.providerId);
    }
    // Keep the last 100 of the pool and the anchor before them. A bounded window that came back short means the list
    // changed between the probes and the read: take what is missing from the page before the window's first item.
    if (pool.length <= STATESET_PAGE_SIZE && hi !== null) {
      const first = pool[0];
      if (!first || attempt + 1 >= MAX_ATTEMPTS) {
        throw new UpstreamError('STATESET', 'UPSTREAM_BAD_RESPONSE', 'the checkout list changed while paging backward; try again');
      }
      const earlier = await this.windowPageBefore(first, attempt + 1, signal);
      pool = [...earlier.items, ...pool];
      if (pool.length <= STATESET_PAGE_SIZE) return pageOf(pool, earlier.ref, total.count);
    }
    if (pool.length <= STATESET_PAGE_SIZE) return pageOf(pool, null, total.count);
    const anchor = pool[pool.length - STATESET_PAGE_SIZE - 1] as StateSetCheckout;
    return pageOf(pool.slice(-STATESET_PAGE_SIZE), anchor.providerId, total.count);
  }

  /** The last page of the list: the chain from an anchor a few pages above the end, searched down from the newest item. */
  private async lastPage(attempt: number, signal?: AbortSignal): Promise<Page> {
    const total = await this.probe({ after: null, before: null }, signal);
    if (total.count === 0 || !total.newest) return { ref: null, items: [], next: null, prev: null, totalCount: total.count };
    // With a createdAfter bound, nothing lies at or below its second.
    const lower = this.baseAfter ? { t: toSeconds(this.baseAfter), c: 0 } : null;
    let anchor: PageRef = null;
    if (total.count > LAST_CHAIN.max) {
      const newest = new Map<number, StateSetCheckout | null>();
      const upper = { t: toSeconds(total.newest.createdAt) + 1, c: total.count };
      newest.set(upper.t, total.newest);
      const found = await searchBound(this.counter(null, newest, signal), upper, lower, LAST_CHAIN);
      anchor = newest.get(found.t)?.providerId ?? null;
    }
    const pages = await this.readChain(anchor, () => false, signal);
    const last = pages.findLast((page) => page.items.length > 0);
    if (last) return asBefore(last);
    if (anchor === null) return pageOf([], null, (pages[0] as Page).totalCount);
    if (attempt + 1 >= MAX_ATTEMPTS) {
      throw new UpstreamError('STATESET', 'UPSTREAM_BAD_RESPONSE', 'the checkout list changed while paging backward; try again');
    }
    return this.lastPage(attempt + 1, signal);
  }
}

/** A whole page as a `pageBefore` answer: the page after it is named by its last item. */
function asBefore(page: Page): Page {
  return pageOf(page.items, page.ref, page.totalCount);
}

function pageOf(items: StateSetCheckout[], ref: PageRef, totalCount: number | null): Page {
  const last = items[items.length - 1];
  return { ref, items, next: last ? last.providerId : null, prev: ref === null ? null : undefined, totalCount };
}

function maxInstant(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function minInstant(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
