/**
 * Zenskar REST client over the shared HttpClient: `GET /checkout`, `GET /checkout/{id}`, `GET /customers` and
 * `GET /customers/{id}`, each body validated at the boundary. List pages and related-object fetches go through
 * `http.cached`, keyed by path + query, so re-reading a page inside the cache TTL costs nothing.
 */
import type { ZenskarConfig } from './config.js';
import type { HttpClient, Query } from '../../http/client.js';
import { validatePayload } from '../../http/validate.js';
import { readEssential, readTolerant } from '../tolerant.js';
import type { ProviderDeps } from '../deps.js';
import { createProviderHttp } from '../http.js';
import { limitedAll } from '../lookup.js';
import { isUuid, type ZenskarCheckoutQuery, type ZenskarPageParams } from './filter.js';
import { mapZenskarCheckout, type ZenskarCheckout } from './map.js';
import { CheckoutSessionListSchema, CustomerEssentialSchema, CustomerListSchema, CustomerReader, ErrorBodySchema, type ZenskarCustomer } from './types.js';

/** A list page with its items read. */
export interface ZenskarPage<T> {
  results: T[];
  next?: string | null | undefined;
  previous?: string | null | undefined;
  total_count?: number | null | undefined;
}

/** A customer: its id strictly (it keys the batch), the rest tolerantly. */
function readCustomer(json: unknown): ZenskarCustomer {
  const { id } = readEssential('ZENSKAR', 'customer', CustomerEssentialSchema, json, (json as { id?: unknown } | null)?.id);
  return { ...readTolerant('ZENSKAR', CustomerReader, json), id };
}

/** The API version we are written against (§1): pinned so a default change upstream cannot move under us. */
export const ZENSKAR_API_VERSION = '20230501';
/** Upstream maximum page size (§2.1); every list and batch request asks for it. */
export const ZENSKAR_PAGE_SIZE = 100;

/**
 * The provider's message from its error bodies (§6): FastAPI `{"detail": "…"}` or `{"detail": [{loc, msg}]}`,
 * API Gateway `{"Message": "…"}` / `{"message": "…"}`.
 */
export function describeZenskarError(body: unknown): string | undefined {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { detail, Message, message } = parsed.data;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail) && detail.length > 0) {
    return detail
      .slice(0, 3)
      .map((issue) => {
        const where = (issue.loc ?? []).filter((part) => part !== 'query' && part !== 'body' && part !== 'path').join('.');
        return where ? `${where}: ${issue.msg ?? 'invalid'}` : (issue.msg ?? 'invalid');
      })
      .join('; ');
  }
  return Message ?? message;
}

export class ZenskarClient {
  readonly http: HttpClient;

  constructor(config: ZenskarConfig, deps: ProviderDeps = {}) {
    this.http = createProviderHttp(
      {
        provider: 'ZENSKAR',
        baseUrl: config.baseUrl,
        headers: { 'x-api-key': config.apiKey, organisation: config.organisation, apiversion: ZENSKAR_API_VERSION },
        describeError: describeZenskarError,
      },
      deps,
    );
  }

  /** One page of `GET /checkout`: the envelope and every session's essentials read (and mapped) at once. */
  listPage(query: ZenskarCheckoutQuery & ZenskarPageParams, signal?: AbortSignal, since?: number): Promise<ZenskarPage<ZenskarCheckout>> {
    return this.http.cachedRead(
      '/checkout',
      query as Query,
      signal,
      (body) => {
        const page = validatePayload('ZENSKAR', 'checkout session list', CheckoutSessionListSchema, body);
        return { ...page, results: page.results.map(mapZenskarCheckout) };
      },
      since,
    );
  }

  /** `GET /checkout/{id}`; null when Zenskar has no such session (404) or the id cannot be one (not a UUID). */
  retrieve(id: string, signal?: AbortSignal): Promise<ZenskarCheckout | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.http.cachedFind(`/checkout/${encodeURIComponent(id.toLowerCase())}`, {}, signal, mapZenskarCheckout);
  }

  /**
   * Sessions by id, in the order asked, null where absent: `GET /checkout?id__in=…&limit=100` (documented filter)
   * in chunks of 100, so one request answers up to 100 ids. Non-UUIDs are null without a request.
   */
  async retrieveMany(ids: readonly string[], signal?: AbortSignal): Promise<(ZenskarCheckout | null)[]> {
    const found = await this.byIdIn(ids, (chunk) => this.listPage({ id__in: chunk.join(','), limit: ZENSKAR_PAGE_SIZE }, signal).then((page) => page.results));
    return ids.map((id) => found.get(id.toLowerCase()) ?? null);
  }

  /** One page of `GET /customers`. `id__in` on /customers is an [assumption] (see the sandbox). */
  listCustomerPage(query: { id__in?: string } & ZenskarPageParams, signal?: AbortSignal): Promise<ZenskarPage<ZenskarCustomer>> {
    return this.http.cachedRead('/customers', query as Query, signal, (body) => {
      const page = validatePayload('ZENSKAR', 'customer list', CustomerListSchema, body);
      return { ...page, results: page.results.map(readCustomer) };
    });
  }

  /** `GET /customers/{id}`; null for 404 or a non-UUID id. */
  retrieveCustomer(id: string, signal?: AbortSignal): Promise<ZenskarCustomer | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.http.cachedFind(`/customers/${encodeURIComponent(id.toLowerCase())}`, {}, signal, readCustomer);
  }

  /**
   * Customers by id, in the order asked, null where absent. One id → `GET /customers/{id}`; several →
   * `GET /customers?id__in=…&limit=100` per 100 ids.
   */
  async retrieveCustomers(ids: readonly string[], signal?: AbortSignal): Promise<(ZenskarCustomer | null)[]> {
    const distinct = [...new Set(ids.map((id) => id.toLowerCase()).filter(isUuid))];
    if (distinct.length === 1) {
      const customer = await this.retrieveCustomer(distinct[0] as string, signal);
      return ids.map((id) => (customer && id.toLowerCase() === customer.id.toLowerCase() ? customer : null));
    }
    const found = await this.byIdIn(ids, (chunk) =>
      this.listCustomerPage({ id__in: chunk.join(','), limit: ZENSKAR_PAGE_SIZE }, signal).then((page) => page.results),
    );
    return ids.map((id) => found.get(id.toLowerCase()) ?? null);
  }

  private async byIdIn<T extends { providerId: string } | { id: string }>(
    ids: readonly string[],
    fetchChunk: (chunk: string[]) => Promise<T[]>,
  ): Promise<Map<string, T>> {
    // Sorted, so the same set of ids is the same request (and cache entry) whatever order it was asked in.
    const distinct = [...new Set(ids.map((id) => id.toLowerCase()).filter(isUuid))].sort();
    const chunks: string[][] = [];
    for (let i = 0; i < distinct.length; i += ZENSKAR_PAGE_SIZE) chunks.push(distinct.slice(i, i + ZENSKAR_PAGE_SIZE));
    const pages = await limitedAll(chunks.map((chunk) => () => fetchChunk(chunk)));
    const found = new Map<string, T>();
    for (const item of pages.flat()) found.set(('providerId' in item ? item.providerId : item.id).toLowerCase(), item);
    return found;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
