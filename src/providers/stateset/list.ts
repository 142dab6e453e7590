/**
 * StateSet's checkout list as a `PagedList`.
 *
 * Positions: ref `null` is the first page; ref `<id>` is the page `starting_after=<id>`; pages are always 100 items
 * (the documented maximum) so refs stay meaningful and pages cache well. StateSet pages forward only (no
 * `ending_before`), so pages report `prev: undefined` and `pageBefore` rebuilds "the page before an item" with the
 * documented parameters alone, windows of `created_after`/`created_before`:
 *
 *   1. Count probes (`limit=1`, only `total_count` and the newest item are used) size the window that ends right
 *      at the item: an interpolation search (regula falsi, Illinois variant) on a whole-second bound until the window
 *      holds 101–300 items, or the window reaches the list's start.
 *   2. Read that window forward (`starting_after` inside it) up to the item, keep the last 101: 100 items plus the
 *      anchor just before them, whose id is the page's ref (so `page(ref)` starts at the same first item).
 *   Equal timestamps: a window cannot split a second, so it takes every item of the item's own second; those read
 *   before the item precede it (whatever StateSet's tie order is), reading stops at the item itself.
 *
 * Cost of `pageBefore(item)`: 1 probe (items newer than it) + 1 probe for the list's total (shared by every call,
 * cached) + search probes (none when ≤ 300 items are newer; measured 1–2 on the seeded 1,200–100,000-item lists; at
 * most 40) + ⌈(window items before the item + 1) / 100⌉ pages, 1–3 in practice. `pageBefore(null)` (and so `end()`):
 * 1 probe for the total + search probes (none for lists of ≤ 300; measured 3–4, stepping down from the newest item)
 * + ≤ 3 pages. Probes and pages go through the client's cache, and each result is memoised on the list, so the
 * engine asking again (an empty page at the end, then `pageBefore(null)`) costs nothing.
 */
import type { ListOptions, PagedList, PageRef, Position, UpstreamPage } from '../../domain.js';
import { START } from '../../domain.js';
import { UpstreamError } from '../../errors.js';
import { instantFromDate, instantToMillis, toInstant } from '../../instant.js';
import { STATESET_PAGE_SIZE, type StateSetClient } from './client.js';
import { formatStateSetTime } from './filter.js';
import { searchBound, WINDOW_MAX, WINDOW_MIN } from './list-window.js';
import type { StateSetCheckout } from './map.js';
import type { StateSetListParams } from './types.js';

type Page = UpstreamPage<StateSetCheckout>;

/** Re-sizing rounds when the list changes between probes and reads. */
const MAX_ATTEMPTS = 3;

/** A strict time window, in instants; null means unbounded on that side. */
interface Window {
  after: string | null;
  before: string | null;
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
  }

  async page(ref: PageRef, signal?: AbortSignal): Promise<Page> {
    const response = await this.client.listPage(
      ref === null ? { ...this.params, limit: this.firstLimit } : { ...this.params, limit: STATESET_PAGE_SIZE, starting_after: ref },
      signal,
      this.since,
    );
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
      pending = (item ? this.pageBeforeItem(item, 0, signal) : this.lastPage(0, signal)).catch((err: unknown) => {
        this.before.delete(key);
        throw err;
      });
      this.before.set(key, pending);
    }
    return pending;
  }

  async end(signal?: AbortSignal): Promise<Position> {
    const last = (await this.pageBefore(null, signal)).items.at(-1);
    return last ? { r: last.providerId, o: 0 } : START;
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

  private async pageBeforeItem(item: StateSetCheckout, attempt: number, signal?: AbortSignal): Promise<Page> {
    const at = item.createdAt;
    const atSecond = toSeconds(at);
    const [newer, total] = await Promise.all([this.probe({ after: at, before: null }, signal), this.probe({ after: null, before: null }, signal)]);

    // 1. Size the window: from the item's own second up to a bound `hi` with WINDOW_MIN..WINDOW_MAX newer items.
    let hi: string | null = null;
    if (newer.count >= WINDOW_MIN && newer.newest) {
      const upper = { t: toSeconds(newer.newest.createdAt) + 1, c: newer.count };
      // No item is both newer than `at` and older than its own second, so that bound holds none.
      const found = await searchBound(async (t) => (await this.probe({ after: at, before: fromSeconds(t) }, signal)).count, upper, { t: atSecond, c: 0 });
      hi = fromSeconds(found.t);
    }

    // 2. Read the window (every item of the item's second included) up to the item: whatever StateSet's order among
    // equal timestamps, the items read before it precede it. If the item left the list, reading stops at the first
    // older item, and the tied items are cut by StateSet's documented tie-break (created_at DESC, then id DESC).
    const low = isWholeSecond(at) ? fromSeconds(atSecond - 1) : fromSeconds(atSecond);
    const read = await this.readWindow({ after: low, before: hi }, (other) => other.providerId === item.providerId || other.createdAt < at, signal);
    let pool = read.items;
    if (read.stoppedAt?.providerId !== item.providerId) {
      pool = pool.filter((other) => other.createdAt > at || other.providerId > item.providerId);
    }
    return this.finish(pool, hi === null, total.count, attempt, signal);
  }

  /** The last page of the list: the bottom window, found by searching down from the newest item. */
  private async lastPage(attempt: number, signal?: AbortSignal): Promise<Page> {
    const total = await this.probe({ after: null, before: null }, signal);
    if (total.count === 0 || !total.newest) return { ref: null, items: [], next: null, prev: null, totalCount: total.count };
    let hi: string | null = null;
    if (total.count > WINDOW_MAX) {
      const upper = { t: toSeconds(total.newest.createdAt) + 1, c: total.count };
      // With a createdAfter bound, nothing lies at or below its second.
      const lower = this.baseAfter ? { t: toSeconds(this.baseAfter), c: 0 } : null;
      const found = await searchBound(async (t) => (await this.probe({ after: null, before: fromSeconds(t) }, signal)).count, upper, lower);
      hi = fromSeconds(found.t);
    }
    const { items: pool } = await this.readWindow({ after: null, before: hi }, () => false, signal);
    return this.finish(pool, hi === null, total.count, attempt, signal);
  }

  /**
   * 3. Keep the last 100 of `pool` (the items right before the place, in list order) and the anchor before them.
   * A bounded window that came back short means the list changed between the probes and the read: take what is
   * missing from the page before the window's first item, and stitch.
   */
  private async finish(pool: StateSetCheckout[], reachesStart: boolean, totalCount: number, attempt: number, signal?: AbortSignal): Promise<Page> {
    if (pool.length <= STATESET_PAGE_SIZE && !reachesStart) {
      const first = pool[0];
      if (!first || attempt + 1 >= MAX_ATTEMPTS) {
        throw new UpstreamError('STATESET', 'UPSTREAM_BAD_RESPONSE', 'the checkout list changed while paging backward; try again');
      }
      const earlier = await this.pageBeforeItem(first, attempt + 1, signal);
      pool = [...earlier.items, ...pool];
      if (pool.length <= STATESET_PAGE_SIZE) return pageOf(pool, earlier.ref, totalCount);
    }
    if (pool.length <= STATESET_PAGE_SIZE) return pageOf(pool, null, totalCount);
    const anchor = pool[pool.length - STATESET_PAGE_SIZE - 1] as StateSetCheckout;
    return pageOf(pool.slice(-STATESET_PAGE_SIZE), anchor.providerId, totalCount);
  }
}

function pageOf(items: StateSetCheckout[], ref: PageRef, totalCount: number): Page {
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
