/**
 * Pure filter translation for StateSet's `GET /v1/checkouts`: the merged connection's `CheckoutFilter` and the
 * provider's own GraphQL filter, both into StateSet query parameters (`status`, `buyer_email`, `created_after`,
 * `created_before`). Whatever StateSet cannot filter becomes a gateway-side `residual` predicate.
 */
import type { CheckoutFilter, CheckoutStatus, Instant } from '../../domain.js';
import type { FilterPlan } from '../plan.js';
import { nativeStatusesFor, type StateSetCheckout } from './map.js';
import type { StateSetListParams, StateSetStatus } from './types.js';

/** StateSet timestamps: `2024-09-30T10:00:00Z`; sub-second digits are kept (trimmed) only when present. */
export function formatStateSetTime(instant: Instant): string {
  const fraction = instant.slice(20, 26).replace(/0+$/, '');
  return fraction ? `${instant.slice(0, 19)}.${fraction}Z` : `${instant.slice(0, 19)}Z`;
}

/**
 * What a filter becomes: StateSet parameters, the gateway-side residual, and whether no StateSet checkout can match
 * (e.g. only EXPIRED asked), in which case the list is empty without asking the upstream.
 */
export type StateSetListPlan = FilterPlan<StateSetListParams, StateSetCheckout>;

/**
 * `CheckoutFilter` → StateSet parameters + residual.
 * - status: `status` takes one value, so it is pushed down only when the asked statuses cover exactly one native
 *   value (OPEN alone covers two: not_ready_for_payment and ready_for_payment); otherwise a residual. An empty list
 *   (`[]`) is read as "no status constraint", like null.
 * - email → `buyer_email` (the sandbox, like the document's assumption, matches it exactly and case-insensitively).
 *   An empty email can match nothing, since empty buyer emails normalise to null.
 * - createdAfter/createdBefore → `created_after`/`created_before`, both strict like the filter.
 * - currency: StateSet cannot filter it → residual (upper-case comparison).
 * - providers: handled by the pagination engine.
 */
export function planCheckoutFilter(filter: CheckoutFilter | null | undefined): StateSetListPlan {
  const query: StateSetListParams = {};
  const checks: ((c: StateSetCheckout) => boolean)[] = [];
  let matchesNothing = false;

  if (filter?.status && filter.status.length > 0) {
    const wanted = new Set<CheckoutStatus>(filter.status);
    const natives = [...new Set(filter.status.flatMap(nativeStatusesFor))];
    // UNKNOWN is every value StateSet added after us: no native value names it, so the gateway compares.
    if (wanted.has('UNKNOWN')) checks.push((c) => wanted.has(c.status));
    else if (natives.length === 0) matchesNothing = true;
    else if (natives.length === 1) query.status = natives[0] as StateSetStatus;
    else checks.push((c) => wanted.has(c.status));
  }
  if (filter?.email !== null && filter?.email !== undefined) {
    if (filter.email === '') matchesNothing = true;
    else query.buyer_email = filter.email;
  }
  if (filter?.createdAfter) query.created_after = formatStateSetTime(filter.createdAfter);
  if (filter?.createdBefore) query.created_before = formatStateSetTime(filter.createdBefore);
  if (filter?.createdAfter && filter.createdBefore && filter.createdAfter >= filter.createdBefore) matchesNothing = true;
  if (filter?.currency && filter.currency.length > 0) {
    const currencies = new Set(filter.currency.map((c) => c.toUpperCase()));
    checks.push((c) => c.currency !== null && currencies.has(c.currency));
  }

  const result: StateSetListPlan = { query, matchesNothing };
  if (checks.length > 0) result.residual = (c) => checks.every((check) => check(c));
  return result;
}

/** The `StateSetCheckoutFilter` GraphQL input: StateSet's own filters, one value each. */
export interface StateSetNativeFilter {
  status?: StateSetStatus | null;
  buyerEmail?: string | null;
  createdAfter?: Instant | null;
  createdBefore?: Instant | null;
}

/** `StateSetCheckoutFilter` → StateSet parameters. Everything is native: never a residual, never matches-nothing. */
export function planNativeFilter(filter: StateSetNativeFilter | null | undefined): StateSetListPlan {
  const query: StateSetListParams = {};
  if (filter?.status) query.status = filter.status;
  if (filter?.buyerEmail !== null && filter?.buyerEmail !== undefined) query.buyer_email = filter.buyerEmail;
  if (filter?.createdAfter) query.created_after = formatStateSetTime(filter.createdAfter);
  if (filter?.createdBefore) query.created_before = formatStateSetTime(filter.createdBefore);
  return { query, matchesNothing: false };
}
