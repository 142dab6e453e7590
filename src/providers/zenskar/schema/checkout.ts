/** `ZenskarCheckout` and its own connection, `Query.zenskarCheckouts`. */
import { CHECKOUT_SESSION_STATUSES, PAYMENT_STATUSES } from '../types.js';
import { knownValue, rawText } from '../../tolerant.js';
import type { Context } from '../../../context.js';
import type { Checkout as CheckoutShape } from '../../../domain.js';
import { BadUserInputError } from '../../../errors.js';
import type { ZenskarCheckout as ZenskarCheckoutShape } from '../index.js';
import { builder } from '../../../schema/builder.js';
import { Checkout } from '../../../schema/checkout-interface.js';
import { canonicalFilter, listOptions, pagingArgs, resolveProviderConnection } from '../../../schema/connection.js';
import { DateTime } from '../../../schema/scalars.js';
import { zenskar, ZenskarCustomer } from './customer.js';
import { ZenskarCheckoutSessionStatus, ZenskarPaymentStatus } from './enums.js';
import { ZenskarEstimates } from './estimates.js';
import { nativeFilter, ZenskarCheckoutFilter } from './filter.js';
import { instantOrNull, jsonText, orNull, ZenskarCancellationDetails, ZenskarContract, ZenskarCustomerData } from './parts.js';

export const ZenskarCheckout = builder.loadableNode('ZenskarCheckout', {
  description:
    'A Zenskar checkout session (`GET /checkout`): a contract (plan- or product-based) offered to a customer or a ' +
    'guest, with price estimates, until it is paid, cancelled or closed. Timestamps are naive UTC upstream.',
  interfaces: [Checkout],
  id: { resolve: (c) => c.providerId },
  // Batched through `GET /checkout?id__in=…` (100 ids a request). `node(id)` answers null for an unknown id, so
  // `getMany`'s nulls pass through; the declared type leaves null out only because Pothos derives the shape from it.
  load: async (ids: string[], ctx: Context) => {
    const provider = ctx.providers.zenskar;
    if (!provider) return ids.map(() => new BadUserInputError('ZENSKAR is not enabled on this gateway'));
    return (await provider.getMany(ids, ctx.signal)) as (ZenskarCheckoutShape | Error)[];
  },
  isTypeOf: (value) => (value as CheckoutShape).provider === 'ZENSKAR',
  fields: (t) => ({
    // `organisation_id` is deliberately not exposed: it is the tenant credential sent in the `organisation` header,
    // and no credential may appear in a response.
    checkoutSessionStatus: t.field({
      type: ZenskarCheckoutSessionStatus,
      nullable: true,
      description:
        'Zenskar’s own session status (`checkout_session_status`); `status` is its normalised form. Null for a value this gateway does not know: `checkoutSessionStatusRaw` carries it.',
      resolve: (c) => knownValue(CHECKOUT_SESSION_STATUSES, c.raw.checkout_session_status),
    }),
    checkoutSessionStatusRaw: t.string({
      description: '`checkout_session_status` exactly as Zenskar sent it, including values this gateway does not know.',
      resolve: (c) => c.raw.checkout_session_status,
    }),
    paymentStatus: t.field({
      type: ZenskarPaymentStatus,
      nullable: true,
      description: 'Where the payment stands (`payment_status`). Null when absent or a value this gateway does not know: see `paymentStatusRaw`.',
      resolve: (c) => knownValue(PAYMENT_STATUSES, c.raw.payment_status),
    }),
    paymentStatusRaw: t.string({
      nullable: true,
      description: '`payment_status` exactly as Zenskar sent it, including values this gateway does not know.',
      resolve: (c) => rawText(c.raw.payment_status),
    }),
    guestCheckout: t.boolean({
      description: 'True for a guest checkout, with the buyer only in `customerData` (`guest_checkout`, default false).',
      resolve: (c) => c.raw.guest_checkout ?? false,
    }),
    displayCurrency: t.string({
      nullable: true,
      description:
        'Display currency of the session as sent (`currency`, ISO 4217). The normalised `currency` falls back to the contract’s when this is absent.',
      resolve: (c) => orNull(c.raw.currency),
    }),
    contract: t.field({
      type: ZenskarContract,
      nullable: true,
      description: 'The contract the session will create (`contract`).',
      resolve: (c) => orNull(c.raw.contract),
    }),
    contractId: t.string({
      nullable: true,
      description: 'The contract created for the session, once there is one (`contract_id`, UUID).',
      resolve: (c) => orNull(c.raw.contract_id),
    }),
    executionId: t.string({
      nullable: true,
      description: 'The execution process of the session (`execution_id`, UUID).',
      resolve: (c) => orNull(c.raw.execution_id),
    }),
    estimates: t.field({
      type: ZenskarEstimates,
      nullable: true,
      description: 'Price estimates (`estimates`); `estimates.amountDue` is the normalised `total`.',
      resolve: (c) => (c.raw.estimates ? { raw: c.raw.estimates, currency: c.currency } : null),
    }),
    customerId: t.string({
      nullable: true,
      description: 'The Zenskar customer (`customer_id`, UUID); null for guest checkouts.',
      resolve: (c) => orNull(c.raw.customer_id),
    }),
    customer: t.field({
      type: ZenskarCustomer,
      nullable: true,
      description: 'The customer behind `customerId` (`GET /customers/{id}`), loaded in one batch per request; null for guests.',
      resolve: (c) => orNull(c.raw.customer_id),
    }),
    customerData: t.field({
      type: ZenskarCustomerData,
      nullable: true,
      description: 'Customer snapshot taken at checkout (`customer_data`); the buyer of a guest checkout.',
      resolve: (c) => orNull(c.raw.customer_data),
    }),
    businessEntityId: t.string({
      nullable: true,
      description: 'The selling business entity (`business_entity_id`, UUID); required for guests.',
      resolve: (c) => orNull(c.raw.business_entity_id),
    }),
    paymentIntentId: t.string({
      nullable: true,
      description: 'The payment provider’s payment intent id (`payment_intent_id`), e.g. a Stripe `pi_…`.',
      resolve: (c) => orNull(c.raw.payment_intent_id),
    }),
    confirmedAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the session was confirmed (`confirmed_at`).',
      resolve: (c) => instantOrNull(c.raw.confirmed_at),
    }),
    paidAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the payment was received (`paid_at`).',
      resolve: (c) => instantOrNull(c.raw.paid_at),
    }),
    completedAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the session completed (`completed_at`).',
      resolve: (c) => instantOrNull(c.raw.completed_at),
    }),
    expiresAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the session expires (`expires_at`); Zenskar’s default applies when none was given.',
      resolve: (c) => instantOrNull(c.raw.expires_at),
    }),
    lastActivityAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'Last activity on the session (`last_activity_at`).',
      resolve: (c) => instantOrNull(c.raw.last_activity_at),
    }),
    cancelledAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the session was cancelled (`cancelled_at`).',
      resolve: (c) => instantOrNull(c.raw.cancelled_at),
    }),
    cancellationDetails: t.field({
      type: ZenskarCancellationDetails,
      nullable: true,
      description: 'Why it was cancelled (`cancellation_details`); null unless cancelled.',
      resolve: (c) => orNull(c.raw.cancellation_details),
    }),
    idempotencyKey: t.string({
      nullable: true,
      description: 'Idempotency key the session was created with (`idempotency_key`).',
      resolve: (c) => orNull(c.raw.idempotency_key),
    }),
    correlationId: t.string({ nullable: true, description: 'Cross-service tracking id (`correlation_id`).', resolve: (c) => orNull(c.raw.correlation_id) }),
    successUrl: t.string({
      nullable: true,
      description: 'Where buyers go after a successful checkout (`success_url`, absolute URL).',
      resolve: (c) => orNull(c.raw.success_url),
    }),
    cancelUrl: t.string({
      nullable: true,
      description: 'Where buyers go when they cancel (`cancel_url`, absolute URL).',
      resolve: (c) => orNull(c.raw.cancel_url),
    }),
    pendingUrl: t.string({
      nullable: true,
      description: 'Where buyers go while payment is pending (`pending_url`, absolute URL).',
      resolve: (c) => orNull(c.raw.pending_url),
    }),
    customData: t.string({
      nullable: true,
      description:
        'Free-form data (`custom_data`) as JSON object text, e.g. `{"update_history":[…]}`; updates append their audit ' + 'entries to `update_history`.',
      resolve: (c) => jsonText(c.raw.custom_data),
    }),
  }),
});

const ZenskarCheckoutConnection = builder.connectionObject(
  {
    type: ZenskarCheckout,
    name: 'ZenskarCheckoutConnection',
    description: 'A page of Zenskar checkout sessions in the upstream’s order: `created_at` descending, then id descending.',
  },
  { name: 'ZenskarCheckoutEdge', description: 'A Zenskar checkout session and the cursor that stands on it.' },
);

builder.queryField('zenskarCheckouts', (t) =>
  t.field({
    type: ZenskarCheckoutConnection,
    description:
      'Zenskar checkout sessions alone, newest first, with Zenskar’s own filters. Page forward with `first`/`after`, ' + 'backward with `last`/`before`.',
    args: {
      ...pagingArgs(t.arg, 'sessions'),
      filter: t.arg({ type: ZenskarCheckoutFilter, description: 'Restrict the list; cursors only work with the filter they were issued for.' }),
    },
    resolve: (_root, args, ctx) => {
      const provider = zenskar(ctx);
      const filter = nativeFilter(args.filter);
      return resolveProviderConnection(ctx, provider.listNative(filter, listOptions(args)), args, `zenskarCheckouts:${canonicalFilter(filter)}`);
    },
  }),
);
