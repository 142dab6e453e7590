/** StateSet's own enumerations, as GraphQL enums whose values map to the upstream's lower-snake strings. */
import { CONTENT_TYPES, LINK_TYPES, MESSAGE_ERROR_CODES, STATESET_STATUSES, TOTAL_TYPES } from '../types.js';
import { builder } from '../../../schema/builder.js';

type Described<V extends string> = Record<V, string>;

/** `{ NOT_READY_FOR_PAYMENT: { value: 'not_ready_for_payment', description } , … }` */
function values<V extends string>(raw: readonly V[], descriptions: Described<V>) {
  return Object.fromEntries(raw.map((v) => [v.toUpperCase(), { value: v, description: descriptions[v] }])) as Record<
    Uppercase<V>,
    { value: V; description: string }
  >;
}

export const StateSetCheckoutStatus = builder.enumType('StateSetCheckoutStatus', {
  description: 'StateSet’s own checkout session status (`status`), in the Agentic Commerce Protocol lifecycle.',
  values: values(STATESET_STATUSES, {
    not_ready_for_payment: '`not_ready_for_payment`: information is missing (address, fulfilment option, …). Normalised: OPEN.',
    ready_for_payment: '`ready_for_payment`: everything needed is there; awaiting payment. Normalised: OPEN.',
    in_progress: '`in_progress`: payment is being processed. Normalised: PROCESSING.',
    completed: '`completed`: paid; an order was created (`orderId`). Normalised: COMPLETED.',
    canceled: '`canceled` (US spelling): cancelled before completion. Normalised: CANCELLED.',
  }),
});

export const StateSetTotalType = builder.enumType('StateSetTotalType', {
  description: 'What a `totals` entry adds up (`totals[].type`).',
  values: values(TOTAL_TYPES, {
    items_base_amount: '`items_base_amount`: the line items before discounts.',
    items_discount: '`items_discount`: discounts on the line items.',
    subtotal: '`subtotal`: the line items after their discounts.',
    discount: '`discount`: order-level discounts.',
    fulfillment: '`fulfillment`: shipping or delivery of the selected fulfilment option.',
    tax: '`tax`: taxes on items and fulfilment.',
    fee: '`fee`: fees charged on top.',
    total: '`total`: the amount due (items + fulfilment + tax + fees − discounts).',
  }),
});

export const StateSetMessageCode = builder.enumType('StateSetMessageCode', {
  description: 'Why an error message was raised (`messages[].code`, error messages only).',
  values: values(MESSAGE_ERROR_CODES, {
    missing: '`missing`: a required value is absent (see `param`).',
    invalid: '`invalid`: a value is not acceptable (see `param`).',
    out_of_stock: '`out_of_stock`: an item cannot be supplied.',
    payment_declined: '`payment_declined`: the payment was declined.',
    requires_sign_in: '`requires_sign_in`: the buyer must sign in first.',
    requires_3ds: '`requires_3ds`: the payment needs 3-D Secure authentication.',
  }),
});

export const StateSetContentType = builder.enumType('StateSetContentType', {
  description: 'Format of a message’s `content` (`messages[].content_type`).',
  values: values(CONTENT_TYPES, { plain: '`plain`: plain text.', markdown: '`markdown`: Markdown text.' }),
});

export const StateSetLinkType = builder.enumType('StateSetLinkType', {
  description: 'What a link points at (`links[].type`).',
  values: values(LINK_TYPES, {
    terms_of_use: '`terms_of_use`: the seller’s terms of use.',
    privacy_policy: '`privacy_policy`: the seller’s privacy policy.',
    seller_shop_policies: '`seller_shop_policies`: the seller’s shop policies (returns, shipping, …).',
  }),
});

export const StateSetFulfillmentType = builder.enumType('StateSetFulfillmentType', {
  description: 'Kind of fulfilment option (`fulfillment_options[].type`).',
  values: {
    SHIPPING: { value: 'shipping', description: '`shipping`: physical delivery by a carrier.' },
    DIGITAL: { value: 'digital', description: '`digital`: digital delivery (download, e-mail, …).' },
  } as const,
});

export const StateSetMessageType = builder.enumType('StateSetMessageType', {
  description: 'Kind of message (`messages[].type`).',
  values: {
    INFO: { value: 'info', description: '`info`: information for the buyer.' },
    ERROR: { value: 'error', description: '`error`: something blocks the checkout (see `code`).' },
  } as const,
});
