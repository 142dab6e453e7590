/**
 * Zenskar's checkout list as the pagination engine reads it (`PagedList`).
 *
 * Page references are opaque strings built only from cursors Zenskar handed us:
 *   - `null` (or `'d:'`): the first page of `order=-created_at` (newest first, the list order);
 *   - `'d:<cursor>'`: a page of that descending query at a cursor; next/prev are its `next`/`previous`;
 *   - `'a:'` / `'a:<cursor>'`: a page of the ascending query (`order=created_at`) with its items reversed, so it reads in
 *     list order too. Going older is the ascending `previous`, going newer the ascending `next`.
 * The ascending form is what reaches the end of the list in one request (`end()`, for `last: N` without `before`):
 * `order=created_at` is the exact reverse of `order=-created_at` because the id tie-break follows the direction.
 * Every request with a cursor asks for `limit=100`, the maximum, so refs stay meaningful and pages stay cache-friendly.
 *
 * A forward read without a cursor that needs only its first few items (`ListOptions.firstPageSize`, no gateway-side
 * filter) asks for just that many on the first page (ref null). That short page's cursors are never used (a cursor is
 * only known to be valid with the `limit` it was made with): its next is `'f:<k>'`, the ordinary full first page from
 * item k on, whose prev is `'h:<k>'`, that page's first k items (see ../first-page.ts).
 */
import type { ListOptions, PagedList, PageRef, Position, UpstreamPage } from '../../domain.js';
import { BadUserInputError } from '../../errors.js';
import type { ZenskarClient } from './client.js';
import { ZENSKAR_PAGE_SIZE } from './client.js';
import type { ZenskarCheckoutQuery } from './filter.js';
import { firstPageLimit, firstPagePart, firstPagePartOf, shortPageNext } from '../first-page.js';
import { mapOnce } from '../memo.js';
import type { ZenskarCheckout } from './map.js';

/** The ascending page in list order, reversed once per cached page. */
function reversed(items: ZenskarCheckout[]): ZenskarCheckout[] {
  return mapOnce(items, (list) => [...list].reverse());
}

export class ZenskarPagedList implements PagedList<ZenskarCheckout> {
  readonly provider = 'ZENSKAR' as const;
  readonly exactTotal: boolean;
  readonly residual?: (item: ZenskarCheckout) => boolean;
  /** Cache mark for a fresh list: only pages loaded after it are used. */
  private readonly since: number | undefined;
  /** Items asked for on the first page (ref null): fewer than a full page for a read that needs only the first few. */
  private readonly firstLimit: number;

  constructor(
    private readonly client: ZenskarClient,
    private readonly query: ZenskarCheckoutQuery,
    residual?: (item: ZenskarCheckout) => boolean,
    options: ListOptions = {},
  ) {
    this.since = options.fresh ? client.http.cacheMark() : undefined;
    this.firstLimit = firstPageLimit(options, ZENSKAR_PAGE_SIZE, !residual);
    if (residual) this.residual = residual;
    this.exactTotal = !residual;
  }

  async page(ref: PageRef, signal?: AbortSignal): Promise<UpstreamPage<ZenskarCheckout>> {
    if (ref === null && this.firstLimit < ZENSKAR_PAGE_SIZE) {
      const res = await this.client.listPage({ ...this.query, order: '-created_at', limit: this.firstLimit }, signal, this.since);
      return { ref, items: res.results, next: shortPageNext(res.results.length, Boolean(res.next)), prev: null, totalCount: res.total_count ?? null };
    }
    const part = firstPagePart(ref, ZENSKAR_PAGE_SIZE);
    if (part) return firstPagePartOf(await this.fullPage(null, signal), ref as string, part);
    return this.fullPage(ref, signal);
  }

  /** A page of `limit=100`: the descending query (null or `'d:…'`) or the ascending one (`'a:…'`). */
  private async fullPage(ref: PageRef, signal?: AbortSignal): Promise<UpstreamPage<ZenskarCheckout>> {
    if (ref === null || ref.startsWith('d:')) {
      const cursor = ref ? ref.slice(2) : '';
      const res = await this.client.listPage(
        { ...this.query, order: '-created_at', limit: ZENSKAR_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        signal,
        this.since,
      );
      return {
        ref,
        items: res.results,
        next: res.next ? `d:${res.next}` : null,
        prev: res.previous ? `d:${res.previous}` : null,
        totalCount: res.total_count ?? null,
      };
    }
    if (ref.startsWith('a:')) {
      const cursor = ref.slice(2);
      const res = await this.client.listPage(
        { ...this.query, order: 'created_at', limit: ZENSKAR_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        signal,
        this.since,
      );
      return {
        ref,
        items: reversed(res.results),
        next: res.previous ? `a:${res.previous}` : null,
        prev: res.next ? `a:${res.next}` : null,
        totalCount: res.total_count ?? null,
      };
    }
    // Refs only come from our own pages via signed cursors, so this is a cursor from some other list.
    throw new BadUserInputError('The cursor does not belong to this Zenskar list');
  }

  /** The oldest page, reversed: its item count is the offset of the list's end. */
  async end(signal?: AbortSignal): Promise<Position> {
    const last = await this.page('a:', signal);
    return { r: 'a:', o: last.items.length };
  }
}
