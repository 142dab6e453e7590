/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Merged($first: Int, $after: String, $last: Int, $before: String, $filter: CheckoutFilter) {\n    checkouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      sources { provider status circuit pagesRead error { code message } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id provider providerId status currency email createdAt } }\n    }\n  }\n": typeof types.MergedDocument,
    "\n    query ZenskarWalk($after: String) {\n      conn: zenskarCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  ": typeof types.ZenskarWalkDocument,
    "\n    query StateSetWalk($after: String) {\n      conn: stateSetCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  ": typeof types.StateSetWalkDocument,
    "\n    query LemonSqueezyWalk($after: String) {\n      conn: lemonSqueezyCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  ": typeof types.LemonSqueezyWalkDocument,
    "\n  query Walk($after: String) {\n    checkouts(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } }\n  }\n": typeof types.WalkDocument,
    "\n  query Filtered($after: DateTime) { checkouts(first: 5, filter: { createdAfter: $after }) { edges { node { id } } } }\n": typeof types.FilteredDocument,
    "\n      query TwoAtOnce { a: lemonSqueezyCheckouts(first: 3, filter: { storeId: 1 }) { edges { node { id } } }\n                        b: lemonSqueezyCheckouts(first: 4, filter: { storeId: 2 }) { edges { node { id } } } }\n    ": typeof types.TwoAtOnceDocument,
};
const documents: Documents = {
    "\n  query Merged($first: Int, $after: String, $last: Int, $before: String, $filter: CheckoutFilter) {\n    checkouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      sources { provider status circuit pagesRead error { code message } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id provider providerId status currency email createdAt } }\n    }\n  }\n": types.MergedDocument,
    "\n    query ZenskarWalk($after: String) {\n      conn: zenskarCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  ": types.ZenskarWalkDocument,
    "\n    query StateSetWalk($after: String) {\n      conn: stateSetCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  ": types.StateSetWalkDocument,
    "\n    query LemonSqueezyWalk($after: String) {\n      conn: lemonSqueezyCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  ": types.LemonSqueezyWalkDocument,
    "\n  query Walk($after: String) {\n    checkouts(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } }\n  }\n": types.WalkDocument,
    "\n  query Filtered($after: DateTime) { checkouts(first: 5, filter: { createdAfter: $after }) { edges { node { id } } } }\n": types.FilteredDocument,
    "\n      query TwoAtOnce { a: lemonSqueezyCheckouts(first: 3, filter: { storeId: 1 }) { edges { node { id } } }\n                        b: lemonSqueezyCheckouts(first: 4, filter: { storeId: 2 }) { edges { node { id } } } }\n    ": types.TwoAtOnceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Merged($first: Int, $after: String, $last: Int, $before: String, $filter: CheckoutFilter) {\n    checkouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      sources { provider status circuit pagesRead error { code message } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id provider providerId status currency email createdAt } }\n    }\n  }\n"): typeof import('./graphql.js').MergedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ZenskarWalk($after: String) {\n      conn: zenskarCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  "): typeof import('./graphql.js').ZenskarWalkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query StateSetWalk($after: String) {\n      conn: stateSetCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  "): typeof import('./graphql.js').StateSetWalkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query LemonSqueezyWalk($after: String) {\n      conn: lemonSqueezyCheckouts(first: 100, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id provider providerId status currency email createdAt } }\n      }\n    }\n  "): typeof import('./graphql.js').LemonSqueezyWalkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Walk($after: String) {\n    checkouts(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } }\n  }\n"): typeof import('./graphql.js').WalkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Filtered($after: DateTime) { checkouts(first: 5, filter: { createdAfter: $after }) { edges { node { id } } } }\n"): typeof import('./graphql.js').FilteredDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query TwoAtOnce { a: lemonSqueezyCheckouts(first: 3, filter: { storeId: 1 }) { edges { node { id } } }\n                        b: lemonSqueezyCheckouts(first: 4, filter: { storeId: 2 }) { edges { node { id } } } }\n    "): typeof import('./graphql.js').TwoAtOnceDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
