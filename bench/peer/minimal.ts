/**
 * The minimal peer: a bare graphql-yoga with one resolver that sends the list request to StateSet over an undici Pool
 * and hands back the decoded body (`body.json()`), no validation, mapping, cursors or security plugins. Its schema
 * is the slice of Hive Gateway's (bench/peer/hive.ts) that the peer query reads, so both answer the same document.
 * It is the floor for what any GraphQL layer over this endpoint costs.
 */
import type { RequestListener } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { Pool } from 'undici';
import type { StateSetConfig } from '../../src/providers/stateset/config.js';

// DateTime as Hive's OpenAPI source types `created_before`, so one document serves both; passed through verbatim.
const typeDefs = /* GraphQL */ `
  scalar DateTime
  type Query { listCheckouts(limit: Int, created_before: DateTime): CheckoutList }
  type CheckoutList { data: [Checkout!]! has_more: Boolean! total_count: Int! }
  type Checkout { id: ID! status: String currency: String created_at: String updated_at: String buyer: Buyer }
  type Buyer { email: String first_name: String last_name: String }
`;

export function createMinimalGateway(stateset: StateSetConfig): { handler: RequestListener; close(): Promise<void> } {
  const base = new URL(stateset.baseUrl);
  const pool = new Pool(base.origin, { connections: 32, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = { authorization: `Bearer ${stateset.apiKey}`, accept: 'application/json' };
  const basePath = base.pathname.replace(/\/+$/, '');
  const yoga = createYoga({
    logging: false,
    schema: createSchema({
      typeDefs,
      resolvers: {
        Query: {
          listCheckouts: async (_: unknown, args: { limit?: number | null; created_before?: string | null }) => {
            const query = new URLSearchParams({ limit: String(args.limit ?? 20) });
            if (args.created_before) query.set('created_before', args.created_before);
            const response = await pool.request({ path: `${basePath}/checkouts?${query}`, method: 'GET', headers });
            if (response.statusCode !== 200) {
              await response.body.dump();
              throw new Error(`StateSet answered ${response.statusCode}`);
            }
            return response.body.json();
          },
        },
      },
    }),
  });
  return { handler: yoga as unknown as RequestListener, close: () => pool.close() };
}
