/**
 * Mapping a cached upstream page once. The page cache (src/http/cache.ts) keeps validated raw pages; every gateway page
 * that reads one would otherwise map its 100 items again. Keyed weakly by the raw array, so a mapped page lives exactly
 * as long as its cached raw page (at most the cache TTL — also the bound on how stale a clock-derived field such as
 * Lemon Squeezy's EXPIRED status can be).
 */
const mapped = new WeakMap<object, unknown>();

export function mapOnce<R, T>(raw: readonly R[], map: (items: readonly R[]) => T[]): T[] {
  let items = mapped.get(raw) as T[] | undefined;
  if (!items) {
    items = map(raw);
    mapped.set(raw, items);
  }
  return items;
}
