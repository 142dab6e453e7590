import { CHECKOUT_STATUSES, type CheckoutStatus, type ProviderName } from '../domain.js';
import { providerDefinitions } from '../providers/registry.js';
import { builder } from './builder.js';

let providerEnum: ReturnType<typeof defineProviderEnum> | undefined;

function defineProviderEnum() {
  return builder.enumType('CheckoutProvider', {
    description: 'The upstream platform a checkout comes from. Merged lists break createdAt ties in the order `Query.checkouts` names.',
    values: Object.fromEntries(providerDefinitions().map((d) => [d.name, { value: d.name, description: d.description }])) as Record<
      ProviderName,
      { value: ProviderName; description: string }
    >,
  });
}

/**
 * The `CheckoutProvider` enum, one value per registered provider in registry order. Defined on first use (field
 * definitions run when the schema is built), as provider modules load while the registry itself is loading.
 */
export function CheckoutProvider() {
  providerEnum ??= defineProviderEnum();
  return providerEnum;
}

const statusDescriptions: Record<CheckoutStatus, string> = {
  OPEN: 'Awaiting the buyer. Zenskar `open`; StateSet `not_ready_for_payment`, `ready_for_payment`; Lemon Squeezy not expired.',
  PROCESSING: 'Payment under way. Zenskar `processing`; StateSet `in_progress`.',
  COMPLETED: 'Paid and done. Zenskar `completed`; StateSet `completed`.',
  CANCELLED: 'Cancelled before completion. Zenskar `cancelled`; StateSet `canceled`.',
  EXPIRED: 'No longer usable. Zenskar `closed`; Lemon Squeezy `expires_at` in the past.',
  UNKNOWN:
    'The upstream sent a status this gateway version does not know (a value added upstream); `providerStatus` carries it. Filtering by it is done in the gateway.',
};

export const CheckoutStatusEnum = builder.enumType('CheckoutStatus', {
  description: 'Normalised checkout status; `providerStatus` keeps the upstream’s raw value.',
  values: Object.fromEntries(CHECKOUT_STATUSES.map((s) => [s, { value: s, description: statusDescriptions[s] }])) as Record<
    CheckoutStatus,
    { value: CheckoutStatus; description: string }
  >,
});
