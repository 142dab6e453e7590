/** A list no checkout can be in (the filter asks for something the upstream never has): no upstream request at all. */
import { START, type Checkout, type PagedList, type PageRef, type Position, type ProviderName, type UpstreamPage } from '../domain.js';

export class EmptyList<C extends Checkout = Checkout> implements PagedList<C> {
  readonly exactTotal = true;

  constructor(readonly provider: ProviderName) {}

  page(ref: PageRef): Promise<UpstreamPage<C>> {
    return Promise.resolve({ ref, items: [], next: null, prev: null, totalCount: 0 });
  }

  pageBefore(): Promise<UpstreamPage<C>> {
    return Promise.resolve({ ref: null, items: [], next: null, prev: null, totalCount: 0 });
  }

  end(): Promise<Position> {
    return Promise.resolve(START);
  }
}
