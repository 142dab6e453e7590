/**
 * The fake Zenskar upstream, following §8 "Recommended fake-server contract" of `/work/shared/upstreams/zenskar.md`
 * and its assumptions:
 *   - `x-api-key` + `organisation` on every request: unknown key → 401 `{"detail":"Unauthorized"}`; valid key with a
 *     missing/malformed/foreign organisation → 403 API-Gateway `{"Message": …}` (switchable to 401);
 *   - `GET /checkout` (limit 1–100, default 20; order default `-created_at`; every documented filter; keyset cursors),
 *     `GET /checkout/{id}`, `GET /customers` and `GET /customers/{id}`;
 *   - 422 FastAPI/pydantic-v1 bodies, 404 `{"detail": …}`, optional token-bucket 429 `{"message":"Too Many Requests"}`;
 *   - naive timestamps, money as JSON numbers in major units, null fields omitted (switchable).
 */
import { withDrift, type DriftSpec } from '../../../sandbox/drift.js';
import type { ZenskarConfig } from '../config.js';
import { startSandbox as startHarness, type RunningSandbox, type SandboxHandler, type SandboxRequest, type SandboxResponse } from '../../../sandbox/harness.js';
import { createData, type ZenskarCustomerRow, type SandboxData, type ZenskarSessionRow } from './data.js';
import {
  compareKeys,
  decodeCursor,
  firstIndex,
  isUuidText,
  pageOf,
  parseFilters,
  sessionOrder,
  type CreatedBound,
  type KeysetOrder,
  type ValidationIssue,
  type View,
} from './query.js';

export const ZENSKAR_SANDBOX_API_KEY = 'zsk_sandbox_4f0c2a9e7b1d4e86a3c5';

export interface SandboxHandlerOptions {
  /** The one API key the sandbox accepts (default ZENSKAR_SANDBOX_API_KEY). */
  apiKey?: string;
  /** The organisation that key belongs to (default the data's organisation). */
  organisation?: string;
  /**
   * Status for a valid key with a bad `organisation`: 403 with the API Gateway body (legacy docs, default) or 401 with
   * `{"detail": …}` (docs2 overview). §7.3 leaves it open, so both are testable.
   */
  organisationFailureStatus?: 401 | 403;
  /** `schema` (default): `{results, next, previous, total_count}`; `example`: the docs example's `{data, next, total}`. */
  envelope?: 'schema' | 'example';
  /** Omit null-valued fields as the examples do (default true); false serialises them as `null`. */
  omitNulls?: boolean;
  /** Token bucket per API key; off when absent. */
  rateLimit?: { capacity: number; refillPerSecond: number; now?: () => number };
}

const NULLABLE_SESSION_FIELDS = [
  'contract',
  'contract_id',
  'execution_id',
  'confirmed_at',
  'paid_at',
  'payment_intent_id',
  'estimates',
  'customer_id',
  'business_entity_id',
  'customer_data',
  'expires_at',
  'last_activity_at',
  'completed_at',
  'idempotency_key',
  'correlation_id',
  'currency',
  'success_url',
  'cancel_url',
  'pending_url',
  'custom_data',
  'cancelled_at',
  'cancellation_details',
] as const;
const NULL_SESSION: Record<string, null> = Object.fromEntries(NULLABLE_SESSION_FIELDS.map((f) => [f, null]));

const json = (status: number, body: unknown, headers?: Record<string, string>): SandboxResponse => ({ status, body, ...(headers ? { headers } : {}) });
const unprocessable = (issues: ValidationIssue[]) => json(422, { detail: issues });

function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Token bucket: `capacity` requests at once, refilled continuously. */
class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }
  take(): { allowed: true } | { allowed: false; retryAfter: number } {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.refillPerSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - this.tokens) / this.refillPerSecond)) };
  }
}

/** Small LRU of filtered, sorted views, so every page of one walk is a binary search, not a scan. */
class ViewCache<Row> {
  private readonly entries = new Map<string, readonly Row[]>();
  constructor(private readonly max: number) {}
  get(key: string, build: () => readonly Row[]): readonly Row[] {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const rows = build();
    this.entries.set(key, rows);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return rows;
  }
}

function parseLimit(query: URLSearchParams, fallback: number, issues: ValidationIssue[]): number {
  const raw = query.get('limit');
  if (raw === null) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    issues.push({ loc: ['query', 'limit'], msg: 'value is not a valid integer', type: 'type_error.integer' });
    return fallback;
  }
  const limit = Number(raw);
  if (limit < 1)
    issues.push({
      loc: ['query', 'limit'],
      msg: 'ensure this value is greater than or equal to 1',
      type: 'value_error.number.not_ge',
      ctx: { limit_value: 1 },
    });
  if (limit > 100)
    issues.push({
      loc: ['query', 'limit'],
      msg: 'ensure this value is less than or equal to 100',
      type: 'value_error.number.not_le',
      ctx: { limit_value: 100 },
    });
  return limit;
}

/** Reads and checks `cursor` against the request's order (a cursor from another order → 422, §3.2 [assumption]). */
function parseCursor<Row>(query: URLSearchParams, order: KeysetOrder<Row>, issues: ValidationIssue[]) {
  const raw = query.get('cursor');
  if (raw === null || raw === '') return null;
  const payload = decodeCursor(raw);
  if (!payload) {
    issues.push({ loc: ['query', 'cursor'], msg: 'invalid cursor', type: 'value_error' });
    return null;
  }
  if (payload.order !== order.order) {
    issues.push({ loc: ['query', 'cursor'], msg: `cursor was issued for order '${payload.order}', not '${order.order}'`, type: 'value_error' });
    return null;
  }
  const value = order.decodeValue(payload.last[0]);
  if (value === undefined) {
    issues.push({ loc: ['query', 'cursor'], msg: 'invalid cursor', type: 'value_error' });
    return null;
  }
  return { value, id: payload.last[1], dir: payload.dir };
}

/** Narrows rows[lo, hi) (sorted by created_at in `desc` or ascending order) to the created_at bounds. */
function applyCreatedBounds(rows: readonly ZenskarSessionRow[], desc: boolean, bounds: CreatedBound[]): View<ZenskarSessionRow> {
  let lo = 0;
  let hi = rows.length;
  for (const { op, micros } of bounds) {
    const holds = (row: ZenskarSessionRow) => {
      const v = row.createdMicros;
      return op === 'gt' ? v > micros : op === 'gte' ? v >= micros : op === 'lt' ? v < micros : v <= micros;
    };
    // Lower bounds hold on a suffix of an ascending array, upper bounds on a prefix; reversed when descending.
    const holdsOnSuffix = (op === 'gt' || op === 'gte') !== desc;
    if (holdsOnSuffix) lo = Math.max(lo, firstIndex(rows, lo, hi, holds));
    else
      hi = Math.min(
        hi,
        firstIndex(rows, lo, hi, (row) => !holds(row)),
      );
    if (hi < lo) hi = lo;
  }
  return { rows, lo, hi };
}

export function createSandboxHandler(data: SandboxData, options: SandboxHandlerOptions = {}): SandboxHandler {
  const apiKey = options.apiKey ?? ZENSKAR_SANDBOX_API_KEY;
  const organisation = (options.organisation ?? data.organisationId).toLowerCase();
  const orgFailure = options.organisationFailureStatus ?? 403;
  const envelope = options.envelope ?? 'schema';
  const omitNulls = options.omitNulls ?? true;
  const buckets = new Map<string, TokenBucket>();

  // Base orderings, built once: every row and the live (not soft-deleted) rows, by created_at both ways.
  const ascAll = data.sessions;
  const descAll = [...ascAll].reverse();
  const ascLive = ascAll.filter((row) => !row.deleted);
  const descLive = [...ascLive].reverse();
  const sortedBy = new ViewCache<ZenskarSessionRow>(16);
  const filtered = new ViewCache<ZenskarSessionRow>(64);

  const baseRows = (order: KeysetOrder<ZenskarSessionRow>, live: boolean): readonly ZenskarSessionRow[] => {
    if (order.order === 'created_at') return live ? ascLive : ascAll;
    if (order.order === '-created_at') return live ? descLive : descAll;
    return sortedBy.get(`${order.order}|${live}`, () =>
      (live ? ascLive : ascAll).slice().sort((a, b) => compareKeys(order.value(a), a.id, order.value(b), b.id, order.desc)),
    );
  };

  const serialise = (row: ZenskarSessionRow) => (omitNulls ? row.session : { ...NULL_SESSION, ...row.session });

  const listEnvelope = (items: unknown[], next: string | null, previous: string | null, total: number) =>
    envelope === 'example' ? { data: items, next, total } : { results: items, next, previous, total_count: total };

  function listCheckouts(query: URLSearchParams): SandboxResponse {
    const issues: ValidationIssue[] = [];
    const limit = parseLimit(query, 20, issues);
    const orderText = query.get('order') ?? '-created_at';
    const order = sessionOrder(orderText);
    if (!order) {
      issues.push({ loc: ['query', 'order'], msg: `unsupported order field: '${orderText}'`, type: 'value_error' });
      return unprocessable(issues);
    }
    const byCreated = order.order === 'created_at' || order.order === '-created_at';
    const filters = parseFilters(query, byCreated, issues);
    const cursor = parseCursor(query, order, issues);
    if (issues.length > 0) return unprocessable(issues);

    const base = baseRows(order, filters.excludeDeleted);
    const rows =
      filters.predicates.length === 0
        ? base
        : filtered.get(`${order.order}|${filters.excludeDeleted}|${filters.key}`, () => base.filter((row) => filters.predicates.every((p) => p(row))));
    const view = byCreated ? applyCreatedBounds(rows, order.desc, filters.createdBounds) : { rows, lo: 0, hi: rows.length };
    const page = pageOf(view, order, limit, cursor);
    return json(200, listEnvelope(page.items.map(serialise), page.next, page.previous, page.total));
  }

  function getCheckout(id: string): SandboxResponse {
    if (!isUuidText(id)) return unprocessable([{ loc: ['path', 'checkout_session_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }]);
    const row = data.sessionsById.get(id.toLowerCase());
    // Soft-deleted sessions are gone for retrieval too [assumption].
    if (!row || row.deleted) return json(404, { detail: 'Checkout session not found' });
    return json(200, serialise(row));
  }

  const customerOrderOf = (text: string): KeysetOrder<ZenskarCustomerRow> | null => {
    if (text !== 'created_at' && text !== '-created_at') return null;
    return {
      order: text,
      desc: text.startsWith('-'),
      id: (row) => row.customer.id,
      value: (row) => row.createdMicros,
      encodeValue: (value) => value,
      decodeValue: (value) => (typeof value === 'number' ? value : undefined),
    };
  };
  const customersDesc = [...data.customers].reverse();

  /**
   * `GET /customers`: cursor/limit (default 10), `order` by created_at. `id__in` on /customers is an [assumption]: the
   * docs list `__in` operators for the customers' other filters, and the gateway needs it to batch customer lookups.
   */
  function listCustomers(query: URLSearchParams): SandboxResponse {
    const issues: ValidationIssue[] = [];
    const limit = parseLimit(query, 10, issues);
    const orderText = query.get('order') ?? '-created_at';
    const order = customerOrderOf(orderText);
    if (!order) {
      issues.push({ loc: ['query', 'order'], msg: `unsupported order field: '${orderText}'`, type: 'value_error' });
      return unprocessable(issues);
    }
    const cursor = parseCursor(query, order, issues);
    if (issues.length > 0) return unprocessable(issues);
    let rows: readonly ZenskarCustomerRow[] = order.desc ? customersDesc : data.customers;
    const ids = query.get('id__in');
    if (ids !== null) {
      const wanted = new Set(
        ids
          .split(',')
          .map((v) => v.trim().toLowerCase())
          .filter(Boolean),
      );
      rows = rows.filter((row) => wanted.has(row.customer.id));
    }
    const page = pageOf({ rows, lo: 0, hi: rows.length }, order, limit, cursor);
    return json(
      200,
      listEnvelope(
        page.items.map((row) => row.customer),
        page.next,
        page.previous,
        page.total,
      ),
    );
  }

  function getCustomer(id: string): SandboxResponse {
    if (!isUuidText(id)) return unprocessable([{ loc: ['path', 'customer_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }]);
    const row = data.customersById.get(id.toLowerCase());
    if (!row) return json(404, { detail: 'Customer not found' });
    return json(200, row.customer);
  }

  return (req) => {
    const key = header(req, 'x-api-key');
    if (options.rateLimit) {
      const bucketKey = key ?? '';
      let bucket = buckets.get(bucketKey);
      if (!bucket) {
        bucket = new TokenBucket(options.rateLimit.capacity, options.rateLimit.refillPerSecond, options.rateLimit.now ?? Date.now);
        buckets.set(bucketKey, bucket);
      }
      const taken = bucket.take();
      if (!taken.allowed) return json(429, { message: 'Too Many Requests' }, { 'retry-after': String(taken.retryAfter) });
    }
    if (!key || key !== apiKey) return json(401, { detail: 'Unauthorized' });
    const org = header(req, 'organisation')?.trim().toLowerCase();
    if (!org || !isUuidText(org) || org !== organisation) {
      return orgFailure === 403
        ? json(403, { Message: 'User is not authorized to access this resource with an explicit deny' })
        : json(401, { detail: 'Unauthorized' });
    }
    const version = header(req, 'apiversion');
    if (version !== undefined && !/^\d+$/.test(version.trim())) {
      return unprocessable([{ loc: ['header', 'apiversion'], msg: 'value is not a valid integer', type: 'type_error.integer' }]);
    }
    if (req.method !== 'GET') return json(405, { detail: 'Method Not Allowed' });

    const path = req.path.replace(/\/+$/, '') || '/';
    try {
      if (path === '/checkout') return listCheckouts(req.query);
      if (path === '/customers') return listCustomers(req.query);
      const checkout = /^\/checkout\/([^/]+)$/.exec(path);
      if (checkout) return getCheckout(decodeURIComponent(checkout[1] as string));
      const customer = /^\/customers\/([^/]+)$/.exec(path);
      if (customer) return getCustomer(decodeURIComponent(customer[1] as string));
    } catch {
      return json(500, { detail: 'Internal Server Error' });
    }
    return json(404, { detail: 'Not Found' });
  };
}

export interface StartSandboxOptions extends SandboxHandlerOptions {
  count?: number;
  seed?: number;
  latencyMs?: number;
  port?: number;
  host?: string;
  /** Use this data instead of generating it. */
  data?: SandboxData;
  /** Share of sessions served with one drifted descriptive field (`SANDBOX_DRIFT`); 0 by default. */
  drift?: number;
}

export type SandboxHandle = RunningSandbox & { config: ZenskarConfig; data: SandboxData };

/** What the gateway relies on in a session (README "What the gateway relies on"): never drifted. */
const ZENSKAR_ESSENTIAL = [
  'id',
  'checkout_session_status',
  'currency',
  'contract.currency',
  'estimates.amount_due',
  'customer_data.email',
  'created_at',
  'updated_at',
  'last_activity_at',
];
const ZENSKAR_DRIFT: DriftSpec = {
  // Sessions only: list pages (`results`, or the docs' `data`) and retrieves (the session itself, under no key).
  parts: (body) =>
    'results' in body
      ? [{ key: 'results', essential: ZENSKAR_ESSENTIAL }]
      : 'data' in body
        ? [{ key: 'data', essential: ZENSKAR_ESSENTIAL }]
        : 'checkout_session_status' in body
          ? [{ key: null, essential: ZENSKAR_ESSENTIAL }]
          : [],
};

export async function startSandbox(options: StartSandboxOptions = {}): Promise<SandboxHandle> {
  const data = options.data ?? createData({ count: options.count ?? 300, seed: options.seed ?? 1 });
  const handler = withDrift(createSandboxHandler(data, options), ZENSKAR_DRIFT, options.drift ?? 0);
  const sandbox = await startHarness('zenskar', handler, {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    latencyMs: options.latencyMs ?? 0,
  });
  const config: ZenskarConfig = {
    apiKey: options.apiKey ?? ZENSKAR_SANDBOX_API_KEY,
    organisation: options.organisation ?? data.organisationId,
    baseUrl: sandbox.origin,
  };
  return Object.assign(sandbox, { config, data });
}
