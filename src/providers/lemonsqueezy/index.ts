/** The Lemon Squeezy adapter: the merged list, the native list, lookups by id and the related-object loaders. */
import type { LemonSqueezyConfig } from './config.js';
import type { CheckoutFilter, ListOptions, ProviderAdapter } from '../../domain.js';
import { instantFromDate } from '../../instant.js';
import type { ProviderDeps } from '../deps.js';
import { limitedAll, lookupEach } from '../lookup.js';
import { LemonSqueezyClient } from './client.js';
import type { LemonNativeFilter } from './filter.js';
import { LemonSqueezyPagedList, type Clock } from './list.js';
import { mapDocumentCheckouts, PROVIDER, type LemonSqueezyCheckout } from './map.js';
import type { LemonStoreResource, LemonVariantResource } from './types.js';

export type { LemonSqueezyCheckout } from './map.js';
export type { LemonNativeFilter } from './filter.js';

/** Checkout ids are UUIDs; anything else cannot exist upstream, so it is answered without a request. */
const CHECKOUT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Store and variant ids are numeric strings. */
const NUMERIC_ID = /^[1-9]\d{0,15}$/;

export interface LemonSqueezyProviderOptions {
  /** "Now" for the expiry rule (status EXPIRED once `expires_at` is not in the future). Defaults to the wall clock. */
  clock?: Clock;
}

export class LemonSqueezyProvider implements ProviderAdapter<LemonSqueezyCheckout> {
  readonly name = PROVIDER;
  readonly client: LemonSqueezyClient;
  private readonly clock: Clock;

  constructor(config: LemonSqueezyConfig, deps: ProviderDeps = {}, options: LemonSqueezyProviderOptions = {}) {
    this.client = new LemonSqueezyClient(config, deps);
    this.clock = options.clock ?? (() => instantFromDate(new Date()));
  }

  list(filter: CheckoutFilter, options: ListOptions = {}): LemonSqueezyPagedList {
    return LemonSqueezyPagedList.forFilter(this.client, filter, this.clock, options);
  }

  listNative(filter: LemonNativeFilter, options: ListOptions = {}): LemonSqueezyPagedList {
    return LemonSqueezyPagedList.forNative(this.client, filter, this.clock, options);
  }

  /**
   * Lemon Squeezy has no batch retrieve, so each distinct id is one `GET /checkouts/:id?include=store,variant`
   * (lookup.ts: bounded concurrency, failures per id); the included store and variant come back with it.
   */
  getMany(ids: readonly string[], signal?: AbortSignal): Promise<(LemonSqueezyCheckout | null | Error)[]> {
    const now = this.clock();
    return lookupEach(ids, async (id) => {
      if (!CHECKOUT_ID.test(id)) return null;
      const doc = await this.client.retrieve(id, signal);
      return doc ? (mapDocumentCheckouts([doc.data], doc.included, now)[0] ?? null) : null;
    });
  }

  /** Stores by id (numeric strings), in the order asked, null where none; one request per distinct id. */
  async getStores(ids: readonly string[], signal?: AbortSignal): Promise<(LemonStoreResource | null)[]> {
    const byId = await loadDistinct(ids, NUMERIC_ID, (id) => this.client.retrieveStore(id, signal));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Variants by id (numeric strings), in the order asked, null where none; one request per distinct id. */
  async getVariants(ids: readonly string[], signal?: AbortSignal): Promise<(LemonVariantResource | null)[]> {
    const byId = await loadDistinct(ids, NUMERIC_ID, (id) => this.client.retrieveVariant(id, signal));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Circuit state of this provider's upstream. */
  health() {
    return this.client.http.health();
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

async function loadDistinct<T>(ids: readonly string[], shape: RegExp, load: (id: string) => Promise<T | null>): Promise<Map<string, T | null>> {
  const distinct = [...new Set(ids)].filter((id) => shape.test(id));
  const results = await limitedAll(distinct.map((id) => () => load(id)));
  return new Map(distinct.map((id, i) => [id, results[i] ?? null]));
}
