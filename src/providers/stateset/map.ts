/** Pure mapping of a raw StateSet checkout session to the domain `Checkout` (normalisation contract). */
import type { Checkout, CheckoutStatus, Money } from '../../domain.js';
import { toInstant } from '../../instant.js';
import { moneyFromMinor } from '../../money.js';
import type { StateSetRawCheckout, StateSetStatus } from './types.js';

export type StateSetCheckout = Checkout<'STATESET', StateSetRawCheckout>;

export const STATUS_MAP: Record<StateSetStatus, CheckoutStatus> = {
  not_ready_for_payment: 'OPEN',
  ready_for_payment: 'OPEN',
  in_progress: 'PROCESSING',
  completed: 'COMPLETED',
  canceled: 'CANCELLED',
};

/** The native statuses that normalise to each domain status (EXPIRED has none: StateSet sessions do not expire). */
export function nativeStatusesFor(status: CheckoutStatus): StateSetStatus[] {
  return (Object.keys(STATUS_MAP) as StateSetStatus[]).filter((native) => STATUS_MAP[native] === status);
}

/** Amounts are integer minor units in the checkout's currency. */
export function stateSetMoney(minorUnits: number, currency: string): Money {
  return moneyFromMinor(minorUnits, currency);
}

export function mapStateSetCheckout(raw: StateSetRawCheckout): StateSetCheckout {
  const currency = raw.currency.toUpperCase();
  const total = raw.totals.find((t) => t.type === 'total');
  const email = raw.buyer?.email?.trim();
  return {
    provider: 'STATESET',
    providerId: raw.id,
    status: STATUS_MAP[raw.status],
    providerStatus: raw.status,
    currency,
    email: email ? email : null,
    total: total ? stateSetMoney(total.amount, currency) : null,
    createdAt: toInstant(raw.created_at),
    updatedAt: toInstant(raw.updated_at),
    raw,
  };
}
