/**
 * The fake Lemon Squeezy API, following `/work/shared/upstreams/lemonsqueezy.md` §8 and its tagged assumptions:
 * - Bearer auth (401 JSON:API error otherwise); `Accept` is not enforced unless `strictMediaType` (then 406);
 *   every body is `application/vnd.api+json`.
 * - `GET /v1/checkouts`: `filter[store_id]`, `filter[variant_id]`, `page[number]` (default 1), `page[size]`
 *   (default 10, 1–100), `include=store,variant`, `sort` (`-createdAt` default, `createdAt` accepted); documents
 *   exactly as §3.1 (camelCase `meta.page`, absolute bracket-encoded links with filters and include before
 *   `page[...]`, `next`/`prev` absent when not applicable, `included` only when asked).
 * - `GET /v1/checkouts/:id` (+ `/store`, `/variant`, `/relationships/store|variant`), `GET /v1/stores/:id`,
 *   `GET /v1/variants/:id`; unknown ids → 404 JSON:API error.
 * - Unknown `filter[...]` keys, non-integer filter values, `page[size]` outside 1–100, `page[number] < 1`, unknown
 *   `include` paths or `sort` values → 400 with `source.parameter` (§2 assumption).
 * - `X-Ratelimit-Limit` / `X-Ratelimit-Remaining` on every 2xx (300 per one-minute fixed window per key, counted
 *   always; §8 says token bucket, but the window type is undocumented and the shared harness has fixed windows);
 *   with `rateLimit` on, over the limit → 429 + `Retry-After` + `X-RateLimit-Reset` (§6.2 assumption).
 * - Checks run in the order method → auth → media type → rate limit → route, so an unauthenticated request is a 401
 *   whatever it asks for, and a refused one does not use up quota.
 * - Decisions of our own: the sandbox key sees both test- and live-mode checkouts (the real API splits them by key
 *   mode; mixing them here exercises `testMode`); anything but GET → 405, since the harness passes no request body
 *   (checkout creation is out of scope for a read gateway).
 */
import { withDrift, type DriftSpec } from '../../../sandbox/drift.js';
import {
  FixedWindowLimiter,
  startSandbox as startHarness,
  type RunningSandbox,
  type SandboxHandler,
  type SandboxRequest,
  type SandboxResponse,
} from '../../../sandbox/harness.js';
import type { LemonSqueezyConfig } from '../config.js';
import { createData, type SandboxData } from './data.js';
import { encodeQuery, includeParam, pageOf, ParamError, parseListQuery } from './query.js';
import { checkoutResource, includedFor, storeResource, variantResource } from './records.js';

export const LEMON_SANDBOX_API_KEY = 'lmsq_sandbox_eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.sandbox';
export const LEMON_RATE_LIMIT = 300;

// JSON:API response and error documents (§3.1, §6.1).
export const JSON_API = 'application/vnd.api+json';
export const JSONAPI_MEMBER = { version: '1.0' };

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function respond(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': JSON_API, ...headers }, body };
}

export function error(status: number, title: string, detail: string, parameter?: string, headers?: Record<string, string>): SandboxResponse {
  const entry: Record<string, unknown> = { detail };
  if (parameter !== undefined) entry.source = { parameter };
  entry.status = String(status);
  entry.title = title;
  return respond(status, { jsonapi: JSONAPI_MEMBER, errors: [entry] }, headers);
}

export const badRequest = (detail: string, parameter: string) => error(400, 'Bad Request', detail, parameter);
export const notFound = (detail: string) => error(404, 'Not Found', detail);

export interface SandboxHandlerOptions {
  apiKey?: string;
  /** Enforce the rate limit: `true` for 300 requests a minute, or a custom window. Off by default. */
  rateLimit?: boolean | { limit: number; windowMs: number };
  /** Answer 406 when `Accept` does not allow `application/vnd.api+json` (the JSON:API rule; off by default). */
  strictMediaType?: boolean;
  /** Clock for the rate-limit window, in epoch milliseconds. */
  now?: () => number;
}

export function createSandboxHandler(data: SandboxData, options: SandboxHandlerOptions = {}): SandboxHandler {
  const apiKey = options.apiKey ?? LEMON_SANDBOX_API_KEY;
  const window = typeof options.rateLimit === 'object' ? options.rateLimit : { limit: LEMON_RATE_LIMIT, windowMs: 60_000 };
  const enforce = Boolean(options.rateLimit);
  const limiter = new FixedWindowLimiter(window.limit, window.windowMs, options.now ?? Date.now);

  const listCheckouts = (query: URLSearchParams, base: string): SandboxResponse => {
    const q = parseListQuery(query);
    const { storeId, variantId, number, size, include, sort } = q;
    const { page, total, lastPage, start, end } = pageOf(data, q);

    const link = (n: number) =>
      `${base}/checkouts?${encodeQuery([
        ['filter[store_id]', storeId],
        ['filter[variant_id]', variantId],
        ['include', include.size ? [...include].join(',') : undefined],
        ['page[number]', n],
        ['page[size]', size],
        ['sort', sort],
      ])}`;
    const links: Record<string, string> = { first: link(1), last: link(lastPage) };
    if (number < lastPage) links.next = link(number + 1);
    if (number > 1) links.prev = link(number - 1);

    const document: Record<string, unknown> = {
      meta: {
        page: {
          currentPage: number,
          from: page.length ? start + 1 : null,
          lastPage,
          perPage: size,
          to: page.length ? end : null,
          total,
        },
      },
      jsonapi: JSONAPI_MEMBER,
      links,
      data: page.map((checkout) => checkoutResource(checkout, base, include)),
    };
    if (include.size) document.included = includedFor(page, include, base);
    return respond(200, document);
  };

  const checkoutRoutes = (rest: string[], query: URLSearchParams, base: string): SandboxResponse => {
    const [id, ...tail] = rest;
    const checkout = id === undefined ? undefined : data.checkoutsById.get(id);
    if (!checkout) return notFound(`No checkout with id ${id}.`);
    const self = `${base}/checkouts/${checkout.id}`;
    if (tail.length === 0) {
      const include = includeParam(query);
      const document: Record<string, unknown> = {
        jsonapi: JSONAPI_MEMBER,
        links: { self },
        data: checkoutResource(checkout, base, include),
      };
      if (include.size) document.included = includedFor([checkout], include, base);
      return respond(200, document);
    }
    const relationship = tail.length === 2 && tail[0] === 'relationships' ? tail[1] : tail.length === 1 ? tail[0] : undefined;
    if (relationship === 'store' || relationship === 'variant') {
      const related = relationship === 'store' ? storeResource(checkout.store, base) : variantResource(checkout.variant, base);
      if (tail.length === 2) {
        return respond(200, {
          jsonapi: JSONAPI_MEMBER,
          links: { self: `${self}/relationships/${relationship}`, related: `${self}/${relationship}` },
          data: { type: related.type, id: related.id },
        });
      }
      return respond(200, { jsonapi: JSONAPI_MEMBER, links: { self: `${self}/${relationship}` }, data: related });
    }
    return notFound('The route could not be found.');
  };

  const route = (req: SandboxRequest, base: string): SandboxResponse => {
    const segments = req.path.split('/').filter(Boolean).map(decodeSegment);
    if (segments[0] !== 'v1') return notFound('The route could not be found.');
    const [resource, ...rest] = segments.slice(1);
    if (resource === 'checkouts' && rest.length === 0) return listCheckouts(req.query, base);
    if (resource === 'checkouts') return checkoutRoutes(rest, req.query, base);
    if ((resource === 'stores' || resource === 'variants') && rest.length === 1) {
      const id = rest[0]!;
      if (resource === 'stores') {
        const store = data.storesById.get(id);
        return store
          ? respond(200, { jsonapi: JSONAPI_MEMBER, links: { self: `${base}/stores/${id}` }, data: storeResource(store, base) })
          : notFound(`No store with id ${id}.`);
      }
      const variant = data.variantsById.get(id);
      return variant
        ? respond(200, { jsonapi: JSONAPI_MEMBER, links: { self: `${base}/variants/${id}` }, data: variantResource(variant, base) })
        : notFound(`No variant with id ${id}.`);
    }
    return notFound('The route could not be found.');
  };

  return (req, { origin }) => {
    const base = `${origin}/v1`;
    if (req.method !== 'GET') return error(405, 'Method Not Allowed', `The ${req.method} method is not supported by the sandbox.`);
    const authorization = req.headers.authorization;
    if (authorization !== `Bearer ${apiKey}`) return error(401, 'Unauthorized', 'Unauthenticated.');
    if (options.strictMediaType && !/application\/vnd\.api\+json|\*\/\*/.test(String(req.headers.accept ?? ''))) {
      return error(406, 'Not Acceptable', `The Accept header must allow ${JSON_API}.`);
    }
    const quota = limiter.take(apiKey);
    const rateHeaders = { 'X-Ratelimit-Limit': String(window.limit), 'X-Ratelimit-Remaining': String(quota.remaining) };
    if (enforce && !quota.allowed) {
      return error(429, 'Too Many Requests', 'Too Many Attempts.', undefined, {
        ...rateHeaders,
        'Retry-After': String(quota.retryAfterSeconds),
        'X-RateLimit-Reset': String(Math.ceil(quota.resetAt / 1000)),
      });
    }
    let response: SandboxResponse;
    try {
      response = route(req, base);
    } catch (err) {
      if (!(err instanceof ParamError)) throw err;
      response = badRequest(err.detail, err.parameter);
    }
    if (response.status >= 200 && response.status < 300) response.headers = { ...response.headers, ...rateHeaders };
    return response;
  };
}

export interface SandboxHandle extends RunningSandbox {
  /** A valid configuration pointing at this sandbox. */
  config: LemonSqueezyConfig;
  /** The seeded objects the sandbox serves, for tests' brute-force truth. */
  data: SandboxData;
}

/** What the gateway relies on (README "What the gateway relies on"): never drifted. */
const LEMON_ESSENTIAL = {
  checkouts: [
    'id',
    'type',
    'attributes.store_id',
    'attributes.variant_id',
    'attributes.custom_price',
    'attributes.checkout_data.email',
    'attributes.expires_at',
    'attributes.created_at',
    'attributes.updated_at',
  ],
  // `included` mixes stores and variants: what either relies on stays intact in both.
  included: ['id', 'type', 'attributes.currency', 'attributes.price'],
};
const LEMON_DRIFT: DriftSpec = {
  parts: () => [
    { key: 'data', essential: LEMON_ESSENTIAL.checkouts },
    { key: 'included', essential: LEMON_ESSENTIAL.included },
  ],
};

export type StartSandboxOptions = {
  count?: number;
  seed?: number;
  latencyMs?: number;
  port?: number;
  host?: string;
  /** Share of resources served with one drifted descriptive field (`SANDBOX_DRIFT`); 0 by default. */
  drift?: number;
} & Omit<SandboxHandlerOptions, 'apiKey'>;

export async function startSandbox(options: StartSandboxOptions = {}): Promise<SandboxHandle> {
  const data = createData({ count: options.count, seed: options.seed });
  const handler = withDrift(createSandboxHandler(data, options), LEMON_DRIFT, options.drift ?? 0);
  const running = await startHarness('lemonsqueezy', handler, { port: options.port, host: options.host, latencyMs: options.latencyMs });
  return Object.assign(running, { config: { apiKey: LEMON_SANDBOX_API_KEY, baseUrl: `${running.origin}/v1` }, data });
}
