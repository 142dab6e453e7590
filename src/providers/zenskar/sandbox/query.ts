/**
 * Query-string handling of the Zenskar sandbox's `GET /checkout`: the documented filters (§2.2), `order` (§3.3),
 * and FastAPI/pydantic-v1 style 422 details for anything invalid (§6). Unknown parameters and operators are ignored
 * (the document's lenient choice), as is the undocumented `offset`.
 *
 * Keyset pagination, the second half of this file (§3 and §8 of the document; the cursor format is our [assumption]).
 *
 * A view is rows[lo, hi) of an array already sorted by (sort value, id) in the order's direction, nulls last in both
 * directions. A cursor holds the order, the (value, id) of an anchor row and a direction:
 *   - `next`: the `limit` rows strictly after the anchor;
 *   - `prev`: the `limit` rows strictly before the anchor, still returned in the order's direction.
 * Because the id tie-break runs in the same direction as the sort, `order=created_at` is the exact reverse of
 * `order=-created_at`. Finding the anchor is a binary search, so no page costs more than O(log n + limit).
 */
import { instantToMillis, parseInstant } from '../../../instant.js';
import type { ZenskarSessionRow, ZenskarSessionTimes } from './records.js';
import { naiveFromMicros } from './records.js';
import { CHECKOUT_SESSION_STATUSES, PAYMENT_STATUSES } from '../types.js';

/** One entry of a 422 `detail` array. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}

/** What pydantic's UUID type accepts (hyphens optional), so stricter than the gateway's own check. */
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function isUuidText(text: string): boolean {
  return UUID.test(text.trim());
}

/** Instant text → epoch microseconds. Naive values are UTC ([assumption] §2.2). */
export function microsFromText(text: string): number | null {
  const instant = parseInstant(text);
  if (instant === null) return null;
  return instantToMillis(instant) * 1000 + Number(instant.slice(23, 26));
}

/** pydantic v1 boolean parsing. */
function parseBool(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes', 't', 'y'].includes(t)) return true;
  if (['0', 'false', 'off', 'no', 'f', 'n'].includes(t)) return false;
  return undefined;
}

type Kind = 'uuid' | 'string' | 'session_status' | 'payment_status' | 'bool' | 'datetime' | 'number';

interface FieldSpec {
  kind: Kind;
  exact: boolean;
  in: boolean;
  isnull: boolean;
  range: boolean;
  get(row: ZenskarSessionRow): string | number | boolean | null;
}

const s = (row: ZenskarSessionRow) => row.session;
const time = (key: keyof ZenskarSessionTimes) => (row: ZenskarSessionRow) => row.t[key];

/** §2.2, row by row. Eager row fields are read directly, so the common filters never materialise a whole session. */
const FIELDS: Record<string, FieldSpec> = {
  id: { kind: 'uuid', exact: true, in: true, isnull: false, range: false, get: (r) => r.id },
  organisation_id: { kind: 'uuid', exact: true, in: true, isnull: false, range: false, get: (r) => s(r).organisation_id ?? null },
  contract_id: { kind: 'uuid', exact: true, in: true, isnull: true, range: false, get: (r) => s(r).contract_id ?? null },
  checkout_session_status: { kind: 'session_status', exact: true, in: true, isnull: false, range: false, get: (r) => r.status },
  payment_status: { kind: 'payment_status', exact: true, in: true, isnull: false, range: false, get: (r) => s(r).payment_status },
  customer_id: { kind: 'uuid', exact: true, in: true, isnull: true, range: false, get: (r) => s(r).customer_id ?? null },
  business_entity_id: { kind: 'uuid', exact: true, in: true, isnull: false, range: false, get: (r) => s(r).business_entity_id ?? null },
  guest_checkout: { kind: 'bool', exact: true, in: false, isnull: false, range: false, get: (r) => r.guest },
  payment_intent_id: { kind: 'string', exact: true, in: false, isnull: true, range: false, get: (r) => s(r).payment_intent_id ?? null },
  execution_id: { kind: 'uuid', exact: true, in: true, isnull: true, range: false, get: (r) => s(r).execution_id ?? null },
  currency: { kind: 'string', exact: true, in: true, isnull: false, range: false, get: (r) => r.currency },
  amount_due: { kind: 'number', exact: false, in: false, isnull: false, range: true, get: (r) => r.amountDue },
  confirmed_at: { kind: 'datetime', exact: true, in: false, isnull: true, range: true, get: time('confirmed_at') },
  paid_at: { kind: 'datetime', exact: true, in: false, isnull: true, range: true, get: time('paid_at') },
  expires_at: { kind: 'datetime', exact: true, in: false, isnull: true, range: true, get: time('expires_at') },
  last_activity_at: { kind: 'datetime', exact: true, in: false, isnull: false, range: true, get: time('last_activity_at') },
  created_at: { kind: 'datetime', exact: true, in: false, isnull: false, range: true, get: (r) => r.createdMicros },
  updated_at: { kind: 'datetime', exact: true, in: false, isnull: false, range: true, get: time('updated_at') },
  deleted_at: { kind: 'datetime', exact: true, in: false, isnull: true, range: true, get: (r) => (r.deleted ? r.t.deleted_at : null) },
  idempotency_key: { kind: 'string', exact: true, in: false, isnull: false, range: false, get: (r) => s(r).idempotency_key ?? null },
  correlation_id: { kind: 'string', exact: true, in: false, isnull: false, range: false, get: (r) => s(r).correlation_id ?? null },
};

const ENUMS: Partial<Record<Kind, readonly string[]>> = {
  session_status: CHECKOUT_SESSION_STATUSES,
  payment_status: PAYMENT_STATUSES,
};

type Predicate = (row: ZenskarSessionRow) => boolean;

/** A bound on created_at, applied by binary search when the order is by created_at. */
export interface CreatedBound {
  op: 'gt' | 'gte' | 'lt' | 'lte';
  micros: number;
}

export interface ParsedFilters {
  predicates: Predicate[];
  /** Canonical text of the predicates' parameters, for caching filtered views. */
  key: string;
  createdBounds: CreatedBound[];
  /** When true, soft-deleted rows are dropped before any other filter ([assumption] §2.2). */
  excludeDeleted: boolean;
}

const RANGE_OPS = ['gt', 'gte', 'lt', 'lte'] as const;

/**
 * Parses every recognised filter parameter. Invalid values are collected as 422 issues (all at once, as FastAPI does).
 * With `createdBoundsSeparate`, created_at ranges come back as bounds instead of predicates.
 */
export function parseFilters(query: URLSearchParams, createdBoundsSeparate: boolean, issues: ValidationIssue[]): ParsedFilters {
  const predicates: Predicate[] = [];
  const keyParts: string[] = [];
  const createdBounds: CreatedBound[] = [];
  let deletedMentioned = false;

  const scalar = (param: string, spec: FieldSpec, raw: string): string | number | boolean | undefined => {
    const loc = ['query', param];
    switch (spec.kind) {
      case 'uuid':
        if (!isUuidText(raw)) {
          issues.push({ loc, msg: 'value is not a valid uuid', type: 'type_error.uuid' });
          return undefined;
        }
        return raw.trim().toLowerCase();
      case 'session_status':
      case 'payment_status': {
        const allowed = ENUMS[spec.kind] as readonly string[];
        if (!allowed.includes(raw)) {
          issues.push({
            loc,
            msg: `value is not a valid enumeration member; permitted: ${allowed.map((v) => `'${v}'`).join(', ')}`,
            type: 'type_error.enum',
            ctx: { enum_values: [...allowed] },
          });
          return undefined;
        }
        return raw;
      }
      case 'bool': {
        const value = parseBool(raw);
        if (value === undefined) issues.push({ loc, msg: 'value could not be parsed to a boolean', type: 'type_error.bool' });
        return value;
      }
      case 'datetime': {
        const micros = microsFromText(raw);
        if (micros === null) {
          issues.push({ loc, msg: 'invalid datetime format', type: 'value_error.datetime' });
          return undefined;
        }
        return micros;
      }
      case 'number': {
        const value = raw.trim() === '' ? NaN : Number(raw);
        if (!Number.isFinite(value)) {
          issues.push({ loc, msg: 'value is not a valid float', type: 'type_error.float' });
          return undefined;
        }
        return value;
      }
      case 'string':
        return raw;
    }
  };

  for (const [field, spec] of Object.entries(FIELDS)) {
    const normalise = (v: string | number | boolean | null) => (spec.kind === 'uuid' && typeof v === 'string' ? v.toLowerCase() : v);
    const exact = query.get(field);
    if (spec.exact && exact !== null) {
      const value = scalar(field, spec, exact);
      if (value !== undefined) {
        if (field === 'deleted_at') deletedMentioned = true;
        if (field === 'created_at' && createdBoundsSeparate) {
          createdBounds.push({ op: 'gte', micros: value as number }, { op: 'lte', micros: value as number });
        } else {
          keyParts.push(`${field}=${String(value)}`);
          predicates.push((row) => normalise(spec.get(row)) === value);
        }
      }
    }
    const list = query.get(`${field}__in`);
    if (spec.in && list !== null) {
      const values = list
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0);
      const allowed = ENUMS[spec.kind];
      const bad = allowed ? values.filter((v) => !allowed.includes(v)) : [];
      if (allowed && bad.length > 0) {
        issues.push({
          loc: ['query', `${field}__in`],
          msg: `value is not a valid enumeration member; permitted: ${allowed.map((v) => `'${v}'`).join(', ')}`,
          type: 'type_error.enum',
          ctx: { enum_values: [...allowed] },
        });
      } else {
        // `__in` is documented as a plain string (CSV): members are not type-checked, they just fail to match.
        const set = new Set(values.map((v) => (spec.kind === 'uuid' ? v.toLowerCase() : v)));
        keyParts.push(`${field}__in=${[...set].sort().join(',')}`);
        predicates.push((row) => {
          const v = normalise(spec.get(row));
          return v !== null && set.has(String(v));
        });
      }
    }
    const isnull = query.get(`${field}__isnull`);
    if (spec.isnull && isnull !== null) {
      const flag = parseBool(isnull);
      if (flag === undefined) issues.push({ loc: ['query', `${field}__isnull`], msg: 'value could not be parsed to a boolean', type: 'type_error.bool' });
      else {
        if (field === 'deleted_at') deletedMentioned = true;
        keyParts.push(`${field}__isnull=${flag}`);
        predicates.push((row) => (spec.get(row) === null) === flag);
      }
    }
    if (spec.range) {
      for (const op of RANGE_OPS) {
        const raw = query.get(`${field}__${op}`);
        if (raw === null) continue;
        const value = scalar(`${field}__${op}`, spec, raw);
        if (value === undefined) continue;
        const bound = value as number;
        if (field === 'deleted_at') deletedMentioned = true;
        if (field === 'created_at' && createdBoundsSeparate) {
          createdBounds.push({ op, micros: bound });
          continue;
        }
        keyParts.push(`${field}__${op}=${bound}`);
        predicates.push((row) => {
          const v = spec.get(row) as number | null;
          if (v === null) return false;
          return op === 'gt' ? v > bound : op === 'gte' ? v >= bound : op === 'lt' ? v < bound : v <= bound;
        });
      }
    }
  }
  return { predicates, key: keyParts.sort().join('&'), createdBounds, excludeDeleted: !deletedMentioned };
}

/** Sortable top-level scalar columns ([assumption] §3.3), with how each sorts and travels in a cursor. */
const TIME_ORDERS = ['created_at', 'updated_at', 'last_activity_at', 'confirmed_at', 'paid_at', 'expires_at', 'completed_at'] as const;
const TEXT_ORDERS = ['id', 'checkout_session_status', 'payment_status', 'currency'] as const;

export function sessionOrder(order: string): KeysetOrder<ZenskarSessionRow> | null {
  const desc = order.startsWith('-');
  const field = desc ? order.slice(1) : order;
  const id = (row: ZenskarSessionRow) => row.id;
  if ((TIME_ORDERS as readonly string[]).includes(field)) {
    const key = field as (typeof TIME_ORDERS)[number];
    return {
      order,
      desc,
      id,
      value: key === 'created_at' ? (row) => row.createdMicros : (row) => row.t[key],
      encodeValue: (value) => (value === null ? null : naiveFromMicros(value as number)),
      decodeValue: (value): SortValue | undefined => {
        if (value === null) return null;
        if (typeof value !== 'string') return undefined;
        return microsFromText(value) ?? undefined;
      },
    };
  }
  if ((TEXT_ORDERS as readonly string[]).includes(field)) {
    const key = field as (typeof TEXT_ORDERS)[number];
    return {
      order,
      desc,
      id,
      value:
        key === 'id'
          ? (row) => row.id
          : key === 'checkout_session_status'
            ? (row) => row.status
            : key === 'currency'
              ? (row) => row.currency
              : (row) => row.session.payment_status,
      encodeValue: (value) => value,
      decodeValue: (value): SortValue | undefined => (value === null || typeof value === 'string' ? value : undefined),
    };
  }
  return null;
}

// Keyset pagination

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
