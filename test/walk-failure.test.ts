/**
 * Walk integrity end to end: the merged connection walked through yoga.fetch against the sandboxes while one provider
 * answers 503 (every retry included) for one page mid-walk, right after a cursor standing on its own edge, and, going
 * backward, on the very first page. The page cache is cleared right before the failing page, so that page really asks
 * the upstream. The walk must still deliver every checkout exactly once; the truth is each provider's own connection
 * walked to the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltInProviderName as ProviderName } from '../src/providers/registry.js';
import type { RunningSandbox } from '../src/sandbox/harness.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const PER_PROVIDER = 150;
const PAGE = 10;
const SANDBOX = { ZENSKAR: 'zenskar', STATESET: 'stateset', LEMON_SQUEEZY: 'lemonsqueezy' } as const;
const OWN_FIELD = { ZENSKAR: 'zenskarCheckouts', STATESET: 'stateSetCheckouts', LEMON_SQUEEZY: 'lemonSqueezyCheckouts' } as const;

interface Page {
  edges: { cursor: string; node: { provider: ProviderName; providerId: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  sources: { provider: ProviderName; status: string; error: { code: string } | null }[];
}

const MERGED = `query ($first: Int, $after: String, $last: Int, $before: String) {
  checkouts(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { provider providerId } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    sources { provider status error { code } }
  }
}`;

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ count: PER_PROVIDER });
});
afterAll(() => gw.close());

const sandbox = (p: ProviderName): RunningSandbox => gw.sandboxes[SANDBOX[p]];
/** Enough 503s for every attempt of one upstream request (the default 3 attempts). */
const fail503 = (p: ProviderName) => {
  gw.gateway.cache.clear();
  sandbox(p).knobs.faults.push(...Array.from({ length: 3 }, () => ({ kind: 'response' as const, response: { status: 503, body: { error: 'down' } } })));
};

async function merged(variables: Record<string, unknown>): Promise<{ page: Page; errors: { extensions?: Record<string, unknown> }[] }> {
  const result = await gw.query<{ checkouts: Page }>(MERGED, variables);
  expect(result.data?.checkouts).toBeTruthy();
  return { page: result.data!.checkouts, errors: (result.errors ?? []) as { extensions?: Record<string, unknown> }[] };
}

async function truth(): Promise<string[]> {
  const all: string[] = [];
  for (const p of Object.keys(OWN_FIELD) as ProviderName[]) {
    let after: string | null = null;
    for (;;) {
      const r: { data?: any } = await gw.query(
        `query ($after: String) { ${OWN_FIELD[p]}(first: 100, after: $after) { edges { node { providerId } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const connection: { edges: { node: { providerId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = r.data[OWN_FIELD[p]];
      all.push(...connection.edges.map((e) => `${p}:${e.node.providerId}`));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
  }
  return all;
}

function expectEachOnce(seen: string[], expected: string[]) {
  expect(seen.length).toBe(expected.length);
  expect(new Set(seen).size).toBe(seen.length);
  expect([...seen].sort()).toEqual([...expected].sort());
}

describe('a merged walk with a provider failing mid-walk', () => {
  it.each(['ZENSKAR', 'STATESET'] as ProviderName[])('forward: %s fails right after a cursor on its own edge; nothing is lost or repeated', async (failing) => {
    const expected = await truth();
    expect(expected.length).toBeGreaterThan(400);
    const seen: string[] = [];
    let after: string | null = null;
    let injected = false;
    let failedPages = 0;
    for (let pageNo = 0; ; pageNo++) {
      const lastEdge = seen.at(-1);
      if (!injected && pageNo >= 5 && lastEdge?.startsWith(`${failing}:`)) {
        fail503(failing);
        injected = true;
      }
      const { page, errors } = await merged({ first: PAGE, after });
      const failed = page.sources.filter((s) => s.status === 'FAILED');
      if (failed.length > 0) {
        failedPages++;
        expect(failed).toEqual([{ provider: failing, status: 'FAILED', error: { code: 'UPSTREAM_UNAVAILABLE' } }]);
        expect(errors.map((e) => [e.extensions?.code, e.extensions?.provider])).toEqual([['UPSTREAM_UNAVAILABLE', failing]]);
      }
      seen.push(...page.edges.map((e) => `${e.node.provider}:${e.node.providerId}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(injected).toBe(true);
    expect(failedPages).toBe(1);
    expectEachOnce(seen, expected);
  });

  it('backward: StateSet fails on the first page (before its end is located); its checkouts still come', async () => {
    const expected = await truth();
    fail503('STATESET');
    const seen: string[] = [];
    let before: string | null = null;
    let failedPages = 0;
    for (;;) {
      const { page } = await merged({ last: PAGE, before });
      if (page.sources.some((s) => s.status === 'FAILED')) failedPages++;
      seen.unshift(...page.edges.map((e) => `${e.node.provider}:${e.node.providerId}`));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(failedPages).toBe(1);
    expectEachOnce(seen, expected);
  });
});
