/** The Zenskar adapter: checkout sessions (`GET /checkout`) and their customers. */
import type { ZenskarConfig } from './config.js';
import type { CheckoutFilter, ListOptions, PagedList, ProviderAdapter } from '../../domain.js';
import type { ProviderDeps } from '../deps.js';
import { ZenskarClient } from './client.js';
import { planCheckoutFilter, planNativeFilter, type ZenskarListPlan, type ZenskarNativeFilter } from './filter.js';
import { EmptyList } from '../empty-list.js';
import { ZenskarPagedList } from './list.js';
import type { ZenskarCheckout } from './map.js';
import type { ZenskarCustomer } from './types.js';

export type { ZenskarCheckout } from './map.js';
export type { ZenskarNativeFilter } from './filter.js';
export type { ZenskarCheckoutSession, ZenskarCustomer } from './types.js';

export class ZenskarProvider implements ProviderAdapter<ZenskarCheckout> {
  readonly name = 'ZENSKAR' as const;
  readonly client: ZenskarClient;

  constructor(config: ZenskarConfig, deps: ProviderDeps = {}) {
    this.client = new ZenskarClient(config, deps);
  }

  private listFor(plan: ZenskarListPlan, options: ListOptions): PagedList<ZenskarCheckout> {
    if (plan.matchesNothing) return new EmptyList<ZenskarCheckout>(this.name);
    return new ZenskarPagedList(this.client, plan.query, plan.residual, options);
  }

  /** The merged connection's filter: status, currency and created range pushed down; email left as a residual. */
  list(filter: CheckoutFilter, options: ListOptions = {}): PagedList<ZenskarCheckout> {
    return this.listFor(planCheckoutFilter(filter), options);
  }

  /** The per-provider connection's filter (every part native). Throws BadUserInputError for malformed ids/codes. */
  listNative(filter: ZenskarNativeFilter | null | undefined, options: ListOptions = {}): PagedList<ZenskarCheckout> {
    return this.listFor(planNativeFilter(filter), options);
  }

  getMany(ids: readonly string[], signal?: AbortSignal): Promise<(ZenskarCheckout | null)[]> {
    return this.client.retrieveMany(ids, signal);
  }

  /** One session through `GET /checkout/{id}`. */
  get(id: string, signal?: AbortSignal): Promise<ZenskarCheckout | null> {
    return this.client.retrieve(id, signal);
  }

  /** Customers by id (batched with `id__in`), in the order asked, null where absent. */
  getCustomers(ids: readonly string[], signal?: AbortSignal): Promise<(ZenskarCustomer | null)[]> {
    return this.client.retrieveCustomers(ids, signal);
  }

  /** Circuit state of this provider's upstream. */
  health() {
    return this.client.http.health();
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
