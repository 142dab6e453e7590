/**
 * Raw Zenskar payloads (`/work/shared/upstreams/zenskar.md`) as zod schemas: the documented shapes.
 *
 * What the gateway relies on, read strictly (`CheckoutSessionEssentialSchema`): the envelope (`results`/`data`,
 * `next`, `previous`, `total_count`/`total`), each session's `id` and `created_at` (list order and cursors), and the
 * sources of the normalised fields — `checkout_session_status` (status; an unknown value maps to UNKNOWN),
 * `currency` and `contract.currency` (currency), `estimates.amount_due` (total), `customer_data.email` (email),
 * `updated_at`/`last_activity_at` (updatedAt). An unreadable one fails the page, naming the session and the path.
 *
 * Everything else is descriptive and read tolerantly (src/providers/tolerant.ts): a wrong type, an unknown enum value
 * or an unreadable date becomes null for that field alone and is recorded as drift. Zenskar serialises with
 * exclude-none (§5 "Null handling"), so every optional field may be absent or null and both mean the same.
 */
import { z } from 'zod';
import { parseInstant } from '../../instant.js';
import { tolerant, type Loose, type OmitKnown } from '../tolerant.js';

export const CHECKOUT_SESSION_STATUSES = ['open', 'processing', 'completed', 'closed', 'cancelled'] as const;
export type ZenskarCheckoutSessionStatus = (typeof CHECKOUT_SESSION_STATUSES)[number];

export const PAYMENT_STATUSES = ['not_started', 'pending', 'paid', 'failed', 'no_payment_required'] as const;
export type ZenskarPaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** `reason_type` of the cancel endpoint (§4.2). */
export const CANCELLATION_REASON_TYPES = ['customer_requested', 'payment_failed', 'expired', 'duplicate', 'fraudulent', 'other'] as const;

/** An ISO 8601 timestamp; `/checkout` sends naive ones (`2023-01-02T12:34:56`), taken as UTC; a date alone is midnight. */
const timestamp = z.string().refine((text) => parseInstant(text) !== null, { message: 'expected an ISO 8601 timestamp', params: { drift: 'unreadable_date' } });
const optionalTimestamp = timestamp.nullish();
const text = z.string().nullish();
const number = z.number().nullish();
/** Free-form JSON objects (custom_data, custom_attributes): kept whole. */
const jsonObject = z.record(z.string(), z.unknown());

export const LineItemSchema = z.object({
  name: text,
  quantity: number,
  /** Major units. */
  unit_price: number,
  /** Major units. */
  amount: number,
});

export const InvoiceCustomerSchema = z.object({
  customer_id: text,
  customer_name: text,
});

/** An estimated invoice (`current_invoice`, and each of `future_invoices` — same shape, inferred). */
export const EstimatedInvoiceSchema = z.object({
  id: text,
  invoice_number: text,
  status: text,
  customer: InvoiceCustomerSchema.nullish(),
  line_items: z.array(LineItemSchema).nullish(),
  /** Element shape undocumented: kept as JSON. */
  features: z.array(z.unknown()).nullish(),
  subtotal: number,
  total: number,
});

/** EstimationResponseSchema. */
export const EstimatesSchema = z.object({
  estimation_id: text,
  current_invoice: EstimatedInvoiceSchema.nullish(),
  future_invoices: z.array(EstimatedInvoiceSchema).nullish(),
  /** Major units of the session's currency: the normalised `total`. */
  amount_due: z.number().nullish(),
  /** Element shape undocumented: kept as JSON. */
  credit_notes: z.array(z.unknown()).nullish(),
});

/**
 * One pricing of a product-based contract phase. The docs only say "phases with pricings"; these keys follow
 * Zenskar's plan-phase-pricing objects (`product_id`, `pricing_id`, `quantity`). [assumption]
 */
export const PhasePricingSchema = z.object({
  product_id: text,
  pricing_id: text,
  quantity: number,
});

/** [assumption] phase keys as for plan phases (`name`, dates, `pricings`); dates may be date-only, so kept as text. */
export const ContractPhaseSchema = z.object({
  name: text,
  start_date: text,
  end_date: text,
  pricings: z.array(PhasePricingSchema).nullish(),
});

/** CheckoutContractSchemaPlanBased / ProductBased, discriminated loosely by `is_plan_based`. */
export const ContractSchema = z.object({
  currency: text,
  is_plan_based: z.boolean().nullish(),
  plan_id: text,
  /** §4 calls it a date: date-only (`2024-10-30`) and date-time are both read. */
  start_date: optionalTimestamp,
  phases: z.array(ContractPhaseSchema).nullish(),
});

/**
 * Address keys as Zenskar's own MCP server sends them for customers and business entities
 * (`line1..3`, `city`, `state`, `zipCode`, `country`, `country_code`). [inference]
 */
export const AddressSchema = z.object({
  line1: text,
  line2: text,
  line3: text,
  city: text,
  state: text,
  zipCode: text,
  country: text,
  country_code: text,
});

/** The customer snapshot of a session (guest checkouts carry the buyer here). Keys mirror the customer. [assumption] */
export const CustomerDataSchema = z.object({
  customer_name: text,
  email: text,
  phone_number: text,
  external_id: text,
  address: AddressSchema.nullish(),
});

export const CancellationDetailsSchema = z.object({
  reason_type: z.enum(CANCELLATION_REASON_TYPES).nullish(),
  reason: text,
  reference_id: text,
  cancelled_at: optionalTimestamp,
});

/** CheckoutSessionResponseSchema. `deleted_at` is never serialised (§5). */
export const CheckoutSessionSchema = z.object({
  id: z.string().min(1),
  organisation_id: text,
  checkout_session_status: z.enum(CHECKOUT_SESSION_STATUSES),
  payment_status: z.enum(PAYMENT_STATUSES),
  contract: ContractSchema.nullish(),
  guest_checkout: z.boolean().nullish(),
  contract_id: text,
  execution_id: text,
  confirmed_at: optionalTimestamp,
  paid_at: optionalTimestamp,
  payment_intent_id: text,
  estimates: EstimatesSchema.nullish(),
  customer_id: text,
  business_entity_id: text,
  customer_data: CustomerDataSchema.nullish(),
  expires_at: optionalTimestamp,
  last_activity_at: optionalTimestamp,
  completed_at: optionalTimestamp,
  idempotency_key: text,
  correlation_id: text,
  /** ISO 4217; strict because the normalised currency and total depend on it. */
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 currency code')
    .nullish(),
  success_url: text,
  cancel_url: text,
  pending_url: text,
  custom_data: jsonObject.nullish(),
  cancelled_at: optionalTimestamp,
  cancellation_details: CancellationDetailsSchema.nullish(),
  /** Strict: the list order and every cursor position depend on it. */
  created_at: timestamp,
  /**
   * Documented as always present, but the docs' list and create examples leave it out; lenient so a slim list item
   * still reads (the mapping falls back to `last_activity_at`, then `created_at`).
   */
  updated_at: optionalTimestamp,
});

/**
 * What the gateway relies on in a session (see the header). Other keys are not looked at here; the nested objects are
 * read only for the one member each normalised field comes from.
 */
export const CheckoutSessionEssentialSchema = z.object({
  id: z.string().min(1),
  /** Any string: an unknown status maps to UNKNOWN and stays visible as `providerStatus`. */
  checkout_session_status: z.string().min(1),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 currency code')
    .nullish(),
  contract: z.object({ currency: text }).nullish(),
  estimates: z.object({ amount_due: z.number().nullish() }).nullish(),
  customer_data: z.object({ email: text }).nullish(),
  created_at: timestamp,
  updated_at: optionalTimestamp,
  last_activity_at: optionalTimestamp,
});

export type ZenskarSessionEssentials = z.output<typeof CheckoutSessionEssentialSchema>;
/** The session as resolvers see it: descriptive members read tolerantly (any may be null), essentials as validated. */
export type ZenskarCheckoutSession = OmitKnown<
  Loose<z.output<typeof CheckoutSessionSchema>>,
  keyof ZenskarSessionEssentials | 'contract' | 'estimates' | 'customer_data'
> &
  Omit<ZenskarSessionEssentials, 'contract' | 'estimates' | 'customer_data'> &
  Pick<Loose<z.output<typeof CheckoutSessionSchema>>, 'contract' | 'estimates' | 'customer_data'>;
export type ZenskarEstimates = Loose<z.infer<typeof EstimatesSchema>>;
export type ZenskarEstimatedInvoice = Loose<z.infer<typeof EstimatedInvoiceSchema>>;
export type ZenskarLineItem = Loose<z.infer<typeof LineItemSchema>>;
export type ZenskarContract = Loose<z.infer<typeof ContractSchema>>;
export type ZenskarContractPhase = Loose<z.infer<typeof ContractPhaseSchema>>;
export type ZenskarPhasePricing = Loose<z.infer<typeof PhasePricingSchema>>;
export type ZenskarCustomerData = Loose<z.infer<typeof CustomerDataSchema>>;
export type ZenskarAddress = Loose<z.infer<typeof AddressSchema>>;
export type ZenskarCancellationDetails = Loose<z.infer<typeof CancellationDetailsSchema>>;
/** The wire form (what the upstream, and so the sandbox, sends). */
export type ZenskarCheckoutSessionWire = z.input<typeof CheckoutSessionSchema>;
/** Session reader: the documented shape without the essentials, which are read first. */
export const CheckoutSessionReader = tolerant(
  CheckoutSessionSchema.omit({ id: true, checkout_session_status: true, currency: true, created_at: true, updated_at: true, last_activity_at: true }),
);

/** TaxId items. The docs name the type only; keys are an [assumption]. */
export const TaxIdSchema = z.object({
  tax_type: text,
  tax_id: text,
});

/** ContactResponseSchema items; keys beyond `id`/`name`/`email` are an [assumption]. */
export const ContactSchema = z.object({
  id: text,
  name: text,
  email: text,
  phone_number: text,
});

/** Customer (`GET /customers/{id}`), §4.4. */
export const CustomerSchema = z.object({
  id: z.string().min(1),
  external_id: text,
  customer_name: z.string(),
  custom_data: jsonObject.nullish(),
  address: AddressSchema.nullish(),
  ship_to_address: AddressSchema.nullish(),
  tax_info: z.array(TaxIdSchema).nullish(),
  phone_number: text,
  email: text,
  contacts: z.array(ContactSchema).nullish(),
  custom_attributes: jsonObject.nullish(),
  communications_enabled: z.boolean().nullish(),
  auto_charge_enabled: z.boolean().nullish(),
  /** InvoiceDetailsObject: shape undocumented, kept whole. */
  invoice_details: jsonObject.nullish(),
  created_at: optionalTimestamp,
  updated_at: optionalTimestamp,
});

/** What the gateway relies on in a customer: its id (it keys the batch) and a readable object. */
export const CustomerEssentialSchema = z.object({ id: z.string().min(1) });
export type ZenskarCustomer = Loose<z.infer<typeof CustomerSchema>> & { id: string };
export type ZenskarCustomerWire = z.input<typeof CustomerSchema>;
export type ZenskarTaxId = Loose<z.infer<typeof TaxIdSchema>>;
export type ZenskarContact = Loose<z.infer<typeof ContactSchema>>;
export const CustomerReader = tolerant(CustomerSchema);

/**
 * A list envelope. The schema says `{results, next, previous, total_count}`; the docs' example says
 * `{data, next, total}` (§7.1). Zenskar's own MCP client reads `results`, so that is the shape we expect, but the
 * example's keys are accepted too and normalised, so either form of the live API reads the same.
 */
export function listEnvelope() {
  return z.preprocess(
    (body) => {
      if (body && typeof body === 'object' && !Array.isArray(body) && !('results' in body) && 'data' in body) {
        const { data, total, ...rest } = body as Record<string, unknown>;
        return { ...rest, results: data, total_count: total };
      }
      return body;
    },
    z.object({
      /** Items are read one by one (essentials strictly, the rest tolerantly), so one bad item names itself. */
      results: z.array(z.unknown()),
      next: z.string().nullish(),
      previous: z.string().nullish(),
      total_count: z.number().int().nonnegative().nullish(),
    }),
  );
}

export const CheckoutSessionListSchema = listEnvelope();
export const CustomerListSchema = listEnvelope();

export type ZenskarCheckoutSessionList = z.infer<typeof CheckoutSessionListSchema>;
export type ZenskarCustomerList = z.infer<typeof CustomerListSchema>;

/** FastAPI/pydantic-v1 error bodies, API-Gateway messages (§6). */
export const ErrorBodySchema = z.object({
  detail: z
    .union([
      z.string(),
      z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])).optional(), msg: z.string().optional(), type: z.string().optional() })),
    ])
    .optional(),
  Message: z.string().optional(),
  message: z.string().optional(),
});
