/**
 * The money-carrying parts of a StateSet checkout session: line items, totals, fulfilment options and the payment.
 * StateSet amounts are integers in the currency's minor unit (2000 = $20.00); each part is exposed with its raw
 * Int amounts plus `Money` helpers, which need the session's currency, so every part travels with it.
 */
import { toInstant } from '../../../instant.js';
import { stateSetMoney } from '../map.js';
import type {
  StateSetFulfillmentOption as OptionShape,
  StateSetLineItem as LineItemShape,
  StateSetPayment as PaymentShape,
  StateSetTotal as TotalShape,
} from '../types.js';
import { TOTAL_TYPES } from '../types.js';
import { knownValue, rawText } from '../../tolerant.js';
import { builder } from '../../../schema/builder.js';
import { Money } from '../../../schema/money.js';
import { DateTime } from '../../../schema/scalars.js';
import { StateSetFulfillmentType, StateSetTotalType } from './enums.js';

/** A part of a session with the session's (lower-case) currency, for the Money helpers. */
export interface Priced<T> {
  value: T;
  currency: string;
}

export const priced = <T>(value: T, currency: string): Priced<T> => ({ value, currency });

export const StateSetItemReference = builder.objectRef<NonNullable<LineItemShape['item']>>('StateSetItemReference').implement({
  description: 'The catalogue item a line item sells (`line_items[].item`). StateSet documents no item lookup endpoint.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true, description: 'Catalogue item id, e.g. `item_123` (`item.id`).' }),
    quantity: t.exposeInt('quantity', { nullable: true, description: 'Units bought, at least 1 (`item.quantity`).' }),
  }),
});

export const StateSetLineItem = builder.objectRef<Priced<LineItemShape>>('StateSetLineItem').implement({
  description: 'One line of the session (`line_items[]`). Amounts are integer minor units of the session’s currency.',
  fields: (t) => ({
    id: t.string({ nullable: true, description: 'Line id (`id`); StateSet’s examples reuse the item id.', resolve: (l) => l.value.id }),
    item: t.field({ type: StateSetItemReference, nullable: true, description: 'The item and quantity (`item`).', resolve: (l) => l.value.item ?? null }),
    baseAmount: t.int({ nullable: true, description: 'Unit price × quantity, minor units (`base_amount`).', resolve: (l) => l.value.base_amount }),
    discount: t.int({ nullable: true, description: 'Discount on this line, minor units (`discount`).', resolve: (l) => l.value.discount }),
    subtotal: t.int({ nullable: true, description: '`baseAmount − discount`, minor units (`subtotal`).', resolve: (l) => l.value.subtotal }),
    tax: t.int({ nullable: true, description: 'Tax on this line, minor units (`tax`).', resolve: (l) => l.value.tax }),
    total: t.int({ nullable: true, description: '`subtotal + tax`, minor units (`total`).', resolve: (l) => l.value.total }),
    totalMoney: t.field({
      type: Money,
      description: 'The line’s `total` as Money in the session’s currency.',
      nullable: true,
      resolve: (l) => money(l.value.total, l.currency),
    }),
  }),
});

export const StateSetTotal = builder.objectRef<Priced<TotalShape>>('StateSetTotal').implement({
  description: 'One entry of the session’s price breakdown (`totals[]`).',
  fields: (t) => ({
    type: t.field({
      type: StateSetTotalType,
      nullable: true,
      description: 'What this entry adds up (`type`). Null for a value this gateway does not know: see `typeRaw`.',
      resolve: (e) => knownValue(TOTAL_TYPES, e.value.type),
    }),
    typeRaw: t.string({
      nullable: true,
      description: '`type` exactly as StateSet sent it, including values this gateway does not know.',
      resolve: (e) => rawText(e.value.type),
    }),
    displayText: t.string({ nullable: true, description: 'Label to show the buyer, e.g. `Shipping` (`display_text`).', resolve: (e) => e.value.display_text }),
    amount: t.int({ nullable: true, description: 'Amount in minor units of the session’s currency (`amount`).', resolve: (e) => e.value.amount }),
    money: t.field({
      type: Money,
      description: '`amount` as Money in the session’s currency.',
      nullable: true,
      resolve: (e) => money(e.value.amount, e.currency),
    }),
  }),
});

export const StateSetFulfillmentOption = builder.interfaceRef<Priced<OptionShape>>('StateSetFulfillmentOption').implement({
  description:
    'A way to fulfil the session (`fulfillment_options[]`): shipping, digital delivery, or a kind this gateway does not know yet. Amounts are minor units.',
  resolveType: (o) => OPTION_TYPES[o.value.type as string] ?? 'StateSetOtherFulfillmentOption',
  fields: (t) => ({
    type: t.field({
      type: StateSetFulfillmentType,
      nullable: true,
      description: 'Kind of option (`type`). Null for a kind this gateway does not know: see `typeRaw`.',
      resolve: (o) => knownValue(['shipping', 'digital'] as const, o.value.type),
    }),
    typeRaw: t.string({ description: '`type` exactly as StateSet sent it, including kinds this gateway does not know.', resolve: (o) => String(o.value.type) }),
    id: t.string({ nullable: true, description: 'Option id, referenced by `fulfillmentOptionId` (`id`).', resolve: (o) => o.value.id }),
    title: t.string({ nullable: true, description: 'Name to show the buyer, e.g. `Standard Shipping` (`title`).', resolve: (o) => o.value.title }),
    subtitle: t.string({
      nullable: true,
      description: 'Extra line, e.g. `Arrives in 4-5 business days` (`subtitle`); null when absent.',
      resolve: (o) => o.value.subtitle ?? null,
    }),
    subtotal: t.int({ nullable: true, description: 'Price of the option before tax, minor units (`subtotal`).', resolve: (o) => o.value.subtotal }),
    tax: t.int({ nullable: true, description: 'Tax on the option, minor units (`tax`).', resolve: (o) => o.value.tax }),
    total: t.int({ nullable: true, description: '`subtotal + tax`, minor units (`total`).', resolve: (o) => o.value.total }),
    totalMoney: t.field({
      type: Money,
      description: 'The option’s `total` as Money in the session’s currency.',
      nullable: true,
      resolve: (o) => money(o.value.total, o.currency),
    }),
  }),
});

type Shipping = Priced<Extract<OptionShape, { type: 'shipping' }>>;

builder.objectRef<Shipping>('StateSetShippingOption').implement({
  description: 'Physical delivery by a carrier (`type: "shipping"`).',
  interfaces: [StateSetFulfillmentOption],
  fields: (t) => ({
    carrier: t.string({ nullable: true, description: 'Carrier name, e.g. `USPS` (`carrier`); null when absent.', resolve: (o) => o.value.carrier ?? null }),
    earliestDeliveryTime: t.field({
      type: DateTime,
      nullable: true,
      description: 'Earliest expected delivery (`earliest_delivery_time`); null when absent.',
      resolve: (o) => (o.value.earliest_delivery_time ? toInstant(o.value.earliest_delivery_time) : null),
    }),
    latestDeliveryTime: t.field({
      type: DateTime,
      nullable: true,
      description: 'Latest expected delivery (`latest_delivery_time`); null when absent.',
      resolve: (o) => (o.value.latest_delivery_time ? toInstant(o.value.latest_delivery_time) : null),
    }),
  }),
});

builder.objectRef<Priced<Extract<OptionShape, { type: 'digital' }>>>('StateSetDigitalOption').implement({
  description: 'Digital delivery (`type: "digital"`).',
  interfaces: [StateSetFulfillmentOption],
  fields: () => ({}),
});

builder.objectRef<Priced<OptionShape>>('StateSetOtherFulfillmentOption').implement({
  description: 'A kind of fulfilment option StateSet added after this gateway was written (`typeRaw` names it): the fields every option has.',
  interfaces: [StateSetFulfillmentOption],
  fields: () => ({}),
});

const OPTION_TYPES: Record<string, string> = { shipping: 'StateSetShippingOption', digital: 'StateSetDigitalOption' };

/** Money from minor units, null when the amount could not be read. */
function money(amount: number | null | undefined, currency: string) {
  return typeof amount === 'number' ? stateSetMoney(amount, currency) : null;
}

export const StateSetPayment = builder.objectRef<Priced<PaymentShape>>('StateSetPayment').implement({
  description: 'The payment of a completed session (`payment`, StateSet-specific; present only after completion).',
  fields: (t) => ({
    id: t.string({ nullable: true, description: 'Payment id (`payment.id`).', resolve: (p) => p.value.id }),
    status: t.string({ nullable: true, description: 'Payment status, e.g. `succeeded` (`payment.status`).', resolve: (p) => p.value.status }),
    amount: t.int({ nullable: true, description: 'Amount paid, minor units of the session’s currency (`payment.amount`).', resolve: (p) => p.value.amount }),
    amountMoney: t.field({
      type: Money,
      description: '`amount` as Money in the session’s currency.',
      nullable: true,
      resolve: (p) => money(p.value.amount, p.currency),
    }),
    provider: t.string({
      nullable: true,
      description: 'Processor that took the payment, e.g. `stripe` (`payment.provider`).',
      resolve: (p) => p.value.provider,
    }),
  }),
});
