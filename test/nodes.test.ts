/**
 * `nodes(ids:)` end to end against the sandboxes: the list is capped (MAX_NODE_IDS) before any upstream is asked,
 * priced per id by the cost limit, looked up with the same bounded concurrency for every provider, and a failed lookup
 * fails its own id only.
 */
import fc from 'fast-check';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOKUP_CONCURRENCY } from '../src/providers/lookup.js';
import type { RunningSandbox } from '../src/sandbox/harness.js';
import { getSchema } from '../src/schema/index.js';
import { operationCost } from '../src/security/cost.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const NODES = 'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Checkout { provider providerId } } }';
const OWN = { LEMON_SQUEEZY: 'lemonSqueezyCheckouts', STATESET: 'stateSetCheckouts', ZENSKAR: 'zenskarCheckouts' } as const;
type Provider = keyof typeof OWN;

async function idsOf(gw: TestGateway, provider: Provider, count: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < count) {
    const page: any = await gw.query(
      `query($n: Int, $after: String) { c: ${OWN[provider]}(first: $n, after: $after) { pageInfo { endCursor } edges { node { id } } } }`,
      {
        n: Math.min(100, count - ids.length),
        after,
      },
    );
    expect(page.errors).toBeUndefined();
    ids.push(...page.data.c.edges.map((e: { node: { id: string } }) => e.node.id));
    after = page.data.c.pageInfo.endCursor;
  }
  return ids.slice(0, count);
}

describe('nodes(ids:)', () => {
  let gw: TestGateway;
  const ids = {} as Record<Provider, string[]>;
  const sandbox = (p: Provider): RunningSandbox => gw.sandboxes[p === 'LEMON_SQUEEZY' ? 'lemonsqueezy' : p === 'STATESET' ? 'stateset' : 'zenskar'];

  beforeAll(async () => {
    // No page cache: every lookup below reaches its upstream, so requests can be counted.
    gw = await createTestGateway({ count: 130, cacheTtlMs: 0 });
    for (const p of Object.keys(OWN) as Provider[]) ids[p] = await idsOf(gw, p, 101);
  });
  afterAll(() => gw?.close());

  it('takes at most 100 ids by default: 101 is BAD_USER_INPUT, refused before any upstream request', async () => {
    const before = sandbox('LEMON_SQUEEZY').log.length;
    const refused = await gw.query(NODES, { ids: ids.LEMON_SQUEEZY });
    expect(refused.data).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]).toMatchObject({ path: ['nodes'], extensions: { code: 'BAD_USER_INPUT', maxNodeIds: 100 } });
    expect(sandbox('LEMON_SQUEEZY').log.length).toBe(before);
  });

  it.each(['LEMON_SQUEEZY', 'STATESET'] as const)('%s: 100 ids are served with at most LOOKUP_CONCURRENCY requests in flight', async (p) => {
    const asked = ids[p].slice(0, 100);
    const before = sandbox(p).log.length;
    sandbox(p).knobs.latencyMs = 15;
    try {
      const answer = await gw.query(NODES, { ids: asked });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.nodes.map((n: { id: string }) => n.id)).toEqual(asked);
    } finally {
      sandbox(p).knobs.latencyMs = 0;
    }
    expect(sandbox(p).log.length - before).toBe(100);
    expect(sandbox(p).maxInFlight).toBeLessThanOrEqual(LOOKUP_CONCURRENCY);
    expect(sandbox(p).maxInFlight).toBeGreaterThan(1);
  });

  it('Zenskar answers 100 ids in one batched request', async () => {
    const before = sandbox('ZENSKAR').log.length;
    const answer = await gw.query(NODES, { ids: ids.ZENSKAR.slice(0, 100) });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.nodes.every((n: unknown) => n !== null)).toBe(true);
    expect(sandbox('ZENSKAR').log.length - before).toBe(1);
  });

  it.each(['LEMON_SQUEEZY', 'STATESET'] as const)('%s: a failed lookup nulls its own id with its UPSTREAM_* error; the others are served', async (p) => {
    const asked = [...ids[p].slice(0, 5), ids.ZENSKAR[0] as string];
    sandbox(p).knobs.faults.push({ kind: 'response', response: { status: 500, body: { error: 'boom' } } });
    const answer = await gw.query(NODES, { ids: asked });
    const failed = answer.data.nodes.flatMap((n: unknown, i: number) => (n === null ? [i] : []));
    expect(failed).toHaveLength(1);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]).toMatchObject({ path: ['nodes', failed[0]], extensions: { code: 'UPSTREAM_UNAVAILABLE', provider: p } });
    asked.forEach((id, i) => {
      if (i !== failed[0]) expect(answer.data.nodes[i].id).toBe(id);
    });
  });
});

describe('nodes(ids:) limits', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway({ count: 20, security: { limits: { maxNodeIds: 4, maxCost: 20 } } });
  });
  afterAll(() => gw?.close());

  it('MAX_NODE_IDS is configurable', async () => {
    const ids = await idsOf(gw, 'STATESET', 5);
    expect((await gw.query(NODES, { ids: ids.slice(0, 4) })).errors).toBeUndefined();
    const refused = await gw.query(NODES, { ids });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxNodeIds: 4 });
  });

  it('the cost limit prices every id: each is one object fetched', async () => {
    const ids = await idsOf(gw, 'STATESET', 4);
    // 1 + 4 × (1 + total 1) = 9 each: twice 18 ≤ 20, three times 27 > 20.
    const aliased = (n: number) =>
      `query($ids: [ID!]!) { ${Array.from({ length: n }, (_, i) => `a${i}: nodes(ids: $ids) { id ... on Checkout { total { amount } } }`).join(' ')} }`;
    expect((await gw.query(aliased(2), { ids })).errors).toBeUndefined();
    const refused = await gw.query(aliased(3), { ids });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: 27, maxCost: 20 });
  });
});

describe('operationCost of nodes', () => {
  it('is 1 + per id (1 + the selection), ids past the cap counted at the cap, from literals or variables', () => {
    const cost = (document: string, variables?: Record<string, unknown>) =>
      operationCost({ schema: getSchema(), document: parse(document), variables, defaultPageSize: 20, maxPageSize: 100, maxIds: 100 });
    fc.assert(
      fc.property(fc.nat(300), fc.boolean(), (n, deep) => {
        const list = Array.from({ length: n }, (_, i) => `"id${i}"`);
        const selection = deep ? '{ id ... on Checkout { total { amount } } }' : '{ id }';
        const expected = 1 + Math.min(n, 100) * (deep ? 2 : 1);
        expect(cost(`{ nodes(ids: [${list.join(',')}]) ${selection} }`)).toBe(expected);
        expect(cost(`query($ids: [ID!]!) { nodes(ids: $ids) ${selection} }`, { ids: list.map((s) => JSON.parse(s)) })).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});
