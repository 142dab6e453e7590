/**
 * Frontend clients as frontends use them, against a running gateway (real loopback port) and the sandbox truth:
 * urql on its defaults (queries as GET) with Graphcache's relayPagination, and Apollo Client with relayStylePagination
 * and fetchMore, each walking the merged connection to the end forward and backward. Every checkout of the sandboxes
 * must come exactly once, newest first.
 */
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealServer, type RealServer } from './real-server.js';

interface Edge {
  node: { id: string; provider: string; providerId: string; createdAt: string };
}
interface Page {
  checkouts: { edges: Edge[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };
}

const SIZE = 17;
const PAGE = `
  query Page($first: Int, $after: String, $last: Int, $before: String) {
    checkouts(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id provider providerId createdAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

let server: RealServer;

/** The walk holds every sandbox checkout exactly once, in the merged order (createdAt descending). */
function expectComplete(edges: Edge[]): void {
  const keys = edges.map((e) => `${e.node.provider}:${e.node.providerId}`);
  expect(new Set(keys).size, 'no duplicates').toBe(keys.length);
  expect(new Set(keys)).toEqual(server.truth());
  const times = edges.map((e) => Date.parse(e.node.createdAt));
  for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1] as number);
}

beforeAll(async () => {
  server = await startRealServer({ count: 60 });
});
afterAll(() => server?.close());

describe('urql + Graphcache relayPagination, default settings', () => {
  const client = () => new Client({ url: server.url, exchanges: [cacheExchange({ resolvers: { Query: { checkouts: relayPagination() } } }), fetchExchange] });

  it.each(['forward', 'backward'] as const)('walks %s to the end with GET requests and no extra header', async (direction) => {
    const urql = client();
    const methods = server.methods.length;
    let variables: Record<string, unknown> = direction === 'forward' ? { first: SIZE } : { last: SIZE };
    let page: Page['checkouts'] | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const result = await urql.query<Page>(PAGE, variables).toPromise();
      expect(result.error).toBeUndefined();
      page = result.data!.checkouts;
      const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
      if (!more) break;
      variables = direction === 'forward' ? { first: SIZE, after: page.pageInfo.endCursor } : { last: SIZE, before: page.pageInfo.startCursor };
    }
    // relayPagination merged every page into one list.
    expectComplete(page!.edges);
    const sent = server.methods.slice(methods);
    expect(sent.length).toBeGreaterThan(3);
    expect(new Set(sent)).toEqual(new Set(['GET']));
  });
});

describe('Apollo Client + relayStylePagination, fetchMore to the end', () => {
  const client = () =>
    new ApolloClient({
      link: new HttpLink({ uri: server.url }),
      cache: new InMemoryCache({ typePolicies: { Query: { fields: { checkouts: relayStylePagination(['filter']) } } } }),
    });

  it.each(['forward', 'backward'] as const)('pages %s with fetchMore until the list is complete', async (direction) => {
    const apollo = client();
    const query = gql(PAGE);
    const variables = direction === 'forward' ? { first: SIZE } : { last: SIZE };
    const observable = apollo.watchQuery<Page>({ query, variables });
    const subscription = observable.subscribe(() => undefined);
    // What the watching component renders: the cache's merged list under the query's own variables.
    const rendered = () => apollo.readQuery<Page>({ query, variables }) as Page;
    try {
      await observable.refetch();
      let pages = 1;
      for (let info = rendered().checkouts.pageInfo; direction === 'forward' ? info.hasNextPage : info.hasPreviousPage; info = rendered().checkouts.pageInfo) {
        await observable.fetchMore({ variables: direction === 'forward' ? { first: SIZE, after: info.endCursor } : { last: SIZE, before: info.startCursor } });
        if (++pages > 100) throw new Error('the walk did not end');
      }
      expect(pages).toBeGreaterThan(3);
      expectComplete(rendered().checkouts.edges);
    } finally {
      subscription.unsubscribe();
      apollo.stop();
    }
  });
});
