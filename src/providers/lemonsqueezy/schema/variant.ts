/** `LemonSqueezyVariant`, loaded through a per-request DataLoader primed from `included` (as the store is). */
import type { Context } from '../../../context.js';
import type { LemonVariantResource } from '../types.js';
import { builder } from '../../../schema/builder.js';
import { blank, instantOrNull, lemonSqueezy, orMissing } from './shared.js';
import { DateTime } from '../../../schema/scalars.js';

type VariantLink = NonNullable<LemonVariantResource['attributes']['links']>[number];

const LemonSqueezyVariantLink = builder.objectRef<VariantLink>('LemonSqueezyVariantLink').implement({
  description: 'One entry of a variant’s `links` array (assumed `{title, url}`; the document names the array only).',
  fields: (t) => ({
    title: t.string({ nullable: true, description: 'Link title (`title`).', resolve: (l) => blank(l.title) }),
    url: t.string({ nullable: true, description: 'Link URL (`url`).', resolve: (l) => blank(l.url) }),
  }),
});

export const LemonSqueezyVariant = builder.loadableObject('LemonSqueezyVariant', {
  description:
    'A Lemon Squeezy product variant (`GET /v1/variants/:id`): what a checkout sells. Its `price` is the checkout’s ' +
    'total when the checkout has no `customPrice`. Pricing attributes are deprecated upstream in favour of price models.',
  load: async (ids: string[], ctx: Context) => orMissing('variant', ids, await lemonSqueezy(ctx).getVariants(ids, ctx.signal)),
  cacheResolved: (variant: LemonVariantResource) => variant.id,
  fields: (t) => ({
    id: t.id({ description: 'The variant’s Lemon Squeezy id (a numeric string; the checkout’s `variantId`).', resolve: (v) => v.id }),
    productId: t.int({ nullable: true, description: 'Id of the product this variant belongs to (`product_id`).', resolve: (v) => v.attributes.product_id }),
    name: t.string({ nullable: true, description: 'Variant name (`name`).', resolve: (v) => v.attributes.name }),
    slug: t.string({ nullable: true, description: 'Variant slug (`slug`).', resolve: (v) => blank(v.attributes.slug) }),
    description: t.string({
      nullable: true,
      description: 'Variant description in HTML (`description`); null when empty.',
      resolve: (v) => blank(v.attributes.description),
    }),
    price: t.int({
      description: 'Price in minor units of the store’s currency (`price`, cents; yen for JPY).',
      resolve: (v) => v.attributes.price,
    }),
    isSubscription: t.boolean({
      nullable: true,
      description: 'Whether the variant is a subscription (`is_subscription`).',
      resolve: (v) => v.attributes.is_subscription ?? null,
    }),
    interval: t.string({
      nullable: true,
      description: 'Billing interval of a subscription (`interval`): `day`, `week`, `month` or `year`.',
      resolve: (v) => v.attributes.interval ?? null,
    }),
    intervalCount: t.int({
      nullable: true,
      description: 'Intervals between billings (`interval_count`), e.g. 3 with `month` bills quarterly.',
      resolve: (v) => v.attributes.interval_count ?? null,
    }),
    hasFreeTrial: t.boolean({
      nullable: true,
      description: 'Whether the subscription starts with a free trial (`has_free_trial`).',
      resolve: (v) => v.attributes.has_free_trial ?? null,
    }),
    trialInterval: t.string({
      nullable: true,
      description: 'Unit of the free trial (`trial_interval`): `day`, `week`, `month` or `year`.',
      resolve: (v) => v.attributes.trial_interval ?? null,
    }),
    trialIntervalCount: t.int({
      nullable: true,
      description: 'Length of the free trial in `trialInterval` units (`trial_interval_count`).',
      resolve: (v) => v.attributes.trial_interval_count ?? null,
    }),
    payWhatYouWant: t.boolean({
      nullable: true,
      description: 'Whether the buyer sets the price (`pay_what_you_want`).',
      resolve: (v) => v.attributes.pay_what_you_want ?? null,
    }),
    minPrice: t.int({
      nullable: true,
      description: 'Lowest pay-what-you-want price, minor units (`min_price`).',
      resolve: (v) => v.attributes.min_price ?? null,
    }),
    suggestedPrice: t.int({
      nullable: true,
      description: 'Suggested pay-what-you-want price, minor units (`suggested_price`).',
      resolve: (v) => v.attributes.suggested_price ?? null,
    }),
    hasLicenseKeys: t.boolean({
      nullable: true,
      description: 'Whether a purchase generates license keys (`has_license_keys`).',
      resolve: (v) => v.attributes.has_license_keys ?? null,
    }),
    licenseActivationLimit: t.int({
      nullable: true,
      description: 'Activations allowed per license key (`license_activation_limit`).',
      resolve: (v) => v.attributes.license_activation_limit ?? null,
    }),
    isLicenseLimitUnlimited: t.boolean({
      nullable: true,
      description: 'Whether activations are unlimited (`is_license_limit_unlimited`).',
      resolve: (v) => v.attributes.is_license_limit_unlimited ?? null,
    }),
    licenseLengthValue: t.int({
      nullable: true,
      description: 'License validity in `licenseLengthUnit` units (`license_length_value`).',
      resolve: (v) => v.attributes.license_length_value ?? null,
    }),
    licenseLengthUnit: t.string({
      nullable: true,
      description: 'Unit of the license validity (`license_length_unit`): `days`, `months` or `years`.',
      resolve: (v) => v.attributes.license_length_unit ?? null,
    }),
    isLicenseLengthUnlimited: t.boolean({
      nullable: true,
      description: 'Whether license keys never expire (`is_license_length_unlimited`).',
      resolve: (v) => v.attributes.is_license_length_unlimited ?? null,
    }),
    links: t.field({
      type: [LemonSqueezyVariantLink],
      description: 'Links attached to the variant (`links`); empty when none.',
      resolve: (v) => v.attributes.links ?? [],
    }),
    sort: t.int({ nullable: true, description: 'Display order on the checkout (`sort`).', resolve: (v) => v.attributes.sort ?? null }),
    status: t.string({
      nullable: true,
      description: 'Variant status (`status`): `pending` (the default variant), `draft` or `published`.',
      resolve: (v) => v.attributes.status ?? null,
    }),
    statusFormatted: t.string({
      nullable: true,
      description: 'Human-readable status (`status_formatted`), e.g. `Published`.',
      resolve: (v) => v.attributes.status_formatted ?? null,
    }),
    testMode: t.boolean({
      nullable: true,
      description: 'Whether the variant was created in test mode (`test_mode`).',
      resolve: (v) => v.attributes.test_mode ?? null,
    }),
    createdAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the variant was created (`created_at`, UTC).',
      resolve: (v) => instantOrNull(v.attributes.created_at),
    }),
    updatedAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the variant last changed (`updated_at`, UTC).',
      resolve: (v) => instantOrNull(v.attributes.updated_at),
    }),
  }),
});
