/**
 * Pure translation of filters into `GET /checkout` query parameters (§2.2 of the Zenskar document).
 *
 * Lists go out as `__in` CSV (documented for every list-valued filter) even for one value, so one code path covers
 * both; timestamps go out as naive UTC (`instantToNaive`), the form the `/checkout` examples use.
 */
import type { CheckoutFilter, CheckoutStatus, Instant } from '../../domain.js';
import { BadUserInputError } from '../../errors.js';
import { instantToNaive } from '../../instant.js';
import type { FilterPlan } from '../plan.js';
import { ZENSKAR_FROM_STATUS, type ZenskarCheckout } from './map.js';
import type { ZenskarCheckoutSessionStatus, ZenskarPaymentStatus } from './types.js';

type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';
type Range<F extends string, V> = { [K in `${F}__${RangeOp}`]?: V };
type DateField = 'confirmed_at' | 'paid_at' | 'expires_at' | 'last_activity_at' | 'created_at' | 'updated_at' | 'deleted_at';

/** Every documented filter of `GET /checkout`, as sent on the wire. */
export type ZenskarCheckoutQuery = {
  id?: string;
  id__in?: string;
  organisation_id?: string;
  organisation_id__in?: string;
  contract_id?: string;
  contract_id__in?: string;
  contract_id__isnull?: boolean;
  checkout_session_status?: ZenskarCheckoutSessionStatus;
  checkout_session_status__in?: string;
  payment_status?: ZenskarPaymentStatus;
  payment_status__in?: string;
  customer_id?: string;
  customer_id__in?: string;
  customer_id__isnull?: boolean;
  business_entity_id?: string;
  business_entity_id__in?: string;
  guest_checkout?: boolean;
  payment_intent_id?: string;
  payment_intent_id__isnull?: boolean;
  execution_id?: string;
  execution_id__in?: string;
  execution_id__isnull?: boolean;
  currency?: string;
  currency__in?: string;
  confirmed_at?: string;
  confirmed_at__isnull?: boolean;
  paid_at?: string;
  paid_at__isnull?: boolean;
  expires_at?: string;
  expires_at__isnull?: boolean;
  last_activity_at?: string;
  created_at?: string;
  updated_at?: string;
  deleted_at?: string;
  deleted_at__isnull?: boolean;
  idempotency_key?: string;
  correlation_id?: string;
} & Range<'amount_due', number> &
  Range<DateField, string>;

/** The pagination parameters that accompany a filter. */
export interface ZenskarPageParams {
  cursor?: string;
  limit?: number;
  order?: string;
}

/** What a filter becomes: the pushed-down query, what is left for the gateway, and whether nothing can match. */
export type ZenskarListPlan = FilterPlan<ZenskarCheckoutQuery, ZenskarCheckout>;

/** The merged connection's filter → `GET /checkout` parameters + residual (email is not filterable upstream). */
export function planCheckoutFilter(filter: CheckoutFilter): ZenskarListPlan {
  const query: ZenskarCheckoutQuery = {};
  let matchesNothing = false;
  const checks: ((checkout: ZenskarCheckout) => boolean)[] = [];
  if (filter.status) {
    if (filter.status.length === 0) matchesNothing = true;
    else if (filter.status.includes('UNKNOWN')) {
      // UNKNOWN is every value Zenskar added after us: no native list names it, so the gateway compares.
      const wanted = new Set<CheckoutStatus>(filter.status);
      checks.push((checkout) => wanted.has(checkout.status));
    } else query.checkout_session_status__in = csv(filter.status.map((s) => ZENSKAR_FROM_STATUS[s as Exclude<CheckoutStatus, 'UNKNOWN'>]));
  }
  if (filter.currency) {
    if (filter.currency.length === 0) matchesNothing = true;
    else query.currency__in = csv(filter.currency.map((c) => c.trim().toUpperCase()));
  }
  if (filter.createdAfter) query.created_at__gt = instantToNaive(filter.createdAfter);
  if (filter.createdBefore) query.created_at__lt = instantToNaive(filter.createdBefore);

  const plan: ZenskarListPlan = { query, matchesNothing };
  // `email` lives in `customer_data.email`, which `GET /checkout` cannot filter: the gateway compares it.
  if (filter.email !== null && filter.email !== undefined) {
    const wanted = filter.email.trim().toLowerCase();
    checks.push((checkout) => checkout.email !== null && checkout.email.toLowerCase() === wanted);
  }
  if (checks.length > 0) plan.residual = (checkout) => checks.every((check) => check(checkout));
  return plan;
}

export interface InstantRange {
  gt?: Instant | null;
  gte?: Instant | null;
  lt?: Instant | null;
  lte?: Instant | null;
}

export interface NumberRange {
  gt?: number | null;
  gte?: number | null;
  lt?: number | null;
  lte?: number | null;
}

/** The per-provider connection's filter (`ZenskarCheckoutFilter`): Zenskar's own filters, camelCased. */
export interface ZenskarNativeFilter {
  ids?: readonly string[] | null;
  organisationIds?: readonly string[] | null;
  checkoutSessionStatus?: readonly ZenskarCheckoutSessionStatus[] | null;
  paymentStatus?: readonly ZenskarPaymentStatus[] | null;
  currency?: readonly string[] | null;
  customerIds?: readonly string[] | null;
  customerIdIsNull?: boolean | null;
  contractIds?: readonly string[] | null;
  contractIdIsNull?: boolean | null;
  businessEntityIds?: readonly string[] | null;
  executionIds?: readonly string[] | null;
  executionIdIsNull?: boolean | null;
  guestCheckout?: boolean | null;
  paymentIntentId?: string | null;
  paymentIntentIdIsNull?: boolean | null;
  idempotencyKey?: string | null;
  correlationId?: string | null;
  amountDue?: NumberRange | null;
  createdAt?: InstantRange | null;
  updatedAt?: InstantRange | null;
  lastActivityAt?: InstantRange | null;
  confirmedAt?: InstantRange | null;
  confirmedAtIsNull?: boolean | null;
  paidAt?: InstantRange | null;
  paidAtIsNull?: boolean | null;
  expiresAt?: InstantRange | null;
  expiresAtIsNull?: boolean | null;
  deletedAt?: InstantRange | null;
  deletedAtIsNull?: boolean | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function csv(values: readonly string[]): string {
  return [...new Set(values)].join(',');
}

/** A list of UUIDs for an `__in` filter; Zenskar ids are UUIDs, so anything else is the client's mistake. */
function uuidList(field: string, values: readonly string[]): string {
  for (const value of values) {
    if (!isUuid(value)) throw new BadUserInputError(`filter.${field}: ${JSON.stringify(value)} is not a UUID`, { field });
  }
  return csv(values.map((v) => v.toLowerCase()));
}

function currencyList(values: readonly string[]): string {
  for (const value of values) {
    if (!/^[A-Za-z]{3}$/.test(value)) {
      throw new BadUserInputError(`filter.currency: ${JSON.stringify(value)} is not an ISO 4217 code`, { field: 'currency' });
    }
  }
  return csv(values.map((v) => v.toUpperCase()));
}

function setRange<F extends string>(query: Range<F, string>, field: F, range: InstantRange | null | undefined): void {
  if (!range) return;
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    const value = range[op];
    if (value) (query as Record<string, string>)[`${field}__${op}`] = instantToNaive(value);
  }
}

function setFlag(query: ZenskarCheckoutQuery, key: keyof ZenskarCheckoutQuery, value: boolean | null | undefined): void {
  if (value !== null && value !== undefined) (query as Record<string, boolean>)[key] = value;
}

/** `ZenskarCheckoutFilter` → `GET /checkout` parameters. Everything is native: there is never a residual. */
export function planNativeFilter(filter: ZenskarNativeFilter | null | undefined): ZenskarListPlan {
  const query: ZenskarCheckoutQuery = {};
  let matchesNothing = false;
  if (!filter) return { query, matchesNothing };
  const lists: [readonly string[] | null | undefined, keyof ZenskarCheckoutQuery, (v: readonly string[]) => string][] = [
    [filter.ids, 'id__in', (v) => uuidList('ids', v)],
    [filter.organisationIds, 'organisation_id__in', (v) => uuidList('organisationIds', v)],
    [filter.checkoutSessionStatus, 'checkout_session_status__in', csv],
    [filter.paymentStatus, 'payment_status__in', csv],
    [filter.currency, 'currency__in', currencyList],
    [filter.customerIds, 'customer_id__in', (v) => uuidList('customerIds', v)],
    [filter.contractIds, 'contract_id__in', (v) => uuidList('contractIds', v)],
    [filter.businessEntityIds, 'business_entity_id__in', (v) => uuidList('businessEntityIds', v)],
    [filter.executionIds, 'execution_id__in', (v) => uuidList('executionIds', v)],
  ];
  for (const [values, key, encode] of lists) {
    if (!values) continue;
    if (values.length === 0) matchesNothing = true;
    else (query as Record<string, string>)[key] = encode(values);
  }
  setFlag(query, 'customer_id__isnull', filter.customerIdIsNull);
  setFlag(query, 'contract_id__isnull', filter.contractIdIsNull);
  setFlag(query, 'execution_id__isnull', filter.executionIdIsNull);
  setFlag(query, 'guest_checkout', filter.guestCheckout);
  setFlag(query, 'payment_intent_id__isnull', filter.paymentIntentIdIsNull);
  setFlag(query, 'confirmed_at__isnull', filter.confirmedAtIsNull);
  setFlag(query, 'paid_at__isnull', filter.paidAtIsNull);
  setFlag(query, 'expires_at__isnull', filter.expiresAtIsNull);
  setFlag(query, 'deleted_at__isnull', filter.deletedAtIsNull);
  if (filter.paymentIntentId) query.payment_intent_id = filter.paymentIntentId;
  if (filter.idempotencyKey) query.idempotency_key = filter.idempotencyKey;
  if (filter.correlationId) query.correlation_id = filter.correlationId;
  if (filter.amountDue) {
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      const value = filter.amountDue[op];
      if (value !== null && value !== undefined) {
        if (!Number.isFinite(value)) throw new BadUserInputError(`filter.amountDue.${op} must be a finite number`, { field: 'amountDue' });
        query[`amount_due__${op}`] = value;
      }
    }
  }
  setRange(query, 'created_at', filter.createdAt);
  setRange(query, 'updated_at', filter.updatedAt);
  setRange(query, 'last_activity_at', filter.lastActivityAt);
  setRange(query, 'confirmed_at', filter.confirmedAt);
  setRange(query, 'paid_at', filter.paidAt);
  setRange(query, 'expires_at', filter.expiresAt);
  setRange(query, 'deleted_at', filter.deletedAt);
  return { query, matchesNothing };
}
