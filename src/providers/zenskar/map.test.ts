import { drift } from '../drift.js';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../errors.js';
import { mapZenskarCheckout } from './map.js';
import { CheckoutSessionListSchema, CheckoutSessionSchema, type ZenskarCheckoutSession } from './types.js';

// Fixtures built from the examples in /work/shared/upstreams/zenskar.md and the pages it cites.

/** The "update checkout session" response example (§4.2), which has no top-level currency; created_at added. */
const UPDATE_EXAMPLE = {
  id: '123e4567-e89b-12d3-a456-426614174000',
  checkout_session_status: 'open',
  payment_status: 'not_started',
  contract: { currency: 'USD', is_plan_based: true, plan_id: '123e4567-e89b-12d3-a456-426614174000', start_date: '2023-01-01T00:00:00' },
  estimates: {
    estimation_id: '123e4567-e89b-12d3-a456-426614179999',
    current_invoice: {
      id: '123e4567-e89b-12d3-a456-426614179998',
      invoice_number: 'EST-0001',
      status: 'estimated',
      customer: { customer_id: '123e4567-e89b-12d3-a456-426614174001', customer_name: 'Acme Inc.' },
      line_items: [{ name: 'Basic Plan - Monthly Subscription', quantity: 1, unit_price: 29.99, amount: 29.99 }],
      subtotal: 29.99,
      total: 29.99,
    },
    amount_due: 29.99,
  },
  last_activity_at: '2023-01-01T12:34:56',
  custom_data: {
    update_history: [
      {
        timestamp: '2023-01-01T12:34:56',
        updated_fields: ['contract', 'estimates', 'currency'],
        metadata: { reason: 'customer_request', note: 'Customer requested plan change', timestamp: '2023-01-01T12:34:56' },
      },
    ],
  },
  created_at: '2023-01-01T10:00:00',
};

/** The seed's slim list item (§5 "List vs detail"): statuses, timestamps, customer, currency; no updated_at. */
const LIST_EXAMPLE_ITEM = {
  id: '9b2f7c1e-3d4a-4f5b-8c6d-7e8f9a0b1c2d',
  checkout_session_status: 'completed',
  payment_status: 'paid',
  created_at: '2023-01-02T12:34:56',
  last_activity_at: '2023-01-02T13:00:00',
  confirmed_at: '2023-01-02T12:40:00',
  paid_at: '2023-01-02T12:45:00',
  customer_id: '123e4567-e89b-12d3-a456-426614174001',
  guest_checkout: false,
  currency: 'USD',
};

function session(overrides: Partial<ZenskarCheckoutSession> = {}): ZenskarCheckoutSession {
  return CheckoutSessionSchema.parse({
    id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    checkout_session_status: 'open',
    payment_status: 'not_started',
    currency: 'USD',
    created_at: '2025-03-04T05:06:07',
    updated_at: '2025-03-04T06:00:00',
    ...overrides,
  });
}

describe('mapZenskarCheckout', () => {
  it('maps the documented update example, taking the currency from the contract when the session omits it', () => {
    const raw = CheckoutSessionSchema.parse(UPDATE_EXAMPLE);
    const checkout = mapZenskarCheckout(raw);
    expect(checkout).toMatchObject({
      provider: 'ZENSKAR',
      providerId: '123e4567-e89b-12d3-a456-426614174000',
      status: 'OPEN',
      providerStatus: 'open',
      currency: 'USD',
      email: null,
      total: { amount: '29.99', currency: 'USD', minorUnits: 2999 },
      createdAt: '2023-01-01T10:00:00.000000Z',
      // no updated_at in the example: last_activity_at stands in
      updatedAt: '2023-01-01T12:34:56.000000Z',
    });
    expect(checkout.raw.estimates?.current_invoice?.line_items?.[0]?.unit_price).toBe(29.99);
    expect(checkout.raw.custom_data?.update_history).toHaveLength(1);
  });

  it('maps the slim list example item (no estimates → no total; no updated_at → last activity)', () => {
    const list = CheckoutSessionListSchema.parse({ results: [LIST_EXAMPLE_ITEM], next: null, previous: null, total_count: 1 });
    const checkout = mapZenskarCheckout(list.results[0] as ZenskarCheckoutSession);
    expect(checkout.status).toBe('COMPLETED');
    expect(checkout.total).toBeNull();
    expect(checkout.currency).toBe('USD');
    expect(checkout.createdAt).toBe('2023-01-02T12:34:56.000000Z');
    expect(checkout.updatedAt).toBe('2023-01-02T13:00:00.000000Z');
  });

  it('reads the docs example envelope `{data, next, total}` as `{results, total_count}`', () => {
    const list = CheckoutSessionListSchema.parse({ data: [LIST_EXAMPLE_ITEM], next: 'cursor_to_next_page', total: 25 });
    expect(list.results).toHaveLength(1);
    expect(list.total_count).toBe(25);
    expect(list.next).toBe('cursor_to_next_page');
    expect(list.previous ?? null).toBeNull();
  });

  it.each([
    ['open', 'OPEN'],
    ['processing', 'PROCESSING'],
    ['completed', 'COMPLETED'],
    ['cancelled', 'CANCELLED'],
    ['closed', 'EXPIRED'],
  ] as const)('status %s → %s, keeping the raw value', (raw, status) => {
    const checkout = mapZenskarCheckout(session({ checkout_session_status: raw }));
    expect(checkout.status).toBe(status);
    expect(checkout.providerStatus).toBe(raw);
  });

  it('takes the email from customer_data.email, null when absent or empty', () => {
    expect(mapZenskarCheckout(session({ customer_data: { email: 'Ada.Lovelace@Example.com' } })).email).toBe('Ada.Lovelace@Example.com');
    expect(mapZenskarCheckout(session({ customer_data: { email: '' } })).email).toBeNull();
    expect(mapZenskarCheckout(session({ customer_data: { customer_name: 'Guest' } })).email).toBeNull();
    expect(mapZenskarCheckout(session()).email).toBeNull();
  });

  it('reads amount_due in major units with the currency exponent (USD 2, JPY 0, BHD 3)', () => {
    expect(mapZenskarCheckout(session({ currency: 'usd', estimates: { amount_due: 1234.5 } })).total).toEqual({
      amount: '1234.50',
      currency: 'USD',
      minorUnits: 123450,
    });
    expect(mapZenskarCheckout(session({ currency: 'JPY', estimates: { amount_due: 4499 } })).total).toEqual({
      amount: '4499',
      currency: 'JPY',
      minorUnits: 4499,
    });
    expect(mapZenskarCheckout(session({ currency: 'BHD', estimates: { amount_due: 12.345 } })).total).toEqual({
      amount: '12.345',
      currency: 'BHD',
      minorUnits: 12345,
    });
    expect(mapZenskarCheckout(session({ estimates: { amount_due: 0 } })).total).toEqual({ amount: '0.00', currency: 'USD', minorUnits: 0 });
  });

  it('has no total when the amount or the currency is unknown', () => {
    expect(mapZenskarCheckout(session({ estimates: { estimation_id: 'x' } })).total).toBeNull();
    expect(mapZenskarCheckout(session({ currency: null, estimates: { amount_due: 10 } })).total).toBeNull();
    expect(mapZenskarCheckout(session({ currency: null, estimates: { amount_due: 10 } })).currency).toBeNull();
  });

  it('reads naive timestamps as UTC and keeps microseconds', () => {
    const checkout = mapZenskarCheckout(session({ created_at: '2024-02-29T23:59:59.000123', updated_at: '2024-03-01T00:00:00' }));
    expect(checkout.createdAt).toBe('2024-02-29T23:59:59.000123Z');
    expect(checkout.updatedAt).toBe('2024-03-01T00:00:00.000000Z');
  });

  it('treats absent and null optional fields alike', () => {
    const withNulls = CheckoutSessionSchema.parse({ ...LIST_EXAMPLE_ITEM, estimates: null, customer_data: null, contract: null, custom_data: null });
    const mapped = mapZenskarCheckout(withNulls);
    expect(mapped.total).toBeNull();
    expect(mapped.email).toBeNull();
  });
});

describe('CheckoutSessionSchema at the boundary', () => {
  it('maps a status it does not know to UNKNOWN, keeping the raw value, and records the drift', () => {
    drift.reset();
    const checkout = mapZenskarCheckout({ ...LIST_EXAMPLE_ITEM, checkout_session_status: 'archived' });
    expect(checkout.status).toBe('UNKNOWN');
    expect(checkout.providerStatus).toBe('archived');
    expect(drift.counts()).toEqual([{ provider: 'ZENSKAR', path: 'checkout_session_status', kind: 'unknown_enum', count: 1 }]);
  });

  it('fails on an unreadable essential field, naming the session and the path', () => {
    const bad = { ...LIST_EXAMPLE_ITEM, created_at: 'yesterday' };
    expect(() => mapZenskarCheckout(bad)).toThrow(UpstreamError);
    expect(() => mapZenskarCheckout(bad)).toThrow(`checkout session ${LIST_EXAMPLE_ITEM.id} payload: created_at`);
  });

  it('rejects a session without created_at, a non-timestamp, or a currency that is not a code', () => {
    const { created_at: _, ...noCreated } = LIST_EXAMPLE_ITEM;
    expect(CheckoutSessionSchema.safeParse(noCreated).success).toBe(false);
    expect(CheckoutSessionSchema.safeParse({ ...LIST_EXAMPLE_ITEM, created_at: 'yesterday' }).success).toBe(false);
    expect(CheckoutSessionSchema.safeParse({ ...LIST_EXAMPLE_ITEM, currency: 'US Dollar' }).success).toBe(false);
    expect(CheckoutSessionSchema.safeParse({ ...LIST_EXAMPLE_ITEM, estimates: { amount_due: '29.99' } }).success).toBe(false);
  });
});
