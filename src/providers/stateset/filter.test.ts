import { describe, expect, it } from 'vitest';
import { formatStateSetTime, planCheckoutFilter, planNativeFilter } from './filter.js';
import type { StateSetCheckout } from './map.js';

const checkout = (over: Partial<StateSetCheckout>): StateSetCheckout =>
  ({
    provider: 'STATESET',
    providerId: 'checkout_x',
    status: 'OPEN',
    providerStatus: 'ready_for_payment',
    currency: 'USD',
    email: null,
    total: null,
    createdAt: '2025-01-01T00:00:00.000000Z',
    updatedAt: '2025-01-01T00:00:00.000000Z',
    raw: {} as StateSetCheckout['raw'],
    ...over,
  }) as StateSetCheckout;

describe('formatStateSetTime', () => {
  it('writes whole seconds as StateSet does and keeps sub-second digits only when present', () => {
    expect(formatStateSetTime('2024-09-30T10:00:00.000000Z')).toBe('2024-09-30T10:00:00Z');
    expect(formatStateSetTime('2024-09-30T10:00:00.500000Z')).toBe('2024-09-30T10:00:00.5Z');
    expect(formatStateSetTime('2024-09-30T10:00:00.000001Z')).toBe('2024-09-30T10:00:00.000001Z');
  });
});

describe('planCheckoutFilter', () => {
  it('pushes nothing and keeps no residual for an empty filter', () => {
    expect(planCheckoutFilter({})).toEqual({ query: {}, matchesNothing: false });
    expect(planCheckoutFilter(null)).toEqual({ query: {}, matchesNothing: false });
    expect(planCheckoutFilter({ status: [], currency: [] })).toEqual({ query: {}, matchesNothing: false });
  });

  it('pushes a status down when it maps to exactly one native value', () => {
    expect(planCheckoutFilter({ status: ['COMPLETED'] })).toEqual({ query: { status: 'completed' }, matchesNothing: false });
    expect(planCheckoutFilter({ status: ['PROCESSING'] })).toEqual({ query: { status: 'in_progress' }, matchesNothing: false });
    expect(planCheckoutFilter({ status: ['CANCELLED'] })).toEqual({ query: { status: 'canceled' }, matchesNothing: false });
    // EXPIRED has no StateSet value, so it adds nothing to COMPLETED.
    expect(planCheckoutFilter({ status: ['COMPLETED', 'EXPIRED'] })).toEqual({ query: { status: 'completed' }, matchesNothing: false });
  });

  it('keeps OPEN (two native values) and multi-status lists as a residual', () => {
    const open = planCheckoutFilter({ status: ['OPEN'] });
    expect(open.query).toEqual({});
    expect(open.residual?.(checkout({ status: 'OPEN' }))).toBe(true);
    expect(open.residual?.(checkout({ status: 'COMPLETED' }))).toBe(false);
    const two = planCheckoutFilter({ status: ['COMPLETED', 'CANCELLED'] });
    expect(two.query).toEqual({});
    expect(two.residual?.(checkout({ status: 'CANCELLED' }))).toBe(true);
    expect(two.residual?.(checkout({ status: 'PROCESSING' }))).toBe(false);
  });

  it('knows that only EXPIRED can match nothing on StateSet', () => {
    expect(planCheckoutFilter({ status: ['EXPIRED'] }).matchesNothing).toBe(true);
  });

  it('pushes email and the strict time bounds down', () => {
    const pushed = planCheckoutFilter({
      email: 'ada@example.com',
      createdAfter: '2025-01-01T00:00:00.000000Z',
      createdBefore: '2025-02-01T12:30:00.123400Z',
    });
    expect(pushed).toEqual({
      query: { buyer_email: 'ada@example.com', created_after: '2025-01-01T00:00:00Z', created_before: '2025-02-01T12:30:00.1234Z' },
      matchesNothing: false,
    });
  });

  it('treats an empty email and an empty time window as matching nothing', () => {
    expect(planCheckoutFilter({ email: '' }).matchesNothing).toBe(true);
    expect(planCheckoutFilter({ createdAfter: '2025-01-01T00:00:00.000000Z', createdBefore: '2025-01-01T00:00:00.000000Z' }).matchesNothing).toBe(true);
  });

  it('filters currency in the gateway (StateSet cannot), upper-case and OR-ed', () => {
    const pushed = planCheckoutFilter({ currency: ['usd', 'EUR'], status: ['COMPLETED'] });
    expect(pushed.query).toEqual({ status: 'completed' });
    expect(pushed.residual?.(checkout({ currency: 'EUR' }))).toBe(true);
    expect(pushed.residual?.(checkout({ currency: 'USD' }))).toBe(true);
    expect(pushed.residual?.(checkout({ currency: 'GBP' }))).toBe(false);
    expect(pushed.residual?.(checkout({ currency: null }))).toBe(false);
  });

  it('ANDs residual parts', () => {
    const pushed = planCheckoutFilter({ status: ['OPEN'], currency: ['USD'] });
    expect(pushed.residual?.(checkout({ status: 'OPEN', currency: 'USD' }))).toBe(true);
    expect(pushed.residual?.(checkout({ status: 'OPEN', currency: 'EUR' }))).toBe(false);
    expect(pushed.residual?.(checkout({ status: 'COMPLETED', currency: 'USD' }))).toBe(false);
  });

  it('ignores `providers` (the engine handles it)', () => {
    expect(planCheckoutFilter({ providers: ['ZENSKAR'] })).toEqual({ query: {}, matchesNothing: false });
  });
});

describe('planNativeFilter', () => {
  it('maps the GraphQL filter one to one', () => {
    expect(
      planNativeFilter({
        status: 'ready_for_payment',
        buyerEmail: 'ada@example.com',
        createdAfter: '2025-01-01T00:00:00.000000Z',
        createdBefore: '2025-03-01T00:00:00.750000Z',
      }).query,
    ).toEqual({
      status: 'ready_for_payment',
      buyer_email: 'ada@example.com',
      created_after: '2025-01-01T00:00:00Z',
      created_before: '2025-03-01T00:00:00.75Z',
    });
    expect(planNativeFilter(null).query).toEqual({});
    expect(planNativeFilter({ status: null, buyerEmail: null }).query).toEqual({});
  });
});
