/** Pure mapping of a raw Zenskar checkout session to the domain `Checkout` (the normalisation contract). */
import type { Checkout, CheckoutStatus, Money } from '../../domain.js';
import { toInstant } from '../../instant.js';
import { moneyFromMajor } from '../../money.js';
import { drift } from '../drift.js';
import { readEssential, readTolerant, withLazyRaw } from '../tolerant.js';
import {
  CheckoutSessionEssentialSchema,
  CheckoutSessionReader,
  type ZenskarCheckoutSession,
  type ZenskarCheckoutSessionStatus,
  type ZenskarSessionEssentials,
} from './types.js';

export type ZenskarCheckout = Checkout<'ZENSKAR', ZenskarCheckoutSession>;

export const STATUS_FROM_ZENSKAR: Record<ZenskarCheckoutSessionStatus, CheckoutStatus> = {
  open: 'OPEN',
  processing: 'PROCESSING',
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  closed: 'EXPIRED',
};

/** The native value of each status; UNKNOWN has none (it is whatever Zenskar added), so it is filtered in the gateway. */
export const ZENSKAR_FROM_STATUS: Record<Exclude<CheckoutStatus, 'UNKNOWN'>, ZenskarCheckoutSessionStatus> = {
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
function currencyOf(raw: ZenskarSessionEssentials): string | null {
  const code = (raw.currency ?? raw.contract?.currency)?.trim();
  return code && /^[A-Za-z]{3}$/.test(code) ? code.toUpperCase() : null;
}

/** `estimates.amount_due` in major units of the session currency; null when either is unknown. */
function totalOf(raw: ZenskarSessionEssentials, currency: string | null): Money | null {
  const amount = raw.estimates?.amount_due;
  if (amount === null || amount === undefined || currency === null) return null;
  return moneyFromMajor(amount, currency);
}

/** The normalised status; a value Zenskar added after this gateway was written is UNKNOWN, recorded as drift. */
function statusOf(native: string): CheckoutStatus {
  const status = STATUS_FROM_ZENSKAR[native as ZenskarCheckoutSessionStatus] as CheckoutStatus | undefined;
  if (status) return status;
  drift.record({ provider: 'ZENSKAR', path: 'checkout_session_status', kind: 'unknown_enum', valueClass: 'string' });
  return 'UNKNOWN';
}

/**
 * A session from its JSON: the essentials strictly (an unreadable one fails the page, naming the session and the
 * path), the rest tolerantly and only when a resolver first reads `raw`.
 */
export function mapZenskarCheckout(json: unknown): ZenskarCheckout {
  const essentials = readEssential('ZENSKAR', 'checkout session', CheckoutSessionEssentialSchema, json, (json as { id?: unknown } | null)?.id);
  const currency = currencyOf(essentials);
  const email = essentials.customer_data?.email?.trim();
  const { contract: _c, estimates: _e, customer_data: _d, ...own } = essentials;
  return withLazyRaw(
    {
      provider: 'ZENSKAR' as const,
      providerId: essentials.id,
      status: statusOf(essentials.checkout_session_status),
      providerStatus: essentials.checkout_session_status,
      currency,
      email: email ? email : null,
      total: totalOf(essentials, currency),
      // Zenskar's naive timestamps are UTC (§5); toInstant reads a naive value as UTC.
      createdAt: toInstant(essentials.created_at),
      updatedAt: toInstant(essentials.updated_at ?? essentials.last_activity_at ?? essentials.created_at),
    },
    (): ZenskarCheckoutSession => ({ ...readTolerant('ZENSKAR', CheckoutSessionReader, json), ...own }),
  );
}
