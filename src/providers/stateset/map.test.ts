import { UpstreamError } from '../../errors.js';
import { drift } from '../drift.js';
import { describe, expect, it } from 'vitest';
import { mapStateSetCheckout, nativeStatusesFor, STATUS_MAP } from './map.js';
import { checkoutSchema, listResponseSchema, type StateSetWireCheckout } from './types.js';

// Fixtures built from the examples of /work/shared/upstreams/stateset.md (list seed §3/§5, retrieve §4.1,
// complete and cancel §4.2). The seed's `[email protected]` is the scraped page's obfuscation (§7.8): real addresses here.
const listItemAbc = {
  id: 'checkout_abc123',
  buyer: { first_name: 'John', last_name: 'Doe', email: 'john.doe@example.com', phone_number: '+14155551234' },
  status: 'ready_for_payment',
  currency: 'usd',
  line_items: [{ id: 'item_123', item: { id: 'item_123', quantity: 2 }, base_amount: 5000, discount: 500, subtotal: 4500, tax: 450, total: 4950 }],
  totals: [{ type: 'total', display_text: 'Total', amount: 4950 }],
  created_at: '2024-09-30T10:00:00Z',
  updated_at: '2024-09-30T10:05:00Z',
};

const listItemDef = {
  id: 'checkout_def456',
  buyer: { first_name: 'Jane', last_name: 'Smith', email: 'jane.smith@example.com' },
  status: 'not_ready_for_payment',
  currency: 'usd',
  line_items: [{ id: 'item_456', item: { id: 'item_456', quantity: 1 }, base_amount: 1000, discount: 0, subtotal: 1000, tax: 0, total: 1000 }],
  totals: [{ type: 'total', display_text: 'Total', amount: 1000 }],
  created_at: '2024-09-30T09:30:00Z',
  updated_at: '2024-09-30T09:30:00Z',
};

/** The retrieve example (full object), with the created_at/updated_at the document assumes retrieve also returns. */
const retrieved = {
  id: 'checkout_abc123',
  buyer: { first_name: 'John', last_name: 'Doe', email: 'john.doe@example.com', phone_number: '+14155551234' },
  payment_provider: { provider: 'stripe', supported_payment_methods: ['card'] },
  status: 'ready_for_payment',
  currency: 'usd',
  line_items: [{ id: 'item_123', item: { id: 'item_123', quantity: 1 }, base_amount: 2000, discount: 0, subtotal: 2000, tax: 100, total: 2100 }],
  fulfillment_address: { name: 'John Doe', line_one: '1234 Chat Road', city: 'San Francisco', state: 'CA', country: 'US', postal_code: '94131' },
  fulfillment_options: [
    {
      type: 'shipping',
      id: 'fulfillment_option_123',
      title: 'Standard',
      subtitle: 'Arrives in 4-5 days',
      carrier: 'USPS',
      earliest_delivery_time: '2024-10-04T10:00:00Z',
      latest_delivery_time: '2024-10-05T10:00:00Z',
      subtotal: 150,
      tax: 0,
      total: 150,
    },
    { type: 'digital', id: 'fulfillment_option_456', title: 'Email delivery', subtotal: 0, tax: 0, total: 0 },
  ],
  fulfillment_option_id: 'fulfillment_option_123',
  totals: [
    { type: 'items_base_amount', display_text: 'Item(s) total', amount: 2000 },
    { type: 'subtotal', display_text: 'Subtotal', amount: 2000 },
    { type: 'fulfillment', display_text: 'Shipping', amount: 150 },
    { type: 'tax', display_text: 'Tax', amount: 100 },
    { type: 'total', display_text: 'Total', amount: 2250 },
  ],
  messages: [],
  links: [{ type: 'terms_of_use', url: 'https://www.testshop.com/legal/terms-of-use' }],
  created_at: '2024-09-30T10:00:00Z',
  updated_at: '2024-09-30T10:10:00Z',
};

/** After `POST /checkouts/:id/complete`: order_id + payment, no payment_provider key. */
const completed = {
  ...retrieved,
  payment_provider: undefined,
  status: 'completed',
  order_id: 'order_xyz789',
  payment: { id: 'pay_abc123', status: 'succeeded', amount: 2250, provider: 'stripe' },
};

/** After `POST /checkouts/:id/cancel` with reason customer_requested. */
const canceled = {
  ...retrieved,
  status: 'canceled',
  messages: [{ type: 'info', content_type: 'plain', content: 'Checkout canceled: customer_requested' }],
};

const parse = (value: unknown): StateSetWireCheckout => checkoutSchema.parse(value);

describe('StateSet checkout schema', () => {
  it('accepts the document’s list envelope with slim list items', () => {
    const list = listResponseSchema.parse({ data: [listItemAbc, listItemDef], has_more: false, total_count: 2 });
    expect(list.data.map((c) => c.id)).toEqual(['checkout_abc123', 'checkout_def456']);
    expect(list.data[1]?.buyer?.phone_number).toBeUndefined();
    expect(list.data[0]?.fulfillment_options).toBeUndefined();
    expect(list.data[0]?.messages).toBeUndefined();
  });

  it('accepts the retrieve, complete and cancel examples, keeping both fulfilment option kinds', () => {
    const full = parse(retrieved);
    expect(full.fulfillment_options?.map((o) => o.type)).toEqual(['shipping', 'digital']);
    expect(parse(completed).payment?.status).toBe('succeeded');
    expect(parse(canceled).messages).toEqual([{ type: 'info', content_type: 'plain', content: 'Checkout canceled: customer_requested' }]);
  });

  it('accepts null for optional parts (a server writing null for absent)', () => {
    const raw = parse({ ...listItemAbc, buyer: null, fulfillment_address: null, order_id: null });
    expect(mapStateSetCheckout(raw).email).toBeNull();
  });

  it('fails the page on what the mapping relies on being unreadable, naming the checkout and the path', () => {
    const { created_at: _omitted, ...withoutCreatedAt } = listItemAbc;
    for (const [bad, path] of [
      [{ ...listItemAbc, currency: 'dollars' }, 'currency'],
      [{ ...listItemAbc, totals: [{ type: 'total', display_text: 'Total', amount: 49.5 }] }, 'totals[type=total].amount'],
      [{ ...listItemAbc, created_at: 'yesterday' }, 'created_at'],
      [withoutCreatedAt, 'created_at'],
      [{ ...listItemAbc, id: 7 }, 'id'],
    ] as const) {
      expect(() => mapStateSetCheckout(bad)).toThrow(UpstreamError);
      expect(() => mapStateSetCheckout(bad)).toThrow(`: ${path}`);
    }
  });

  it('reads a status, an error code or a timestamp form it does not know instead of failing', () => {
    drift.reset();
    const unknownStatus = mapStateSetCheckout({ ...listItemAbc, status: 'cancelled' });
    expect(unknownStatus.status).toBe('UNKNOWN');
    expect(unknownStatus.providerStatus).toBe('cancelled');
    expect(mapStateSetCheckout({ ...listItemAbc, created_at: '2024-09-30T10:00:00' }).createdAt).toBe('2024-09-30T10:00:00.000000Z');
    const oops = mapStateSetCheckout({ ...retrieved, messages: [{ type: 'error', code: 'oops', content_type: 'plain', content: 'x' }] });
    expect(oops.raw.messages).toEqual([{ type: 'error', code: 'oops', content_type: 'plain', content: 'x' }]);
    expect(
      drift
        .counts()
        .map((r) => `${r.path}:${r.kind}`)
        .sort(),
    ).toEqual(['messages[].code:unknown_enum', 'status:unknown_enum']);
  });
});

describe('mapStateSetCheckout', () => {
  it('maps the document’s list item to the normalised fields', () => {
    const checkout = mapStateSetCheckout(parse(listItemAbc));
    expect(checkout).toMatchObject({
      provider: 'STATESET',
      providerId: 'checkout_abc123',
      status: 'OPEN',
      providerStatus: 'ready_for_payment',
      currency: 'USD',
      email: 'john.doe@example.com',
      total: { amount: '49.50', currency: 'USD', minorUnits: 4950 },
      createdAt: '2024-09-30T10:00:00.000000Z',
      updatedAt: '2024-09-30T10:05:00.000000Z',
    });
    expect(checkout.raw.line_items?.[0]?.subtotal).toBe(4500);
  });

  it('takes the total from the `total` entry of a full breakdown (2000 + 150 + 100 = 2250)', () => {
    expect(mapStateSetCheckout(parse(retrieved)).total).toEqual({ amount: '22.50', currency: 'USD', minorUnits: 2250 });
  });

  it('maps every status as the normalisation contract says', () => {
    const statuses = ['not_ready_for_payment', 'ready_for_payment', 'in_progress', 'completed', 'canceled'] as const;
    expect(statuses.map((status) => mapStateSetCheckout(parse({ ...listItemAbc, status })).status)).toEqual([
      'OPEN',
      'OPEN',
      'PROCESSING',
      'COMPLETED',
      'CANCELLED',
    ]);
    expect(nativeStatusesFor('OPEN')).toEqual(['not_ready_for_payment', 'ready_for_payment']);
    expect(nativeStatusesFor('EXPIRED')).toEqual([]);
    expect(Object.keys(STATUS_MAP)).toHaveLength(5);
  });

  it('has a null total when no `total` entry exists, and a null email without a buyer or with an empty one', () => {
    const unpriced = mapStateSetCheckout(parse({ ...listItemAbc, buyer: undefined, totals: [{ type: 'subtotal', display_text: 'Subtotal', amount: 4500 }] }));
    expect(unpriced.total).toBeNull();
    expect(unpriced.email).toBeNull();
    expect(mapStateSetCheckout(parse({ ...listItemAbc, buyer: { ...listItemAbc.buyer, email: '' } })).email).toBeNull();
  });

  it('uses the currency’s own exponent (JPY has none) and upper-cases the code', () => {
    const yen = mapStateSetCheckout(parse({ ...listItemAbc, currency: 'jpy', totals: [{ type: 'total', display_text: 'Total', amount: 4950 }] }));
    expect(yen.total).toEqual({ amount: '4950', currency: 'JPY', minorUnits: 4950 });
    expect(yen.currency).toBe('JPY');
  });

  it('keeps sub-second digits and converts offsets to UTC', () => {
    const checkout = mapStateSetCheckout(parse({ ...listItemAbc, created_at: '2024-09-30T12:00:00.25+02:00' }));
    expect(checkout.createdAt).toBe('2024-09-30T10:00:00.250000Z');
  });

  it('keeps the raw object whole', () => {
    const raw = parse(completed);
    const checkout = mapStateSetCheckout(raw);
    expect(checkout.raw).toEqual(raw);
    expect(checkout.status).toBe('COMPLETED');
    expect(checkout.raw.order_id).toBe('order_xyz789');
  });
});
