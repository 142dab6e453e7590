/** `ZenskarCheckoutFilter`: Zenskar's own `GET /checkout` filters (§2.2), all applied upstream and ANDed. */
import type { ZenskarNativeFilter } from '../filter.js';
import { builder } from '../../../schema/builder.js';
import { DateTime } from '../../../schema/scalars.js';
import { ZenskarCheckoutSessionStatus, ZenskarPaymentStatus } from './enums.js';

const ZenskarDateTimeRange = builder.inputType('ZenskarDateTimeRange', {
  description: 'Bounds on a Zenskar timestamp (`<field>__gt`, `__gte`, `__lt`, `__lte`), ANDed; sent as naive UTC.',
  fields: (t) => ({
    gt: t.field({ type: DateTime, required: false, description: 'Strictly after this instant (`__gt`).' }),
    gte: t.field({ type: DateTime, required: false, description: 'At or after this instant (`__gte`).' }),
    lt: t.field({ type: DateTime, required: false, description: 'Strictly before this instant (`__lt`).' }),
    lte: t.field({ type: DateTime, required: false, description: 'At or before this instant (`__lte`).' }),
  }),
});

const ZenskarAmountRange = builder.inputType('ZenskarAmountRange', {
  description: 'Bounds on an amount in major units of the session currency (`amount_due__gt`, `__gte`, `__lt`, `__lte`), ANDed.',
  fields: (t) => ({
    gt: t.float({ required: false, description: 'Strictly more than this (`__gt`), e.g. `29.99`.' }),
    gte: t.float({ required: false, description: 'At least this (`__gte`).' }),
    lt: t.float({ required: false, description: 'Strictly less than this (`__lt`).' }),
    lte: t.float({ required: false, description: 'At most this (`__lte`).' }),
  }),
});

const uuidList = (what: string, param: string) =>
  `Any of these ${what} (UUIDs; \`${param}__in\`). An empty list matches nothing; a value that is not a UUID is rejected.`;

export const ZenskarCheckoutFilter = builder.inputType('ZenskarCheckoutFilter', {
  description:
    'Zenskar’s own filters for `GET /checkout`, applied upstream and ANDed. Soft-deleted sessions are left out unless ' +
    '`deletedAtIsNull: false` or a `deletedAt` range asks for them.',
  fields: (t) => ({
    ids: t.stringList({ required: false, description: uuidList('session ids', 'id') }),
    organisationIds: t.stringList({ required: false, description: uuidList('organisation ids', 'organisation_id') }),
    checkoutSessionStatus: t.field({
      type: [ZenskarCheckoutSessionStatus],
      required: false,
      description: 'Any of these session statuses (`checkout_session_status__in`). An empty list matches nothing.',
    }),
    paymentStatus: t.field({ type: [ZenskarPaymentStatus], required: false, description: 'Any of these payment statuses (`payment_status__in`).' }),
    currency: t.stringList({ required: false, description: 'Any of these ISO 4217 codes (`currency__in`), e.g. `["USD","EUR"]`; case-insensitive.' }),
    customerIds: t.stringList({ required: false, description: uuidList('customer ids', 'customer_id') }),
    customerIdIsNull: t.boolean({
      required: false,
      description: 'True: only sessions without a customer (guests); false: only with one (`customer_id__isnull`).',
    }),
    contractIds: t.stringList({ required: false, description: uuidList('contract ids', 'contract_id') }),
    contractIdIsNull: t.boolean({ required: false, description: 'True: no contract created yet; false: a contract exists (`contract_id__isnull`).' }),
    businessEntityIds: t.stringList({ required: false, description: uuidList('business entity ids', 'business_entity_id') }),
    executionIds: t.stringList({ required: false, description: uuidList('execution ids', 'execution_id') }),
    executionIdIsNull: t.boolean({ required: false, description: 'Whether the session has no execution process (`execution_id__isnull`).' }),
    guestCheckout: t.boolean({ required: false, description: 'Only guest (true) or only customer (false) checkouts (`guest_checkout`).' }),
    paymentIntentId: t.string({ required: false, description: 'Exactly this payment intent id of the payment provider (`payment_intent_id`).' }),
    paymentIntentIdIsNull: t.boolean({ required: false, description: 'Whether the session has no payment intent (`payment_intent_id__isnull`).' }),
    idempotencyKey: t.string({ required: false, description: 'Exactly this idempotency key (`idempotency_key`).' }),
    correlationId: t.string({ required: false, description: 'Exactly this correlation id (`correlation_id`).' }),
    amountDue: t.field({ type: ZenskarAmountRange, required: false, description: 'Bounds on `estimates.amount_due` (`amount_due__*`), major units.' }),
    createdAt: t.field({ type: ZenskarDateTimeRange, required: false, description: 'Bounds on when the session was created (`created_at__*`).' }),
    updatedAt: t.field({ type: ZenskarDateTimeRange, required: false, description: 'Bounds on when it last changed (`updated_at__*`).' }),
    lastActivityAt: t.field({ type: ZenskarDateTimeRange, required: false, description: 'Bounds on its last activity (`last_activity_at__*`).' }),
    confirmedAt: t.field({ type: ZenskarDateTimeRange, required: false, description: 'Bounds on its confirmation (`confirmed_at__*`).' }),
    confirmedAtIsNull: t.boolean({ required: false, description: 'Whether it is unconfirmed (`confirmed_at__isnull`).' }),
    paidAt: t.field({ type: ZenskarDateTimeRange, required: false, description: 'Bounds on its payment (`paid_at__*`).' }),
    paidAtIsNull: t.boolean({ required: false, description: 'Whether it is unpaid (`paid_at__isnull`).' }),
    expiresAt: t.field({ type: ZenskarDateTimeRange, required: false, description: 'Bounds on its expiry (`expires_at__*`).' }),
    expiresAtIsNull: t.boolean({ required: false, description: 'Whether it has no expiry (`expires_at__isnull`).' }),
    deletedAt: t.field({
      type: ZenskarDateTimeRange,
      required: false,
      description: 'Bounds on its soft deletion (`deleted_at__*`); returns deleted sessions.',
    }),
    deletedAtIsNull: t.boolean({
      required: false,
      description: 'False: only soft-deleted sessions; true (the default behaviour): only live ones (`deleted_at__isnull`).',
    }),
  }),
});

/** The GraphQL input as the provider's filter (same field names; Zenskar enum values are the upstream's own). */
export function nativeFilter(input: typeof ZenskarCheckoutFilter.$inferInput | null | undefined): ZenskarNativeFilter | null {
  return input ?? null;
}
