/**
 * An in-memory PagedList over a fixed array, for the merge property tests and benchmarks of the engine alone.
 * It behaves like the real adapters: fixed page size, page refs, and either `prev` refs (Zenskar, Lemon Squeezy)
 * or forward-only pages with `pageBefore` (StateSet), where a ref is the id of the item a page starts after.
 */
import type { Checkout, PagedList, PageRef, Position, ProviderName, UpstreamPage } from '../domain.js';

export interface MemoryListOptions {
  pageSize: number;
  /** `offset`: refs are page start offsets with prev refs; `after-id`: refs are ids, no prev refs (pageBefore). */
  mode: 'offset' | 'after-id';
  residual?: (item: Checkout) => boolean;
  /** Counts page fetches (for cost assertions). */
  onFetch?: (ref: PageRef) => void;
}

export function memoryList(provider: ProviderName, items: Checkout[], options: MemoryListOptions): PagedList {
  const size = options.pageSize;
  const indexOfId = new Map(items.map((item, i) => [item.providerId, i]));
  const startOf = (ref: PageRef): number => {
    if (ref === null) return 0;
    if (options.mode === 'offset') return Number(ref);
    const index = indexOfId.get(ref);
    if (index === undefined) throw new Error(`unknown ref ${ref}`);
    return index + 1;
  };
  const refFor = (start: number): PageRef => {
    if (start === 0) return null;
    return options.mode === 'offset' ? String(start) : (items[start - 1] as Checkout).providerId;
  };
  const pageAt = (start: number, ref: PageRef): UpstreamPage => {
    const slice = items.slice(start, start + size);
    const end = start + slice.length;
    return {
      ref,
      items: slice,
      next: end < items.length ? refFor(end) : null,
      prev: start === 0 ? null : options.mode === 'offset' ? String(Math.max(0, start - size)) : undefined,
      totalCount: options.residual ? null : items.length,
    };
  };
  const list: PagedList = {
    provider,
    exactTotal: !options.residual,
    async page(ref) {
      options.onFetch?.(ref);
      return pageAt(startOf(ref), ref);
    },
    async end(): Promise<Position> {
      if (items.length === 0) return { r: null, o: 0 };
      const start = Math.floor((items.length - 1) / size) * size;
      if (options.mode === 'offset') return { r: refFor(start), o: items.length - start };
      return { r: refFor(items.length), o: 0 };
    },
  };
  if (options.residual) list.residual = options.residual;
  if (options.mode === 'after-id') {
    list.pageBefore = async (item) => {
      options.onFetch?.(null);
      const endIndex = item === null ? items.length : (indexOfId.get(item.providerId) as number);
      const start = Math.max(0, endIndex - size);
      const page = pageAt(start, refFor(start));
      return { ...page, items: items.slice(start, endIndex), next: endIndex < items.length ? refFor(endIndex) : null };
    };
  }
  return list;
}
