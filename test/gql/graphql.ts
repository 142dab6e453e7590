/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Filters of the merged connection, ANDed. Pushed down to each upstream where it filters natively, applied in the gateway otherwise (see the README for the cost per provider). */
export type CheckoutFilter = {
  /** Only checkouts created strictly after this instant. */
  createdAfter?: string | null | undefined;
  /** Only checkouts created strictly before this instant. */
  createdBefore?: string | null | undefined;
  /** Any of these ISO 4217 codes, e.g. `["USD","EUR"]`; case and surrounding spaces do not matter. */
  currency?: Array<string> | null | undefined;
  /** Buyer email, case-insensitive exact match. */
  email?: string | null | undefined;
  /** Only these providers (default: every enabled one). */
  providers?: Array<CheckoutProvider> | null | undefined;
  /** Any of these normalised statuses. */
  status?: Array<CheckoutStatus> | null | undefined;
};

/** The upstream platform a checkout comes from. Merged lists break createdAt ties in the order `Query.checkouts` names. */
export type CheckoutProvider =
  /** Lemon Squeezy checkouts (`GET /v1/checkouts`), custom checkout links. */
  | 'LEMON_SQUEEZY'
  /** StateSet checkout sessions (`GET /v1/checkouts`). */
  | 'STATESET'
  /** Zenskar checkout sessions (`GET /checkout`). */
  | 'ZENSKAR';

/** How one provider fared while building this page. */
export type CheckoutSourceState =
  /** The provider failed; its items are missing from this page and the next page retries it. */
  | 'FAILED'
  /** The provider answered; its items are in the page. */
  | 'OK';

/** Normalised checkout status; `providerStatus` keeps the upstream’s raw value. */
export type CheckoutStatus =
  /** Cancelled before completion. Zenskar `cancelled`; StateSet `canceled`. */
  | 'CANCELLED'
  /** Paid and done. Zenskar `completed`; StateSet `completed`. */
  | 'COMPLETED'
  /** No longer usable. Zenskar `closed`; Lemon Squeezy `expires_at` in the past. */
  | 'EXPIRED'
  /** Awaiting the buyer. Zenskar `open`; StateSet `not_ready_for_payment`, `ready_for_payment`; Lemon Squeezy not expired. */
  | 'OPEN'
  /** Payment under way. Zenskar `processing`; StateSet `in_progress`. */
  | 'PROCESSING'
  /** The upstream sent a status this gateway version does not know (a value added upstream); `providerStatus` carries it. Filtering by it is done in the gateway. */
  | 'UNKNOWN';

/** State of the circuit breaker in front of one upstream. */
export type CircuitState =
  /** Healthy: requests go through. */
  | 'CLOSED'
  /** Cool-down over: the next request is a probe that closes or re-opens the circuit. */
  | 'HALF_OPEN'
  /** Failing: requests fail fast with UPSTREAM_UNAVAILABLE until the cool-down ends. */
  | 'OPEN';

export type MergedQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: CheckoutFilter | null | undefined;
}>;


export type MergedQuery = { checkouts: { totalCount: number | null, sources: Array<{ provider: CheckoutProvider, status: CheckoutSourceState, circuit: CircuitState, pagesRead: number, error: { code: string, message: string } | null }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node:
        | { id: string, provider: CheckoutProvider, providerId: string, status: CheckoutStatus, currency: string | null, email: string | null, createdAt: string }
        | { id: string, provider: CheckoutProvider, providerId: string, status: CheckoutStatus, currency: string | null, email: string | null, createdAt: string }
        | { id: string, provider: CheckoutProvider, providerId: string, status: CheckoutStatus, currency: string | null, email: string | null, createdAt: string }
       }> } };

export type ZenskarWalkQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ZenskarWalkQuery = { conn: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, provider: CheckoutProvider, providerId: string, status: CheckoutStatus, currency: string | null, email: string | null, createdAt: string } }> } };

export type StateSetWalkQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type StateSetWalkQuery = { conn: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, provider: CheckoutProvider, providerId: string, status: CheckoutStatus, currency: string | null, email: string | null, createdAt: string } }> } };

export type LemonSqueezyWalkQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type LemonSqueezyWalkQuery = { conn: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, provider: CheckoutProvider, providerId: string, status: CheckoutStatus, currency: string | null, email: string | null, createdAt: string } }> } };

export type WalkQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type WalkQuery = { checkouts: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node:
        | { id: string }
        | { id: string }
        | { id: string }
       }> } };

export type FilteredQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type FilteredQuery = { checkouts: { edges: Array<{ node:
        | { id: string }
        | { id: string }
        | { id: string }
       }> } };

export type TwoAtOnceQueryVariables = Exact<{ [key: string]: never; }>;


export type TwoAtOnceQuery = { a: { edges: Array<{ node: { id: string } }> }, b: { edges: Array<{ node: { id: string } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MergedDocument = new TypedDocumentString(`
    query Merged($first: Int, $after: String, $last: Int, $before: String, $filter: CheckoutFilter) {
  checkouts(
    first: $first
    after: $after
    last: $last
    before: $before
    filter: $filter
  ) {
    totalCount
    sources {
      provider
      status
      circuit
      pagesRead
      error {
        code
        message
      }
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    edges {
      cursor
      node {
        id
        provider
        providerId
        status
        currency
        email
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MergedQuery, MergedQueryVariables>;
export const ZenskarWalkDocument = new TypedDocumentString(`
    query ZenskarWalk($after: String) {
  conn: zenskarCheckouts(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        provider
        providerId
        status
        currency
        email
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ZenskarWalkQuery, ZenskarWalkQueryVariables>;
export const StateSetWalkDocument = new TypedDocumentString(`
    query StateSetWalk($after: String) {
  conn: stateSetCheckouts(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        provider
        providerId
        status
        currency
        email
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StateSetWalkQuery, StateSetWalkQueryVariables>;
export const LemonSqueezyWalkDocument = new TypedDocumentString(`
    query LemonSqueezyWalk($after: String) {
  conn: lemonSqueezyCheckouts(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        provider
        providerId
        status
        currency
        email
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LemonSqueezyWalkQuery, LemonSqueezyWalkQueryVariables>;
export const WalkDocument = new TypedDocumentString(`
    query Walk($after: String) {
  checkouts(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WalkQuery, WalkQueryVariables>;
export const FilteredDocument = new TypedDocumentString(`
    query Filtered($after: DateTime) {
  checkouts(first: 5, filter: {createdAfter: $after}) {
    edges {
      node {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FilteredQuery, FilteredQueryVariables>;
export const TwoAtOnceDocument = new TypedDocumentString(`
    query TwoAtOnce {
  a: lemonSqueezyCheckouts(first: 3, filter: {storeId: 1}) {
    edges {
      node {
        id
      }
    }
  }
  b: lemonSqueezyCheckouts(first: 4, filter: {storeId: 2}) {
    edges {
      node {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TwoAtOnceQuery, TwoAtOnceQueryVariables>;