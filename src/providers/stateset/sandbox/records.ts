/**
 * The part of a seeded StateSet session drawn lazily, the first time the object is read: line items, fulfilment,
 * totals, messages, links, payment. Everything comes from the session's own seed, so the object is the same
 * whatever is read first. Shared helpers for timestamps and ids live here too.
 */
import { currencyExponent } from '../../../money.js';
import { Random } from '../../../sandbox/random.js';
import type {
  StateSetWireBuyer,
  StateSetWireFulfillmentOption,
  StateSetWireLineItem,
  StateSetWireMessage,
  StateSetWireCheckout,
  StateSetStatus,
  StateSetWireTotal,
} from '../types.js';

export const NOW_S = Date.parse('2026-11-01T00:00:00Z') / 1000;
export const DAY_S = 86_400;

/** Lower-case ISO 4217, weight, rough value of 1 USD, tax rate. */
export type CurrencyRow = [currency: string, weight: number, perUsd: number, taxRate: number];

/** What the list needs of a session, drawn eagerly; the rest is drawn from `seed` when the object is first read. */
export interface Skeleton {
  id: string;
  /** created_at, seconds since the epoch. */
  created: number;
  status: StateSetStatus;
  currency: CurrencyRow;
  buyer: StateSetWireBuyer | undefined;
  seed: number;
}

/** The catalogue line items point at: `item_…` ids with a USD unit price in cents. */
const CATALOGUE: [string, number][] = [
  ['item_0x7Rk2pQ', 2000],
  ['item_123', 2500],
  ['item_456', 1000],
  ['item_9mWcL4tz', 4999],
  ['item_B3nq8s1X', 1299],
  ['item_c0ffee42', 899],
  ['item_Hq2v7yNe', 15900],
  ['item_k1ttEn55', 3450],
  ['item_Lr8dP0aZ', 650],
  ['item_m00nB00t', 7900],
  ['item_Qz5xW3rT', 250],
  ['item_s0ck5Red', 1500],
];

const ADDRESSES: [string, string, string, string, string][] = [
  ['1234 Chat Road', 'San Francisco', 'CA', 'US', '94131'],
  ['77 Market Street', 'Austin', 'TX', 'US', '78701'],
  ['Unter den Linden 5', 'Berlin', 'BE', 'DE', '10117'],
  ['221B Baker Street', 'London', 'LND', 'GB', 'NW1 6XE'],
  ['1 Queen Street W', 'Toronto', 'ON', 'CA', 'M5H 2N2'],
  ['8 Macquarie Street', 'Sydney', 'NSW', 'AU', '2000'],
  ['1-1 Marunouchi', 'Chiyoda', 'Tokyo', 'JP', '100-0005'],
  ['Bahnhofstrasse 10', 'Zurich', 'ZH', 'CH', '8001'],
];

const CARRIERS = ['USPS', 'UPS', 'FedEx', 'DHL'];

/** A USD cent price in another currency's minor units (`scale` = value of 1 USD × 10^(exponent − 2)). */
function price(usdCents: number, scale: number): number {
  return Math.max(1, Math.round(usdCents * scale));
}

function tax(amount: number, rate: number): number {
  return Math.round(amount * rate);
}

const dates = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DDTHH:MM:SSZ` for epoch seconds; dates are memoised (a Date per timestamp is the slowest part otherwise). */
export function seconds(s: number, zone = 'Z'): string {
  const day = Math.floor(s / DAY_S);
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_S * 1000).toISOString().slice(0, 10);
    dates.set(day, date);
  }
  const rest = s - day * DAY_S;
  return `${date}T${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}${zone}`;
}

const ALNUM_CODES = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', (c) => c.charCodeAt(0));
const codes: number[] = [];

/**
 * `length` characters of [a-zA-Z0-9], five from each draw (62^5 < 2^32), built in one go: `Random.alnum` draws once
 * per character and concatenates, which made ids the slowest part of generating 100,000 sessions.
 */
export function alnum(rnd: Random, length: number): string {
  codes.length = 0;
  while (codes.length < length) {
    let word = Math.floor(rnd.next() * 916_132_832); // 62^5
    for (let k = 0; k < 5 && codes.length < length; k++) {
      codes.push(ALNUM_CODES[word % 62] as number);
      word = Math.floor(word / 62);
    }
  }
  return String.fromCharCode(...codes);
}

export function session(skeleton: Skeleton): StateSetWireCheckout {
  const rnd = new Random(skeleton.seed);
  const { id, created, status, buyer } = skeleton;
  const [currency, , perUsd, taxRate] = skeleton.currency;
  const exponent = currencyExponent(currency);
  const scale = perUsd * 10 ** (exponent - 2);
  const early = status === 'not_ready_for_payment';

  const lineItems: StateSetWireLineItem[] = [];
  const lines = rnd.int(1, 3);
  let baseSum = 0;
  let discountSum = 0;
  let subtotalSum = 0;
  let lineTaxSum = 0;
  for (let l = 0; l < lines; l++) {
    const [itemId, usd] = rnd.pick(CATALOGUE);
    const quantity = rnd.chance(0.7) ? 1 : rnd.int(2, 4);
    const base = price(usd, scale) * quantity;
    const discount = rnd.chance(0.2) ? Math.round(base * 0.1) : 0;
    const subtotal = base - discount;
    const lineTax = tax(subtotal, taxRate);
    baseSum += base;
    discountSum += discount;
    subtotalSum += subtotal;
    lineTaxSum += lineTax;
    lineItems.push({
      id: rnd.chance(0.5) ? itemId : `li_${alnum(rnd, 10)}`,
      item: { id: itemId, quantity },
      base_amount: base,
      discount,
      subtotal,
      tax: lineTax,
      total: subtotal + lineTax,
    });
  }

  // Fulfilment: shipped goods (two carriers' options, an address once the buyer gave one) or a digital delivery.
  const shipped = rnd.chance(0.7);
  const options: StateSetWireFulfillmentOption[] = [];
  if (shipped) {
    const carrier = rnd.pick(CARRIERS);
    const standard = price(500, scale);
    const express = price(1500, scale);
    options.push(
      {
        type: 'shipping',
        id: 'fulfillment_option_standard',
        title: 'Standard Shipping',
        subtitle: 'Arrives in 4-5 business days',
        carrier,
        earliest_delivery_time: seconds(created + 4 * DAY_S),
        latest_delivery_time: seconds(created + 5 * DAY_S),
        subtotal: standard,
        tax: tax(standard, taxRate),
        total: standard + tax(standard, taxRate),
      },
      {
        type: 'shipping',
        id: 'fulfillment_option_express',
        title: 'Express Shipping',
        ...(rnd.chance(0.5) ? { subtitle: 'Arrives in 1-2 business days' } : {}),
        carrier,
        earliest_delivery_time: seconds(created + DAY_S),
        latest_delivery_time: seconds(created + 2 * DAY_S),
        subtotal: express,
        tax: tax(express, taxRate),
        total: express + tax(express, taxRate),
      },
    );
  } else {
    options.push({
      type: 'digital',
      id: 'fulfillment_option_digital',
      title: 'Digital delivery',
      subtitle: 'Download link by email',
      subtotal: 0,
      tax: 0,
      total: 0,
    });
  }
  const selected = early && rnd.chance(0.7) ? undefined : rnd.pick(options);
  const address = shipped && buyer && !(early && rnd.chance(0.5)) ? rnd.pick(ADDRESSES) : undefined;

  const fee = rnd.chance(0.05) ? price(99, scale) : 0;
  const fulfillment = selected?.subtotal ?? 0;
  const taxTotal = lineTaxSum + (selected?.tax ?? 0);
  const totals: StateSetWireTotal[] = [{ type: 'items_base_amount', display_text: 'Item(s) total', amount: baseSum }];
  if (discountSum > 0) totals.push({ type: 'items_discount', display_text: 'Item discount', amount: discountSum });
  totals.push({ type: 'subtotal', display_text: 'Subtotal', amount: subtotalSum });
  if (selected) totals.push({ type: 'fulfillment', display_text: selected.type === 'shipping' ? 'Shipping' : 'Delivery', amount: fulfillment });
  totals.push({ type: 'tax', display_text: 'Tax', amount: taxTotal });
  if (fee > 0) totals.push({ type: 'fee', display_text: 'Service fee', amount: fee });
  const total = subtotalSum + fulfillment + taxTotal + fee;
  // A few early sessions have not been priced yet: no `total` entry (the gateway's total is then null).
  if (!(early && rnd.chance(0.1))) totals.push({ type: 'total', display_text: 'Total', amount: total });

  const messages: StateSetWireMessage[] = [];
  if (early && !address && shipped) {
    messages.push({ type: 'error', code: 'missing', param: '$.fulfillment_address', content_type: 'plain', content: 'A shipping address is required.' });
  }
  if (early && rnd.chance(0.15)) {
    messages.push({ type: 'error', code: 'out_of_stock', param: '$.line_items[0]', content_type: 'plain', content: 'This item is out of stock.' });
  }
  if (status === 'ready_for_payment' && rnd.chance(0.1)) {
    messages.push({ type: 'error', code: 'payment_declined', content_type: 'plain', content: 'Your card was declined. Try another payment method.' });
  }
  if (status === 'in_progress' && rnd.chance(0.3)) {
    messages.push({ type: 'error', code: 'requires_3ds', content_type: 'markdown', content: 'Confirm the payment with your bank (**3-D Secure**).' });
  }
  if (status === 'canceled') {
    messages.push({ type: 'info', content_type: 'plain', content: 'Checkout canceled: customer_requested' });
  }
  if (rnd.chance(0.08)) {
    messages.push({ type: 'info', param: '$.line_items[0]', content_type: 'markdown', content: 'Ships in **recyclable** packaging.' });
  }

  const updated = Math.min(NOW_S, rnd.chance(0.35) ? created : created + rnd.int(30, 7 * DAY_S));
  const checkout: StateSetWireCheckout = {
    id,
    status,
    currency,
    line_items: lineItems,
    fulfillment_options: options,
    totals,
    messages,
    links: [
      { type: 'terms_of_use', url: 'https://shop.example.com/legal/terms' },
      { type: 'privacy_policy', url: 'https://shop.example.com/legal/privacy' },
      ...(rnd.chance(0.5) ? [{ type: 'seller_shop_policies' as const, url: 'https://shop.example.com/policies' }] : []),
    ],
    created_at: seconds(created),
    updated_at: seconds(updated),
  };
  if (buyer) checkout.buyer = buyer;
  // The complete-checkout example has no `payment_provider` key; every other session offers Stripe cards.
  if (status !== 'completed') checkout.payment_provider = { provider: 'stripe', supported_payment_methods: ['card'] };
  if (address) {
    const [line_one, city, state, country, postal_code] = address;
    checkout.fulfillment_address = {
      name: buyer ? `${buyer.first_name} ${buyer.last_name}` : 'Recipient',
      line_one,
      ...(rnd.chance(0.3) ? { line_two: `Apt ${rnd.int(1, 40)}` } : {}),
      city,
      state,
      country,
      postal_code,
    };
  }
  if (selected) checkout.fulfillment_option_id = selected.id;
  if (status === 'completed') {
    checkout.order_id = `order_${alnum(rnd, 12)}`;
    checkout.payment = { id: `pay_${alnum(rnd, 14)}`, status: 'succeeded', amount: total, provider: 'stripe' };
  }
  return checkout;
}
