import { CHECKOUT_STATUSES, PROVIDERS, type CheckoutStatus, type ProviderName } from '../domain.js';
import { builder } from './builder.js';

const providerDescriptions: Record<ProviderName, string> = {
  ZENSKAR: 'Zenskar checkout sessions (`GET /checkout`).',
  STATESET: 'StateSet checkout sessions (`GET /v1/checkouts`).',
  LEMON_SQUEEZY: 'Lemon Squeezy checkouts (`GET /v1/checkouts`), custom checkout links.',
};

export const CheckoutProvider = builder.enumType('CheckoutProvider', {
  description: 'The upstream platform a checkout comes from. Merged lists break createdAt ties in this order.',
  values: Object.fromEntries(PROVIDERS.map((p) => [p, { value: p, description: providerDescriptions[p] }])) as Record<
    ProviderName,
    { value: ProviderName; description: string }
  >,
});

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
