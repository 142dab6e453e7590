/** What GraphiQL opens with: a query that shows the merged list across all providers. */
export const DEFAULT_QUERY = `# checkout-graph: one GraphQL API over Zenskar, StateSet and Lemon Squeezy checkouts.
# Press the ▶ button. Open the docs pane (top left) to browse every type and field.

query LatestCheckouts {
  checkouts(first: 12) {
    totalCount
    sources { provider status }
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        __typename
        provider
        providerId
        status
        providerStatus
        email
        total { amount currency }
        createdAt
      }
    }
  }
}
`;
