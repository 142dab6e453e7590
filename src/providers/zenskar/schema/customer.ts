/**
 * Zenskar customers (`GET /customers/{id}`), loaded through a per-request DataLoader: every checkout of a page that
 * asks for its customer joins one batch, sent upstream as one `GET /customers?id__in=…` (one id: `/customers/{id}`).
 */
import type { Context } from '../../../context.js';
import { BadUserInputError } from '../../../errors.js';
import type { ZenskarProvider } from '../index.js';
import type { ZenskarContact, ZenskarCustomer as CustomerShape, ZenskarTaxId } from '../types.js';
import { builder } from '../../../schema/builder.js';
import { DateTime } from '../../../schema/scalars.js';
import { instantOrNull, jsonText, orNull, ZenskarAddress } from './parts.js';

export function zenskar(ctx: Context): ZenskarProvider {
  const provider = ctx.providers.zenskar;
  if (!provider) throw new BadUserInputError('ZENSKAR is not enabled on this gateway');
  return provider;
}

const ZenskarTaxIdRef = builder.objectRef<ZenskarTaxId>('ZenskarTaxId').implement({
  description: 'A tax registration of the customer (`tax_info[]`, TaxId; keys assumed, the docs name the type only).',
  fields: (t) => ({
    taxType: t.string({ nullable: true, description: 'Kind of tax id (`tax_type`), e.g. `eu_vat`.', resolve: (x) => orNull(x.tax_type) }),
    taxId: t.string({ nullable: true, description: 'The registration number (`tax_id`).', resolve: (x) => orNull(x.tax_id) }),
  }),
});

const ZenskarContactRef = builder.objectRef<ZenskarContact>('ZenskarContact').implement({
  description: 'A person at the customer (`contacts[]`, ContactResponseSchema).',
  fields: (t) => ({
    id: t.string({ nullable: true, description: 'Contact id (`id`).', resolve: (c) => orNull(c.id) }),
    name: t.string({ nullable: true, description: 'Contact name (`name`).', resolve: (c) => orNull(c.name) }),
    email: t.string({ nullable: true, description: 'Contact email (`email`).', resolve: (c) => orNull(c.email) }),
    phoneNumber: t.string({ nullable: true, description: 'Contact phone number (`phone_number`).', resolve: (c) => orNull(c.phone_number) }),
  }),
});

export const ZenskarCustomer = builder.loadableObject('ZenskarCustomer', {
  description: 'A Zenskar customer (`GET /customers/{id}`): who a non-guest checkout session is for.',
  // A customer the upstream no longer has resolves to null (the field is nullable); the declared element type leaves
  // null out only because Pothos derives the object's shape from it.
  load: async (ids: string[], ctx: Context) => (await zenskar(ctx).getCustomers(ids, ctx.signal)) as (CustomerShape | Error)[],
  fields: (t) => ({
    id: t.id({ description: 'Zenskar customer id (`id`, UUID); the checkout’s `customerId`.', resolve: (c) => c.id }),
    externalId: t.string({ nullable: true, description: 'The merchant’s own id for the customer (`external_id`).', resolve: (c) => orNull(c.external_id) }),
    customerName: t.string({
      nullable: true,
      description: 'Customer name (`customer_name`); null when the upstream sent none readable.',
      resolve: (c) => orNull(c.customer_name),
    }),
    email: t.string({ nullable: true, description: 'Primary email (`email`).', resolve: (c) => orNull(c.email) }),
    phoneNumber: t.string({ nullable: true, description: 'Phone number (`phone_number`).', resolve: (c) => orNull(c.phone_number) }),
    address: t.field({ type: ZenskarAddress, nullable: true, description: 'Billing address (`address`).', resolve: (c) => orNull(c.address) }),
    shipToAddress: t.field({
      type: ZenskarAddress,
      nullable: true,
      description: 'Shipping address (`ship_to_address`).',
      resolve: (c) => orNull(c.ship_to_address),
    }),
    taxInfo: t.field({ type: [ZenskarTaxIdRef], description: 'Tax registrations (`tax_info`); empty when none.', resolve: (c) => c.tax_info ?? [] }),
    contacts: t.field({ type: [ZenskarContactRef], description: 'Associated contacts (`contacts`); empty when none.', resolve: (c) => c.contacts ?? [] }),
    customData: t.string({
      nullable: true,
      description: 'Organisation-specific custom fields (`custom_data`) as JSON object text, e.g. `{"industry":"Retail"}`.',
      resolve: (c) => jsonText(c.custom_data),
    }),
    customAttributes: t.string({
      nullable: true,
      description: 'Customer tags (`custom_attributes`) as JSON object text, e.g. `{"tier":"gold"}`.',
      resolve: (c) => jsonText(c.custom_attributes),
    }),
    communicationsEnabled: t.boolean({
      description: 'Whether Zenskar sends this customer communications (`communications_enabled`; true when absent, the documented default).',
      resolve: (c) => c.communications_enabled ?? true,
    }),
    autoChargeEnabled: t.boolean({
      description: 'Whether invoices are charged automatically (`auto_charge_enabled`; true when absent, the documented default).',
      resolve: (c) => c.auto_charge_enabled ?? true,
    }),
    invoiceDetails: t.string({
      nullable: true,
      description: 'Invoice settings (`invoice_details`, InvoiceDetailsObject) as JSON object text; the shape is undocumented.',
      resolve: (c) => jsonText(c.invoice_details),
    }),
    createdAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the customer was created (`created_at`, naive UTC upstream).',
      resolve: (c) => instantOrNull(c.created_at),
    }),
    updatedAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'When the customer last changed (`updated_at`, naive UTC upstream).',
      resolve: (c) => instantOrNull(c.updated_at),
    }),
  }),
});
