import type { Checkout as CheckoutShape } from '../domain.js';
import { findProvider } from '../providers/registry.js';
import { builder } from './builder.js';
import { CheckoutProvider, CheckoutStatusEnum } from './enums.js';
import { Money } from './money.js';
import { DateTime } from './scalars.js';

export const Checkout = builder.interfaceRef<CheckoutShape>('Checkout').implement({
  description:
    'A checkout from any provider, with normalised fields. Spread `... on ZenskarCheckout` (or StateSet / Lemon Squeezy) ' +
    'for every provider-specific field.',
  interfaces: [builder.nodeInterfaceRef()],
  // Each provider's registry definition names its type.
  resolveType: (checkout) => findProvider(checkout.provider)?.typeName,
  fields: (t) => ({
    provider: t.field({ type: CheckoutProvider(), description: 'The upstream this checkout comes from.', resolve: (c) => c.provider }),
    providerId: t.exposeString('providerId', {
      description: 'The upstream’s own id: Zenskar session UUID, StateSet `checkout_…` id, Lemon Squeezy checkout UUID.',
    }),
    status: t.field({
      type: CheckoutStatusEnum,
      description: 'Normalised status (see `CheckoutStatus` for the mapping from each upstream).',
      resolve: (c) => c.status,
    }),
    providerStatus: t.exposeString('providerStatus', {
      description:
        'The raw upstream status: Zenskar `checkout_session_status`, StateSet `status`, Lemon Squeezy `open` or `expired` (derived from `expires_at`).',
    }),
    currency: t.exposeString('currency', {
      nullable: true,
      description: 'Upper-case ISO 4217. Zenskar `currency`; StateSet `currency` upper-cased; Lemon Squeezy the store’s `currency`. Null when unknown.',
    }),
    email: t.exposeString('email', {
      nullable: true,
      description: 'Buyer email: Zenskar `customer_data.email`, StateSet `buyer.email`, Lemon Squeezy `checkout_data.email` (empty → null).',
    }),
    total: t.field({
      type: Money,
      nullable: true,
      description:
        'Amount due: Zenskar `estimates.amount_due` (major units); StateSet the `totals` entry of type `total` (minor units); ' +
        'Lemon Squeezy `custom_price`, else the variant’s `price` (minor units), in the store’s currency. Null when unknown.',
      resolve: (c) => c.total,
    }),
    createdAt: t.field({ type: DateTime, description: 'When the upstream created it (UTC; Zenskar’s naive timestamps are UTC).', resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: DateTime, description: 'When the upstream last changed it (UTC).', resolve: (c) => c.updatedAt }),
  }),
});
