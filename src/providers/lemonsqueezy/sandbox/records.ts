/**
 * One Lemon Squeezy sandbox record and how it is built:
 * - the fixed catalogue behind the data: five stores in five currencies (JPY is zero-decimal), each with three
 *   variants (one-off, subscription, pay what you want), all dated relative to the data's fixed "now";
 * - one checkout: the record the list walk creates (id, created_at, store, variant, own seed) and its wire attributes,
 *   drawn from that seed on first read, with a signed checkout URL;
 * - the JSON:API resources (§3.1, §5) a store, variant or checkout is served as, and a page's `included` member.
 */
import { createHmac } from 'node:crypto';
import type { Instant } from '../../../domain.js';
import { instantFromDate } from '../../../instant.js';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, Random } from '../../../sandbox/random.js';
import type { LemonCheckoutAttributesWire, LemonStoreAttributesWire, LemonVariantAttributesWire } from '../types.js';

// The catalogue

/** The fixed "now" the data is generated around (never `Date.now()`, so the data is the same every run). */
export const LEMON_DATA_NOW: Instant = '2026-11-01T00:00:00.000000Z';
export const NOW_MS = Date.parse(LEMON_DATA_NOW);
export const DAY_MS = 86_400_000;
const FIRST_STORE_ID = 41201;
const FIRST_VARIANT_ID = 612001;

export interface LemonStoreRecord {
  id: number;
  attributes: LemonStoreAttributesWire & { currency: string; slug: string };
}

export interface LemonVariantRecord {
  id: number;
  storeId: number;
  attributes: LemonVariantAttributesWire;
}

interface StoreSeed {
  name: string;
  slug: string;
  country: string;
  countryName: string;
  currency: string;
  plan: string;
  /** Minor units of the three variants: one-off, subscription, pay-what-you-want. */
  prices: [number, number, number];
  products: [string, string, string];
  weight: number;
}

function place(name: string, slug: string, country: string, countryName: string, currency: string, plan: string, weight: number) {
  return { name, slug, country, countryName, currency, plan, weight };
}

// Variants per store, in order: a one-off purchase, a subscription, pay what you want (prices in minor units).
const STORE_SEEDS: StoreSeed[] = [
  {
    ...place('Acme Digital', 'acme-digital', 'US', 'United States', 'USD', 'sweet', 4),
    prices: [4900, 1900, 1500],
    products: ['Pro licence', 'Team plan', 'Starter kit'],
  },
  {
    ...place('Nordlicht Studio', 'nordlicht', 'DE', 'Germany', 'EUR', 'fresh', 2),
    prices: [2900, 9900, 500],
    products: ['Presets bundle', 'Studio membership', 'Single preset'],
  },
  {
    ...place('Thames Type Foundry', 'thames-type', 'GB', 'United Kingdom', 'GBP', 'sweet', 2),
    prices: [4500, 1200, 7500],
    products: ['Desktop font licence', 'Font subscription', 'Web font licence'],
  },
  {
    ...place('Sakura Sounds', 'sakura-sounds', 'JP', 'Japan', 'JPY', 'fresh', 1),
    prices: [3000, 980, 1200],
    products: ['Sample pack', 'Monthly loops', 'Tip jar'],
  },
  {
    ...place('Maple Plugins', 'maple-plugins', 'CA', 'Canada', 'CAD', 'juicy', 1),
    prices: [5900, 8900, 2900],
    products: ['Plugin licence', 'Plugin + updates', 'Educational licence'],
  },
];

export function iso(ms: number): string {
  return instantFromDate(new Date(ms));
}

/** Relative weight of each store among checkouts (bigger stores sell more links). */
export const STORE_WEIGHTS = STORE_SEEDS.map((seed) => seed.weight);

export function buildStores(): LemonStoreRecord[] {
  return STORE_SEEDS.map((seed, i) => {
    const created = NOW_MS - (900 + 90 * i) * DAY_MS;
    return {
      id: FIRST_STORE_ID + i,
      attributes: {
        name: seed.name,
        slug: seed.slug,
        domain: `${seed.slug}.lemonsqueezy.com`,
        url: `https://${seed.slug}.lemonsqueezy.com`,
        avatar_url: `https://app.lemonsqueezy.com/storage/avatars/${seed.slug}.png`,
        plan: seed.plan,
        country: seed.country,
        country_nicename: seed.countryName,
        currency: seed.currency,
        total_sales: 1200 - 150 * i,
        total_revenue: (1200 - 150 * i) * 3275,
        thirty_day_sales: 60 - 7 * i,
        thirty_day_revenue: (60 - 7 * i) * 3275,
        created_at: iso(created),
        updated_at: iso(NOW_MS - (3 + i) * DAY_MS),
      },
    };
  });
}

export function buildVariants(stores: LemonStoreRecord[]): LemonVariantRecord[] {
  const variants: LemonVariantRecord[] = [];
  stores.forEach((store, s) => {
    const seed = STORE_SEEDS[s]!;
    seed.products.forEach((name, v) => {
      const price = seed.prices[v]!;
      const subscription = v === 1;
      const pwyw = v === 2;
      const created = NOW_MS - (880 - 10 * v + 90 * s) * DAY_MS;
      variants.push({
        id: FIRST_VARIANT_ID + s * 10 + v,
        storeId: store.id,
        attributes: {
          product_id: 88001 + s * 10 + v,
          name,
          slug: `${seed.slug}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
          description: `<p>${name} from ${seed.name}.</p>`,
          price,
          is_subscription: subscription,
          interval: subscription ? (s % 2 === 0 ? 'month' : 'year') : null,
          interval_count: subscription ? 1 : null,
          has_free_trial: subscription && s % 2 === 0,
          trial_interval: 'day',
          trial_interval_count: subscription && s % 2 === 0 ? 14 : 30,
          pay_what_you_want: pwyw,
          min_price: pwyw ? Math.round(price / 3) : 0,
          suggested_price: pwyw ? price : 0,
          has_license_keys: v === 0,
          license_activation_limit: v === 0 ? 5 : 0,
          is_license_limit_unlimited: v !== 0,
          license_length_value: 1,
          license_length_unit: 'years',
          is_license_length_unlimited: v !== 0,
          links: v === 0 ? [{ title: 'Documentation', url: `https://${seed.slug}.example.com/docs` }] : [],
          sort: v,
          status: v === 2 && s === 4 ? 'draft' : 'published',
          status_formatted: v === 2 && s === 4 ? 'Draft' : 'Published',
          created_at: iso(created),
          updated_at: iso(created + 40 * DAY_MS),
          test_mode: false,
        },
      });
    });
  });
  return variants;
}

// One checkout

/** Key the sandbox signs checkout URLs with (a stand-in for Lemon Squeezy's own URL signing). */
export const LEMON_URL_SIGNING_KEY = 'lemonsqueezy-sandbox-url-signing-key';

/**
 * One checkout. The walk fixes what orders and indexes the list; `attributes` (wire form) are drawn from the
 * record's own seed on first read and kept, so 100,000 records cost little more than their ids until served.
 */
export class LemonCheckoutRecord {
  #attributes: LemonCheckoutAttributesWire | undefined;

  constructor(
    /** UUID. */
    readonly id: string,
    /** Insertion sequence: higher is newer; breaks created_at ties (descending), as the upstream's internal id does. */
    readonly seq: number,
    readonly createdMs: number,
    readonly store: LemonStoreRecord,
    readonly variant: LemonVariantRecord,
    readonly seed: number,
  ) {}

  get attributes(): LemonCheckoutAttributesWire {
    this.#attributes ??= checkoutAttributes(this);
    return this.#attributes;
  }
}

const COUNTRIES = [
  ['US', '10001'],
  ['GB', 'SW1A 1AA'],
  ['DE', '10115'],
  ['JP', '100-0001'],
  ['CA', 'M5V 2T6'],
  ['FR', '75001'],
  ['NL', '1012 AB'],
] as const;
const COLOURS = ['#7047EB', '#111827', '#F59E0B', '#10B981', '#EF4444', '#FFFFFF'] as const;
const THEME_COLOURS = {
  background_color: '#FFFFFF',
  headings_color: '#111827',
  primary_text_color: '#111827',
  secondary_text_color: '#6B7280',
  links_color: '#7047EB',
  borders_color: '#E5E7EB',
  checkbox_color: '#7047EB',
  active_state_color: '#7047EB',
  button_text_color: '#FFFFFF',
  terms_privacy_color: '#6B7280',
} as const;
const DISCOUNT_CODES = ['LAUNCH10', 'BLACKFRIDAY', 'SPRING25'] as const;
const SOURCES = ['newsletter', 'pricing-page', 'in-app', 'partner'] as const;

/** Signs a checkout URL the way Laravel signs URLs: HMAC-SHA256 over the URL without its signature. */
export function signCheckoutUrl(storeSlug: string, id: string, expiresAtMs: number | null): string {
  const base = `https://${storeSlug}.lemonsqueezy.com/checkout/custom/${id}`;
  const unsigned = expiresAtMs === null ? base : `${base}?expires=${Math.floor(expiresAtMs / 1000)}`;
  const signature = createHmac('sha256', LEMON_URL_SIGNING_KEY).update(unsigned).digest('hex');
  return `${unsigned}${expiresAtMs === null ? '?' : '&'}signature=${signature}`;
}

/**
 * The attributes of one checkout, drawn from its own seed. Everything that fixes the list's shape (id, created_at,
 * store, variant) is decided by the main walk; the rest only when first read.
 */
function checkoutAttributes(record: LemonCheckoutRecord): LemonCheckoutAttributesWire {
  const rnd = new Random(record.seed);
  const { store, variant, createdMs } = record;
  const { currency, slug } = store.attributes;
  const blankOr = (probability: number, value: string) => (rnd.chance(probability) ? value : '');
  const createdIso = iso(createdMs);

  const updatedMs = rnd.chance(0.7) ? createdMs : Math.min(NOW_MS, createdMs + rnd.int(60, 30 * 86_400) * 1000);
  let expiresMs: number | null = null;
  const expiry = rnd.next();
  if (expiry < 0.25) expiresMs = createdMs + rnd.int(3600, 14 * 86_400) * 1000;
  else if (expiry < 0.4) expiresMs = createdMs + rnd.int(30, 90) * DAY_MS;
  else if (expiry < 0.55) expiresMs = createdMs + rnd.int(365, 3 * 365) * DAY_MS;

  const minor = currency === 'JPY' ? rnd.int(5, 200) * 100 : rnd.int(3, 600) * 100 - rnd.pick([0, 1, 5]);
  const hasEmail = rnd.chance(0.6);
  const first = rnd.pick(FIRST_NAMES);
  const last = rnd.pick(LAST_NAMES);
  const email = `${first}.${last}@${rnd.pick(EMAIL_DOMAINS)}`;
  const [country, zip] = rnd.pick(COUNTRIES);
  const product = variant.attributes.name;

  return {
    store_id: store.id,
    variant_id: variant.id,
    custom_price: rnd.chance(0.35) ? minor : null,
    product_options: {
      name: blankOr(0.2, `${product} — special offer`),
      description: blankOr(0.1, '<p>Includes a year of updates.</p>'),
      media: rnd.chance(0.1) ? [`https://cdn.${slug}.example.com/media/${record.seq % 50}.png`] : [],
      redirect_url: blankOr(0.25, `https://app.${slug}.example.com/welcome`),
      receipt_button_text: blankOr(0.15, 'Open the app'),
      receipt_link_url: blankOr(0.15, `https://app.${slug}.example.com/`),
      receipt_thank_you_note: blankOr(0.1, 'Thanks for your purchase!'),
      enabled_variants: rnd.chance(0.2) ? [variant.id] : [],
      confirmation_title: blankOr(0.1, 'Thanks!'),
      confirmation_message: blankOr(0.1, 'Your licence is on its way.'),
      confirmation_button_text: blankOr(0.1, 'Back to the app'),
    },
    checkout_options: {
      embed: rnd.chance(0.2),
      media: rnd.chance(0.9),
      logo: rnd.chance(0.9),
      desc: rnd.chance(0.9),
      discount: rnd.chance(0.8),
      skip_trial: rnd.chance(0.1),
      quantity: 1,
      subscription_preview: rnd.chance(0.9),
      // Keys vary between responses (document §7.3): the deprecated `dark` and the colours appear only sometimes.
      ...(rnd.chance(0.3) ? { dark: rnd.chance(0.3) } : {}),
      ...(rnd.chance(0.25) ? { button_color: rnd.pick(COLOURS) } : {}),
      ...(rnd.chance(0.1) ? THEME_COLOURS : {}),
    },
    checkout_data: {
      email: hasEmail ? (rnd.chance(0.2) ? email : email.toLowerCase()) : '',
      name: hasEmail || rnd.chance(0.1) ? `${first} ${last}` : '',
      billing_address: rnd.chance(0.35) ? { country, zip } : [],
      tax_number: rnd.chance(0.1) ? `${country}${rnd.int(100_000_000, 999_999_999)}` : '',
      discount_code: rnd.chance(0.1) ? rnd.pick(DISCOUNT_CODES) : '',
      custom: rnd.chance(0.25) ? { user_id: String(rnd.int(1, 99_999)), source: rnd.pick(SOURCES) } : [],
      variant_quantities: rnd.chance(0.1) ? [{ variant_id: variant.id, quantity: rnd.int(1, 5) }] : [],
    },
    preview: false,
    expires_at: expiresMs === null ? null : iso(expiresMs),
    created_at: createdIso,
    updated_at: updatedMs === createdMs ? createdIso : iso(updatedMs),
    test_mode: rnd.chance(0.3),
    url: signCheckoutUrl(slug, record.id, expiresMs),
  };
}

// JSON:API resources

const STORE_RELATIONSHIPS = ['products', 'orders', 'subscriptions', 'discounts', 'license-keys', 'webhooks'];
const VARIANT_RELATIONSHIPS = ['product', 'files', 'price-model'];

export type Resource = Record<string, unknown>;

export function storeResource(store: LemonStoreRecord, base: string): Resource {
  const self = `${base}/stores/${store.id}`;
  return {
    type: 'stores',
    id: String(store.id),
    attributes: store.attributes,
    relationships: Object.fromEntries(
      STORE_RELATIONSHIPS.map((name) => [name, { links: { related: `${self}/${name}`, self: `${self}/relationships/${name}` } }]),
    ),
    links: { self },
  };
}

export function variantResource(variant: LemonVariantRecord, base: string): Resource {
  const self = `${base}/variants/${variant.id}`;
  return {
    type: 'variants',
    id: String(variant.id),
    attributes: variant.attributes,
    relationships: Object.fromEntries(
      VARIANT_RELATIONSHIPS.map((name) => [name, { links: { related: `${self}/${name}`, self: `${self}/relationships/${name}` } }]),
    ),
    links: { self },
  };
}

/** A checkout resource; relationship linkage (`data`) only for included relationships (§5 assumption). */
export function checkoutResource(checkout: LemonCheckoutRecord, base: string, include: Set<string>): Resource {
  const self = `${base}/checkouts/${checkout.id}`;
  const relationship = (name: 'store' | 'variant', type: string, id: number) => ({
    links: { related: `${self}/${name}`, self: `${self}/relationships/${name}` },
    ...(include.has(name) ? { data: { type, id: String(id) } } : {}),
  });
  return {
    type: 'checkouts',
    id: checkout.id,
    attributes: checkout.attributes,
    relationships: {
      store: relationship('store', 'stores', checkout.attributes.store_id),
      variant: relationship('variant', 'variants', checkout.attributes.variant_id),
    },
    links: { self },
  };
}

/** Stores, then variants, each once, in order of first mention. */
export function includedFor(checkouts: readonly LemonCheckoutRecord[], include: Set<string>, base: string): Resource[] {
  const stores = new Map<number, Resource>();
  const variants = new Map<number, Resource>();
  for (const checkout of checkouts) {
    const { store, variant } = checkout;
    if (include.has('store') && !stores.has(store.id)) stores.set(store.id, storeResource(store, base));
    if (include.has('variant') && !variants.has(variant.id)) variants.set(variant.id, variantResource(variant, base));
  }
  return [...stores.values(), ...variants.values()];
}
