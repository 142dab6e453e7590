/**
 * Raw Lemon Squeezy JSON:API payloads (`/work/shared/upstreams/lemonsqueezy.md` §3–§5): the documented shapes.
 *
 * What the gateway relies on, read strictly (the `…EssentialSchema`s): the list envelope (`data`, `meta.page`,
 * `links.next`/`prev`), each checkout's `id`, `created_at` (list order, binary searches, cursors), `updated_at`,
 * `expires_at` (status), `store_id`, `variant_id`, `custom_price` and `checkout_data.email`, and of the included (or
 * fetched) store its `id` and `currency`, of the variant its `id` and `price`. An unreadable one fails the page, naming
 * the resource and the path. Included resources of other types are ignored.
 *
 * Everything else is descriptive and read tolerantly (src/providers/tolerant.ts): a wrong type, an unknown value or an
 * unreadable date becomes null for that field alone and is recorded as drift; PHP's `[]` for an empty map reads as
 * `{}` wherever an object is expected.
 *
 * Two shapes come out of each schema: `z.input` is the wire form (what the sandbox serves), `z.output` is what the
 * client hands on — PHP's `[]`-for-an-empty-map and the old `null` are normalised there, and nothing else changes.
 */
import { z } from 'zod';
import { parseInstant } from '../../instant.js';
import { tolerant, type Loose, type OmitKnown } from '../tolerant.js';

/** `2022-10-14T12:36:27.000000Z`: any ISO 8601 timestamp `toInstant` accepts. */
const timestamp = z.string().refine((text) => parseInstant(text) !== null, { message: 'not an ISO 8601 timestamp', params: { drift: 'unreadable_date' } });

/** PHP serialises an empty associative array as `[]`; older API versions sent `null` (§5, Go SDK stub). */
const emptyPhpMap = z.union([z.array(z.never()).length(0), z.null()]);

/** A string the upstream sends as `""` when unset; `null` is tolerated too. */
const optionalText = z.string().nullish();

export const jsonApiErrorSchema = z.object({
  detail: z.string().optional(),
  status: z.string().optional(),
  title: z.string().optional(),
  code: z.string().optional(),
  source: z.object({ pointer: z.string().optional(), parameter: z.string().optional() }).optional(),
});

export const errorDocumentSchema = z.object({ errors: z.array(jsonApiErrorSchema) });

export const productOptionsSchema = z.object({
  name: optionalText,
  description: optionalText,
  media: z
    .array(z.string())
    .nullish()
    .transform((media) => media ?? []),
  redirect_url: optionalText,
  receipt_button_text: optionalText,
  receipt_link_url: optionalText,
  receipt_thank_you_note: optionalText,
  enabled_variants: z
    .array(z.number().int())
    .nullish()
    .transform((ids) => ids ?? []),
  // Undocumented but present in live responses (§7.4).
  confirmation_title: optionalText,
  confirmation_message: optionalText,
  confirmation_button_text: optionalText,
});

/** Keys vary between responses (§7.3), so every member is optional. */
export const checkoutOptionsSchema = z.object({
  embed: z.boolean().optional(),
  media: z.boolean().optional(),
  logo: z.boolean().optional(),
  desc: z.boolean().optional(),
  discount: z.boolean().optional(),
  skip_trial: z.boolean().optional(),
  subscription_preview: z.boolean().optional(),
  /** Deprecated. */
  dark: z.boolean().optional(),
  /** Undocumented; typed as a number by the SDK. */
  quantity: z.number().nullish(),
  background_color: optionalText,
  headings_color: optionalText,
  primary_text_color: optionalText,
  secondary_text_color: optionalText,
  links_color: optionalText,
  borders_color: optionalText,
  checkbox_color: optionalText,
  active_state_color: optionalText,
  button_color: optionalText,
  button_text_color: optionalText,
  terms_privacy_color: optionalText,
});

export const billingAddressSchema = z.object({ country: optionalText, zip: optionalText });

export const variantQuantitySchema = z.object({ variant_id: z.number().int(), quantity: z.number().int() });

export const checkoutDataSchema = z.object({
  email: optionalText,
  name: optionalText,
  tax_number: optionalText,
  discount_code: optionalText,
  /** `{country, zip}`, or `[]`/`null` when empty → null. */
  billing_address: z
    .union([billingAddressSchema, emptyPhpMap])
    .optional()
    .transform((address) => (address && !Array.isArray(address) ? address : null)),
  /** Key/value pairs, or `[]`/`null` when empty → `{}`. */
  custom: z
    .union([z.record(z.string(), z.unknown()), emptyPhpMap])
    .optional()
    .transform((custom): Record<string, unknown> => (custom && !Array.isArray(custom) ? custom : {})),
  variant_quantities: z
    .array(variantQuantitySchema)
    .nullish()
    .transform((list) => list ?? []),
});

/** Present only on a checkout created with `preview: true`; list/retrieve send `false` (or omit it) → null (§5). */
export const previewSchema = z.object({
  currency: z.string(),
  currency_rate: z.number(),
  subtotal: z.number().int(),
  discount_total: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  setup_fee: z.number().int().nullish(),
  subtotal_usd: z.number().int(),
  discount_total_usd: z.number().int(),
  tax_usd: z.number().int(),
  total_usd: z.number().int(),
  setup_fee_usd: z.number().int().nullish(),
  subtotal_formatted: z.string(),
  discount_total_formatted: z.string(),
  tax_formatted: z.string(),
  total_formatted: z.string(),
  setup_fee_formatted: z.string().nullish(),
});

export const checkoutAttributesSchema = z.object({
  store_id: z.number().int(),
  variant_id: z.number().int(),
  custom_price: z.number().int().nullable(),
  product_options: productOptionsSchema,
  checkout_options: checkoutOptionsSchema,
  checkout_data: checkoutDataSchema,
  preview: z
    .union([previewSchema, z.literal(false), z.null()])
    .optional()
    .transform((preview) => preview || null),
  expires_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  test_mode: z.boolean(),
  url: z.string(),
});

const resourceIdentifier = z.object({ type: z.string(), id: z.string() });
const relationshipSchema = z.object({
  links: z.object({ related: z.string().optional(), self: z.string().optional() }).optional(),
  data: resourceIdentifier.nullish(),
});

export const checkoutResourceSchema = z.object({
  type: z.literal('checkouts'),
  id: z.string().min(1),
  attributes: checkoutAttributesSchema,
  relationships: z.record(z.string(), relationshipSchema).optional(),
  links: z.object({ self: z.string().optional() }).optional(),
});

export const storeAttributesSchema = z.object({
  name: z.string(),
  slug: z.string(),
  domain: optionalText,
  url: optionalText,
  avatar_url: optionalText,
  plan: optionalText,
  country: optionalText,
  country_nicename: optionalText,
  /** The normalised `currency` and `total` of every checkout of the store rely on it. */
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code'),
  total_sales: z.number().int().nullish(),
  total_revenue: z.number().int().nullish(),
  thirty_day_sales: z.number().int().nullish(),
  thirty_day_revenue: z.number().int().nullish(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const storeResourceSchema = z.object({
  type: z.literal('stores'),
  id: z.string().min(1),
  attributes: storeAttributesSchema,
  relationships: z.record(z.string(), relationshipSchema).optional(),
  links: z.object({ self: z.string().optional() }).optional(),
});

/** Variant `links[]`: not described by the document beyond its name; assumed `{title, url}` and kept lenient. */
export const variantLinkSchema = z.object({ title: optionalText, url: optionalText });

export const variantAttributesSchema = z.object({
  product_id: z.number().int(),
  name: z.string(),
  slug: optionalText,
  description: optionalText,
  /** The normalised `total` of checkouts without `custom_price` relies on it. */
  price: z.number().int(),
  is_subscription: z.boolean().nullish(),
  interval: z.string().nullish(),
  interval_count: z.number().int().nullish(),
  has_free_trial: z.boolean().nullish(),
  trial_interval: z.string().nullish(),
  trial_interval_count: z.number().int().nullish(),
  pay_what_you_want: z.boolean().nullish(),
  min_price: z.number().int().nullish(),
  suggested_price: z.number().int().nullish(),
  has_license_keys: z.boolean().nullish(),
  license_activation_limit: z.number().int().nullish(),
  is_license_limit_unlimited: z.boolean().nullish(),
  license_length_value: z.number().int().nullish(),
  license_length_unit: z.string().nullish(),
  is_license_length_unlimited: z.boolean().nullish(),
  links: z
    .array(variantLinkSchema)
    .nullish()
    .transform((links) => links ?? []),
  sort: z.number().int().nullish(),
  status: z.string().nullish(),
  status_formatted: z.string().nullish(),
  created_at: timestamp,
  updated_at: timestamp,
  test_mode: z.boolean().nullish(),
});

export const variantResourceSchema = z.object({
  type: z.literal('variants'),
  id: z.string().min(1),
  attributes: variantAttributesSchema,
  relationships: z.record(z.string(), relationshipSchema).optional(),
  links: z.object({ self: z.string().optional() }).optional(),
});

/** We only ever ask for `include=store,variant`, so those are the only types `included` may hold. */
export const includedSchema = z.array(z.discriminatedUnion('type', [storeResourceSchema, variantResourceSchema]));

const count = z.number().int().min(0);

export const pageMetaSchema = z.object({
  currentPage: z.number().int().min(1),
  // Laravel's paginator sends null for an empty page; the SDK's integer types do not say so (§3.1 assumption).
  from: count.nullable(),
  lastPage: z.number().int().min(1),
  perPage: z.number().int().min(1),
  to: count.nullable(),
  total: count,
});

export const checkoutListDocumentSchema = z.object({
  meta: z.object({ page: pageMetaSchema }),
  jsonapi: z.object({ version: z.string() }).optional(),
  links: z.object({
    first: z.string().optional(),
    last: z.string().optional(),
    // Absent (not null) when there is no such page; null tolerated.
    next: z.string().nullish(),
    prev: z.string().nullish(),
  }),
  data: z.array(checkoutResourceSchema),
  included: includedSchema.optional(),
});

export const checkoutDocumentSchema = z.object({
  jsonapi: z.object({ version: z.string() }).optional(),
  links: z.object({ self: z.string().optional() }).optional(),
  data: checkoutResourceSchema,
  included: includedSchema.optional(),
});

export const storeDocumentSchema = z.object({ data: storeResourceSchema });
export const variantDocumentSchema = z.object({ data: variantResourceSchema });

/** PHP serialises an empty map as `[]`: read as `{}` where the gateway relies on an object. */
const phpObject = <S extends z.ZodRawShape>(shape: S) => z.preprocess((value) => (Array.isArray(value) && value.length === 0 ? {} : value), z.object(shape));

export const checkoutEssentialSchema = z.object({
  id: z.string().min(1),
  attributes: phpObject({
    store_id: z.number().int(),
    variant_id: z.number().int(),
    custom_price: z.number().int().nullish(),
    checkout_data: phpObject({ email: optionalText }).nullish(),
    expires_at: timestamp.nullish(),
    created_at: timestamp,
    updated_at: timestamp,
  }),
});
export const storeEssentialSchema = z.object({
  id: z.string().min(1),
  attributes: phpObject({ currency: z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code') }),
});
export const variantEssentialSchema = z.object({ id: z.string().min(1), attributes: phpObject({ price: z.number().int() }) });

/** The list envelope; resources are read one by one (essentials strictly, the rest tolerantly). */
export const listEnvelopeSchema = z.object({
  meta: z.object({ page: pageMetaSchema }),
  links: z.object({ next: z.string().nullish(), prev: z.string().nullish() }).nullish(),
  data: z.array(z.unknown()),
  included: z.array(z.unknown()).nullish(),
});
export const documentEnvelopeSchema = z.object({ data: z.unknown(), included: z.array(z.unknown()).nullish() });

/** Readers of the descriptive parts (attributes without the essentials, read first). */
export const checkoutAttributesReader = tolerant(
  checkoutAttributesSchema.omit({ store_id: true, variant_id: true, custom_price: true, expires_at: true, created_at: true, updated_at: true }),
);
export const storeAttributesReader = tolerant(storeAttributesSchema.omit({ currency: true }));
export const variantAttributesReader = tolerant(variantAttributesSchema.omit({ price: true }));
export const relationshipsReader = tolerant(z.record(z.string(), relationshipSchema));

type Essentials<S extends z.ZodType> = z.output<S>;
type CheckoutEssentials = Essentials<typeof checkoutEssentialSchema>['attributes'];

/** Read forms (what the client hands on and resolvers see): essentials as validated, the rest possibly null. */
export type LemonCheckoutAttributes = OmitKnown<Loose<z.output<typeof checkoutAttributesSchema>>, Exclude<keyof CheckoutEssentials, 'checkout_data'>> &
  Omit<CheckoutEssentials, 'checkout_data'>;
export interface LemonCheckoutResource {
  type: 'checkouts';
  id: string;
  attributes: LemonCheckoutAttributes;
  relationships?: Loose<Record<string, z.output<typeof relationshipSchema>>> | null;
}
export interface LemonStoreResource {
  type: 'stores';
  id: string;
  attributes: OmitKnown<Loose<z.output<typeof storeAttributesSchema>>, 'currency'> & { currency: string };
}
export interface LemonVariantResource {
  type: 'variants';
  id: string;
  attributes: OmitKnown<Loose<z.output<typeof variantAttributesSchema>>, 'price'> & { price: number };
}
export type LemonPreview = Loose<z.output<typeof previewSchema>>;
export type LemonPageMeta = z.output<typeof pageMetaSchema>;
export type LemonCheckoutEssentials = z.output<typeof checkoutEssentialSchema>;

/** Wire forms (what the upstream, and so the sandbox, sends). */
export type LemonCheckoutAttributesWire = z.input<typeof checkoutAttributesSchema>;
export type LemonStoreAttributesWire = z.input<typeof storeAttributesSchema>;
export type LemonVariantAttributesWire = z.input<typeof variantAttributesSchema>;
