/** The StateSet adapter: the merged list, the native list and lookups by id. */
import type { StateSetConfig } from './config.js';
import type { CheckoutFilter, ListOptions, PagedList, ProviderAdapter } from '../../domain.js';
import type { ProviderDeps } from '../deps.js';
import { lookupEach } from '../lookup.js';
import { StateSetClient } from './client.js';
import { nativeFilterParams, pushDownFilter, type StateSetNativeFilter } from './filter.js';
import { EmptyStateSetList, StateSetPagedList } from './list.js';
import type { StateSetCheckout } from './map.js';

export type { StateSetCheckout } from './map.js';
export type { StateSetNativeFilter } from './filter.js';

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
   * StateSet has no batch retrieve (the document lists none), so each distinct id is one `GET /checkouts/:id`
   * (lookup.ts: bounded concurrency, failures per id); in the order asked, null where StateSet has none.
   */
  getMany(ids: readonly string[], signal?: AbortSignal): Promise<(StateSetCheckout | null | Error)[]> {
    return lookupEach(ids, (id) => this.client.retrieve(id, signal));
  }

  /** Circuit state of this provider's upstream. */
  health() {
    return this.client.http.health();
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
