/**
 * How the fake StateSet finds the sessions a list request selects, without scanning or copying the list: binary
 * searches over created_at (the list is created_at DESC) and over the per-status / per-email position lists.
 */
import { instantMicros, type SandboxData } from './data.js';
import type { StateSetStatus } from '../types.js';

/** First index in [lo, hi) where `pred` turns true (pred is false…false true…true over the range). */
function partition(lo: number, hi: number, pred: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index of an ascending number list holding a value ≥ `value`. */
export function lowerBound(list: readonly number[], value: number): number {
  return partition(0, list.length, (i) => (list[i] as number) >= value);
}

export interface ListQuery {
  limit: number;
  startingAfter: number | null;
  status: StateSetStatus | null;
  email: string | null;
  after: string | null;
  before: string | null;
}

/** The positions (in list order) the query selects, without the cursor: a [from, to) range of a list of positions. */
export function select(data: SandboxData, q: ListQuery): { positions: readonly number[] | null; from: number; to: number } {
  const n = data.checkouts.length;
  const created = data.createdMicros;
  // The list is created_at DESC: `created_before` cuts a prefix, `created_after` a suffix.
  const before = q.before ? instantMicros(q.before) : null;
  const after = q.after ? instantMicros(q.after) : null;
  const first = before !== null ? partition(0, n, (i) => (created[i] as number) < before) : 0;
  const end = after !== null ? partition(0, n, (i) => (created[i] as number) <= after) : n;
  let positions: readonly number[] | null = null;
  if (q.status && q.email) {
    const byEmail = data.byEmail.get(q.email) ?? [];
    positions = byEmail.filter((i) => data.checkouts[i]?.status === q.status);
  } else if (q.status) positions = data.byStatus.get(q.status) ?? [];
  else if (q.email) positions = data.byEmail.get(q.email) ?? [];
  if (!positions) return { positions, from: first, to: Math.max(first, end) };
  return { positions, from: lowerBound(positions, first), to: lowerBound(positions, end) };
}
