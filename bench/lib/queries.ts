/** The GraphQL documents the load benchmarks send (each one validated against a live server before every run). */

/** The merged first page as a list view asks for it: normalised fields, money, cursors and page info. */
export const MERGED_FIRST_PAGE = `query MergedFirstPage {
  checkouts(first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id provider providerId status email createdAt total { amount currency } } }
  }
}`;

/** checkout-graph's side of the peer comparison: the same fields Hive Gateway's `listCheckouts` returns. */
export const STATESET_FIRST_PAGE = '{ stateSetCheckouts(first: 20) { edges { node { providerId status currency createdAt } } } }';

export const HELLO = '{ hello }';
