/**
 * A Zenskar session's price estimates (EstimationResponseSchema). Amounts are JSON numbers in major units of the
 * session currency; each is exposed as sent (Float) and as Money, so every object here carries that currency along.
 */
import type { ZenskarEstimatedInvoice, ZenskarEstimates as EstimatesShape, ZenskarLineItem } from '../types.js';
import { builder } from '../../../schema/builder.js';
import { Money } from '../../../schema/money.js';
import { jsonText, majorMoney, orNull } from './parts.js';

/** An upstream object plus the currency its amounts are in (the session’s). */
export interface Priced<T> {
  raw: T;
  currency: string | null;
}

const ZenskarLineItemRef = builder.objectRef<Priced<ZenskarLineItem>>('ZenskarLineItem').implement({
  description: 'One line of an estimated invoice (`line_items[]`).',
  fields: (t) => ({
    name: t.string({ nullable: true, description: 'What is charged (`name`), e.g. `Basic Plan - Monthly Subscription`.', resolve: (l) => orNull(l.raw.name) }),
    quantity: t.float({ nullable: true, description: 'Quantity (`quantity`).', resolve: (l) => orNull(l.raw.quantity) }),
    unitPrice: t.float({
      nullable: true,
      description: 'Price of one unit in major units, as sent (`unit_price`), e.g. `29.99`.',
      resolve: (l) => orNull(l.raw.unit_price),
    }),
    unitPriceMoney: t.field({
      type: Money,
      nullable: true,
      description: '`unitPrice` as Money in the session currency.',
      resolve: (l) => majorMoney(l.raw.unit_price, l.currency),
    }),
    amount: t.float({ nullable: true, description: 'Line total in major units, as sent (`amount`).', resolve: (l) => orNull(l.raw.amount) }),
    amountMoney: t.field({
      type: Money,
      nullable: true,
      description: '`amount` as Money in the session currency.',
      resolve: (l) => majorMoney(l.raw.amount, l.currency),
    }),
  }),
});

const ZenskarInvoiceCustomer = builder.objectRef<NonNullable<ZenskarEstimatedInvoice['customer']>>('ZenskarInvoiceCustomer').implement({
  description: 'Who an estimated invoice is addressed to (`customer`).',
  fields: (t) => ({
    customerId: t.string({
      nullable: true,
      description: 'Zenskar customer id (`customer_id`, UUID); absent for guests.',
      resolve: (c) => orNull(c.customer_id),
    }),
    customerName: t.string({ nullable: true, description: 'Customer name (`customer_name`).', resolve: (c) => orNull(c.customer_name) }),
  }),
});

const ZenskarEstimatedInvoiceRef = builder.objectRef<Priced<ZenskarEstimatedInvoice>>('ZenskarEstimatedInvoice').implement({
  description: 'An invoice as Zenskar estimates it before confirmation (`current_invoice`, `future_invoices[]`); no real invoice exists yet.',
  fields: (t) => ({
    id: t.string({ nullable: true, description: 'Estimate id (`id`, UUID).', resolve: (i) => orNull(i.raw.id) }),
    invoiceNumber: t.string({
      nullable: true,
      description: 'Estimate number (`invoice_number`), e.g. `EST-0001`.',
      resolve: (i) => orNull(i.raw.invoice_number),
    }),
    status: t.string({
      nullable: true,
      description: 'Estimate status (`status`); `estimated` in every documented example.',
      resolve: (i) => orNull(i.raw.status),
    }),
    customer: t.field({ type: ZenskarInvoiceCustomer, nullable: true, description: 'Addressee (`customer`).', resolve: (i) => orNull(i.raw.customer) }),
    lineItems: t.field({
      type: [ZenskarLineItemRef],
      description: 'Charged lines (`line_items`); empty when none.',
      resolve: (i) => (i.raw.line_items ?? []).map((raw) => ({ raw, currency: i.currency })),
    }),
    features: t.string({
      nullable: true,
      description: 'Features included (`features`) as JSON array text, e.g. `[]`; the element shape is undocumented.',
      resolve: (i) => jsonText(i.raw.features),
    }),
    subtotal: t.float({
      nullable: true,
      description: 'Sum before taxes and discounts in major units, as sent (`subtotal`).',
      resolve: (i) => orNull(i.raw.subtotal),
    }),
    subtotalMoney: t.field({
      type: Money,
      nullable: true,
      description: '`subtotal` as Money in the session currency.',
      resolve: (i) => majorMoney(i.raw.subtotal, i.currency),
    }),
    total: t.float({ nullable: true, description: 'Invoice total in major units, as sent (`total`).', resolve: (i) => orNull(i.raw.total) }),
    totalMoney: t.field({
      type: Money,
      nullable: true,
      description: '`total` as Money in the session currency.',
      resolve: (i) => majorMoney(i.raw.total, i.currency),
    }),
  }),
});

export const ZenskarEstimates = builder.objectRef<Priced<EstimatesShape>>('ZenskarEstimates').implement({
  description: 'Price estimates of the session’s contract (`estimates`, EstimationResponseSchema).',
  fields: (t) => ({
    estimationId: t.string({ nullable: true, description: 'Estimation id (`estimation_id`, UUID).', resolve: (e) => orNull(e.raw.estimation_id) }),
    currentInvoice: t.field({
      type: ZenskarEstimatedInvoiceRef,
      nullable: true,
      description: 'Charges of the current billing period (`current_invoice`).',
      resolve: (e) => (e.raw.current_invoice ? { raw: e.raw.current_invoice, currency: e.currency } : null),
    }),
    futureInvoices: t.field({
      type: [ZenskarEstimatedInvoiceRef],
      description: 'Estimates of the following periods (`future_invoices`); empty when none.',
      resolve: (e) => (e.raw.future_invoices ?? []).map((raw) => ({ raw, currency: e.currency })),
    }),
    amountDue: t.float({
      nullable: true,
      description: 'What the buyer pays now, in major units, as sent (`amount_due`); the checkout’s normalised `total`.',
      resolve: (e) => orNull(e.raw.amount_due),
    }),
    amountDueMoney: t.field({
      type: Money,
      nullable: true,
      description: '`amountDue` as Money in the session currency.',
      resolve: (e) => majorMoney(e.raw.amount_due, e.currency),
    }),
    creditNotes: t.string({
      nullable: true,
      description: 'Credit notes applied (`credit_notes`) as JSON array text, e.g. `[]`; the element shape is undocumented.',
      resolve: (e) => jsonText(e.raw.credit_notes),
    }),
  }),
});
