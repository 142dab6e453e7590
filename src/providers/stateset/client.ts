/**
 * StateSet's checkout endpoints over the shared HttpClient: `GET /checkouts` (list, Stripe-style `starting_after`
 * pagination) and `GET /checkouts/:id` (retrieve). Auth is `Authorization: Bearer <key>` plus `Accept: application/json`.
 * Every body is validated at the boundary; list pages and retrieves go through the shared short-TTL cache keyed by
 * the request path + query, so re-reading a page (or a count probe) costs nothing.
 */
import type { StateSetConfig } from './config.js';
import type { HttpClient, Query } from '../../http/client.js';
import { validatePayload } from '../../http/validate.js';
import type { ProviderDeps } from '../deps.js';
import { createProviderHttp } from '../http.js';
import { mapStateSetCheckout, type StateSetCheckout } from './map.js';
import { errorEnvelopeSchema, listEnvelopeSchema, type StateSetListParams } from './types.js';

/** One list page with its checkouts read. */
export interface StateSetPage {
  data: StateSetCheckout[];
  has_more: boolean;
  total_count: number;
}

/** Documented maximum page size; the gateway always asks for it (except for limit=1 count probes). */
export const STATESET_PAGE_SIZE = 100;

export interface StateSetListRequest extends StateSetListParams {
  limit: number;
  starting_after?: string;
}

/** `CODE: message (param)` from StateSet's `{"error":{code,message,details}}` envelope, with the key redacted. */
export function describeStateSetError(body: unknown, apiKey?: string): string | undefined {
  const parsed = errorEnvelopeSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { code, message, details } = parsed.data.error;
  const param = typeof details?.param === 'string' ? ` (${details.param})` : '';
  const text = `${code}: ${message}${param}`;
  return apiKey ? text.split(apiKey).join('[redacted]') : text;
}

export class StateSetClient {
  readonly http: HttpClient;

  constructor(config: StateSetConfig, deps: ProviderDeps = {}) {
    this.http = createProviderHttp(
      {
        provider: 'STATESET',
        baseUrl: config.baseUrl,
        headers: { authorization: `Bearer ${config.apiKey}`, accept: 'application/json' },
        describeError: (body) => describeStateSetError(body, config.apiKey),
      },
      deps,
    );
  }

  /** One page of `GET /checkouts`. Parameters are written in a fixed order so equal requests share a cache key. */
  listPage(request: StateSetListRequest, signal?: AbortSignal, since?: number): Promise<StateSetPage> {
    const query: Query = {
      limit: request.limit,
      starting_after: request.starting_after,
      status: request.status,
      buyer_email: request.buyer_email,
      created_after: request.created_after,
      created_before: request.created_before,
    };
    return this.http.cachedRead(
      '/checkouts',
      query,
      signal,
      (body) => {
        const page = validatePayload('STATESET', 'checkout list', listEnvelopeSchema, body);
        return { ...page, data: page.data.map(mapStateSetCheckout) };
      },
      since,
    );
  }

  /** `GET /checkouts/:id`; null when StateSet answers 404 (or for an id that cannot name a resource). */
  retrieve(id: string, signal?: AbortSignal): Promise<StateSetCheckout | null> {
    // An empty or dot-only id would address the list or a parent path, not a checkout.
    if (id === '' || /^\.+$/.test(id)) return Promise.resolve(null);
    return this.http.cachedFind(`/checkouts/${encodeURIComponent(id)}`, {}, signal, mapStateSetCheckout);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
