/** The StateSet adapter: the merged list, the native list and lookups by id. */
import type { StateSetConfig } from '../../config.js';
import type { CheckoutFilter, ListOptions, PagedList, ProviderAdapter } from '../../domain.js';
import type { ProviderDeps } from '../deps.js';
import { StateSetClient } from './client.js';
import { nativeFilterParams, pushDownFilter, type StateSetNativeFilter } from './filter.js';
import { EmptyStateSetList, StateSetPagedList } from './list.js';
import { mapStateSetCheckout, type StateSetCheckout } from './map.js';

export type { StateSetCheckout } from './map.js';
export type { StateSetNativeFilter } from './filter.js';

/** Parallel retrieves per `getMany` call: enough to fill a page of nodes quickly, not enough to trip a rate limit. */
const RETRIEVE_CONCURRENCY = 16;

export class StateSetProvider implements ProviderAdapter<StateSetCheckout> {
  readonly name = 'STATESET' as const;
  readonly client: StateSetClient;

  constructor(config: StateSetConfig, deps: ProviderDeps = {}) {
    this.client = new StateSetClient(config, deps);
  }

  list(filter: CheckoutFilter, options: ListOptions = {}): PagedList<StateSetCheckout> {
    const { params, residual, empty } = pushDownFilter(filter);
    if (empty) return new EmptyStateSetList();
    return new StateSetPagedList(this.client, params, residual, options);
  }

  listNative(filter: StateSetNativeFilter | null | undefined, options: ListOptions = {}): PagedList<StateSetCheckout> {
    return new StateSetPagedList(this.client, nativeFilterParams(filter), undefined, options);
  }

  /**
   * StateSet has no batch retrieve (the document lists none), so each distinct id is one `GET /checkouts/:id`,
   * at most RETRIEVE_CONCURRENCY at a time; results come back in the order asked, null where StateSet has none.
   */
  async getMany(ids: readonly string[], signal?: AbortSignal): Promise<(StateSetCheckout | null)[]> {
    const distinct = [...new Set(ids)];
    const found = new Map<string, StateSetCheckout | null>();
    let next = 0;
    const worker = async () => {
      while (next < distinct.length) {
        const id = distinct[next++] as string;
        found.set(id, await this.client.retrieve(id, signal));
      }
    };
    await Promise.all(Array.from({ length: Math.min(RETRIEVE_CONCURRENCY, distinct.length) }, worker));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** Circuit state of this provider's upstream. */
  health() {
    return this.client.http.health();
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
