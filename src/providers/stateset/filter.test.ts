import { describe, expect, it } from 'vitest';
import { formatStateSetTime, nativeFilterParams, pushDownFilter } from './filter.js';
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

describe('pushDownFilter', () => {
  it('pushes nothing and keeps no residual for an empty filter', () => {
    expect(pushDownFilter({})).toEqual({ params: {}, empty: false });
    expect(pushDownFilter(null)).toEqual({ params: {}, empty: false });
    expect(pushDownFilter({ status: [], currency: [] })).toEqual({ params: {}, empty: false });
  });

  it('pushes a status down when it maps to exactly one native value', () => {
    expect(pushDownFilter({ status: ['COMPLETED'] })).toEqual({ params: { status: 'completed' }, empty: false });
    expect(pushDownFilter({ status: ['PROCESSING'] })).toEqual({ params: { status: 'in_progress' }, empty: false });
    expect(pushDownFilter({ status: ['CANCELLED'] })).toEqual({ params: { status: 'canceled' }, empty: false });
    // EXPIRED has no StateSet value, so it adds nothing to COMPLETED.
    expect(pushDownFilter({ status: ['COMPLETED', 'EXPIRED'] })).toEqual({ params: { status: 'completed' }, empty: false });
  });

  it('keeps OPEN (two native values) and multi-status lists as a residual', () => {
    const open = pushDownFilter({ status: ['OPEN'] });
    expect(open.params).toEqual({});
    expect(open.residual?.(checkout({ status: 'OPEN' }))).toBe(true);
    expect(open.residual?.(checkout({ status: 'COMPLETED' }))).toBe(false);
    const two = pushDownFilter({ status: ['COMPLETED', 'CANCELLED'] });
    expect(two.params).toEqual({});
    expect(two.residual?.(checkout({ status: 'CANCELLED' }))).toBe(true);
    expect(two.residual?.(checkout({ status: 'PROCESSING' }))).toBe(false);
  });

  it('knows that only EXPIRED can match nothing on StateSet', () => {
    expect(pushDownFilter({ status: ['EXPIRED'] }).empty).toBe(true);
  });

  it('pushes email and the strict time bounds down', () => {
    const pushed = pushDownFilter({
      email: 'ada@example.com',
      createdAfter: '2025-01-01T00:00:00.000000Z',
      createdBefore: '2025-02-01T12:30:00.123400Z',
    });
    expect(pushed).toEqual({
      params: { buyer_email: 'ada@example.com', created_after: '2025-01-01T00:00:00Z', created_before: '2025-02-01T12:30:00.1234Z' },
      empty: false,
    });
  });

  it('treats an empty email and an empty time window as matching nothing', () => {
    expect(pushDownFilter({ email: '' }).empty).toBe(true);
    expect(pushDownFilter({ createdAfter: '2025-01-01T00:00:00.000000Z', createdBefore: '2025-01-01T00:00:00.000000Z' }).empty).toBe(true);
  });

  it('filters currency in the gateway (StateSet cannot), upper-case and OR-ed', () => {
    const pushed = pushDownFilter({ currency: ['usd', 'EUR'], status: ['COMPLETED'] });
    expect(pushed.params).toEqual({ status: 'completed' });
    expect(pushed.residual?.(checkout({ currency: 'EUR' }))).toBe(true);
    expect(pushed.residual?.(checkout({ currency: 'USD' }))).toBe(true);
    expect(pushed.residual?.(checkout({ currency: 'GBP' }))).toBe(false);
    expect(pushed.residual?.(checkout({ currency: null }))).toBe(false);
  });

  it('ANDs residual parts', () => {
    const pushed = pushDownFilter({ status: ['OPEN'], currency: ['USD'] });
    expect(pushed.residual?.(checkout({ status: 'OPEN', currency: 'USD' }))).toBe(true);
    expect(pushed.residual?.(checkout({ status: 'OPEN', currency: 'EUR' }))).toBe(false);
    expect(pushed.residual?.(checkout({ status: 'COMPLETED', currency: 'USD' }))).toBe(false);
  });

  it('ignores `providers` (the engine handles it)', () => {
    expect(pushDownFilter({ providers: ['ZENSKAR'] })).toEqual({ params: {}, empty: false });
  });
});

describe('nativeFilterParams', () => {
  it('maps the GraphQL filter one to one', () => {
    expect(
      nativeFilterParams({
        status: 'ready_for_payment',
        buyerEmail: 'ada@example.com',
        createdAfter: '2025-01-01T00:00:00.000000Z',
        createdBefore: '2025-03-01T00:00:00.750000Z',
      }),
    ).toEqual({
      status: 'ready_for_payment',
      buyer_email: 'ada@example.com',
      created_after: '2025-01-01T00:00:00Z',
      created_before: '2025-03-01T00:00:00.75Z',
    });
    expect(nativeFilterParams(null)).toEqual({});
    expect(nativeFilterParams({ status: null, buyerEmail: null })).toEqual({});
  });
});
