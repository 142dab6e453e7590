/**
 * Reading one provider's list from a position, forward or backward, in pages of the upstream's own size.
 *
 * Invariant: every returned item carries `before`, the position right before it, so a cursor can resume exactly
 * there; non-matching items (gateway-side filters) are skipped but never lost, because a position only ever
 * skips items that do not match.
 */
import type { Checkout, PagedList, PageRef, Position, UpstreamPage } from '../domain.js';
import { findAnchor, locate, positionIn } from './position.js';

export interface ReadItem {
  item: Checkout;
  /** The position right before this item in its list. */
  before: Position;
}

export interface ReadResult {
  /** Matching items in read order (forward: list order; backward: reverse list order). */
  items: ReadItem[];
  /** True when the list holds nothing more in the read direction (its end, its start, or an early stop). */
  exhausted: boolean;
  /**
   * When not exhausted: the last item examined (matching or not). Everything up to it is accounted for; items beyond it
   * are unknown, so the merge must not emit another provider's item that sorts beyond it.
   */
  frontier: Checkout | null;
  /** Forward: the position after the last item examined. Backward: the position right before it (or `from`). */
  end: Position;
  /** The upstream's total for the query, from any page read. */
  totalCount: number | null;
  /**
   * Backward reads: where the read started, as found in the upstream page now and anchored on the item before it (a
   * position an adapter made, such as `end()`, carries no anchor of its own).
   */
  start?: Position;
  /** Upstream pages read (cache hits included). */
  pagesRead: number;
}

export interface ReadOptions {
  /** Matching items wanted. */
  want: number;
  /** Most pages to read; past it the read stops short (not exhausted). */
  maxPages: number;
  /** True when this item and every item after it in the read direction cannot match (an early stop). */
  stop?: (item: Checkout) => boolean;
  signal?: AbortSignal;
}

/**
 * A read stops short only after examining at least one item, so every read makes progress (a position at the very end
 * of a page, or an empty page at a terminal ref, costs a page that examines nothing); two extra pages cap that.
 */
function overBudget(pagesRead: number, frontier: Checkout | null, maxPages: number): boolean {
  return pagesRead >= maxPages + 2 || (pagesRead >= maxPages && frontier !== null);
}

function matches(list: PagedList, item: Checkout): boolean {
  return !list.residual || list.residual(item);
}

/** How many pages past a cursor's own page a read looks for its anchor (new items pushed it down the list). */
const ANCHOR_SEARCH_PAGES = 3;

/**
 * The cursor's place as the upstream lists it now. Items created (or removed) above it since the cursor was made move
 * its page's items: the place is right after its anchor, looked for in its page and, pushed down by new items, in the
 * few pages after it. Without its anchor there (removed upstream), the offset as it was.
 */
async function place(list: PagedList, from: Position, signal?: AbortSignal): Promise<{ page: UpstreamPage; ref: PageRef; offset: number; pages: number }> {
  const first = await list.page(from.r, signal);
  const found = locate(first.items, from);
  if (found !== null) return { page: first, ref: from.r, offset: found, pages: 1 };
  let page = first;
  for (let pages = 2; pages <= ANCHOR_SEARCH_PAGES + 1 && page.next !== null && page.next !== undefined; pages++) {
    const ref: PageRef = page.next;
    page = await list.page(ref, signal);
    const at = findAnchor(page.items, from);
    if (at !== null) return { page, ref, offset: at, pages };
  }
  return { page: first, ref: from.r, offset: from.o, pages: 1 };
}

export async function readForward(list: PagedList, from: Position, options: ReadOptions): Promise<ReadResult> {
  const items: ReadItem[] = [];
  const start = await place(list, from, options.signal);
  let ref = start.ref;
  let offset = start.offset;
  let frontier: Checkout | null = null;
  let pagesRead = start.pages - 1;
  let totalCount: number | null = null;
  for (let first = true; ; first = false) {
    const page = first ? start.page : await list.page(ref, options.signal);
    pagesRead++;
    totalCount ??= page.totalCount;
    for (; offset < page.items.length; offset++) {
      const item = page.items[offset] as Checkout;
      if (options.stop?.(item)) {
        return { items, exhausted: true, frontier: null, end: positionIn(ref, page.items, offset), totalCount, pagesRead };
      }
      frontier = item;
      if (matches(list, item)) {
        items.push({ item, before: positionIn(ref, page.items, offset) });
        if (items.length >= options.want) {
          return { items, exhausted: false, frontier, end: positionIn(ref, page.items, offset + 1), totalCount, pagesRead };
        }
      }
    }
    if (page.next === null || page.next === undefined) {
      return { items, exhausted: true, frontier: null, end: positionIn(ref, page.items, offset), totalCount, pagesRead };
    }
    if (overBudget(pagesRead, frontier, options.maxPages)) {
      return { items, exhausted: false, frontier, end: positionIn(ref, page.items, offset), totalCount, pagesRead };
    }
    ref = page.next;
    offset = 0;
  }
}

export async function readBackward(list: PagedList, from: Position, options: ReadOptions): Promise<ReadResult> {
  const items: ReadItem[] = [];
  const start = await place(list, from, options.signal);
  let ref = start.ref;
  let page: UpstreamPage = start.page;
  let pagesRead = start.pages;
  let offset = Math.min(start.offset, page.items.length);
  let frontier: Checkout | null = null;
  // Where the read starts, anchored on the item before it (a position `end()` made carries no anchor of its own).
  const startedAt = positionIn(ref, page.items, offset);
  let end: Position = startedAt;
  let totalCount: number | null = page.totalCount;
  const result = (exhausted: boolean): ReadResult => ({
    items,
    exhausted,
    frontier: exhausted ? null : frontier,
    end,
    start: startedAt,
    totalCount,
    pagesRead,
  });
  for (;;) {
    for (let i = offset - 1; i >= 0; i--) {
      const item = page.items[i] as Checkout;
      if (options.stop?.(item)) return result(true);
      frontier = item;
      end = positionIn(ref, page.items, i);
      if (matches(list, item)) {
        items.push({ item, before: end });
        if (items.length >= options.want) return result(false);
      }
    }
    if (page.prev === null) return result(true);
    if (overBudget(pagesRead, frontier, options.maxPages)) return result(false);
    if (page.prev === undefined) {
      if (!list.pageBefore) throw new Error(`${list.provider} list cannot page backward`);
      // An empty page at a ref means the ref's own item ends the list, so what precedes it is the list's last page.
      page = await list.pageBefore(page.items[0] ?? null, options.signal);
      ref = page.ref;
    } else {
      ref = page.prev;
      page = await list.page(ref, options.signal);
    }
    pagesRead++;
    totalCount ??= page.totalCount;
    offset = page.items.length;
  }
}
