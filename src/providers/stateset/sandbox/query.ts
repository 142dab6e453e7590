/**
 * The fake StateSet's list query: `limit`, `status`, `buyer_email`, `created_after` / `created_before` and
 * `starting_after` parsed into a ListQuery (or refused with a ParamError, which the server answers as a 400), and
 * how the sessions it selects are found without scanning or copying the list: binary searches over created_at (the
 * list is created_at DESC) and over the per-status / per-email position lists.
 */
import { parseInstant } from '../../../instant.js';
import { instantMicros, type SandboxData } from './data.js';
import { STATESET_STATUSES, type StateSetStatus } from '../types.js';

const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

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

/** A parameter the list refuses: answered as a 400 with this code, message and details. */
export class ParamError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function param(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  if (values.length > 1) throw new ParamError('VALIDATION_ERROR', `${name} may be given only once`, { param: name });
  return values[0] ?? null;
}

function timestampParam(query: URLSearchParams, name: string): string | null {
  const text = param(query, name);
  if (text === null) return null;
  const instant = TIMESTAMP_PATTERN.test(text) ? parseInstant(text) : null;
  if (instant === null) {
    throw new ParamError('INVALID_FIELD_FORMAT', `${name} must be an ISO 8601 timestamp such as 2024-09-30T10:00:00Z`, {
      param: name,
      value: text,
    });
  }
  return instant;
}

/**
 * The list query, checked in a fixed order (the first bad parameter is the one reported); `starting_after` must name
 * a checkout of `data`. `clamp` brings an out-of-range `limit` into 1–100 instead of refusing it.
 */
export function parseListQuery(query: URLSearchParams, data: SandboxData, limitPolicy: 'reject' | 'clamp' = 'reject'): ListQuery {
  const limitText = param(query, 'limit');
  let limit = DEFAULT_LIMIT;
  if (limitText !== null) {
    if (!/^-?\d+$/.test(limitText)) throw new ParamError('VALIDATION_ERROR', 'limit must be an integer between 1 and 100', { param: 'limit' });
    limit = Number(limitText);
    if (limit < 1 || limit > MAX_LIMIT) {
      if (limitPolicy !== 'clamp') throw new ParamError('VALIDATION_ERROR', 'limit must be an integer between 1 and 100', { param: 'limit' });
      limit = Math.min(MAX_LIMIT, Math.max(1, limit));
    }
  }
  const statusText = param(query, 'status');
  if (statusText !== null && !(STATESET_STATUSES as readonly string[]).includes(statusText)) {
    throw new ParamError('VALIDATION_ERROR', `status must be one of ${STATESET_STATUSES.join(', ')}`, { param: 'status', value: statusText });
  }
  const email = param(query, 'buyer_email');
  if (email === '') throw new ParamError('VALIDATION_ERROR', 'buyer_email must not be empty', { param: 'buyer_email' });
  const after = timestampParam(query, 'created_after');
  const before = timestampParam(query, 'created_before');
  const cursor = param(query, 'starting_after');
  let startingAfter: number | null = null;
  if (cursor !== null) {
    const position = data.positionById.get(cursor);
    if (position === undefined) {
      throw new ParamError('VALIDATION_ERROR', `starting_after: no checkout with id ${cursor}`, { param: 'starting_after', value: cursor });
    }
    startingAfter = position;
  }
  return { limit, startingAfter, status: statusText as StateSetStatus | null, email: email?.toLowerCase() ?? null, after, before };
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

/** The page the query asks for: positions in list order, whether more follow, and the filtered total (cursor ignored). */
export function pageOf(data: SandboxData, q: ListQuery): { positions: number[]; hasMore: boolean; total: number } {
  const { positions, from, to } = select(data, q);
  const at = (k: number) => (positions ? (positions[k] as number) : k);
  let start = from;
  if (q.startingAfter !== null) start = Math.max(from, positions ? lowerBound(positions, q.startingAfter + 1) : q.startingAfter + 1);
  const stop = Math.min(to, start + q.limit);
  const page: number[] = [];
  for (let k = start; k < stop; k++) page.push(at(k));
  return { positions: page, hasMore: stop < to, total: Math.max(0, to - from) };
}
