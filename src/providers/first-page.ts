/**
 * A short first page for lists whose page refs depend on the page size: Zenskar's cursors are only known to be valid
 * with the `limit` they were made with, and Lemon Squeezy's page numbers name slices of `page[size]`.
 *
 * A forward read without a cursor needs at most `ListOptions.firstPageSize` items. Such a list asks its upstream for
 * only that many on its first page (ref null) and never uses that short page's own next/prev: its next is
 * `'f:<k>'`, "the full first page from its item k on", k being the short page's item count. `'f:<k>'` fetches the
 * ordinary full first page (full size, no cursor: the very request, and so the cache entry, of a list that reads full
 * pages) and gives its items from k on, with the full page's own next. Its prev is `'h:<k>'`, "the full first page's
 * first k items" (prev null, next `'f:<k>'`), so a backward read from a position inside `'f:<k>'` reaches the list's
 * start without repeating an item, whichever list (short first page or not) reads the cursor.
 *
 * Positions inside the short first page, `{ r: null, o }`, count items from the list's start as they do inside a full
 * first page, so a cursor made on a short first page reads the same items from a list that reads full pages. Exact for
 * as long as the first page's first items stay where they are (as any position inside a page is).
 */
import type { Checkout, ListOptions, PageRef, UpstreamPage } from '../domain.js';
import { BadUserInputError } from '../errors.js';

/** The full first page from item k on (`rest`), or its first k items (`head`). */
export interface FirstPagePart {
  part: 'head' | 'rest';
  k: number;
}

/**
 * Items to ask for on the first page: `firstPageSize` (at most `fullSize`) for a list that yields every item it reads
 * (no gateway-side filter, which may need more than the first items) and starts reading at its start; else `fullSize`.
 */
export function firstPageLimit(options: ListOptions, fullSize: number, readsFromStart: boolean): number {
  if (!options.firstPageSize || !readsFromStart) return fullSize;
  return Math.min(fullSize, Math.max(1, Math.floor(options.firstPageSize)));
}

export function restRef(k: number): string {
  return `f:${k}`;
}

export function headRef(k: number): string {
  return `h:${k}`;
}

/** The part of the full first page a ref names; null for a ref of another form; a malformed one is rejected. */
export function firstPagePart(ref: PageRef, fullSize: number): FirstPagePart | null {
  if (ref === null || !(ref.startsWith('f:') || ref.startsWith('h:'))) return null;
  const digits = ref.slice(2);
  const k = /^\d{1,3}$/.test(digits) ? Number(digits) : Number.NaN;
  if (!(k >= 0 && k <= fullSize)) throw new BadUserInputError('the cursor does not name a part of the first page');
  return { part: ref.startsWith('f:') ? 'rest' : 'head', k };
}

/** The next ref of a short first page of `count` items: the rest of the full first page when the upstream has more. */
export function shortPageNext(count: number, more: boolean): PageRef {
  return more ? restRef(count) : null;
}

/** The page a first-page part ref names, cut from the full first page (`full`: as a full-size `page(null)` reads it). */
export function firstPagePartOf<C extends Checkout>(full: UpstreamPage<C>, ref: string, { part, k }: FirstPagePart): UpstreamPage<C> {
  if (part === 'rest') {
    return { ref, items: full.items.slice(k), next: full.next ?? null, prev: k > 0 ? headRef(k) : null, totalCount: full.totalCount };
  }
  const more = k < full.items.length || (full.next !== null && full.next !== undefined);
  return { ref, items: full.items.slice(0, k), next: more ? restRef(k) : null, prev: null, totalCount: full.totalCount };
}
