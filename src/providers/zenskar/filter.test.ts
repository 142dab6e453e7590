import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../errors.js';
import { planCheckoutFilter, planNativeFilter } from './filter.js';
import { mapZenskarCheckout } from './map.js';
import { CheckoutSessionSchema } from './types.js';

const A = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const B = '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';

function checkoutWithEmail(email: string | undefined) {
  return mapZenskarCheckout(
    CheckoutSessionSchema.parse({
      id: A,
      checkout_session_status: 'open',
      payment_status: 'not_started',
      created_at: '2025-01-01T00:00:00',
      ...(email === undefined ? {} : { customer_data: { email } }),
    }),
  );
}

describe('planCheckoutFilter (merged connection pushdown)', () => {
  it('pushes status, currency and the strict created range down; nothing left over', () => {
    const plan = planCheckoutFilter({
      providers: ['ZENSKAR'],
      status: ['EXPIRED', 'OPEN', 'CANCELLED', 'PROCESSING', 'COMPLETED'],
      currency: ['usd', 'EUR'],
      createdAfter: '2025-01-01T00:00:00.000000Z',
      createdBefore: '2025-06-30T12:00:00.123456Z',
    });
    expect(plan.query).toEqual({
      checkout_session_status__in: 'closed,open,cancelled,processing,completed',
      currency__in: 'USD,EUR',
      created_at__gt: '2025-01-01T00:00:00',
      created_at__lt: '2025-06-30T12:00:00.123456',
    });
    expect(plan.residual).toBeUndefined();
    expect(plan.matchesNothing).toBe(false);
  });

  it('leaves email to the gateway: case-insensitive exact match on customer_data.email', () => {
    const plan = planCheckoutFilter({ email: 'ada.lovelace@example.com' });
    expect(plan.query).toEqual({});
    const residual = plan.residual as NonNullable<typeof plan.residual>;
    expect(residual(checkoutWithEmail('Ada.Lovelace@Example.com'))).toBe(true);
    expect(residual(checkoutWithEmail('ada.lovelace@example.com'))).toBe(true);
    expect(residual(checkoutWithEmail('ada.lovelace@example.co'))).toBe(false);
    expect(residual(checkoutWithEmail('xada.lovelace@example.com'))).toBe(false);
    expect(residual(checkoutWithEmail(undefined))).toBe(false);
  });

  it('an empty OR-list matches nothing; null parts are no filter', () => {
    expect(planCheckoutFilter({ status: [] }).matchesNothing).toBe(true);
    expect(planCheckoutFilter({ currency: [] }).matchesNothing).toBe(true);
    const plan = planCheckoutFilter({ status: null, currency: null, email: null, createdAfter: null, createdBefore: null });
    expect(plan).toEqual({ query: {}, matchesNothing: false });
  });

  it('sends duplicate list members once', () => {
    expect(planCheckoutFilter({ status: ['OPEN', 'OPEN'] }).query).toEqual({ checkout_session_status__in: 'open' });
  });
});

describe('planNativeFilter (ZenskarCheckoutFilter)', () => {
  it('maps every documented filter to its query parameter', () => {
    const plan = planNativeFilter({
      ids: [A.toUpperCase(), B],
      organisationIds: [A],
      checkoutSessionStatus: ['open', 'closed'],
      paymentStatus: ['paid'],
      currency: ['gbp'],
      customerIds: [A],
      customerIdIsNull: false,
      contractIds: [B],
      contractIdIsNull: true,
      businessEntityIds: [A, B],
      executionIds: [A],
      executionIdIsNull: false,
      guestCheckout: true,
      paymentIntentId: 'pi_123',
      paymentIntentIdIsNull: false,
      idempotencyKey: 'idem_1',
      correlationId: 'corr-1',
      amountDue: { gt: 10, lte: 99.5 },
      createdAt: { gte: '2025-01-01T00:00:00.000000Z', lt: '2025-02-01T00:00:00.500000Z' },
      updatedAt: { gt: '2025-01-02T00:00:00.000000Z' },
      lastActivityAt: { lte: '2025-01-03T00:00:00.000000Z' },
      confirmedAt: { gt: '2025-01-04T00:00:00.000000Z' },
      confirmedAtIsNull: false,
      paidAt: { lt: '2025-01-05T00:00:00.000000Z' },
      paidAtIsNull: true,
      expiresAt: { gte: '2025-01-06T00:00:00.000000Z' },
      expiresAtIsNull: false,
      deletedAt: { gt: '2025-01-07T00:00:00.000000Z' },
      deletedAtIsNull: false,
    });
    expect(plan.query).toEqual({
      id__in: `${A},${B}`,
      organisation_id__in: A,
      checkout_session_status__in: 'open,closed',
      payment_status__in: 'paid',
      currency__in: 'GBP',
      customer_id__in: A,
      customer_id__isnull: false,
      contract_id__in: B,
      contract_id__isnull: true,
      business_entity_id__in: `${A},${B}`,
      execution_id__in: A,
      execution_id__isnull: false,
      guest_checkout: true,
      payment_intent_id: 'pi_123',
      payment_intent_id__isnull: false,
      idempotency_key: 'idem_1',
      correlation_id: 'corr-1',
      amount_due__gt: 10,
      amount_due__lte: 99.5,
      created_at__gte: '2025-01-01T00:00:00',
      created_at__lt: '2025-02-01T00:00:00.500000',
      updated_at__gt: '2025-01-02T00:00:00',
      last_activity_at__lte: '2025-01-03T00:00:00',
      confirmed_at__gt: '2025-01-04T00:00:00',
      confirmed_at__isnull: false,
      paid_at__lt: '2025-01-05T00:00:00',
      paid_at__isnull: true,
      expires_at__gte: '2025-01-06T00:00:00',
      expires_at__isnull: false,
      deleted_at__gt: '2025-01-07T00:00:00',
      deleted_at__isnull: false,
    });
    expect(plan.residual).toBeUndefined();
  });

  it('no filter is no parameters', () => {
    expect(planNativeFilter(null)).toEqual({ query: {}, matchesNothing: false });
    expect(planNativeFilter({ guestCheckout: false }).query).toEqual({ guest_checkout: false });
  });

  it('rejects ids that are not UUIDs and currencies that are not codes, as BAD_USER_INPUT', () => {
    expect(() => planNativeFilter({ ids: ['not-a-uuid'] })).toThrow(BadUserInputError);
    expect(() => planNativeFilter({ customerIds: [A, 'x,y'] })).toThrow(/customerIds/);
    expect(() => planNativeFilter({ currency: ['US,D'] })).toThrow(/ISO 4217/);
    expect(() => planNativeFilter({ amountDue: { gt: Number.NaN } })).toThrow(/finite/);
  });

  it('an empty list matches nothing', () => {
    expect(planNativeFilter({ ids: [] }).matchesNothing).toBe(true);
  });
});
