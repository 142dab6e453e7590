/** `StateSetCheckout` (a Node loaded through a per-request DataLoader) and its own connection, `Query.stateSetCheckouts`. */
import { STATESET_STATUSES } from '../types.js';
import { knownValue } from '../../tolerant.js';
import type { Context } from '../../../context.js';
import type { Checkout as CheckoutShape } from '../../../domain.js';
import { BadUserInputError } from '../../../errors.js';
import type { StateSetCheckout as StateSetCheckoutShape, StateSetNativeFilter, StateSetProvider } from '../index.js';
import { builder } from '../../../schema/builder.js';
import { Checkout } from '../../../schema/checkout-interface.js';
import { canonicalFilter, listOptions, resolveProviderConnection } from '../../../schema/connection.js';
import { DateTime } from '../../../schema/scalars.js';
import { StateSetCheckoutStatus } from './enums.js';
import { StateSetAddress, StateSetBuyer, StateSetLink, StateSetMessage, StateSetPaymentProvider } from './parts.js';
import { priced, StateSetFulfillmentOption, StateSetLineItem, StateSetPayment, StateSetTotal } from './pricing.js';

function provider(ctx: Context): StateSetProvider {
  const stateset = ctx.providers.stateset;
  if (!stateset) throw new BadUserInputError('STATESET is not enabled on this gateway');
  return stateset;
}

export const StateSetCheckout = builder.loadableNode('StateSetCheckout', {
  description:
    'A StateSet checkout session (Agentic Commerce Protocol, `GET /v1/checkouts`). The normalised fields come from the ' +
    '`Checkout` interface; the others expose StateSet’s object field by field. List items may come in StateSet’s slim ' +
    'list shape, in which case the fields documented as "null when the upstream omitted it" are null.',
  interfaces: [Checkout],
  id: { resolve: (c) => c.providerId },
  // Unknown ids come back as null, which `node`/`nodes` answer as null (the loader's type names the found shape).
  load: (ids: string[], ctx: Context) => provider(ctx).getMany(ids, ctx.signal) as Promise<StateSetCheckoutShape[]>,
  isTypeOf: (value) => (value as CheckoutShape).provider === 'STATESET',
  fields: (t) => ({
    stateSetStatus: t.field({
      type: StateSetCheckoutStatus,
      nullable: true,
      description: 'StateSet’s own status (`status`); `status` is its normalised form. Null for a value this gateway does not know: see `providerStatus`.',
      resolve: (c) => knownValue(STATESET_STATUSES, c.raw.status),
    }),
    buyer: t.field({
      type: StateSetBuyer,
      nullable: true,
      description: 'The buyer (`buyer`); null before the buyer is known.',
      resolve: (c) => c.raw.buyer ?? null,
    }),
    paymentProvider: t.field({
      type: StateSetPaymentProvider,
      nullable: true,
      description: 'Payment processor and methods (`payment_provider`); null when the upstream omitted it (slim list items, completed sessions).',
      resolve: (c) => c.raw.payment_provider ?? null,
    }),
    lineItems: t.field({
      type: [StateSetLineItem],
      nullable: true,
      description: 'What is being bought (`line_items`); null when the upstream sent none readable.',
      resolve: (c) => c.raw.line_items?.map((l) => priced(l, c.raw.currency)) ?? null,
    }),
    fulfillmentAddress: t.field({
      type: StateSetAddress,
      nullable: true,
      description: 'Shipping address (`fulfillment_address`); null until given.',
      resolve: (c) => c.raw.fulfillment_address ?? null,
    }),
    fulfillmentOptions: t.field({
      type: [StateSetFulfillmentOption],
      nullable: true,
      description: 'The ways the session can be fulfilled (`fulfillment_options`); null when the upstream omitted it (slim list items).',
      resolve: (c) => c.raw.fulfillment_options?.map((o) => priced(o, c.raw.currency)) ?? null,
    }),
    fulfillmentOptionId: t.string({
      nullable: true,
      description: 'Id of the selected fulfilment option (`fulfillment_option_id`); null when none is selected.',
      resolve: (c) => c.raw.fulfillment_option_id ?? null,
    }),
    selectedFulfillmentOption: t.field({
      type: StateSetFulfillmentOption,
      nullable: true,
      description: 'The entry of `fulfillmentOptions` that `fulfillmentOptionId` names (resolved inside the session, no request); null when none matches.',
      resolve: (c) => {
        const option = c.raw.fulfillment_options?.find((o) => o.id === c.raw.fulfillment_option_id);
        return option && c.raw.fulfillment_option_id ? priced(option, c.raw.currency) : null;
      },
    }),
    totals: t.field({
      type: [StateSetTotal],
      nullable: true,
      description: 'Price breakdown (`totals`), in StateSet’s order; the `total` entry is the normalised `total`. Null when none was readable.',
      resolve: (c) => c.raw.totals?.map((e) => priced(e, c.raw.currency)) ?? null,
    }),
    messages: t.field({
      type: [StateSetMessage],
      nullable: true,
      description: 'Information and errors for the buyer (`messages`); null when the upstream omitted it (slim list items).',
      resolve: (c) => c.raw.messages ?? null,
    }),
    links: t.field({
      type: [StateSetLink],
      nullable: true,
      description: 'Seller links: terms, privacy, shop policies (`links`); null when the upstream omitted it (slim list items).',
      resolve: (c) => c.raw.links ?? null,
    }),
    orderId: t.string({
      nullable: true,
      // Only the id: an Orders API (`GET /v1/orders/:id`) is merely inferred by the StateSet document (§4.3), with no
      // documented shape, so the gateway offers no `order` relationship.
      description: 'Id of the order created on completion, e.g. `order_xyz789` (`order_id`); null before completion.',
      resolve: (c) => c.raw.order_id ?? null,
    }),
    payment: t.field({
      type: StateSetPayment,
      nullable: true,
      description: 'The payment taken on completion (`payment`); null before completion.',
      resolve: (c) => (c.raw.payment ? priced(c.raw.payment, c.raw.currency) : null),
    }),
  }),
});

export const StateSetCheckoutFilter = builder.inputType('StateSetCheckoutFilter', {
  description: 'StateSet’s own list filters (`GET /v1/checkouts`), ANDed; each takes one value, as StateSet does.',
  fields: (t) => ({
    status: t.field({ type: StateSetCheckoutStatus, required: false, description: 'Only sessions in this StateSet status (`status`).' }),
    buyerEmail: t.string({ required: false, description: 'Only sessions of this buyer email, case-insensitive exact match (`buyer_email`).' }),
    createdAfter: t.field({ type: DateTime, required: false, description: 'Only sessions created strictly after this instant (`created_after`).' }),
    createdBefore: t.field({ type: DateTime, required: false, description: 'Only sessions created strictly before this instant (`created_before`).' }),
  }),
});

export const StateSetCheckoutConnection = builder.connectionObject(
  {
    type: StateSetCheckout,
    name: 'StateSetCheckoutConnection',
    description: 'A page of StateSet checkout sessions in StateSet’s order: `createdAt` descending, then id descending.',
  },
  { name: 'StateSetCheckoutEdge', description: 'A StateSet checkout session and the cursor that stands on it.' },
);

function normaliseFilter(filter: StateSetNativeFilter | null | undefined): StateSetNativeFilter {
  const normalised: StateSetNativeFilter = { ...filter };
  if (normalised.buyerEmail !== null && normalised.buyerEmail !== undefined) {
    const email = normalised.buyerEmail.trim().toLowerCase();
    if (email.length === 0 || email.length > 320) throw new BadUserInputError('buyerEmail must be a non-empty address', { argument: 'filter.buyerEmail' });
    normalised.buyerEmail = email;
  }
  return normalised;
}

builder.queryField('stateSetCheckouts', (t) =>
  t.field({
    type: StateSetCheckoutConnection,
    description:
      'StateSet checkout sessions with StateSet’s own filters, newest first. Forward only (`first`/`after`), as StateSet ' +
      'pages only forward (`starting_after`); the merged `checkouts` connection can also page backward.',
    args: {
      first: t.arg.int({ description: 'Page size (default 20, at most 100).' }),
      after: t.arg.string({ description: 'Cursor of an edge: return the sessions after it. Only valid with the same filter.' }),
      filter: t.arg({ type: StateSetCheckoutFilter, description: 'StateSet’s native filters.' }),
    },
    resolve: (_root, args, ctx) => {
      const stateset = provider(ctx);
      const filter = normaliseFilter(args.filter as StateSetNativeFilter | null | undefined);
      const scope = `stateSetCheckouts:${canonicalFilter(filter)}`;
      return resolveProviderConnection<StateSetCheckoutShape>(
        ctx,
        stateset.listNative(filter, listOptions(args)),
        { first: args.first, after: args.after },
        scope,
        {
          backward: false,
        },
      );
    },
  }),
);
