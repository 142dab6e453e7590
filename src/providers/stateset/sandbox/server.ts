/**
 * The fake StateSet API, following `/work/shared/upstreams/stateset.md` §8 and its tagged assumptions:
 * - `Authorization: Bearer <key>`: keys matching `^(sk|rk)_(live|test)_[A-Za-z0-9]+$` are accepted; no header →
 *   401 `MISSING_AUTH_HEADER`; not `Bearer …` → 401 `INVALID_TOKEN_FORMAT`; any other key → 401 `INVALID_API_KEY`;
 *   `pk_…` keys and restricted keys configured without `checkouts:read` → 403 `INSUFFICIENT_PERMISSIONS`.
 * - `GET /v1/checkouts`: `{data, has_more, total_count}`, order created_at DESC then id DESC; `limit` (default 20,
 *   1–100, else 400 `VALIDATION_ERROR`, or clamped with `limitPolicy: 'clamp'`), `starting_after` (exclusive; an
 *   unknown id → 400 `VALIDATION_ERROR`), `status` (one of five, else 400 `VALIDATION_ERROR`), `buyer_email` (exact,
 *   case-insensitive), `created_after` / `created_before` (strict; ISO 8601 with `Z` or an offset, fractional
 *   seconds allowed; else 400 `INVALID_FIELD_FORMAT`). `total_count` counts the filtered list, ignoring the cursor.
 *   Unknown parameters are ignored (§2 assumption).
 * - `GET /v1/checkouts/:id` → the same full object; unknown id (and any unknown path) → 404 `RESOURCE_NOT_FOUND`.
 * - Every error is `{"error":{code,message,type,details,request_id,timestamp,documentation_url}}` with the
 *   stateset-node SDK's `type` vocabulary; every response carries `X-Request-Id` and `X-RateLimit-Limit` /
 *   `-Remaining` / `-Reset` (Unix seconds); with `rateLimit` on, over the limit → 429 `RATE_LIMIT_EXCEEDED` with
 *   `Retry-After` and `X-RateLimit-Retry-After`.
 * - Decisions of our own: a parameter given twice → 400 `VALIDATION_ERROR` (multi-value filters are not documented);
 *   an empty `buyer_email` → 400 `VALIDATION_ERROR`; anything but GET → 405 `METHOD_NOT_ALLOWED` (the write
 *   endpoints are out of scope for a read gateway, and the harness passes no body); `listShape: 'slim'` serves list
 *   items in the document's slimmed-down shape (no payment_provider, fulfilment, messages, links; only the `total`
 *   entry of `totals`).
 */
import { withDrift, type DriftSpec } from '../../../sandbox/drift.js';
import type { StateSetConfig } from '../config.js';
import {
  FixedWindowLimiter,
  startSandbox as startHarness,
  type RunningSandbox,
  type SandboxHandler,
  type SandboxRequest,
  type SandboxResponse,
} from '../../../sandbox/harness.js';
import { createData, type SandboxData } from './data.js';
import { pageOf, ParamError, parseListQuery, type ListQuery } from './query.js';
import type { StateSetWireCheckout } from '../types.js';

/** A working secret test key for the sandbox. */
export const STATESET_SANDBOX_API_KEY = 'sk_test_checkoutGraphSandbox0001';
/** A restricted key the sandbox knows without `checkouts:read` (for 403 tests). */
export const STATESET_WRITE_ONLY_KEY = 'rk_test_writeOnlyNoRead0001';
/** The nominal plan limit reported in headers (Growth: 1,000 requests a minute). */
export const STATESET_RATE_LIMIT = { limit: 1000, windowMs: 60_000 };

const KEY_PATTERN = /^(sk|rk)_(live|test)_[A-Za-z0-9]+$/;
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  429: 'rate_limit_error',
};

export interface SandboxHandlerOptions {
  /** Enforce a rate limit: `true` for the nominal 1,000 a minute, or a custom window. Off by default. */
  rateLimit?: boolean | { limit: number; windowMs: number };
  /** `reject` (default): `limit` outside 1–100 is a 400; `clamp`: it is clamped into range (§2 alternative). */
  limitPolicy?: 'reject' | 'clamp';
  /** `full` (default): list items are the whole object; `slim`: the document's list-item shape. */
  listShape?: 'full' | 'slim';
  /** Scopes of restricted keys; keys not listed have every scope. */
  keyScopes?: Record<string, string[]>;
  /** Clock, in epoch milliseconds (rate-limit windows and error timestamps). */
  now?: () => number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The list-item shape of the document's example: no payment_provider, fulfilment, messages or links. */
function slim(checkout: StateSetWireCheckout): Partial<StateSetWireCheckout> {
  const { id, buyer, status, currency, line_items, totals, created_at, updated_at } = checkout;
  return { id, ...(buyer ? { buyer } : {}), status, currency, line_items, totals: totals.filter((t) => t.type === 'total'), created_at, updated_at };
}

export function createSandboxHandler(data: SandboxData, options: SandboxHandlerOptions = {}): SandboxHandler {
  const now = options.now ?? Date.now;
  const plan = typeof options.rateLimit === 'object' ? options.rateLimit : STATESET_RATE_LIMIT;
  const limiter = new FixedWindowLimiter(plan.limit, plan.windowMs, now);
  const keyScopes: Record<string, string[]> = { [STATESET_WRITE_ONLY_KEY]: ['checkouts:write'], ...options.keyScopes };
  let requestCount = 0;

  const authenticate = (req: SandboxRequest): string => {
    const header = req.headers.authorization;
    if (!header) throw new ApiError(401, 'MISSING_AUTH_HEADER', 'No Authorization header was sent. Use `Authorization: Bearer <API key>`.');
    const match = /^Bearer (\S+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'INVALID_TOKEN_FORMAT', 'The Authorization header must be `Bearer <API key>`.');
    const key = match[1] as string;
    if (/^pk_(live|test)_/.test(key)) {
      throw new ApiError(403, 'INSUFFICIENT_PERMISSIONS', 'Publishable keys cannot read checkouts; use a secret key.', { required_scope: 'checkouts:read' });
    }
    if (!KEY_PATTERN.test(key)) throw new ApiError(401, 'INVALID_API_KEY', 'The API key provided is invalid.');
    const scopes = keyScopes[key];
    if (scopes && !scopes.includes('checkouts:read')) {
      throw new ApiError(403, 'INSUFFICIENT_PERMISSIONS', 'This API key lacks the checkouts:read scope.', { required_scope: 'checkouts:read' });
    }
    return key;
  };

  const list = (req: SandboxRequest): SandboxResponse => {
    let query: ListQuery;
    try {
      query = parseListQuery(req.query, data, options.limitPolicy);
    } catch (err) {
      if (!(err instanceof ParamError)) throw err;
      throw new ApiError(400, err.code, err.message, err.details);
    }
    const { positions, hasMore, total } = pageOf(data, query);
    const page: unknown[] = [];
    for (const position of positions) {
      const checkout = data.checkouts[position] as StateSetWireCheckout;
      page.push(options.listShape === 'slim' ? slim(checkout) : checkout);
    }
    return { status: 200, body: { data: page, has_more: hasMore, total_count: total } };
  };

  const route = (req: SandboxRequest): SandboxResponse => {
    const path = req.path.replace(/\/+$/, '') || '/';
    if (path === '/v1/checkouts') return list(req);
    const match = /^\/v1\/checkouts\/([^/]+)$/.exec(path);
    if (match) {
      let id: string;
      try {
        id = decodeURIComponent(match[1] as string);
      } catch {
        id = match[1] as string;
      }
      const position = data.positionById.get(id);
      if (position === undefined) throw new ApiError(404, 'RESOURCE_NOT_FOUND', `No checkout session with id ${id}`, { resource: 'checkout', id });
      return { status: 200, body: data.checkouts[position] };
    }
    throw new ApiError(404, 'RESOURCE_NOT_FOUND', `No route for ${req.method} ${req.path}`, { path: req.path });
  };

  return (req) => {
    requestCount++;
    const requestId = `req_${String(requestCount).padStart(12, '0')}`;
    let rateHeaders: Record<string, string> = {};
    let response: SandboxResponse;
    try {
      // Rate-limit headers go on every answer, so the window counts every request (unauthenticated ones together).
      let key = 'anonymous';
      let authError: ApiError | null = null;
      try {
        key = authenticate(req);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        authError = err;
      }
      const taken = limiter.take(key);
      rateHeaders = {
        'x-ratelimit-limit': String(limiter.limit),
        'x-ratelimit-remaining': String(taken.remaining),
        'x-ratelimit-reset': String(Math.ceil(taken.resetAt / 1000)),
      };
      if (authError) throw authError;
      if (!taken.allowed && options.rateLimit) {
        rateHeaders['retry-after'] = String(taken.retryAfterSeconds);
        rateHeaders['x-ratelimit-retry-after'] = String(taken.retryAfterSeconds);
        throw new ApiError(429, 'RATE_LIMIT_EXCEEDED', `Rate limit of ${limiter.limit} requests per ${limiter.windowMs / 1000}s exceeded.`, {
          limit: limiter.limit,
          retry_after: taken.retryAfterSeconds,
        });
      }
      if (req.method !== 'GET') throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported by this sandbox`, { method: req.method });
      response = route(req);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      response = {
        status: err.status,
        body: {
          error: {
            code: err.code,
            message: err.message,
            type: ERROR_TYPES[err.status] ?? 'api_error',
            details: err.details,
            request_id: requestId,
            timestamp: `${new Date(now()).toISOString().slice(0, 19)}Z`,
            documentation_url: `https://docs.stateset.com/errors/${err.code}`,
          },
        },
      };
    }
    response.headers = { ...response.headers, ...rateHeaders, 'x-request-id': requestId };
    return response;
  };
}

export interface SandboxHandle extends RunningSandbox {
  /** A valid configuration pointing at this sandbox. */
  config: StateSetConfig;
  /** The seeded objects the sandbox serves (list order), for tests' brute-force truth. */
  data: SandboxData;
}

/** What the gateway relies on in a checkout (README "What the gateway relies on"): never drifted. */
const STATESET_ESSENTIAL = ['id', 'status', 'currency', 'totals', 'buyer.email', 'created_at', 'updated_at'];
const STATESET_DRIFT: DriftSpec = {
  parts: (body) =>
    Array.isArray(body.data) ? [{ key: 'data', essential: STATESET_ESSENTIAL }] : 'status' in body ? [{ key: null, essential: STATESET_ESSENTIAL }] : [],
};

export type StartSandboxOptions = {
  count?: number | undefined;
  seed?: number | undefined;
  latencyMs?: number | undefined;
  port?: number;
  host?: string | undefined;
  /** Share of checkouts served with one drifted descriptive field (`SANDBOX_DRIFT`); 0 by default. */
  drift?: number | undefined;
} & SandboxHandlerOptions;

export async function startSandbox(options: StartSandboxOptions = {}): Promise<SandboxHandle> {
  const data = createData({ count: options.count, seed: options.seed });
  const handler = withDrift(createSandboxHandler(data, options), STATESET_DRIFT, options.drift ?? 0);
  const running = await startHarness('stateset', handler, {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
  });
  return Object.assign(running, { config: { apiKey: STATESET_SANDBOX_API_KEY, baseUrl: `${running.origin}/v1` }, data });
}
