import { readCheckout, readStore, readVariant } from './read.js';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../errors.js';
import { nativeFilterFromInput, nativeQuery, planCheckoutFilter } from './filter.js';
import { mapCheckout, type LemonSqueezyCheckout } from './map.js';
import { docCheckoutResource, storeResource, variantResource } from './sandbox/fixtures.js';

const NOW = '2026-11-01T00:00:00.000000Z';
const stores = { 1: readStore(storeResource(1, 'USD')), 2: readStore(storeResource(2, 'JPY')) };
const variant = readVariant(variantResource(1, 999));

function item(id: number, opts: { store?: 1 | 2; email?: string; expires?: string | null; created: string }): LemonSqueezyCheckout {
  const base = docCheckoutResource();
  const resource = readCheckout(
    docCheckoutResource(
      {
        store_id: opts.store ?? 1,
        expires_at: opts.expires ?? null,
        created_at: opts.created,
        checkout_data: { ...base.attributes.checkout_data, email: opts.email ?? '' },
      },
      `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    ),
  );
  return mapCheckout(resource, stores[opts.store ?? 1], variant, NOW);
}

const items = [
  item(1, { created: '2026-10-30T10:00:00.000000Z', email: 'Ada.Lovelace@Example.com', expires: '2026-12-01T00:00:00.000000Z' }),
  item(2, { created: '2026-10-30T10:00:00.000000Z', store: 2, email: 'grace@example.org', expires: '2026-10-31T00:00:00.000000Z' }),
  item(3, { created: '2026-10-29T09:00:00.000000Z', store: 2 }),
  item(4, { created: '2026-10-28T08:00:00.000000Z', email: 'ada.lovelace@example.com', expires: '2026-10-28T09:00:00.000000Z' }),
];
const ids = (filter: Parameters<typeof planCheckoutFilter>[0]) => {
  const { residual } = planCheckoutFilter(filter);
  return items.filter((i) => !residual || residual(i)).map((i) => Number(i.providerId.slice(-2)));
};

describe('planCheckoutFilter', () => {
  it('pushes nothing down and leaves no residual for an empty filter', () => {
    expect(planCheckoutFilter({})).toEqual({ query: {}, residual: undefined, matchesNothing: false, createdAfter: null, createdBefore: null });
    expect(planCheckoutFilter({ providers: ['LEMON_SQUEEZY'], status: [], currency: [], email: null }).residual).toBeUndefined();
  });

  it('filters status through the expiry rule', () => {
    expect(ids({ status: ['EXPIRED'] })).toEqual([2, 4]);
    expect(ids({ status: ['OPEN'] })).toEqual([1, 3]);
    expect(ids({ status: ['OPEN', 'EXPIRED'] })).toEqual([1, 2, 3, 4]);
    expect(ids({ status: ['COMPLETED', 'PROCESSING', 'CANCELLED'] })).toEqual([]);
  });

  it('filters currency by the store currency', () => {
    expect(ids({ currency: ['JPY'] })).toEqual([2, 3]);
    expect(ids({ currency: ['USD', 'JPY'] })).toEqual([1, 2, 3, 4]);
    expect(ids({ currency: ['EUR'] })).toEqual([]);
  });

  it('matches email case-insensitively and exactly', () => {
    expect(ids({ email: 'ADA.LOVELACE@example.COM' })).toEqual([1, 4]);
    expect(ids({ email: 'ada' })).toEqual([]);
    expect(ids({ email: 'grace@example.org' })).toEqual([2]);
  });

  it('applies strict created bounds and records them for the jumps', () => {
    expect(ids({ createdAfter: '2026-10-29T09:00:00.000000Z' })).toEqual([1, 2]);
    expect(ids({ createdBefore: '2026-10-30T10:00:00.000000Z' })).toEqual([3, 4]);
    expect(ids({ createdAfter: '2026-10-28T08:00:00.000000Z', createdBefore: '2026-10-30T10:00:00.000001Z' })).toEqual([1, 2, 3]);
    const plan = planCheckoutFilter({ createdAfter: '2026-01-01T00:00:00.000000Z', createdBefore: '2026-02-01T00:00:00.000000Z' });
    expect([plan.createdAfter, plan.createdBefore]).toEqual(['2026-01-01T00:00:00.000000Z', '2026-02-01T00:00:00.000000Z']);
  });

  it('ANDs every part', () => {
    expect(ids({ status: ['EXPIRED'], currency: ['USD'], email: 'ada.lovelace@example.com' })).toEqual([4]);
    expect(ids({ status: ['OPEN'], currency: ['JPY'], createdBefore: '2026-10-30T00:00:00.000000Z' })).toEqual([3]);
  });
});

describe('native filter', () => {
  it('validates the GraphQL input', () => {
    expect(nativeFilterFromInput(null)).toEqual({});
    expect(nativeFilterFromInput({ storeId: 41201, variantId: null })).toEqual({ storeId: 41201 });
    expect(() => nativeFilterFromInput({ storeId: 0 })).toThrow(BadUserInputError);
    expect(() => nativeFilterFromInput({ variantId: -3 })).toThrow(/filter.variantId must be a positive/);
  });

  it('becomes the upstream query parameters', () => {
    expect(nativeQuery({ storeId: 1, variantId: 2 })).toEqual({ 'filter[store_id]': 1, 'filter[variant_id]': 2 });
    expect(nativeQuery({})).toEqual({ 'filter[store_id]': undefined, 'filter[variant_id]': undefined });
  });
});
