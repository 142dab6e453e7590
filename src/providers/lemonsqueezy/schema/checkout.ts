/** `LemonSqueezyCheckout` and its own connection, `Query.lemonSqueezyCheckouts`. */
import type { Context } from '../../../context.js';
import type { Checkout as CheckoutShape } from '../../../domain.js';
import { BadUserInputError } from '../../../errors.js';
import { toInstant } from '../../../instant.js';
import { moneyFromMinor } from '../../../money.js';
import type { LemonSqueezyCheckout as LemonSqueezyCheckoutShape } from '../index.js';
import { nativeFilterFromInput } from '../filter.js';
import { builder } from '../../../schema/builder.js';
import { Checkout } from '../../../schema/checkout-interface.js';
import { canonicalFilter, listOptions, pagingArgs, resolveProviderConnection } from '../../../schema/connection.js';
import { LemonSqueezyCheckoutData, LemonSqueezyCheckoutPreview } from './checkout-data.js';
import { LemonSqueezyCheckoutOptions, LemonSqueezyProductOptions } from './options.js';
import { lemonSqueezy } from './shared.js';
import { LemonSqueezyStore } from './store.js';
import { LemonSqueezyVariant } from './variant.js';
import { Money } from '../../../schema/money.js';
import { DateTime } from '../../../schema/scalars.js';

export const LemonSqueezyCheckout = builder.loadableNode('LemonSqueezyCheckout', {
  description:
    'A Lemon Squeezy checkout (`GET /v1/checkouts`): a custom checkout link for one variant of a store, not a purchase ' +
    'session. Its status is derived from `expires_at`; it has no buyer beyond the pre-filled `checkoutData`.',
  interfaces: [Checkout],
  id: { resolve: (c) => c.providerId },
  // `node(id)` answers null for an unknown id, so `getMany`'s nulls pass through; the declared type leaves null out
  // only because Pothos derives the object's shape from it.
  load: async (ids: string[], ctx: Context) => {
    const provider = ctx.providers.lemonsqueezy;
    if (!provider) return ids.map(() => new BadUserInputError('LEMON_SQUEEZY is not enabled on this gateway'));
    return (await provider.getMany(ids, ctx.signal)) as (LemonSqueezyCheckoutShape | Error)[];
  },
  isTypeOf: (value) => (value as CheckoutShape).provider === 'LEMON_SQUEEZY',
  fields: (t) => ({
    storeId: t.int({ description: 'Id of the store the checkout belongs to (`store_id`).', resolve: (c) => c.raw.attributes.store_id }),
    variantId: t.int({ description: 'Id of the variant the checkout sells (`variant_id`).', resolve: (c) => c.raw.attributes.variant_id }),
    customPrice: t.int({
      nullable: true,
      description: 'Custom price in minor units of the store’s currency (`custom_price`, cents); null means the variant’s price applies.',
      resolve: (c) => c.raw.attributes.custom_price,
    }),
    customPriceMoney: t.field({
      type: Money,
      nullable: true,
      description: 'The same `customPrice` as Money in the store’s currency; null when there is no custom price.',
      resolve: async (c, _args, ctx) => {
        const minor = c.raw.attributes.custom_price;
        if (minor === null || minor === undefined) return null;
        const store = c.store ?? (await LemonSqueezyStore.getDataloader(ctx).load(String(c.raw.attributes.store_id)));
        return moneyFromMinor(minor, store.attributes.currency);
      },
    }),
    productOptions: t.field({
      type: LemonSqueezyProductOptions,
      nullable: true,
      description: 'Product options this checkout overrides (`product_options`); null when unreadable.',
      resolve: (c) => c.raw.attributes.product_options ?? null,
    }),
    checkoutOptions: t.field({
      type: LemonSqueezyCheckoutOptions,
      nullable: true,
      description: 'Look and behaviour of the checkout page (`checkout_options`); null when unreadable.',
      resolve: (c) => c.raw.attributes.checkout_options ?? null,
    }),
    checkoutData: t.field({
      type: LemonSqueezyCheckoutData,
      nullable: true,
      description: 'Pre-filled values and custom data (`checkout_data`); null when unreadable.',
      resolve: (c) => c.raw.attributes.checkout_data ?? null,
    }),
    preview: t.field({
      type: LemonSqueezyCheckoutPreview,
      nullable: true,
      description: 'Pricing preview (`preview`); only checkouts created with `preview: true` have one, list and retrieve send none.',
      resolve: (c) => c.raw.attributes.preview ?? null,
    }),
    expiresAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the checkout link stops working (`expires_at`, UTC); null when it never expires.',
      resolve: (c) => (c.raw.attributes.expires_at ? toInstant(c.raw.attributes.expires_at) : null),
    }),
    testMode: t.boolean({
      nullable: true,
      description: 'Whether the checkout was created in test mode (`test_mode`).',
      resolve: (c) => c.raw.attributes.test_mode,
    }),
    url: t.string({
      nullable: true,
      description: 'The signed checkout URL to send buyers to (`url`); it carries `expires` when the checkout expires.',
      resolve: (c) => c.raw.attributes.url,
    }),
    store: t.field({
      type: LemonSqueezyStore,
      description: 'The store (`relationships.store`), from the page’s `included` or loaded once per request.',
      resolve: (c) => c.store ?? String(c.raw.attributes.store_id),
    }),
    variant: t.field({
      type: LemonSqueezyVariant,
      description: 'The variant (`relationships.variant`), from the page’s `included` or loaded once per request.',
      resolve: (c) => c.variant ?? String(c.raw.attributes.variant_id),
    }),
  }),
});

const LemonSqueezyCheckoutFilter = builder.inputType('LemonSqueezyCheckoutFilter', {
  description: 'Lemon Squeezy’s own list filters (exact match, applied upstream, ANDed).',
  fields: (t) => ({
    storeId: t.int({ required: false, description: 'Only checkouts of this store (`filter[store_id]`).' }),
    variantId: t.int({ required: false, description: 'Only checkouts of this variant (`filter[variant_id]`).' }),
  }),
});

const LemonSqueezyCheckoutConnection = builder.connectionObject(
  {
    type: LemonSqueezyCheckout,
    name: 'LemonSqueezyCheckoutConnection',
    description: 'A page of Lemon Squeezy checkouts in the upstream’s order: `created_at` descending.',
  },
  { name: 'LemonSqueezyCheckoutEdge', description: 'A Lemon Squeezy checkout and the cursor that stands on it.' },
);

builder.queryField('lemonSqueezyCheckouts', (t) =>
  t.field({
    type: LemonSqueezyCheckoutConnection,
    description:
      'Lemon Squeezy checkouts alone, newest first, with the upstream’s own filters. Page forward with `first`/`after`, ' + 'backward with `last`/`before`.',
    args: {
      ...pagingArgs(t.arg, 'checkouts'),
      filter: t.arg({
        type: LemonSqueezyCheckoutFilter,
        description: 'Restrict the list; cursors only work with the filter they were issued for.',
      }),
    },
    resolve: (_root, args, ctx) => {
      const provider = lemonSqueezy(ctx);
      const filter = nativeFilterFromInput(args.filter);
      return resolveProviderConnection(ctx, provider.listNative(filter, listOptions(args)), args, `lemonSqueezyCheckouts:${canonicalFilter(filter)}`);
    },
  }),
);
