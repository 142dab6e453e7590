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

/**
 * The merged page after the first one, the same selection: the page the upstream page cache serves (a page read
 * without a cursor always goes upstream, see README "Freshness"), so the cached-path figures use it.
 */
export const MERGED_NEXT_PAGE = `query MergedNextPage($after: String) {
  checkouts(first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id provider providerId status email createdAt total { amount currency } } }
  }
}`;

export const HELLO = '{ hello }';
