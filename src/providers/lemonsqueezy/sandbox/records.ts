/**
 * The fixed catalogue behind the Lemon Squeezy sandbox data: five stores in five currencies (JPY is zero-decimal),
 * each with three variants (one-off, subscription, pay what you want), all dated relative to the data's fixed "now".
 */
import type { Instant } from '../../../domain.js';
import { instantFromDate } from '../../../instant.js';
import type { LemonStoreAttributesWire, LemonVariantAttributesWire } from '../types.js';

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
