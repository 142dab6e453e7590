/** The parts of a StateSet checkout session that carry no money: buyer, address, payment provider, messages, links. */
import type {
  StateSetAddress as AddressShape,
  StateSetBuyer as BuyerShape,
  StateSetLink as LinkShape,
  StateSetMessage as MessageShape,
  StateSetPaymentProvider as PaymentProviderShape,
} from '../types.js';
import { CONTENT_TYPES, LINK_TYPES, MESSAGE_ERROR_CODES } from '../types.js';
import { knownValue, rawText } from '../../tolerant.js';
import { builder } from '../../../schema/builder.js';
import { StateSetContentType, StateSetLinkType, StateSetMessageCode, StateSetMessageType } from './enums.js';

export const StateSetBuyer = builder.objectRef<BuyerShape>('StateSetBuyer').implement({
  description: 'The buyer of a StateSet checkout session (`buyer`); StateSet has no separate customer object.',
  fields: (t) => ({
    firstName: t.exposeString('first_name', { nullable: true, description: 'Given name (`buyer.first_name`).' }),
    lastName: t.exposeString('last_name', { nullable: true, description: 'Family name (`buyer.last_name`).' }),
    email: t.exposeString('email', { nullable: true, description: 'Email address as the buyer typed it (`buyer.email`).' }),
    phoneNumber: t.string({
      nullable: true,
      description: 'Phone number, usually E.164 such as `+14155551234` (`buyer.phone_number`); null when not given.',
      resolve: (b) => b.phone_number ?? null,
    }),
  }),
});

export const StateSetPaymentProvider = builder.objectRef<PaymentProviderShape>('StateSetPaymentProvider').implement({
  description: 'Who takes the payment and how (`payment_provider`).',
  fields: (t) => ({
    provider: t.exposeString('provider', { nullable: true, description: 'Payment processor (`payment_provider.provider`); documented value: `stripe`.' }),
    supportedPaymentMethods: t.exposeStringList('supported_payment_methods', {
      nullable: true,
      description: 'Accepted payment methods (`payment_provider.supported_payment_methods`); documented value: `card`.',
    }),
  }),
});

export const StateSetAddress = builder.objectRef<AddressShape>('StateSetAddress').implement({
  description: 'Where the goods go (`fulfillment_address`).',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true, description: 'Recipient name (`name`).' }),
    lineOne: t.exposeString('line_one', { nullable: true, description: 'First address line (`line_one`).' }),
    lineTwo: t.string({ nullable: true, description: 'Second address line (`line_two`); null when absent.', resolve: (a) => a.line_two ?? null }),
    city: t.exposeString('city', { nullable: true, description: 'City (`city`).' }),
    state: t.exposeString('state', { nullable: true, description: 'State, province or region (`state`).' }),
    country: t.exposeString('country', { nullable: true, description: 'ISO 3166-1 alpha-2 country code, upper case, e.g. `US` (`country`).' }),
    postalCode: t.exposeString('postal_code', { nullable: true, description: 'Postal code (`postal_code`).' }),
  }),
});

export const StateSetLink = builder.objectRef<LinkShape>('StateSetLink').implement({
  description: 'A link the seller publishes with the checkout (`links[]`).',
  fields: (t) => ({
    type: t.field({
      type: StateSetLinkType,
      nullable: true,
      description: 'What the link points at (`type`). Null for a value this gateway does not know: see `typeRaw`.',
      resolve: (l) => knownValue(LINK_TYPES, l.type),
    }),
    typeRaw: t.string({
      nullable: true,
      description: '`type` exactly as StateSet sent it, including values this gateway does not know.',
      resolve: (l) => rawText(l.type),
    }),
    url: t.exposeString('url', { nullable: true, description: 'Absolute URL (`url`).' }),
  }),
});

export const StateSetMessage = builder.interfaceRef<MessageShape>('StateSetMessage').implement({
  description: 'A message for the buyer or the agent (`messages[]`): information, or an error that blocks the checkout.',
  resolveType: (m) => (m.type === 'error' ? 'StateSetErrorMessage' : 'StateSetInfoMessage'),
  fields: (t) => ({
    type: t.field({
      type: StateSetMessageType,
      nullable: true,
      description: 'Kind of message (`type`). Null for a kind this gateway does not know (shown as an info message): see `typeRaw`.',
      resolve: (m) => knownValue(['info', 'error'] as const, m.type),
    }),
    typeRaw: t.string({ description: '`type` exactly as StateSet sent it, including kinds this gateway does not know.', resolve: (m) => m.type }),
    param: t.string({
      nullable: true,
      description: 'RFC 9535 JSONPath of the part the message is about, e.g. `$.line_items[0]` (`param`); null when general.',
      resolve: (m) => m.param ?? null,
    }),
    contentType: t.field({
      type: StateSetContentType,
      nullable: true,
      description: 'Format of `content` (`content_type`). Null for a value this gateway does not know: see `contentTypeRaw`.',
      resolve: (m) => knownValue(CONTENT_TYPES, m.content_type),
    }),
    contentTypeRaw: t.string({ nullable: true, description: '`content_type` exactly as StateSet sent it.', resolve: (m) => rawText(m.content_type) }),
    content: t.exposeString('content', { nullable: true, description: 'The message text, plain or Markdown as `contentType` says (`content`).' }),
  }),
});

builder.objectRef<Extract<MessageShape, { type: 'info' }>>('StateSetInfoMessage').implement({
  description: 'An informational message (`type: "info"`).',
  interfaces: [StateSetMessage],
  fields: () => ({}),
});

builder.objectRef<Extract<MessageShape, { type: 'error' }>>('StateSetErrorMessage').implement({
  description: 'An error message (`type: "error"`): the checkout cannot proceed until it is resolved.',
  interfaces: [StateSetMessage],
  fields: (t) => ({
    code: t.field({
      type: StateSetMessageCode,
      nullable: true,
      description: 'Why the error was raised (`code`). Null for a value this gateway does not know: see `codeRaw`.',
      resolve: (m) => knownValue(MESSAGE_ERROR_CODES, m.code),
    }),
    codeRaw: t.string({
      nullable: true,
      description: '`code` exactly as StateSet sent it, including values this gateway does not know.',
      resolve: (m) => rawText(m.code),
    }),
  }),
});
