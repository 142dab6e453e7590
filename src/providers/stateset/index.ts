/** The StateSet adapter: the merged list, the native list and lookups by id. */
import type { StateSetConfig } from './config.js';
import type { CheckoutFilter, ListOptions, PagedList, ProviderAdapter } from '../../domain.js';
import type { ProviderDeps } from '../deps.js';
import { lookupEach } from '../lookup.js';
import { StateSetClient } from './client.js';
import { EmptyList } from '../empty-list.js';
import { planCheckoutFilter, planNativeFilter, type StateSetListPlan, type StateSetNativeFilter } from './filter.js';
import { StateSetPagedList } from './list.js';
import type { StateSetCheckout } from './map.js';

export type { StateSetCheckout } from './map.js';
export type { StateSetNativeFilter } from './filter.js';

export class StateSetProvider implements ProviderAdapter<StateSetCheckout> {
  readonly name = 'STATESET' as const;
  readonly client: StateSetClient;

  constructor(config: StateSetConfig, deps: ProviderDeps = {}) {
    this.client = new StateSetClient(config, deps);
  }

  private listFor(plan: StateSetListPlan, options: ListOptions): PagedList<StateSetCheckout> {
    if (plan.matchesNothing) return new EmptyList<StateSetCheckout>(this.name);
    return new StateSetPagedList(this.client, plan.query, plan.residual, options);
  }

  /** The merged connection's filter: status (one native value), email and created range pushed down; the rest residual. */
  list(filter: CheckoutFilter, options: ListOptions = {}): PagedList<StateSetCheckout> {
    return this.listFor(planCheckoutFilter(filter), options);
  }

  /** The per-provider connection's filter (every part native). */
  listNative(filter: StateSetNativeFilter | null | undefined, options: ListOptions = {}): PagedList<StateSetCheckout> {
    return this.listFor(planNativeFilter(filter), options);
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
