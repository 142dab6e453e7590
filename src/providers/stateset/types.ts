/**
 * StateSet's raw checkout session objects (`GET /v1/checkouts`, `GET /v1/checkouts/:id`) as zod schemas, following
 * /work/shared/upstreams/stateset.md §5 (StateSet examples + ACP 2025-09-29, whose shapes StateSet's match): the
 * documented shapes.
 *
 * What the gateway relies on, read strictly (`checkoutEssentialSchema`): the envelope (`data`, `has_more`,
 * `total_count`), each checkout's `id`, `created_at` (list order, windows, cursors) and `updated_at`, and the sources
 * of the normalised fields — `status` (an unknown value maps to UNKNOWN), `currency`, the amount of the `totals[]`
 * entry of type `total`, and `buyer.email`. An unreadable one fails the page, naming the checkout and the path.
 *
 * Everything else is descriptive and read tolerantly (src/providers/tolerant.ts): a wrong type, an unknown enum value
 * (message codes, link and total types, a new fulfilment option kind) or an unreadable date becomes null, or stays
 * as a raw string, for that field alone and is recorded as drift. List items in the documented (slim) shape carry no
 * `payment_provider`, fulfilment data, `messages` or `links`: absent, so the GraphQL layer can say "not sent".
 */
import { z } from 'zod';
import { parseInstant } from '../../instant.js';
import { tolerant, type Loose, type OmitKnown } from '../tolerant.js';

export const STATESET_STATUSES = ['not_ready_for_payment', 'ready_for_payment', 'in_progress', 'completed', 'canceled'] as const;
export type StateSetStatus = (typeof STATESET_STATUSES)[number];

export const TOTAL_TYPES = ['items_base_amount', 'items_discount', 'subtotal', 'discount', 'fulfillment', 'tax', 'fee', 'total'] as const;
export const MESSAGE_ERROR_CODES = ['missing', 'invalid', 'out_of_stock', 'payment_declined', 'requires_sign_in', 'requires_3ds'] as const;
export const CONTENT_TYPES = ['plain', 'markdown'] as const;
export const LINK_TYPES = ['terms_of_use', 'privacy_policy', 'seller_shop_policies'] as const;

/** Documented as `YYYY-MM-DDTHH:MM:SSZ`; fractions, offsets, a naive value (UTC) and a date alone are read too. */
const timestamp = z.string().refine((text) => parseInstant(text) !== null, { message: 'expected an ISO 8601 timestamp', params: { drift: 'unreadable_date' } });
const minorUnits = z.number().int();
/** Optional in the document; a server writing null for "absent" is accepted too. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

export const buyerSchema = z.object({
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  phone_number: optional(z.string()),
});

export const paymentProviderSchema = z.object({
  /** Documented enum: `stripe` (kept a string so a new processor does not fail the whole page). */
  provider: z.string(),
  /** Documented enum items: `card`. */
  supported_payment_methods: z.array(z.string()).default([]),
});

export const lineItemSchema = z.object({
  id: z.string(),
  item: z.object({ id: z.string(), quantity: z.number().int() }),
  base_amount: minorUnits,
  discount: minorUnits,
  subtotal: minorUnits,
  tax: minorUnits,
  total: minorUnits,
});

export const addressSchema = z.object({
  name: z.string(),
  line_one: z.string(),
  line_two: optional(z.string()),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  postal_code: z.string(),
});

export const shippingOptionSchema = z.object({
  type: z.literal('shipping'),
  id: z.string(),
  title: z.string(),
  subtitle: optional(z.string()),
  carrier: optional(z.string()),
  earliest_delivery_time: optional(timestamp),
  latest_delivery_time: optional(timestamp),
  subtotal: minorUnits,
  tax: minorUnits,
  total: minorUnits,
});

export const digitalOptionSchema = z.object({
  type: z.literal('digital'),
  id: z.string(),
  title: z.string(),
  subtitle: optional(z.string()),
  subtotal: minorUnits,
  tax: minorUnits,
  total: minorUnits,
});

export const fulfillmentOptionSchema = z.discriminatedUnion('type', [shippingOptionSchema, digitalOptionSchema]);

export const totalSchema = z.object({
  type: z.enum(TOTAL_TYPES),
  display_text: z.string(),
  amount: minorUnits,
});

export const infoMessageSchema = z.object({
  type: z.literal('info'),
  param: optional(z.string()),
  content_type: z.enum(CONTENT_TYPES),
  content: z.string(),
});

export const errorMessageSchema = z.object({
  type: z.literal('error'),
  code: z.enum(MESSAGE_ERROR_CODES),
  param: optional(z.string()),
  content_type: z.enum(CONTENT_TYPES),
  content: z.string(),
});

export const messageSchema = z.discriminatedUnion('type', [infoMessageSchema, errorMessageSchema]);

export const linkSchema = z.object({ type: z.enum(LINK_TYPES), url: z.string() });

/** Present only after `POST /checkouts/:id/complete` (StateSet-specific; ACP uses an `order` object instead). */
export const paymentSchema = z.object({
  id: z.string(),
  status: z.string(),
  amount: minorUnits,
  provider: z.string(),
});

export const checkoutSchema = z.object({
  id: z.string().min(1),
  buyer: optional(buyerSchema),
  payment_provider: optional(paymentProviderSchema),
  status: z.enum(STATESET_STATUSES),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'expected a 3-letter ISO 4217 code'),
  line_items: z.array(lineItemSchema),
  fulfillment_address: optional(addressSchema),
  fulfillment_options: optional(z.array(fulfillmentOptionSchema)),
  fulfillment_option_id: optional(z.string()),
  totals: z.array(totalSchema),
  messages: optional(z.array(messageSchema)),
  links: optional(z.array(linkSchema)),
  order_id: optional(z.string()),
  payment: optional(paymentSchema),
  /**
   * Decision: required. The document shows `created_at`/`updated_at` on list items only (the retrieve example lacks
   * them); we assume retrieve returns the same object (§4.1 [assumption]), because a checkout without `created_at`
   * cannot be placed in the createdAt-ordered lists or the `Checkout` interface.
   */
  created_at: timestamp,
  updated_at: timestamp,
});

export const listResponseSchema = z.object({
  data: z.array(checkoutSchema),
  has_more: z.boolean(),
  total_count: z.number().int().nonnegative(),
});

/** `{"error":{code,message,type,details,request_id,timestamp,documentation_url}}` (docs errors page). */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    type: z.string().optional(),
    details: z.record(z.string(), z.unknown()).nullish(),
    request_id: z.string().optional(),
    timestamp: z.string().optional(),
    documentation_url: z.string().optional(),
  }),
});

/** What the gateway relies on in a checkout (see the header); other keys are not looked at here. */
export const checkoutEssentialSchema = z.object({
  id: z.string().min(1),
  /** Any string: an unknown status maps to UNKNOWN and stays visible as `providerStatus`. */
  status: z.string().min(1),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'expected a 3-letter ISO 4217 code'),
  /** Only the `total` entry is relied on; `totalOf` checks its amount. */
  totals: z.array(z.unknown()),
  buyer: z.object({ email: z.string().nullish() }).nullish(),
  created_at: timestamp,
  updated_at: timestamp,
});

/** The list envelope; items are read one by one (essentials strictly, the rest tolerantly). */
export const listEnvelopeSchema = z.object({
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  total_count: z.number().int().nonnegative(),
});

export type StateSetEssentials = z.output<typeof checkoutEssentialSchema>;
export type StateSetBuyer = Loose<z.infer<typeof buyerSchema>>;
export type StateSetPaymentProvider = Loose<z.infer<typeof paymentProviderSchema>>;
export type StateSetLineItem = Loose<z.infer<typeof lineItemSchema>>;
export type StateSetAddress = Loose<z.infer<typeof addressSchema>>;
export type StateSetShippingOption = Loose<z.infer<typeof shippingOptionSchema>>;
export type StateSetDigitalOption = Loose<z.infer<typeof digitalOptionSchema>>;
export type StateSetFulfillmentOption = Loose<z.infer<typeof fulfillmentOptionSchema>>;
export type StateSetTotal = Loose<z.infer<typeof totalSchema>>;
export type StateSetTotalType = (typeof TOTAL_TYPES)[number];
export type StateSetMessage = Loose<z.infer<typeof messageSchema>>;
export type StateSetLink = Loose<z.infer<typeof linkSchema>>;
export type StateSetPayment = Loose<z.infer<typeof paymentSchema>>;
/** The checkout as resolvers see it: descriptive members read tolerantly (any may be null), essentials as validated. */
export type StateSetRawCheckout = OmitKnown<Loose<z.infer<typeof checkoutSchema>>, 'id' | 'status' | 'currency' | 'created_at' | 'updated_at'> &
  Pick<StateSetEssentials, 'id' | 'status' | 'currency' | 'created_at' | 'updated_at'>;
/** Wire forms (what the upstream, and so the sandbox, sends). */
export type StateSetWireCheckout = z.input<typeof checkoutSchema>;
export type StateSetWireBuyer = z.input<typeof buyerSchema>;
export type StateSetWireLineItem = z.input<typeof lineItemSchema>;
export type StateSetWireFulfillmentOption = z.input<typeof fulfillmentOptionSchema>;
export type StateSetWireMessage = z.input<typeof messageSchema>;
export type StateSetWireTotal = z.input<typeof totalSchema>;
export type StateSetListResponse = z.infer<typeof listResponseSchema>;
export type StateSetErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
/** Checkout reader: the documented shape without the top-level essentials, which are read first. */
export const checkoutReader = tolerant(checkoutSchema.omit({ id: true, status: true, currency: true, created_at: true, updated_at: true }));

/** The native list filter, in StateSet's own query-parameter terms (timestamps already formatted). */
export interface StateSetListParams {
  status?: StateSetStatus;
  buyer_email?: string;
  created_after?: string;
  created_before?: string;
}
