/**
 * `LemonSqueezyStore`, loaded through a per-request DataLoader. A checkout read from a list page or a retrieve already
 * carries its store (`include=store,variant`), and returning that object primes the loader (`cacheResolved`), so a
 * page of checkouts costs no extra upstream call; ids are loaded, deduplicated, otherwise.
 */
import type { Context } from '../../../context.js';
import type { LemonStoreResource } from '../types.js';
import { builder } from '../../../schema/builder.js';
import { blank, lemonSqueezy, orMissing } from './shared.js';
import { DateTime } from '../../../schema/scalars.js';
import { instantOrNull } from './shared.js';

export const LemonSqueezyStore = builder.loadableObject('LemonSqueezyStore', {
  description: 'A Lemon Squeezy store (`GET /v1/stores/:id`): the merchant a checkout belongs to; its currency prices the checkout.',
  load: async (ids: string[], ctx: Context) => orMissing('store', ids, await lemonSqueezy(ctx).getStores(ids, ctx.signal)),
  cacheResolved: (store: LemonStoreResource) => store.id,
  fields: (t) => ({
    id: t.id({ description: 'The store’s Lemon Squeezy id (a numeric string; the checkout’s `storeId`).', resolve: (s) => s.id }),
    name: t.string({ nullable: true, description: 'Store name (`name`).', resolve: (s) => s.attributes.name }),
    slug: t.string({
      nullable: true,
      description: 'Store slug (`slug`), the subdomain of its `lemonsqueezy.com` site.',
      resolve: (s) => s.attributes.slug,
    }),
    domain: t.string({
      nullable: true,
      description: 'Store domain (`domain`), `{slug}.lemonsqueezy.com` or a custom domain.',
      resolve: (s) => blank(s.attributes.domain),
    }),
    url: t.string({ nullable: true, description: 'Fully-qualified store URL (`url`).', resolve: (s) => blank(s.attributes.url) }),
    avatarUrl: t.string({
      nullable: true,
      description: 'URL of the store avatar (`avatar_url`).',
      resolve: (s) => blank(s.attributes.avatar_url),
    }),
    plan: t.string({
      nullable: true,
      description: 'The store’s Lemon Squeezy billing plan (`plan`), e.g. `fresh`, `sweet`.',
      resolve: (s) => blank(s.attributes.plan),
    }),
    country: t.string({
      nullable: true,
      description: 'ISO 3166-1 alpha-2 country code (`country`), e.g. `US`.',
      resolve: (s) => blank(s.attributes.country),
    }),
    countryNicename: t.string({
      nullable: true,
      description: 'Full country name (`country_nicename`), e.g. `United States`.',
      resolve: (s) => blank(s.attributes.country_nicename),
    }),
    currency: t.string({
      description: 'Upper-case ISO 4217 currency of the store (`currency`); every checkout of the store is priced in it.',
      resolve: (s) => s.attributes.currency.toUpperCase(),
    }),
    totalSales: t.int({
      nullable: true,
      description: 'All-time count of sales (`total_sales`).',
      resolve: (s) => s.attributes.total_sales ?? null,
    }),
    totalRevenue: t.float({
      nullable: true,
      description: 'All-time revenue in USD cents (`total_revenue`, an integer; Float because it may exceed 32 bits).',
      resolve: (s) => s.attributes.total_revenue ?? null,
    }),
    thirtyDaySales: t.int({
      nullable: true,
      description: 'Count of sales in the last 30 days (`thirty_day_sales`).',
      resolve: (s) => s.attributes.thirty_day_sales ?? null,
    }),
    thirtyDayRevenue: t.float({
      nullable: true,
      description: 'Revenue of the last 30 days in USD cents (`thirty_day_revenue`, an integer; Float because it may exceed 32 bits).',
      resolve: (s) => s.attributes.thirty_day_revenue ?? null,
    }),
    createdAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the store was created (`created_at`, UTC).',
      resolve: (s) => instantOrNull(s.attributes.created_at),
    }),
    updatedAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the store last changed (`updated_at`, UTC).',
      resolve: (s) => instantOrNull(s.attributes.updated_at),
    }),
  }),
});
