/** Pure mapping of a raw StateSet checkout session to the domain `Checkout` (normalisation contract). */
import type { Checkout, CheckoutStatus, Money } from '../../domain.js';
import { toInstant } from '../../instant.js';
import { moneyFromMinor } from '../../money.js';
import { UpstreamError } from '../../errors.js';
import { drift } from '../drift.js';
import { readEssential, readTolerant, withLazyRaw } from '../tolerant.js';
import { checkoutEssentialSchema, checkoutReader, type StateSetEssentials, type StateSetRawCheckout, type StateSetStatus } from './types.js';

export type StateSetCheckout = Checkout<'STATESET', StateSetRawCheckout>;

export const STATUS_MAP: Record<StateSetStatus, Exclude<CheckoutStatus, 'UNKNOWN'>> = {
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

/** The normalised status; a value StateSet added after this gateway was written is UNKNOWN, recorded as drift. */
function statusOf(native: string): CheckoutStatus {
  const status = STATUS_MAP[native as StateSetStatus] as CheckoutStatus | undefined;
  if (status) return status;
  drift.record({ provider: 'STATESET', path: 'status', kind: 'unknown_enum', valueClass: 'string' });
  return 'UNKNOWN';
}

/** The amount of the `totals[]` entry of type `total` (the normalised total), null when there is none. */
function totalOf(essentials: StateSetEssentials): number | null {
  const entry = essentials.totals.find((t) => t !== null && typeof t === 'object' && (t as { type?: unknown }).type === 'total') as
    | { amount?: unknown }
    | undefined;
  if (!entry) return null;
  if (typeof entry.amount === 'number' && Number.isInteger(entry.amount)) return entry.amount;
  throw new UpstreamError(
    'STATESET',
    'UPSTREAM_BAD_RESPONSE',
    `unexpected checkout ${essentials.id} payload: totals[type=total].amount: expected integer minor units`,
  );
}

/**
 * A checkout from its JSON: the essentials strictly (an unreadable one fails the page, naming the checkout and the
 * path), the rest tolerantly and only when a resolver first reads `raw`.
 */
export function mapStateSetCheckout(json: unknown): StateSetCheckout {
  const essentials = readEssential('STATESET', 'checkout', checkoutEssentialSchema, json, (json as { id?: unknown } | null)?.id);
  const currency = essentials.currency.toUpperCase();
  const total = totalOf(essentials);
  const email = essentials.buyer?.email?.trim();
  const { id, status, created_at, updated_at } = essentials;
  return withLazyRaw(
    {
      provider: 'STATESET' as const,
      providerId: essentials.id,
      status: statusOf(essentials.status),
      providerStatus: essentials.status,
      currency,
      email: email ? email : null,
      total: total === null ? null : stateSetMoney(total, currency),
      createdAt: toInstant(essentials.created_at),
      updatedAt: toInstant(essentials.updated_at),
    },
    (): StateSetRawCheckout => ({ ...readTolerant('STATESET', checkoutReader, json), id, status, currency: essentials.currency, created_at, updated_at }),
  );
}
