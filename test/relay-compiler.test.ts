/**
 * Relay clients: relay-compiler (its native binary, from the npm package) compiles `@connection` and `@refetchable`
 * documents against the committed schema/schema.graphql, in a temporary project. Relay is the strictest client about
 * connection shape (edges/node/cursor, pageInfo) and needs `Query.node` for refetchable fragments on a Node type.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const COMPILER = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
const SCHEMA = resolve(import.meta.dirname, '../schema/schema.graphql');

const DOCUMENTS = `
import { graphql } from 'relay-runtime';

export const feedQuery = graphql\`
  query FeedQuery($first: Int, $after: String, $filter: CheckoutFilter) {
    ...Feed_query @arguments(first: $first, after: $after, filter: $filter)
  }
\`;

export const feed = graphql\`
  fragment Feed_query on Query
  @refetchable(queryName: "FeedPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }, filter: { type: "CheckoutFilter" }) {
    checkouts(first: $first, after: $after, filter: $filter) @connection(key: "Feed_checkouts", filters: ["filter"]) {
      totalCount
      edges { node { id provider status createdAt total { amount currency } ...Card_checkout } }
    }
  }
\`;

export const backwardFeed = graphql\`
  fragment BackwardFeed_query on Query
  @refetchable(queryName: "BackwardFeedPaginationQuery")
  @argumentDefinitions(last: { type: "Int", defaultValue: 20 }, before: { type: "String" }) {
    lemonSqueezyCheckouts(last: $last, before: $before) @connection(key: "BackwardFeed_lemonSqueezyCheckouts") {
      edges { node { id providerId } }
    }
  }
\`;

export const card = graphql\`
  fragment Card_checkout on Checkout @refetchable(queryName: "CardRefetchQuery") {
    id
    email
    ... on ZenskarCheckout { paymentStatus }
    ... on LemonSqueezyCheckout { url }
  }
\`;
`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function compile(documents: string): Promise<{ ok: boolean; output: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'checkout-graph-relay-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'src', '__generated__'), { recursive: true });
  writeFileSync(join(dir, 'src', 'documents.ts'), documents);
  writeFileSync(
    join(dir, 'relay.config.json'),
    JSON.stringify({ src: './src', schema: SCHEMA, language: 'typescript', artifactDirectory: './src/__generated__' }),
  );
  try {
    const { stdout, stderr } = await run(process.execPath, [COMPILER], { cwd: dir, timeout: 60_000 });
    return { ok: true, output: stdout + stderr, dir };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`, dir };
  }
}

describe('relay-compiler against schema/schema.graphql', () => {
  it('compiles @connection (forward and backward) and @refetchable (on Query and on the Checkout interface)', async () => {
    const { ok, output, dir } = await compile(DOCUMENTS);
    expect(ok, output).toBe(true);
    for (const artifact of ['FeedQuery', 'FeedPaginationQuery', 'BackwardFeedPaginationQuery', 'CardRefetchQuery', 'Feed_query', 'Card_checkout']) {
      expect(existsSync(join(dir, 'src', '__generated__', `${artifact}.graphql.ts`)), artifact).toBe(true);
    }
  }, 90_000);

  it('refuses a connection the schema does not have (so the test above can fail)', async () => {
    const broken = DOCUMENTS.replace('checkouts(first: $first', 'noSuchCheckouts(first: $first');
    const { ok, output } = await compile(broken);
    expect(ok).toBe(false);
    expect(output).toContain('noSuchCheckouts');
  }, 90_000);
});
