/**
 * Random datasets, queries and the brute-force truth shared by the merged-pagination property tests.
 */
import fc from 'fast-check';
import type { Checkout, CheckoutStatus, ProviderName } from '../domain.js';
import { providerNames, rankOf } from '../providers/registry.js';
import { memoryList } from './memory-list.js';

/** The registered providers: the properties hold for whichever the registry lists. */
export const PROVIDERS = providerNames();

export const SECRET = Buffer.from('property-test-secret-property-test-secret');
export const STATUSES: CheckoutStatus[] = ['OPEN', 'PROCESSING', 'COMPLETED', 'CANCELLED', 'EXPIRED'];

export interface Dataset {
  items: Record<ProviderName, Checkout[]>;
  pageSizes: Record<ProviderName, number>;
  modes: Record<ProviderName, 'offset' | 'after-id'>;
}

export function instant(second: number): string {
  return `2026-01-01T00:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.000000Z`;
}

export const checkoutArb = fc.record({ second: fc.integer({ min: 0, max: 40 }), status: fc.constantFrom(...STATUSES) });

export const datasetArb: fc.Arbitrary<Dataset> = fc
  .record({
    rows: fc.tuple(...PROVIDERS.map(() => fc.array(checkoutArb, { maxLength: 45 }))),
    sizes: fc.tuple(...PROVIDERS.map(() => fc.integer({ min: 1, max: 12 }))),
    modes: fc.tuple(...PROVIDERS.map(() => fc.constantFrom<'offset' | 'after-id'>('offset', 'after-id'))),
  })
  .map((raw) => {
    const items = {} as Record<ProviderName, Checkout[]>;
    PROVIDERS.forEach((provider, p) => {
      // Upstream order: createdAt descending; equal instants keep generation order (the upstream's own tie-break).
      const rows = (raw.rows[p] ?? []).map((r, i) => ({ ...r, i })).sort((a, b) => b.second - a.second || a.i - b.i);
      items[provider] = rows.map((r, i) => ({
        provider,
        providerId: `${provider}-${i}`,
        status: r.status,
        providerStatus: r.status.toLowerCase(),
        currency: 'USD',
        email: null,
        total: null,
        createdAt: instant(r.second),
        updatedAt: instant(r.second),
        raw: null,
      }));
    });
    return {
      items,
      pageSizes: Object.fromEntries(PROVIDERS.map((provider, p) => [provider, raw.sizes[p] as number])),
      modes: Object.fromEntries(PROVIDERS.map((provider, p) => [provider, raw.modes[p] as 'offset' | 'after-id'])),
    };
  });

export interface Query {
  providers: ProviderName[];
  status: CheckoutStatus[] | null;
  createdAfter: string | null;
  createdBefore: string | null;
  maxScanPages: number;
}

export const queryArb: fc.Arbitrary<Query> = fc.record({
  providers: fc.subarray([...PROVIDERS], { minLength: 1 }),
  status: fc.option(fc.subarray(STATUSES, { minLength: 1 }), { nil: null }),
  createdAfter: fc.option(fc.integer({ min: 0, max: 40 }).map(instant), { nil: null }),
  createdBefore: fc.option(fc.integer({ min: 0, max: 40 }).map(instant), { nil: null }),
  maxScanPages: fc.integer({ min: 1, max: 4 }),
});

export function matches(query: Query, item: Checkout): boolean {
  if (query.status && !query.status.includes(item.status)) return false;
  if (query.createdAfter && !(item.createdAt > query.createdAfter)) return false;
  if (query.createdBefore && !(item.createdAt < query.createdBefore)) return false;
  return true;
}

/** The brute-force truth: everything that matches, sorted by the documented order. */
export function truth(data: Dataset, query: Query): string[] {
  const all = query.providers.flatMap((p) => (data.items[p] ?? []).map((item, index) => ({ item, index })));
  return all
    .filter(({ item }) => matches(query, item))
    .sort(
      (a, b) =>
        (a.item.createdAt < b.item.createdAt ? 1 : a.item.createdAt > b.item.createdAt ? -1 : 0) ||
        rankOf(a.item.provider) - rankOf(b.item.provider) ||
        a.index - b.index,
    )
    .map(({ item }) => item.providerId);
}

export function lists(data: Dataset, query: Query) {
  const residual = query.status || query.createdAfter || query.createdBefore ? (item: Checkout) => matches(query, item) : undefined;
  return query.providers.map((p) =>
    memoryList(p, data.items[p] ?? [], { pageSize: data.pageSizes[p] ?? 1, mode: data.modes[p] ?? 'offset', ...(residual ? { residual } : {}) }),
  );
}

export function fake(provider: ProviderName, i: number, second: number): Checkout {
  return {
    provider,
    providerId: `${provider}-${i}`,
    status: 'OPEN',
    providerStatus: 'open',
    currency: 'USD',
    email: null,
    total: null,
    createdAt: instant(second),
    updatedAt: instant(second),
    raw: null,
  };
}
