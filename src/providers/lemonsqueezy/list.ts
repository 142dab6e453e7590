/**
 * The Lemon Squeezy checkout list as the pagination engine reads it (`PagedList`).
 *
 * Page references are page numbers as strings, with `null` for page 1 (so `START` is `{ r: null, o: 0 }`); every
 * request uses `page[size]=100`, so a number names the same slice of the list for as long as the list does not
 * change. `prev` of page N is `"N-1"` (null on page 1); `next` is `"N+1"` while the upstream sends `links.next`.
 *
 * The upstream orders by `created_at` descending (tie-break: its internal id, descending), so the created-at bounds
 * of the merged filter can be turned into positions by binary search over page numbers instead of a scan:
 * - `start()` with `createdBefore`: the first item with createdAt < createdBefore;
 * - `end()` with `createdAfter`: right after the last item with createdAt > createdAfter.
 * Each probe is one cached page request. Cost: page 1 (which also tells `lastPage`) plus ⌈log2 lastPage⌉ probes,
 * e.g. 1 + 10 requests for 100,000 checkouts (1,000 pages); probes of pages the engine then reads are free.
 *
 * A forward read without a cursor that needs only its first few items (`ListOptions.firstPageSize`; no gateway-side
 * filter and no created-at jump) asks for just that many on page 1 (ref null, `page[size]` = that many). Its page
 * numbers mean slices of that size, so they are never used: its next is `'f:<k>'`, page 1 at size 100 from item k
 * on, whose next is `"2"` and prev `'h:<k>'`, page 1's first k items (see ../first-page.ts). Such a list names page 1
 * `"1"` in the positions it makes itself (`end()`), so they never point into its short page.
 */
import { START, type CheckoutFilter, type Instant, type ListOptions, type PagedList, type PageRef, type Position, type UpstreamPage } from '../../domain.js';
import { BadUserInputError } from '../../errors.js';
import { LEMON_PAGE_SIZE, type LemonSqueezyClient } from './client.js';
import { planCheckoutFilter, planNativeFilter, type LemonListPlan, type LemonNativeFilter } from './filter.js';
import { mapDocumentCheckouts, PROVIDER, type LemonSqueezyCheckout } from './map.js';
import { firstPageLimit, firstPagePart, firstPagePartOf, shortPageNext } from '../first-page.js';
import { mapOnce } from '../memo.js';

/** The provider's notion of "now", for the expiry rule; injected so tests and the mapper stay deterministic. */
export type Clock = () => Instant;

export function pageNumberOf(ref: PageRef): number {
  if (ref === null) return 1;
  if (!/^[1-9]\d{0,8}$/.test(ref)) throw new BadUserInputError('the cursor does not name a Lemon Squeezy page');
  return Number(ref);
}

export function refOf(page: number): PageRef {
  return page === 1 ? null : String(page);
}

export class LemonSqueezyPagedList implements PagedList<LemonSqueezyCheckout> {
  readonly provider = PROVIDER;
  readonly residual: ((item: LemonSqueezyCheckout) => boolean) | undefined;
  readonly exactTotal: boolean;
  private readonly native: LemonNativeFilter;
  private readonly createdAfter: Instant | null;
  private readonly createdBefore: Instant | null;
  /** Cache mark for a fresh list: only pages loaded after it are used. */
  private readonly since: number | undefined;
  /** `page[size]` of page 1 read as ref null: fewer than a full page for a read that needs only the first few. */
  private readonly firstLimit: number;

  constructor(
    private readonly client: LemonSqueezyClient,
    plan: LemonListPlan,
    private readonly clock: Clock,
    options: ListOptions = {},
  ) {
    this.since = options.fresh ? client.http.cacheMark() : undefined;
    this.native = plan.query;
    this.residual = plan.residual;
    this.exactTotal = plan.residual === undefined;
    this.createdAfter = plan.createdAfter;
    this.createdBefore = plan.createdBefore;
    const fromStart = plan.residual === undefined && plan.createdAfter === null && plan.createdBefore === null;
    this.firstLimit = firstPageLimit(options, LEMON_PAGE_SIZE, fromStart);
  }

  /** The list for the merged connection: nothing pushes down, everything is residual (see filter.ts). */
  static forFilter(client: LemonSqueezyClient, filter: CheckoutFilter, clock: Clock, options: ListOptions = {}): LemonSqueezyPagedList {
    return new LemonSqueezyPagedList(client, planCheckoutFilter(filter), clock, options);
  }

  /** The list for `Query.lemonSqueezyCheckouts`: only the upstream's own filters, so totals are exact. */
  static forNative(client: LemonSqueezyClient, native: LemonNativeFilter, clock: Clock, options: ListOptions = {}): LemonSqueezyPagedList {
    return new LemonSqueezyPagedList(client, planNativeFilter(native), clock, options);
  }

  async page(ref: PageRef, signal?: AbortSignal): Promise<UpstreamPage<LemonSqueezyCheckout>> {
    if (ref === null && this.firstLimit < LEMON_PAGE_SIZE) {
      const doc = await this.client.listPage({ ...this.native, page: 1, size: this.firstLimit }, signal, this.since);
      const items = mapOnce(doc.data, (data) => mapDocumentCheckouts(data, doc.included, this.clock()));
      return { ref, items, next: shortPageNext(items.length, Boolean(doc.links.next)), prev: null, totalCount: doc.meta.page.total };
    }
    const part = firstPagePart(ref, LEMON_PAGE_SIZE);
    if (part) return firstPagePartOf(await this.fullPage(1, null, signal), ref as string, part);
    return this.fullPage(pageNumberOf(ref), ref, signal);
  }

  /** Page `number` at `page[size]=100`. */
  private async fullPage(number: number, ref: PageRef, signal?: AbortSignal): Promise<UpstreamPage<LemonSqueezyCheckout>> {
    const doc = await this.client.listPage({ ...this.native, page: number }, signal, this.since);
    return {
      ref,
      items: mapOnce(doc.data, (data) => mapDocumentCheckouts(data, doc.included, this.clock())),
      next: doc.links.next ? String(number + 1) : null,
      prev: number === 1 ? null : String(number - 1),
      totalCount: doc.meta.page.total,
    };
  }

  async end(signal?: AbortSignal): Promise<Position> {
    const listEnd = await this.listEnd(signal);
    if (this.createdAfter === null) return listEnd;
    const after = this.createdAfter;
    // The first item with createdAt <= createdAfter; the position before it ends the matching prefix.
    return (await this.firstWhere((createdAt) => createdAt <= after, listEnd, signal)) ?? listEnd;
  }

  async start(signal?: AbortSignal): Promise<Position> {
    if (this.createdBefore === null) return START;
    const before = this.createdBefore;
    const listEnd = await this.listEnd(signal);
    return (await this.firstWhere((createdAt) => createdAt < before, listEnd, signal)) ?? listEnd;
  }

  /** After the last item: the last page (from page 1's `meta.page`) with `o` = its item count. */
  private async listEnd(signal?: AbortSignal): Promise<Position> {
    const first = await this.client.listPage({ ...this.native, page: 1 }, signal, this.since);
    const { total, lastPage, perPage } = first.meta.page;
    if (total === 0) return START;
    return { r: this.refOf(lastPage), o: total - (lastPage - 1) * perPage };
  }

  /**
   * The position of the first item whose createdAt satisfies `test`, where `test` is monotone along the list
   * (false…false true…true, as any bound is over a createdAt-descending list); null when no item satisfies it.
   * Binary search over page numbers, deciding each probe by the page's last item.
   */
  private async firstWhere(test: (createdAt: Instant) => boolean, listEnd: Position, signal?: AbortSignal): Promise<Position | null> {
    const lastPage = pageNumberOf(listEnd.r);
    let lo = 1;
    let hi = lastPage;
    let found: number | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const items = await this.createdAts(mid, signal);
      const last = items[items.length - 1];
      if (last !== undefined && test(last)) {
        found = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    if (found === null) return null;
    const items = await this.createdAts(found, signal);
    const o = items.findIndex(test);
    return { r: this.refOf(found), o: o === -1 ? items.length : o };
  }

  private async createdAts(page: number, signal?: AbortSignal): Promise<Instant[]> {
    const { items } = await this.fullPage(page, this.refOf(page), signal);
    return items.map((item) => item.createdAt);
  }

  /** The ref of a full page: page 1 is `"1"` on a list whose ref null is a short page. */
  private refOf(page: number): PageRef {
    return page === 1 && this.firstLimit < LEMON_PAGE_SIZE ? '1' : refOf(page);
  }
}
