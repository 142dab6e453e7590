/**
 * Pure filter planning for Lemon Squeezy.
 *
 * `GET /v1/checkouts` filters only by `filter[store_id]` and `filter[variant_id]` (exact match, one value each).
 * None of the merged connection's filter parts (status, currency, email, createdAfter, createdBefore) exists
 * upstream, so all of them become the residual predicate. The created-at bounds additionally let the list jump:
 * results are newest first, so `start()`/`end()` binary-search the page numbers instead of scanning (see list.ts).
 */
import type { CheckoutFilter, CheckoutStatus, Instant } from '../../domain.js';
import { BadUserInputError } from '../../errors.js';
import type { Query } from '../../http/client.js';
import type { FilterPlan } from '../plan.js';
import type { LemonSqueezyCheckout } from './map.js';

/** The upstream's own filters (`LemonSqueezyCheckoutFilter` in GraphQL). */
export interface LemonNativeFilter {
  storeId?: number | null;
  variantId?: number | null;
}

/** Validates the GraphQL filter input: ids are positive integers (GraphQL `Int` already rules out non-integers). */
export function nativeFilterFromInput(input: LemonNativeFilter | null | undefined): LemonNativeFilter {
  const filter: LemonNativeFilter = {};
  for (const key of ['storeId', 'variantId'] as const) {
    const value = input?.[key];
    if (value === undefined || value === null) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new BadUserInputError(`filter.${key} must be a positive Lemon Squeezy id, got ${value}`, { argument: `filter.${key}` });
    }
    filter[key] = value;
  }
  return filter;
}

/** Native filter → query parameters, in the upstream's own names. */
export function nativeQuery(filter: LemonNativeFilter): Query {
  return {
    'filter[store_id]': filter.storeId ?? undefined,
    'filter[variant_id]': filter.variantId ?? undefined,
  };
}

/**
 * The common plan (`query`: the native filter; `residual`: undefined when nothing is left to check; `matchesNothing`:
 * always false here, since an empty OR-list reads as no constraint) plus the created-at bounds the list jumps with.
 */
export interface LemonListPlan extends FilterPlan<LemonNativeFilter, LemonSqueezyCheckout> {
  /** Strict lower bound on createdAt (used by `end()` to jump). */
  createdAfter: Instant | null;
  /** Strict upper bound on createdAt (used by `start()` to jump). */
  createdBefore: Instant | null;
}

/**
 * Plans the merged connection's filter. An empty OR-list (`status: []`) is read like an absent one (no constraint),
 * the common reading of an unset list input; `providers` is the engine's business.
 *
 * The status part compares the item's normalised status, which the mapper derived from `expires_at` with the
 * provider's clock when the page was read; currency compares the store's currency (null never matches).
 */
export function planCheckoutFilter(filter: CheckoutFilter): LemonListPlan {
  const checks: ((item: LemonSqueezyCheckout) => boolean)[] = [];
  if (filter.status?.length) {
    const statuses = new Set<CheckoutStatus>(filter.status);
    checks.push((item) => statuses.has(item.status));
  }
  if (filter.currency?.length) {
    const currencies = new Set(filter.currency.map((c) => c.toUpperCase()));
    checks.push((item) => item.currency !== null && currencies.has(item.currency));
  }
  if (filter.email !== undefined && filter.email !== null) {
    const email = filter.email.trim().toLowerCase();
    checks.push((item) => item.email !== null && item.email.toLowerCase() === email);
  }
  const createdAfter = filter.createdAfter ?? null;
  const createdBefore = filter.createdBefore ?? null;
  if (createdAfter !== null) checks.push((item) => item.createdAt > createdAfter);
  if (createdBefore !== null) checks.push((item) => item.createdAt < createdBefore);
  return {
    query: {},
    residual: checks.length === 0 ? undefined : (item) => checks.every((check) => check(item)),
    matchesNothing: false,
    createdAfter,
    createdBefore,
  };
}

/** Plans the per-provider connection's filter: only the upstream's own filters (validated), so totals are exact. */
export function planNativeFilter(native: LemonNativeFilter | null | undefined): LemonListPlan {
  return { query: nativeFilterFromInput(native), residual: undefined, matchesNothing: false, createdAfter: null, createdBefore: null };
}
