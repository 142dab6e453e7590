/**
 * Lemon Squeezy REST client (JSON:API 1.0). Every request carries the three documented headers: Bearer auth and
 * `application/vnd.api+json` as both Accept and Content-Type (required even on GET, §1).
 *
 * List pages and related objects go through `http.cached`, keyed by path + query, so re-reading a page (the
 * pagination engine does, and binary searches probe the same pages) costs no upstream call.
 */
import type { LemonSqueezyConfig } from './config.js';
import type { HttpClient, Query } from '../../http/client.js';
import { validatePayload } from '../../http/validate.js';
import type { ProviderDeps } from '../deps.js';
import { createProviderHttp } from '../http.js';
import { nativeQuery, type LemonNativeFilter } from './filter.js';
import { readCheckout, readIncluded, readStore, readVariant, type LemonCheckoutRead } from './read.js';
import {
  documentEnvelopeSchema,
  errorDocumentSchema,
  listEnvelopeSchema,
  type LemonPageMeta,
  type LemonStoreResource,
  type LemonVariantResource,
} from './types.js';

/** A list page: the envelope and every resource's essentials read. */
export interface LemonPage {
  meta: { page: LemonPageMeta };
  links: { next?: string | null | undefined; prev?: string | null | undefined };
  data: LemonCheckoutRead[];
  included: (LemonStoreResource | LemonVariantResource)[];
}

/** One checkout document with its included store and variant. */
export interface LemonCheckoutDocument {
  data: LemonCheckoutRead;
  included: (LemonStoreResource | LemonVariantResource)[];
}

/** The documented maximum; every list request uses it so page numbers stay meaningful and cacheable. */
export const LEMON_PAGE_SIZE = 100;
export const JSON_API = 'application/vnd.api+json';
const INCLUDE = 'store,variant';

/**
 * The provider's message from a JSON:API error document (`errors[].detail`, else `title`), falling back to the
 * top-level `error`/`message` keys the SDK also reads for non-JSON:API bodies (infrastructure 429/5xx, §6.1).
 */
export function describeLemonError(body: unknown): string | undefined {
  const parsed = errorDocumentSchema.safeParse(body);
  if (parsed.success) {
    const messages = parsed.data.errors
      .map((e) => {
        const text = e.detail ?? e.title;
        const param = e.source?.parameter ?? e.source?.pointer;
        return text && param ? `${text} (${param})` : text;
      })
      .filter((text): text is string => Boolean(text));
    if (messages.length > 0) return messages.join('; ');
  }
  if (body && typeof body === 'object') {
    const { error, message } = body as { error?: unknown; message?: unknown };
    if (typeof error === 'string') return error;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/** One list page's parameters: the native filter and the 1-based page number. */
export interface LemonListQuery extends LemonNativeFilter {
  /** 1-based page number. */
  page: number;
  /** `page[size]`, 1–100; the maximum when absent (a page number means a slice of this size). */
  size?: number;
}

export class LemonSqueezyClient {
  readonly http: HttpClient;

  constructor(config: LemonSqueezyConfig, deps: ProviderDeps = {}) {
    this.http = createProviderHttp(
      {
        provider: 'LEMON_SQUEEZY',
        baseUrl: config.baseUrl,
        headers: {
          authorization: `Bearer ${config.apiKey}`,
          accept: JSON_API,
          'content-type': JSON_API,
        },
        describeError: describeLemonError,
      },
      deps,
    );
  }

  /**
   * `GET /checkouts?filter[…]&include=store,variant&page[number]=N&page[size]=100` (or `query.size`), newest first.
   * `since`: a cache mark, only a page loaded after it will do (HttpClient.cachedRead).
   */
  listPage(query: LemonListQuery, signal?: AbortSignal, since?: number): Promise<LemonPage> {
    const wire: Query = {
      ...nativeQuery(query),
      include: INCLUDE,
      'page[number]': query.page,
      'page[size]': query.size ?? LEMON_PAGE_SIZE,
    };
    return this.http.cachedRead(
      '/checkouts',
      wire,
      signal,
      (body) => {
        const doc = validatePayload('LEMON_SQUEEZY', 'checkout list', listEnvelopeSchema, body);
        return { meta: doc.meta, links: doc.links ?? {}, data: doc.data.map(readCheckout), included: readIncluded(doc.included) };
      },
      since,
    );
  }

  /** `GET /checkouts/:id?include=store,variant`; null when the upstream answers 404. */
  retrieve(id: string, signal?: AbortSignal): Promise<LemonCheckoutDocument | null> {
    return this.http.cachedFind(`/checkouts/${encodeURIComponent(id)}`, { include: INCLUDE }, signal, (body) => {
      const doc = validatePayload('LEMON_SQUEEZY', 'checkout', documentEnvelopeSchema, body);
      return { data: readCheckout(doc.data), included: readIncluded(doc.included) };
    });
  }

  /** `GET /stores/:id`; null on 404. */
  retrieveStore(id: string, signal?: AbortSignal): Promise<LemonStoreResource | null> {
    return this.http.cachedFind(`/stores/${encodeURIComponent(id)}`, {}, signal, (body) =>
      readStore(validatePayload('LEMON_SQUEEZY', 'store', documentEnvelopeSchema, body).data),
    );
  }

  /** `GET /variants/:id`; null on 404. */
  retrieveVariant(id: string, signal?: AbortSignal): Promise<LemonVariantResource | null> {
    return this.http.cachedFind(`/variants/${encodeURIComponent(id)}`, {}, signal, (body) =>
      readVariant(validatePayload('LEMON_SQUEEZY', 'variant', documentEnvelopeSchema, body).data),
    );
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
