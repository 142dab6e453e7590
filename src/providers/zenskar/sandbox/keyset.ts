/**
 * Keyset pagination for the Zenskar sandbox (§3 and §8 of the document; the cursor format is our [assumption]).
 *
 * A view is rows[lo, hi) of an array already sorted by (sort value, id) in the order's direction, nulls last in both
 * directions. A cursor holds the order, the (value, id) of an anchor row and a direction:
 *   - `next`: the `limit` rows strictly after the anchor;
 *   - `prev`: the `limit` rows strictly before the anchor, still returned in the order's direction.
 * Because the id tie-break runs in the same direction as the sort, `order=created_at` is the exact reverse of
 * `order=-created_at`. Finding the anchor is a binary search, so no page costs more than O(log n + limit).
 */

export type SortValue = number | string | null;

export interface KeysetOrder<Row> {
  /** The `order` parameter as sent, e.g. `-created_at`. */
  order: string;
  desc: boolean;
  /** The sort value of a row (numbers for timestamps, in microseconds). */
  value(row: Row): SortValue;
  id(row: Row): string;
  /** The sort value as it travels in a cursor (timestamps as naive text). */
  encodeValue(value: SortValue): string | number | null;
  /** Back from the cursor form; undefined when the cursor's value is not one this order can hold. */
  decodeValue(value: unknown): SortValue | undefined;
}

export interface CursorPayload {
  order: string;
  last: [string | number | null, string];
  dir: 'next' | 'prev';
}

export interface View<Row> {
  rows: readonly Row[];
  lo: number;
  hi: number;
}

export interface KeysetPage<Row> {
  items: readonly Row[];
  next: string | null;
  previous: string | null;
  total: number;
}

export function compareKeys(av: SortValue, aid: string, bv: SortValue, bid: string, desc: boolean): number {
  if (av === null || bv === null) {
    if (av !== bv) return av === null ? 1 : -1; // nulls last, whichever the direction
  } else if (av !== bv) {
    return (av < bv ? -1 : 1) * (desc ? -1 : 1);
  }
  if (aid === bid) return 0;
  return (aid < bid ? -1 : 1) * (desc ? -1 : 1);
}

/** First index in [lo, hi) where `pred` holds, for a predicate that is false then true over the range. */
export function firstIndex<Row>(rows: readonly Row[], lo: number, hi: number, pred: (row: Row) => boolean): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (pred(rows[mid] as Row)) b = mid;
    else a = mid + 1;
  }
  return a;
}

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Decodes a cursor's envelope; the caller checks `order` and the value. Null when it is not a cursor at all. */
export function decodeCursor(text: string): CursorPayload | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { order, last, dir } = parsed as Record<string, unknown>;
  if (typeof order !== 'string' || (dir !== 'next' && dir !== 'prev')) return null;
  if (!Array.isArray(last) || last.length !== 2 || typeof last[1] !== 'string') return null;
  const value = last[0];
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') return null;
  return { order, last: [value, last[1]], dir };
}

/** One page of `view` at `cursor` (already checked against `order`), with the cursors around it. */
export function pageOf<Row>(
  view: View<Row>,
  order: KeysetOrder<Row>,
  limit: number,
  cursor: { value: SortValue; id: string; dir: 'next' | 'prev' } | null,
): KeysetPage<Row> {
  const { rows, lo, hi } = view;
  let start: number;
  let end: number;
  if (!cursor) {
    start = lo;
    end = Math.min(hi, lo + limit);
  } else {
    const after = (row: Row) => compareKeys(order.value(row), order.id(row), cursor.value, cursor.id, order.desc) > 0;
    const atOrAfter = (row: Row) => compareKeys(order.value(row), order.id(row), cursor.value, cursor.id, order.desc) >= 0;
    if (cursor.dir === 'next') {
      start = firstIndex(rows, lo, hi, after);
      end = Math.min(hi, start + limit);
    } else {
      end = firstIndex(rows, lo, hi, atOrAfter);
      start = Math.max(lo, end - limit);
    }
  }
  const items = rows.slice(start, end);
  const keyOf = (row: Row | undefined, dir: 'next' | 'prev'): string => {
    // An empty page still continues from the anchor it was asked about.
    const value = row ? order.value(row) : (cursor as { value: SortValue }).value;
    const id = row ? order.id(row) : (cursor as { id: string }).id;
    return encodeCursor({ order: order.order, last: [order.encodeValue(value), id], dir });
  };
  return {
    items,
    next: end < hi ? keyOf(items[items.length - 1], 'next') : null,
    previous: start > lo ? keyOf(items[0], 'prev') : null,
    total: hi - lo,
  };
}
