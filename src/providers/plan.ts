/**
 * What a provider's filter planner (`planCheckoutFilter` / `planNativeFilter` in each adapter's filter.ts) makes of
 * a filter: the part pushed down to the upstream, the part the gateway checks itself, and whether nothing can match.
 */
export interface FilterPlan<Q, C> {
  /** The pushed-down part, in the upstream's own parameters. */
  query: Q;
  /** Gateway-side predicate for the parts the upstream cannot filter; absent when everything was pushed down. */
  residual?: ((checkout: C) => boolean) | undefined;
  /** No checkout can match (e.g. an empty OR-list): the list is empty without asking the upstream. */
  matchesNothing: boolean;
}
