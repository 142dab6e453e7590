/** Zenskar's own enums (`/work/shared/upstreams/zenskar.md` §2.2, §4.2). GraphQL names are upper case; values are Zenskar's. */
import {
  CANCELLATION_REASON_TYPES,
  CHECKOUT_SESSION_STATUSES,
  PAYMENT_STATUSES,
  type ZenskarCheckoutSessionStatus as SessionStatus,
  type ZenskarPaymentStatus as PaymentStatus,
} from '../types.js';
import { builder } from '../../../schema/builder.js';

type Values<T extends string> = Record<string, { value: T; description: string }>;

function values<T extends string>(all: readonly T[], descriptions: Record<T, string>): Values<T> {
  return Object.fromEntries(all.map((v) => [v.toUpperCase(), { value: v, description: descriptions[v] }]));
}

export const ZenskarCheckoutSessionStatus = builder.enumType('ZenskarCheckoutSessionStatus', {
  description: 'Zenskar’s checkout session status (`checkout_session_status`).',
  values: values<SessionStatus>(CHECKOUT_SESSION_STATUSES, {
    open: '`open`: created, awaiting the buyer. Normalised: OPEN.',
    processing: '`processing`: confirmed, payment under way. Normalised: PROCESSING.',
    completed: '`completed`: paid (or nothing to pay) and the contract created. Normalised: COMPLETED.',
    closed: '`closed`: no longer usable (expired). Normalised: EXPIRED.',
    cancelled: '`cancelled`: cancelled before payment (`POST /checkout/{id}/cancel`). Normalised: CANCELLED.',
  }),
});

export const ZenskarPaymentStatus = builder.enumType('ZenskarPaymentStatus', {
  description: 'Zenskar’s payment status of a checkout session (`payment_status`).',
  values: values<PaymentStatus>(PAYMENT_STATUSES, {
    not_started: '`not_started`: no payment attempted yet.',
    pending: '`pending`: a payment is being processed.',
    paid: '`paid`: the payment succeeded (`paidAt` is set).',
    failed: '`failed`: the payment failed.',
    no_payment_required: '`no_payment_required`: nothing to pay (for example a free plan).',
  }),
});

export const ZenskarCancellationReasonType = builder.enumType('ZenskarCancellationReasonType', {
  description: 'Why a session was cancelled (`cancellation_details.reason_type`, the cancel endpoint’s `reason_type`).',
  values: values<(typeof CANCELLATION_REASON_TYPES)[number]>(CANCELLATION_REASON_TYPES, {
    customer_requested: '`customer_requested`: the customer asked for it.',
    payment_failed: '`payment_failed`: the payment failed.',
    expired: '`expired`: the session expired.',
    duplicate: '`duplicate`: a duplicate of another session.',
    fraudulent: '`fraudulent`: suspected fraud.',
    other: '`other`: any other reason (see `reason`).',
  }),
});
