/**
 * One Zenskar sandbox record and how it is drawn: the stored session row (eager sort/filter fields, the rest drawn on
 * first read) and the people, prices, lifecycle timestamps and ids of a session or customer, from a seeded Random.
 * Pure functions of their inputs, so a row drawn lazily is the same row every time.
 */
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, Random } from '../../../sandbox/random.js';
import { currencyExponent } from '../../../money.js';
import type {
  ZenskarAddress,
  ZenskarCheckoutSessionWire,
  ZenskarCheckoutSessionStatus,
  ZenskarCustomerWire,
  ZenskarEstimatedInvoice,
  ZenskarEstimates,
  ZenskarLineItem,
  ZenskarPaymentStatus,
} from '../types.js';

/** Data ends here: 2026-11-01T00:00:00Z. */
export const ZENSKAR_REFERENCE_MS = Date.UTC(2026, 10, 1);
export const SPAN_SECONDS = 730 * 24 * 3600;
export const MICROS_PER_MS = 1000;

/** Timestamps of one session in epoch microseconds (null when the field is null); the sandbox sorts and filters on these. */
export interface ZenskarSessionTimes {
  created_at: number;
  updated_at: number;
  last_activity_at: number | null;
  confirmed_at: number | null;
  paid_at: number | null;
  expires_at: number | null;
  completed_at: number | null;
  deleted_at: number | null;
}

export interface ZenskarCustomerRow {
  customer: ZenskarCustomerWire;
  createdMicros: number;
}

export interface SessionDetail {
  session: ZenskarCheckoutSessionWire;
  t: ZenskarSessionTimes;
  amountDue: number | null;
  deletedAt: string | null;
}

/** What a row's lazy part is drawn from: the data set's shared pools. */
export interface Pools {
  seed: number;
  count: number;
  organisationId: string;
  businessEntityIds: string[];
  planIds: string[];
  productIds: string[];
  customers: ZenskarCustomerRow[];
}

/** One stored session. The eager fields sort and filter; `session`, `t`, `amountDue` and `deletedAt` are drawn on first read. */
export class ZenskarSessionRow {
  private detail: SessionDetail | undefined;

  constructor(
    private readonly pools: Pools,
    /** Generation index (drives the row's own seed). */
    readonly index: number,
    readonly id: string,
    readonly createdMicros: number,
    readonly status: ZenskarCheckoutSessionStatus,
    readonly currency: string,
    readonly guest: boolean,
    readonly free: boolean,
    /** Soft-deleted ([assumption] §2.2: hidden unless asked for). */
    readonly deleted: boolean,
  ) {}

  /** The session exactly as the API serialises it (null fields omitted). */
  get session(): ZenskarCheckoutSessionWire {
    return this.materialise().session;
  }

  /** Timestamps in epoch microseconds, for sorting and filtering. */
  get t(): ZenskarSessionTimes {
    return this.materialise().t;
  }

  /** The denormalised `amount_due` column the `amount_due__*` filters read (major units). */
  get amountDue(): number | null {
    return this.materialise().amountDue;
  }

  /** Soft-delete marker, naive UTC; never serialised. */
  get deletedAt(): string | null {
    return this.deleted ? this.materialise().deletedAt : null;
  }

  private materialise(): SessionDetail {
    this.detail ??= drawDetail(this.pools, this);
    return this.detail;
  }
}

/** Naive ISO 8601 as Python's isoformat writes it: fraction only when the microseconds are non-zero. */
export function naiveFromMicros(micros: number): string {
  const ms = Math.floor(micros / MICROS_PER_MS);
  const frac = micros - Math.floor(micros / 1_000_000) * 1_000_000;
  const base = new Date(ms).toISOString().slice(0, 19);
  return frac === 0 ? base : `${base}.${String(frac).padStart(6, '0')}`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const word = (r: Random) => (r.next() * 0x1_0000_0000) >>> 0;

/**
 * A v4-shaped UUID from four 32-bit draws, formatted in one template (Random.uuid draws once per hex digit and
 * joins arrays: too slow and too much garbage for 100k rows).
 */
export function fastUuid(r: Random): string {
  const a = word(r);
  const b = ((word(r) & 0xffff0fff) | 0x4000) >>> 0;
  const c = ((word(r) & 0x3fffffff) | 0x80000000) >>> 0;
  const d = word(r);
  const h = HEX as readonly string[] as string[];
  return `${h[a >>> 24]}${h[(a >>> 16) & 255]}${h[(a >>> 8) & 255]}${h[a & 255]}-${h[b >>> 24]}${h[(b >>> 16) & 255]}-${h[(b >>> 8) & 255]}${h[b & 255]}-${h[c >>> 24]}${h[(c >>> 16) & 255]}-${h[(c >>> 8) & 255]}${h[c & 255]}${h[d >>> 24]}${h[(d >>> 16) & 255]}${h[(d >>> 8) & 255]}${h[d & 255]}`;
}

/** A well-mixed 32-bit seed for row `index` of the data set seeded `seed` (murmur3 finaliser). */
export function rowSeed(seed: number, index: number, salt: number): number {
  let h = (Math.imul(seed ^ salt, 0x9e3779b1) + index) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A value drawn with the given weights. */
export function weighted<T>(r: Random, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = r.next() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return (table[table.length - 1] as readonly [T, number])[0];
}

export const STATUS_WEIGHTS: readonly (readonly [ZenskarCheckoutSessionStatus, number])[] = [
  ['open', 28],
  ['processing', 10],
  ['completed', 34],
  ['cancelled', 12],
  ['closed', 16],
];
export const ALL_STATUSES = STATUS_WEIGHTS.map(([s]) => s);

export const CURRENCY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['USD', 40],
  ['EUR', 20],
  ['GBP', 12],
  ['INR', 10],
  ['JPY', 8],
  ['CAD', 5],
  ['AUD', 3],
  ['BHD', 2],
];
export const ALL_CURRENCIES = CURRENCY_WEIGHTS.map(([c]) => c);

const PRODUCTS = [
  { name: 'Basic Plan - Monthly Subscription', major: 29.99 },
  { name: 'Pro Plan - Monthly Subscription', major: 99 },
  { name: 'Enterprise Plan - Annual Subscription', major: 4800 },
  { name: 'Additional seats', major: 12.5 },
  { name: 'API calls overage (per 1,000)', major: 0.75 },
  { name: 'Onboarding fee', major: 250 },
  { name: 'Premium support', major: 149 },
] as const;

const CITIES = [
  { city: 'San Francisco', state: 'CA', zip: '94105', country: 'United States', code: 'US' },
  { city: 'London', state: null, zip: 'EC1A 1BB', country: 'United Kingdom', code: 'GB' },
  { city: 'Bengaluru', state: 'KA', zip: '560001', country: 'India', code: 'IN' },
  { city: 'Berlin', state: null, zip: '10115', country: 'Germany', code: 'DE' },
  { city: 'Tokyo', state: null, zip: '100-0001', country: 'Japan', code: 'JP' },
  { city: 'Toronto', state: 'ON', zip: 'M5H 2N2', country: 'Canada', code: 'CA' },
] as const;

const REASONS = ['customer_requested', 'payment_failed', 'expired', 'duplicate', 'fraudulent', 'other'] as const;

interface Person {
  name: string;
  email: string;
  phone: string | null;
  address: ZenskarAddress;
}

function person(r: Random, n: number): Person {
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const domain = r.pick(EMAIL_DOMAINS);
  // Some addresses keep the sender's capitals: the gateway's email filter must compare case-insensitively.
  const local = `${first}.${last}${n % 7 === 0 ? '' : n % 50}`.replace(/[^A-Za-z0-9.]/g, '');
  const email = r.chance(0.12) ? `${local}@${domain}` : `${local}@${domain}`.toLowerCase();
  const place = r.pick(CITIES);
  const address: ZenskarAddress = {
    line1: `${r.int(1, 999)} ${r.pick(['Market St', 'High Street', 'MG Road', 'Hauptstraße', 'King St W'])}`,
    city: place.city,
    zipCode: place.zip,
    country: place.country,
    country_code: place.code,
  };
  if (place.state) address.state = place.state;
  if (r.chance(0.3)) address.line2 = `Suite ${r.int(100, 2000)}`;
  return { name: `${first} ${last}`, email, phone: r.chance(0.7) ? `+1-555-${String(r.int(100, 9999)).padStart(4, '0')}` : null, address };
}

/** Minor units → a JSON number in major units, exact for the currency's exponent. */
function major(minor: number, exponent: number): number {
  return Number((minor / 10 ** exponent).toFixed(exponent));
}

function estimatedInvoice(r: Random, currency: string, free: boolean, number: number, customer: { id?: string; name: string } | null): ZenskarEstimatedInvoice {
  const exponent = currencyExponent(currency);
  const lines: ZenskarLineItem[] = [];
  let subtotalMinor = 0;
  const count = free ? 1 : r.int(1, 3);
  for (let i = 0; i < count; i++) {
    const product = r.pick(PRODUCTS);
    const quantity = product.name === 'Additional seats' ? r.int(1, 25) : 1;
    // JPY/INR prices scaled so amounts look like real prices in those currencies.
    const scale = currency === 'JPY' ? 150 : currency === 'INR' ? 80 : 1;
    const unitMinor = free ? 0 : Math.round(product.major * scale * 10 ** exponent);
    const amountMinor = unitMinor * quantity;
    subtotalMinor += amountMinor;
    lines.push({ name: product.name, quantity, unit_price: major(unitMinor, exponent), amount: major(amountMinor, exponent) });
  }
  const invoice: ZenskarEstimatedInvoice = {
    id: fastUuid(r),
    invoice_number: `EST-${String(number).padStart(4, '0')}`,
    status: 'estimated',
    line_items: lines,
    features: [],
    subtotal: major(subtotalMinor, exponent),
    total: major(subtotalMinor, exponent),
  };
  if (customer) invoice.customer = { ...(customer.id ? { customer_id: customer.id } : {}), customer_name: customer.name };
  return invoice;
}

function paymentStatusFor(r: Random, status: ZenskarCheckoutSessionStatus, free: boolean): ZenskarPaymentStatus {
  switch (status) {
    case 'open':
      return weighted(r, [
        ['not_started', 80],
        ['pending', 10],
        ['failed', 10],
      ] as const);
    case 'processing':
      return free ? 'no_payment_required' : r.chance(0.85) ? 'pending' : 'paid';
    case 'completed':
      return free ? 'no_payment_required' : 'paid';
    case 'cancelled':
      return r.chance(0.7) ? 'not_started' : 'failed';
    case 'closed':
      return r.chance(0.75) ? 'not_started' : 'failed';
  }
}

export const MINUTE = 60 * 1_000_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Everything about a session beyond its eager fields, drawn from the row's own seed. */
export function drawDetail(pools: Pools, row: ZenskarSessionRow): SessionDetail {
  const r = new Random(rowSeed(pools.seed, row.index, 0x5e55));
  const { id, status, currency, guest, free } = row;
  const created = row.createdMicros;
  const session: ZenskarCheckoutSessionWire = {
    id,
    organisation_id: pools.organisationId,
    checkout_session_status: status,
    payment_status: paymentStatusFor(r, status, free),
    guest_checkout: guest,
    currency,
    created_at: '',
    updated_at: '',
  };
  const t: ZenskarSessionTimes = {
    created_at: created,
    updated_at: created,
    last_activity_at: null,
    confirmed_at: null,
    paid_at: null,
    expires_at: r.chance(0.95) ? created + DAY : null,
    completed_at: null,
    deleted_at: null,
  };

  let customerName: string;
  let customerId: string | undefined;
  if (guest) {
    const p = person(r, row.index);
    customerName = p.name;
    session.business_entity_id = r.pick(pools.businessEntityIds);
    session.customer_data = { customer_name: p.name, address: p.address };
    if (r.chance(0.95)) session.customer_data.email = p.email;
    if (p.phone) session.customer_data.phone_number = p.phone;
  } else {
    const c = r.pick(pools.customers).customer;
    customerName = c.customer_name;
    customerId = c.id;
    session.customer_id = c.id;
    if (r.chance(0.7)) session.business_entity_id = r.pick(pools.businessEntityIds);
    if (r.chance(0.9)) {
      session.customer_data = { customer_name: c.customer_name };
      if (c.email) session.customer_data.email = c.email;
      if (c.phone_number) session.customer_data.phone_number = c.phone_number;
      if (c.external_id) session.customer_data.external_id = c.external_id;
      if (c.address) session.customer_data.address = c.address;
    }
  }

  const startDate = naiveFromMicros(Math.floor(created / DAY) * DAY);
  session.contract = r.chance(0.75)
    ? { currency, is_plan_based: true, plan_id: r.pick(pools.planIds), start_date: startDate }
    : {
        currency,
        is_plan_based: false,
        start_date: startDate,
        phases: Array.from({ length: r.int(1, 2) }, (_, k) => ({
          name: `Phase ${k + 1}`,
          start_date: startDate.slice(0, 10),
          ...(r.chance(0.5) ? { end_date: `${Number(startDate.slice(0, 4)) + 1 + k}${startDate.slice(4, 10)}` } : {}),
          pricings: Array.from({ length: r.int(1, 3) }, () => ({ product_id: r.pick(pools.productIds), pricing_id: fastUuid(r), quantity: r.int(1, 10) })),
        })),
      };

  let amountDue: number | null = null;
  if (r.chance(0.92)) {
    const current = estimatedInvoice(r, currency, free, row.index + 1, { ...(customerId ? { id: customerId } : {}), name: customerName });
    const estimates: ZenskarEstimates = {
      estimation_id: fastUuid(r),
      current_invoice: current,
      future_invoices: r.chance(0.4) ? [estimatedInvoice(r, currency, free, row.index + 1 + pools.count, null)] : [],
      amount_due: current.total,
      credit_notes: [],
    };
    session.estimates = estimates;
    amountDue = current.total ?? null;
  }

  // Lifecycle timestamps follow the status.
  if (status === 'processing' || status === 'completed') {
    t.confirmed_at = created + r.int(1, 120) * MINUTE;
    session.execution_id = fastUuid(r);
    if (!free) session.payment_intent_id = `pi_${r.alnum(24)}`;
    if (status === 'completed' || r.chance(0.5)) session.contract_id = fastUuid(r);
    if (session.payment_status === 'paid') t.paid_at = t.confirmed_at + r.int(1, 30) * MINUTE;
    if (status === 'completed') t.completed_at = (t.paid_at ?? t.confirmed_at) + r.int(0, 5) * MINUTE;
  }
  if (session.payment_status === 'failed' && !session.payment_intent_id) session.payment_intent_id = `pi_${r.alnum(24)}`;
  if (status === 'cancelled') {
    const at = created + r.int(5, 20 * 60) * MINUTE;
    session.cancelled_at = naiveFromMicros(at);
    const reasonType = r.pick(REASONS);
    session.cancellation_details = { reason_type: reasonType, reason: `Cancelled: ${reasonType.replace(/_/g, ' ')}`, cancelled_at: session.cancelled_at };
    if (r.chance(0.4)) session.cancellation_details.reference_id = `TICKET-${r.int(1000, 99_999)}`;
    t.updated_at = at;
  }
  if (status === 'closed') t.updated_at = t.expires_at ?? created + DAY;
  const last = Math.max(t.confirmed_at ?? 0, t.paid_at ?? 0, t.completed_at ?? 0);
  if (last > t.updated_at) t.updated_at = last;
  if (status === 'open' && r.chance(0.6)) t.updated_at = created + r.int(0, 600) * 1_000_000;
  if (r.chance(0.9)) t.last_activity_at = r.chance(0.5) ? t.updated_at : t.updated_at - Math.min(t.updated_at - created, r.int(0, 300) * 1_000_000);

  if (r.chance(0.5)) session.idempotency_key = `idem_${r.alnum(20)}`;
  if (r.chance(0.4)) session.correlation_id = fastUuid(r);
  session.success_url = `https://shop.example.com/checkout/success?session=${id}`;
  session.cancel_url = `https://shop.example.com/checkout/cancel?session=${id}`;
  if (r.chance(0.3)) session.pending_url = `https://shop.example.com/checkout/pending?session=${id}`;
  if (r.chance(0.35)) {
    session.custom_data = { source: r.pick(['web', 'sales', 'partner', 'mobile']) };
    if (status === 'open' && r.chance(0.5)) {
      const at = naiveFromMicros(t.updated_at);
      session.custom_data.update_history = [
        {
          timestamp: at,
          updated_fields: ['contract', 'estimates'],
          metadata: { reason: 'customer_request', note: 'Customer requested plan change', timestamp: at },
        },
      ];
    }
  }
  if (row.deleted) t.deleted_at = t.updated_at + r.int(1, 30 * 24 * 60) * MINUTE;

  session.created_at = naiveFromMicros(t.created_at);
  session.updated_at = naiveFromMicros(t.updated_at);
  if (t.last_activity_at !== null) session.last_activity_at = naiveFromMicros(t.last_activity_at);
  if (t.confirmed_at !== null) session.confirmed_at = naiveFromMicros(t.confirmed_at);
  if (t.paid_at !== null) session.paid_at = naiveFromMicros(t.paid_at);
  if (t.expires_at !== null) session.expires_at = naiveFromMicros(t.expires_at);
  if (t.completed_at !== null) session.completed_at = naiveFromMicros(t.completed_at);
  return { session, t, amountDue, deletedAt: t.deleted_at === null ? null : naiveFromMicros(t.deleted_at) };
}

export function drawCustomer(r: Random, i: number): ZenskarCustomerRow {
  const p = person(r, i);
  const createdMicros = (ZENSKAR_REFERENCE_MS - (SPAN_SECONDS + r.int(0, 365 * 24 * 3600)) * 1000) * MICROS_PER_MS;
  const updatedMicros = createdMicros + r.int(0, 200 * 24 * 3600) * 1_000_000;
  const customer: ZenskarCustomerWire = {
    id: fastUuid(r),
    external_id: r.chance(0.6) ? `crm_${10_000 + i}` : null,
    customer_name: r.chance(0.5) ? p.name : `${p.name.split(' ')[1]} ${r.pick(['Inc.', 'GmbH', 'Ltd', 'Pvt Ltd', 'KK'])}`,
    custom_data: r.chance(0.5) ? { industry: r.pick(['Technology', 'Retail', 'Healthcare', 'Media']), company_size: r.pick(['1-10', '50-200', '1000+']) } : {},
    address: p.address,
    email: p.email,
    communications_enabled: r.chance(0.9),
    auto_charge_enabled: r.chance(0.8),
    created_at: naiveFromMicros(createdMicros),
    updated_at: naiveFromMicros(updatedMicros),
  };
  if (p.phone) customer.phone_number = p.phone;
  if (r.chance(0.3)) customer.ship_to_address = person(r, i + 1).address;
  if (r.chance(0.4)) customer.tax_info = [{ tax_type: r.pick(['us_ein', 'eu_vat', 'in_gst']), tax_id: r.alnum(10).toUpperCase() }];
  if (r.chance(0.5)) {
    customer.contacts = Array.from({ length: r.int(1, 2) }, (_, k) => {
      const c = person(r, i * 3 + k);
      return { id: fastUuid(r), name: c.name, email: c.email, ...(c.phone ? { phone_number: c.phone } : {}) };
    });
  }
  if (r.chance(0.3)) customer.custom_attributes = { tier: r.pick(['gold', 'silver', 'bronze']) };
  if (r.chance(0.3)) customer.invoice_details = { payment_terms_days: r.pick([15, 30, 45]), po_number: `PO-${r.int(1000, 9999)}` };
  return { customer, createdMicros };
}
