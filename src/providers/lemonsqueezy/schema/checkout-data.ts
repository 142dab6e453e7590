/**
 * The checkout's pre-filled data (`checkout_data`) and its pricing preview (`preview`).
 * Upstream strings that are `""` when unset are null here.
 */
import { moneyFromMinor } from '../../../money.js';
import type { LemonCheckoutAttributes, LemonPreview } from '../types.js';
import { builder } from '../../../schema/builder.js';
import { blank } from './shared.js';
import { Money } from '../../../schema/money.js';

type CheckoutData = NonNullable<LemonCheckoutAttributes['checkout_data']>;
type BillingAddress = NonNullable<CheckoutData['billing_address']>;
type VariantQuantity = NonNullable<CheckoutData['variant_quantities']>[number];

const LemonSqueezyBillingAddress = builder.objectRef<BillingAddress>('LemonSqueezyBillingAddress').implement({
  description: 'Pre-filled billing address (`checkout_data.billing_address`).',
  fields: (t) => ({
    country: t.string({
      nullable: true,
      description: 'ISO 3166-1 alpha-2 country code (`country`), e.g. `US`.',
      resolve: (a) => blank(a.country),
    }),
    zip: t.string({ nullable: true, description: 'ZIP or postal code (`zip`).', resolve: (a) => blank(a.zip) }),
  }),
});

const LemonSqueezyVariantQuantity = builder.objectRef<VariantQuantity>('LemonSqueezyVariantQuantity').implement({
  description: 'A pre-set quantity for one variant (`checkout_data.variant_quantities[]`).',
  fields: (t) => ({
    variantId: t.int({ nullable: true, description: 'The variant (`variant_id`).', resolve: (q) => q.variant_id }),
    quantity: t.int({ nullable: true, description: 'How many (`quantity`).', resolve: (q) => q.quantity }),
  }),
});

export const LemonSqueezyCheckoutData = builder.objectRef<CheckoutData>('LemonSqueezyCheckoutData').implement({
  description: 'Values pre-filled on the checkout page and custom data passed through it (`checkout_data`).',
  fields: (t) => ({
    email: t.string({
      nullable: true,
      description: 'Pre-filled email (`email`), as sent; null when empty.',
      resolve: (d) => blank(d.email),
    }),
    name: t.string({ nullable: true, description: 'Pre-filled buyer name (`name`).', resolve: (d) => blank(d.name) }),
    billingAddress: t.field({
      type: LemonSqueezyBillingAddress,
      nullable: true,
      description: 'Pre-filled billing address (`billing_address`); null when the upstream sends an empty `[]`.',
      resolve: (d) => d.billing_address ?? null,
    }),
    taxNumber: t.string({ nullable: true, description: 'Pre-filled tax number (`tax_number`).', resolve: (d) => blank(d.tax_number) }),
    discountCode: t.string({
      nullable: true,
      description: 'Pre-filled discount code (`discount_code`).',
      resolve: (d) => blank(d.discount_code),
    }),
    custom: t.string({
      description: 'Custom key/value data (`custom`) as JSON object text, e.g. `{"user_id":"123"}`; `{}` when none (the upstream sends `[]`).',
      resolve: (d) => JSON.stringify(d.custom ?? {}),
    }),
    variantQuantities: t.field({
      type: [LemonSqueezyVariantQuantity],
      description: 'Pre-set quantities per variant (`variant_quantities`); empty when none.',
      resolve: (d) => d.variant_quantities ?? [],
    }),
  }),
});

const cents = (key: keyof LemonPreview & string, what: string, currency: 'store' | 'USD') =>
  `${what} in ${currency === 'USD' ? 'USD cents' : 'minor units of `currency`'} (\`${key}\`).`;

export const LemonSqueezyCheckoutPreview = builder.objectRef<LemonPreview>('LemonSqueezyCheckoutPreview').implement({
  description: 'Pricing preview (`preview`), present only on a checkout created with `preview: true`.',
  fields: (t) => ({
    currency: t.string({
      nullable: true,
      description: 'Upper-case ISO 4217 currency of the store (`currency`).',
      resolve: (p) => p.currency?.toUpperCase() ?? null,
    }),
    currencyRate: t.float({
      nullable: true,
      description: 'Conversion rate to USD at checkout time (`currency_rate`); 1.0 for USD stores.',
      resolve: (p) => p.currency_rate,
    }),
    subtotal: t.int({ nullable: true, description: cents('subtotal', 'Subtotal', 'store'), resolve: (p) => p.subtotal }),
    discountTotal: t.int({ nullable: true, description: cents('discount_total', 'Discount applied', 'store'), resolve: (p) => p.discount_total }),
    tax: t.int({ nullable: true, description: cents('tax', 'Tax', 'store'), resolve: (p) => p.tax }),
    setupFee: t.int({ nullable: true, description: cents('setup_fee', 'Setup fee', 'store'), resolve: (p) => p.setup_fee ?? null }),
    total: t.int({ nullable: true, description: cents('total', 'Total', 'store'), resolve: (p) => p.total }),
    totalMoney: t.field({
      type: Money,
      nullable: true,
      description: 'The same `total` as Money in `currency`; null when either could not be read.',
      resolve: (p) => (typeof p.total === 'number' && typeof p.currency === 'string' ? moneyFromMinor(p.total, p.currency) : null),
    }),
    subtotalUsd: t.int({ nullable: true, description: cents('subtotal_usd', 'Subtotal', 'USD'), resolve: (p) => p.subtotal_usd }),
    discountTotalUsd: t.int({ nullable: true, description: cents('discount_total_usd', 'Discount applied', 'USD'), resolve: (p) => p.discount_total_usd }),
    taxUsd: t.int({ nullable: true, description: cents('tax_usd', 'Tax', 'USD'), resolve: (p) => p.tax_usd }),
    setupFeeUsd: t.int({
      nullable: true,
      description: cents('setup_fee_usd', 'Setup fee', 'USD'),
      resolve: (p) => p.setup_fee_usd ?? null,
    }),
    totalUsd: t.int({ nullable: true, description: cents('total_usd', 'Total', 'USD'), resolve: (p) => p.total_usd }),
    subtotalFormatted: t.string({
      nullable: true,
      description: 'Subtotal formatted for people (`subtotal_formatted`), e.g. `$9.99`.',
      resolve: (p) => p.subtotal_formatted,
    }),
    discountTotalFormatted: t.string({
      nullable: true,
      description: 'Discount formatted for people (`discount_total_formatted`).',
      resolve: (p) => p.discount_total_formatted,
    }),
    taxFormatted: t.string({ nullable: true, description: 'Tax formatted for people (`tax_formatted`).', resolve: (p) => p.tax_formatted }),
    setupFeeFormatted: t.string({
      nullable: true,
      description: 'Setup fee formatted for people (`setup_fee_formatted`).',
      resolve: (p) => p.setup_fee_formatted ?? null,
    }),
    totalFormatted: t.string({
      nullable: true,
      description: 'Total formatted for people (`total_formatted`), e.g. `$9.99`.',
      resolve: (p) => p.total_formatted,
    }),
  }),
});
