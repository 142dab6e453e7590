/** Nested objects of a Zenskar checkout session: contract, customer snapshot, address, cancellation details. */
import { knownValue, rawText } from '../../tolerant.js';
import { CANCELLATION_REASON_TYPES } from '../types.js';
import type { Money as MoneyShape } from '../../../domain.js';
import { toInstant } from '../../../instant.js';
import { moneyFromMajor } from '../../../money.js';
import type {
  ZenskarAddress as AddressShape,
  ZenskarCancellationDetails as CancellationShape,
  ZenskarContract as ContractShape,
  ZenskarContractPhase as PhaseShape,
  ZenskarCustomerData as CustomerDataShape,
  ZenskarPhasePricing as PricingShape,
} from '../types.js';
import { builder } from '../../../schema/builder.js';
import { ZenskarCancellationReasonType } from './enums.js';
import { DateTime } from '../../../schema/scalars.js';

/** Absent and null are the same upstream (exclude-none serialisation). */
export const orNull = <T>(value: T | null | undefined): T | null => (value === undefined ? null : value);

export const instantOrNull = (text: string | null | undefined) => (text ? toInstant(text) : null);

/** JSON text of a free-form upstream object, for fields the schema keeps as text rather than a JSON scalar. */
export const jsonText = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Major units in `currency` as Money; null when either is unknown. */
export function majorMoney(amount: number | null | undefined, currency: string | null): MoneyShape | null {
  if (amount === null || amount === undefined || currency === null) return null;
  try {
    return moneyFromMajor(amount, currency);
  } catch {
    return null; // a value Money cannot hold exactly; the Float field still carries it
  }
}

export const ZenskarAddress = builder.objectRef<AddressShape>('ZenskarAddress').implement({
  description:
    'A postal address (Zenskar AddressResponse). Keys as Zenskar’s own tooling sends them (`line1..3`, `zipCode`); ' + 'the docs name the type only.',
  fields: (t) => ({
    line1: t.string({ nullable: true, description: 'First address line (`line1`).', resolve: (a) => orNull(a.line1) }),
    line2: t.string({ nullable: true, description: 'Second address line (`line2`).', resolve: (a) => orNull(a.line2) }),
    line3: t.string({ nullable: true, description: 'Third address line (`line3`).', resolve: (a) => orNull(a.line3) }),
    city: t.string({ nullable: true, description: 'City (`city`).', resolve: (a) => orNull(a.city) }),
    state: t.string({ nullable: true, description: 'State, province or region (`state`).', resolve: (a) => orNull(a.state) }),
    zipCode: t.string({ nullable: true, description: 'Postal code (`zipCode`).', resolve: (a) => orNull(a.zipCode) }),
    country: t.string({ nullable: true, description: 'Country name as entered (`country`), e.g. `United States`.', resolve: (a) => orNull(a.country) }),
    countryCode: t.string({
      nullable: true,
      description: 'ISO 3166-1 alpha-2 country code (`country_code`), e.g. `US`.',
      resolve: (a) => orNull(a.country_code),
    }),
  }),
});

export const ZenskarCustomerData = builder.objectRef<CustomerDataShape>('ZenskarCustomerData').implement({
  description:
    'The customer snapshot taken when the session was created (`customer_data`). Guest checkouts carry their buyer ' +
    'only here; its `email` is the checkout’s normalised `email`.',
  fields: (t) => ({
    customerName: t.string({ nullable: true, description: 'Customer or company name (`customer_name`).', resolve: (d) => orNull(d.customer_name) }),
    email: t.string({ nullable: true, description: 'Buyer email as entered (`email`), case preserved.', resolve: (d) => orNull(d.email) }),
    phoneNumber: t.string({ nullable: true, description: 'Phone number as entered (`phone_number`).', resolve: (d) => orNull(d.phone_number) }),
    externalId: t.string({ nullable: true, description: 'The merchant’s own customer id (`external_id`).', resolve: (d) => orNull(d.external_id) }),
    address: t.field({ type: ZenskarAddress, nullable: true, description: 'Billing address (`address`).', resolve: (d) => orNull(d.address) }),
  }),
});

const ZenskarPhasePricing = builder.objectRef<PricingShape>('ZenskarPhasePricing').implement({
  description: 'One product pricing of a product-based contract phase (`contract.phases[].pricings[]`).',
  fields: (t) => ({
    productId: t.string({ nullable: true, description: 'Zenskar product id (`product_id`, UUID).', resolve: (p) => orNull(p.product_id) }),
    pricingId: t.string({ nullable: true, description: 'Zenskar pricing id (`pricing_id`, UUID).', resolve: (p) => orNull(p.pricing_id) }),
    quantity: t.float({
      nullable: true,
      description: 'Quantity of the product (`quantity`); may be fractional for metered products.',
      resolve: (p) => orNull(p.quantity),
    }),
  }),
});

const ZenskarContractPhase = builder.objectRef<PhaseShape>('ZenskarContractPhase').implement({
  description: 'A phase of a product-based contract (`contract.phases[]`).',
  fields: (t) => ({
    name: t.string({ nullable: true, description: 'Phase name (`name`).', resolve: (p) => orNull(p.name) }),
    startDate: t.string({
      nullable: true,
      description: 'Phase start as sent (`start_date`): a date (`YYYY-MM-DD`) or a naive UTC date-time.',
      resolve: (p) => orNull(p.start_date),
    }),
    endDate: t.string({
      nullable: true,
      description: 'Phase end as sent (`end_date`), same format; null for an open-ended phase.',
      resolve: (p) => orNull(p.end_date),
    }),
    pricings: t.field({
      type: [ZenskarPhasePricing],
      description: 'Products priced in this phase (`pricings`); empty when none.',
      resolve: (p) => p.pricings ?? [],
    }),
  }),
});

export const ZenskarContract = builder.objectRef<ContractShape>('ZenskarContract').implement({
  description: 'The contract the session will create (`contract`): plan-based (`isPlanBased`, `planId`) or product-based ' + '(`phases` with pricings).',
  fields: (t) => ({
    currency: t.string({ nullable: true, description: 'Upper-case ISO 4217 currency of the contract (`currency`).', resolve: (c) => orNull(c.currency) }),
    isPlanBased: t.boolean({
      nullable: true,
      description: 'True for a plan-based contract, false for product-based (`is_plan_based`).',
      resolve: (c) => orNull(c.is_plan_based),
    }),
    planId: t.string({ nullable: true, description: 'The plan of a plan-based contract (`plan_id`, UUID).', resolve: (c) => orNull(c.plan_id) }),
    startDate: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the contract starts (`start_date`, naive UTC upstream).',
      resolve: (c) => instantOrNull(c.start_date),
    }),
    phases: t.field({
      type: [ZenskarContractPhase],
      nullable: true,
      description: 'Phases of a product-based contract (`phases`); null for plan-based contracts.',
      resolve: (c) => orNull(c.phases),
    }),
  }),
});

export const ZenskarCancellationDetails = builder.objectRef<CancellationShape>('ZenskarCancellationDetails').implement({
  description: 'Why and when a session was cancelled (`cancellation_details`), as given to `POST /checkout/{id}/cancel`.',
  fields: (t) => ({
    reasonType: t.field({
      type: ZenskarCancellationReasonType,
      nullable: true,
      description: 'Reason category (`reason_type`). Null when absent or a value this gateway does not know: see `reasonTypeRaw`.',
      resolve: (d) => knownValue(CANCELLATION_REASON_TYPES, d.reason_type),
    }),
    reasonTypeRaw: t.string({
      nullable: true,
      description: '`reason_type` exactly as Zenskar sent it, including values this gateway does not know.',
      resolve: (d) => rawText(d.reason_type),
    }),
    reason: t.string({ nullable: true, description: 'Free-text reason, at most 500 characters (`reason`).', resolve: (d) => orNull(d.reason) }),
    referenceId: t.string({
      nullable: true,
      description: 'The merchant’s reference, e.g. a support ticket (`reference_id`).',
      resolve: (d) => orNull(d.reference_id),
    }),
    cancelledAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When it was cancelled (`cancelled_at`, naive UTC upstream).',
      resolve: (d) => instantOrNull(d.cancelled_at),
    }),
  }),
});
