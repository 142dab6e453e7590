/**
 * StateSet's raw checkout session objects (`GET /v1/checkouts`, `GET /v1/checkouts/:id`) as zod schemas, following
 * /work/shared/upstreams/stateset.md §5 (StateSet examples + ACP 2025-09-29, whose shapes StateSet's match).
 *
 * Strict where the mapping or the pagination relies on a value (id, status, currency, totals, timestamps);
 * lenient where the document says a part may be absent: list items in the documented (slim) shape carry no
 * `payment_provider`, fulfilment data, `messages` or `links`, so those are optional and kept absent (not defaulted)
 * so the GraphQL layer can say "not sent" rather than "empty".
 */
import { z } from 'zod';
import { parseInstant } from '../../instant.js';

export const STATESET_STATUSES = ['not_ready_for_payment', 'ready_for_payment', 'in_progress', 'completed', 'canceled'] as const;
export type StateSetStatus = (typeof STATESET_STATUSES)[number];

export const TOTAL_TYPES = ['items_base_amount', 'items_discount', 'subtotal', 'discount', 'fulfillment', 'tax', 'fee', 'total'] as const;
export const MESSAGE_ERROR_CODES = ['missing', 'invalid', 'out_of_stock', 'payment_declined', 'requires_sign_in', 'requires_3ds'] as const;
export const CONTENT_TYPES = ['plain', 'markdown'] as const;
export const LINK_TYPES = ['terms_of_use', 'privacy_policy', 'seller_shop_policies'] as const;

/** ISO 8601 with `Z` or an offset; documented as `YYYY-MM-DDTHH:MM:SSZ`, but fractions are accepted too. */
const timestamp = z.string().refine((text) => parseInstant(text) !== null && /(Z|z|[+-]\d{2}:?\d{2})$/.test(text), {
  message: 'expected an ISO 8601 date-time with a zone',
});
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

export type StateSetBuyer = z.infer<typeof buyerSchema>;
export type StateSetPaymentProvider = z.infer<typeof paymentProviderSchema>;
export type StateSetLineItem = z.infer<typeof lineItemSchema>;
export type StateSetAddress = z.infer<typeof addressSchema>;
export type StateSetShippingOption = z.infer<typeof shippingOptionSchema>;
export type StateSetDigitalOption = z.infer<typeof digitalOptionSchema>;
export type StateSetFulfillmentOption = z.infer<typeof fulfillmentOptionSchema>;
export type StateSetTotal = z.infer<typeof totalSchema>;
export type StateSetTotalType = (typeof TOTAL_TYPES)[number];
export type StateSetMessage = z.infer<typeof messageSchema>;
export type StateSetLink = z.infer<typeof linkSchema>;
export type StateSetPayment = z.infer<typeof paymentSchema>;
export type StateSetRawCheckout = z.infer<typeof checkoutSchema>;
export type StateSetListResponse = z.infer<typeof listResponseSchema>;
export type StateSetErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The native list filter, in StateSet's own query-parameter terms (timestamps already formatted). */
export interface StateSetListParams {
  status?: StateSetStatus;
  buyer_email?: string;
  created_after?: string;
  created_before?: string;
}
