/** Pure mapping of a raw Zenskar checkout session to the domain `Checkout` (the normalisation contract). */
import type { Checkout, CheckoutStatus, Money } from '../../domain.js';
import { toInstant } from '../../instant.js';
import { moneyFromMajor } from '../../money.js';
import type { ZenskarCheckoutSession, ZenskarCheckoutSessionStatus } from './types.js';

export type ZenskarCheckout = Checkout<'ZENSKAR', ZenskarCheckoutSession>;

export const STATUS_FROM_ZENSKAR: Record<ZenskarCheckoutSessionStatus, CheckoutStatus> = {
  open: 'OPEN',
  processing: 'PROCESSING',
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  closed: 'EXPIRED',
};

export const ZENSKAR_FROM_STATUS: Record<CheckoutStatus, ZenskarCheckoutSessionStatus> = {
  OPEN: 'open',
  PROCESSING: 'processing',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  EXPIRED: 'closed',
};

/**
 * Upper-case ISO 4217 from Zenskar's `currency`. When a session leaves `currency` out (the docs' update example does),
 * the contract's currency stands in: Zenskar requires the two to match (create-session validation notes).
 */
function currencyOf(raw: ZenskarCheckoutSession): string | null {
  const code = (raw.currency ?? raw.contract?.currency)?.trim();
  return code && /^[A-Za-z]{3}$/.test(code) ? code.toUpperCase() : null;
}

/** `estimates.amount_due` in major units of the session currency; null when either is unknown. */
function totalOf(raw: ZenskarCheckoutSession, currency: string | null): Money | null {
  const amount = raw.estimates?.amount_due;
  if (amount === null || amount === undefined || currency === null) return null;
  return moneyFromMajor(amount, currency);
}

export function mapZenskarCheckout(raw: ZenskarCheckoutSession): ZenskarCheckout {
  const currency = currencyOf(raw);
  const email = raw.customer_data?.email?.trim();
  return {
    provider: 'ZENSKAR',
    providerId: raw.id,
    status: STATUS_FROM_ZENSKAR[raw.checkout_session_status],
    providerStatus: raw.checkout_session_status,
    currency,
    email: email ? email : null,
    total: totalOf(raw, currency),
    // Zenskar's naive timestamps are UTC (§5); toInstant reads a naive value as UTC.
    createdAt: toInstant(raw.created_at),
    updatedAt: toInstant(raw.updated_at ?? raw.last_activity_at ?? raw.created_at),
    raw,
  };
}
