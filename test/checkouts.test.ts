/**
 * The merged `checkouts` connection end to end: yoga.fetch → pagination engine → provider adapters → sandboxes.
 * The truth is built independently: each provider's own connection walked to the end, then merged by brute force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltInProviderName as ProviderName } from '../src/providers/registry.js';
import { rankOf } from '../src/providers/registry.js';
import { graphql } from './gql/index.js';
import { createTestGateway, type TestGateway } from './helpers.js';

interface Node {
  id: string;
  provider: ProviderName;
  providerId: string;
  status: string;
  currency: string | null;
  email: string | null;
  createdAt: string;
}

const MERGED = graphql(`
  query Merged($first: Int, $after: String, $last: Int, $before: String, $filter: CheckoutFilter) {
    checkouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      sources { provider status circuit pagesRead error { code message } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id provider providerId status currency email createdAt } }
    }
  }
`);

const PER_PROVIDER = {
  ZENSKAR: graphql(`
    query ZenskarWalk($after: String) {
      conn: zenskarCheckouts(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { id provider providerId status currency email createdAt } }
      }
    }
  `),
  STATESET: graphql(`
    query StateSetWalk($after: String) {
      conn: stateSetCheckouts(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { id provider providerId status currency email createdAt } }
      }
    }
  `),
  LEMON_SQUEEZY: graphql(`
    query LemonSqueezyWalk($after: String) {
      conn: lemonSqueezyCheckouts(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { id provider providerId status currency email createdAt } }
      }
    }
  `),
};

type Filter = {
  providers?: ProviderName[];
  status?: string[];
  currency?: string[];
  email?: string;
  createdAfter?: string;
  createdBefore?: string;
};

function matches(filter: Filter, n: Node): boolean {
  if (filter.providers && !filter.providers.includes(n.provider)) return false;
  if (filter.status && !filter.status.includes(n.status)) return false;
  if (filter.currency && !(n.currency && filter.currency.includes(n.currency))) return false;
  if (filter.email && n.email?.toLowerCase() !== filter.email.toLowerCase()) return false;
  if (filter.createdAfter && !(n.createdAt > filter.createdAfter)) return false;
  if (filter.createdBefore && !(n.createdAt < filter.createdBefore)) return false;
  return true;
}

describe('merged checkouts connection', () => {
  let gw: TestGateway;
  let perProvider: Record<ProviderName, Node[]>;
  let all: Node[];

  const truth = (filter: Filter = {}) => all.filter((n) => matches(filter, n)).map((n) => n.id);

  async function walk(filter: Filter, size: number, direction: 'forward' | 'backward' = 'forward') {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 500; guard++) {
      const variables: Record<string, unknown> = direction === 'forward' ? { first: size, after: cursor, filter } : { last: size, before: cursor, filter };
      const { data, errors }: { data?: any; errors?: unknown } = await gw.query(MERGED, variables);
      expect(errors).toBeUndefined();
      const conn: any = data!.checkouts;
      const ids = conn.edges.map((e: { node: Node }) => e.node.id);
      if (direction === 'forward') seen.push(...ids);
      else seen.unshift(...ids);
      const more = direction === 'forward' ? conn.pageInfo.hasNextPage : conn.pageInfo.hasPreviousPage;
      if (!more) return seen;
      cursor = direction === 'forward' ? conn.pageInfo.endCursor : conn.pageInfo.startCursor;
    }
    throw new Error('walk did not end');
  }

  beforeAll(async () => {
    gw = await createTestGateway({ count: 180 });
    perProvider = {} as Record<ProviderName, Node[]>;
    for (const provider of ['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'] as ProviderName[]) {
      const nodes: Node[] = [];
      let after: string | null = null;
      for (;;) {
        const { data, errors }: { data?: any; errors?: unknown } = await gw.query(PER_PROVIDER[provider], { after });
        expect(errors).toBeUndefined();
        nodes.push(...data.conn.edges.map((e: { node: Node }) => e.node));
        if (!data.conn.pageInfo.hasNextPage) break;
        after = data.conn.pageInfo.endCursor;
      }
      perProvider[provider] = nodes;
    }
    all = (['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'] as ProviderName[])
      .flatMap((p) => perProvider[p].map((node, index) => ({ node, index })))
      .sort(
        (a, b) =>
          (a.node.createdAt < b.node.createdAt ? 1 : a.node.createdAt > b.node.createdAt ? -1 : 0) ||
          rankOf(a.node.provider) - rankOf(b.node.provider) ||
          a.index - b.index,
      )
      .map(({ node }) => node);
  }, 60_000);

  afterAll(() => gw?.close());

  it('has data from all three providers, with cross-provider timestamp ties', () => {
    // Zenskar hides its soft-deleted sessions, so it lists slightly fewer than were seeded.
    expect(perProvider.ZENSKAR.length).toBeGreaterThan(160);
    expect(perProvider.STATESET.length).toBe(180);
    expect(perProvider.LEMON_SQUEEZY.length).toBe(180);
    const instants = new Map<string, Set<ProviderName>>();
    for (const node of all) instants.set(node.createdAt, (instants.get(node.createdAt) ?? new Set()).add(node.provider));
    expect([...instants.values()].some((providers) => providers.size > 1)).toBe(true);
  });

  it('walks forward and backward in the documented order, every checkout exactly once', async () => {
    expect(await walk({}, 37)).toEqual(truth());
    expect(await walk({}, 23, 'backward')).toEqual(truth());
  });

  it('costs one upstream request per provider for a first page', async () => {
    const fresh = await createTestGateway({ count: 180 });
    try {
      const { data } = await fresh.query(MERGED, { first: 20 });
      expect(data!.checkouts.edges).toHaveLength(20);
      expect(data!.checkouts.totalCount).toBe(all.length);
      for (const sandbox of [fresh.sandboxes.zenskar, fresh.sandboxes.stateset, fresh.sandboxes.lemonsqueezy]) {
        expect(sandbox.log).toHaveLength(1);
      }
    } finally {
      await fresh.close();
    }
  });

  it('walks the whole list with about Σ⌈n/100⌉ upstream requests and no over-fetch', async () => {
    const fresh = await createTestGateway({ count: 450 });
    try {
      let cursor: string | null = null;
      let returned = 0;
      let total = 0;
      for (;;) {
        const { data }: { data?: any } = await fresh.query(MERGED, { first: 20, after: cursor });
        total ||= data!.checkouts.totalCount;
        returned += data!.checkouts.edges.length;
        if (!data!.checkouts.pageInfo.hasNextPage) break;
        cursor = data!.checkouts.pageInfo.endCursor;
      }
      const logs = [fresh.sandboxes.zenskar.log, fresh.sandboxes.stateset.log, fresh.sandboxes.lemonsqueezy.log];
      const requests = logs.reduce((sum, log) => sum + log.length, 0);
      const fetched = logs.flat().reduce((sum, r) => sum + (r.items ?? 0), 0);
      expect(total).toBeGreaterThan(1300);
      expect(returned).toBe(total);
      // Each provider's first page is a short one (page size + 1 items) on top of the full pages of the walk.
      expect((requests - 3) / (3 * Math.ceil(450 / 100))).toBeLessThanOrEqual(1.1);
      expect(fetched / returned).toBeLessThanOrEqual(1.05);
    } finally {
      await fresh.close();
    }
  });

  it('resumes from any edge cursor, not only endCursor', async () => {
    const { data } = await gw.query(MERGED, { first: 50 });
    const expected = truth();
    for (const index of [0, 17, 49]) {
      const edge = data!.checkouts.edges[index];
      const next = await gw.query(MERGED, { first: 5, after: edge!.cursor });
      expect(next.data!.checkouts.edges.map((e: { node: Node }) => e.node.id)).toEqual(expected.slice(index + 1, index + 6));
      const prev = await gw.query(MERGED, { last: 5, before: edge!.cursor });
      expect(prev.data!.checkouts.edges.map((e: { node: Node }) => e.node.id)).toEqual(expected.slice(Math.max(0, index - 5), index));
      expect(prev.data!.checkouts.pageInfo.hasPreviousPage).toBe(index > 5);
      expect(prev.data!.checkouts.pageInfo.hasNextPage).toBe(true);
    }
  });

  it('applies every filter, alone and combined, exactly in both directions', async () => {
    const sample = all.find((n) => n.email && n.provider === 'STATESET') as Node;
    const lemonEmail = all.find((n) => n.email && n.provider === 'LEMON_SQUEEZY') as Node;
    const middle = all[Math.floor(all.length / 2)] as Node;
    const late = all[Math.floor(all.length / 5)] as Node;
    const filters: Filter[] = [
      { status: ['OPEN'] },
      { status: ['COMPLETED', 'CANCELLED'] },
      { status: ['EXPIRED'] },
      { currency: ['USD'] },
      { currency: ['EUR', 'GBP'] },
      { email: sample.email!.toUpperCase() },
      { email: lemonEmail.email! },
      { createdAfter: middle.createdAt },
      { createdBefore: middle.createdAt },
      { createdAfter: middle.createdAt, createdBefore: late.createdAt },
      { providers: ['LEMON_SQUEEZY', 'ZENSKAR'], status: ['OPEN'] },
      { providers: ['STATESET'], currency: ['USD'], createdBefore: middle.createdAt },
      { status: ['OPEN', 'PROCESSING'], currency: ['USD', 'EUR'], createdAfter: all[all.length - 1]!.createdAt },
    ];
    for (const filter of filters) {
      const expected = truth(filter);
      expect(await walk(filter, 29), JSON.stringify(filter)).toEqual(expected);
      expect(await walk(filter, 41, 'backward'), JSON.stringify(filter)).toEqual(expected);
    }
  }, 120_000);

  it('gives an exact totalCount or null, never a guess', async () => {
    const everything = await gw.query(MERGED, { first: 1 });
    expect(everything.data!.checkouts.totalCount).toBe(all.length);
    const native = await gw.query(MERGED, { first: 1, filter: { providers: ['ZENSKAR', 'STATESET'], createdAfter: all[100]!.createdAt } });
    expect(native.data!.checkouts.totalCount).toBe(truth({ providers: ['ZENSKAR', 'STATESET'], createdAfter: all[100]!.createdAt }).length);
    const gatewaySide = await gw.query(MERGED, { first: 1, filter: { status: ['OPEN'] } });
    expect(gatewaySide.data!.checkouts.totalCount).toBeNull();
  });

  it('pushes filters down to the upstreams that filter natively', async () => {
    const fresh = await createTestGateway({ count: 60 });
    try {
      await fresh.query(MERGED, { first: 5, filter: { status: ['COMPLETED'], currency: ['USD'], createdAfter: '2025-01-01T00:00:00Z' } });
      const zenskar = fresh.sandboxes.zenskar.log[0]!.query;
      expect(zenskar.get('checkout_session_status__in')).toBe('completed');
      expect(zenskar.get('currency__in')).toBe('USD');
      expect(zenskar.get('created_at__gt')).toMatch(/^2025-01-01T00:00:00/);
      const stateset = fresh.sandboxes.stateset.log[0]!.query;
      expect(stateset.get('status')).toBe('completed');
      expect(stateset.get('created_after')).toMatch(/^2025-01-01T00:00:00/);
    } finally {
      await fresh.close();
    }
  });

  it('rejects bad arguments and foreign cursors with BAD_USER_INPUT', async () => {
    const { data } = await gw.query(MERGED, { first: 2 });
    const cursor = data!.checkouts.pageInfo.endCursor as string;
    const bad: Record<string, unknown>[] = [
      { first: 2, last: 2 },
      { first: -1 },
      { first: 101 },
      { last: 500 },
      { first: 2, after: cursor, filter: { status: ['OPEN'] } },
      { first: 2, after: `${cursor.slice(0, -3)}abc` },
      { first: 2, after: cursor.slice(0, 20) },
      { first: 2, after: 'garbage!' },
      { first: 2, filter: { currency: ['dollars'] } },
      { first: 2, filter: { createdAfter: 'yesterday' } },
      // A time without a zone, or a date alone, could mean any zone's: not guessed.
      { first: 2, filter: { createdAfter: '2024-01-01T00:00:00' } },
      { first: 2, filter: { createdAfter: '2024-01-01' } },
    ];
    for (const variables of bad) {
      const response = await gw.query(MERGED, variables);
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('reads filter values that normalise without ambiguity: currency codes in any case', async () => {
    const page = (variables: Record<string, unknown>) => gw.query(MERGED, variables);
    const [lower, upper] = await Promise.all([
      page({ first: 5, filter: { currency: ['usd', ' eur '] } }),
      page({ first: 5, filter: { currency: ['USD', 'EUR'] } }),
    ]);
    expect(lower.errors).toBeUndefined();
    expect(lower.data).toEqual(upper.data);
    expect(lower.data?.checkouts.edges.length).toBeGreaterThan(0);
  });

  it('serves the healthy providers when one fails, and retries it on the next page', async () => {
    // Three 503s: the first answer and both retries fail.
    for (let i = 0; i < 3; i++) {
      gw.sandboxes.stateset.knobs.faults.push({
        kind: 'response',
        response: { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'down' } } },
      });
    }
    const filter = { createdBefore: all[3]!.createdAt }; // a fresh query, so nothing is cached
    const first = await gw.query(MERGED, { first: 10, filter });
    expect(first.data!.checkouts.edges.length).toBe(10);
    expect(first.data!.checkouts.edges.every((e: { node: Node }) => e.node.provider !== 'STATESET')).toBe(true);
    expect(first.errors).toHaveLength(1);
    expect(first.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'STATESET' });
    expect(first.errors![0]!.path).toEqual(['checkouts']);
    const stateset = first.data!.checkouts.sources.find((s: { provider: string }) => s.provider === 'STATESET');
    expect(stateset).toMatchObject({ status: 'FAILED', error: { code: 'UPSTREAM_UNAVAILABLE' } });
    const next = await gw.query(MERGED, { first: 10, after: first.data!.checkouts.pageInfo.endCursor, filter });
    expect(next.errors).toBeUndefined();
    const expectedStateSet = truth({ ...filter, providers: ['STATESET'] });
    const stateSetIds = next.data!.checkouts.edges.filter((e: { node: Node }) => e.node.provider === 'STATESET').map((e: { node: Node }) => e.node.id);
    expect(stateSetIds.length).toBeGreaterThan(0);
    expect(stateSetIds).toEqual(expectedStateSet.slice(0, stateSetIds.length));
  });

  it('round-trips global ids through node and nodes, batched per provider', async () => {
    const { data } = await gw.query(MERGED, { first: 30 });
    const nodes: Node[] = data!.checkouts.edges.map((e: { node: Node }) => e.node);
    const ids = nodes.map((n) => n.id);
    const one = await gw.query(`query($id: ID!) { node(id: $id) { id ... on Checkout { providerId provider } } }`, { id: ids[0] });
    expect(one.data.node).toMatchObject({ id: ids[0], providerId: nodes[0]!.providerId });
    const many = await gw.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Checkout { providerId } } }`, { ids });
    expect(many.errors).toBeUndefined();
    expect(many.data.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
    const malformed = await gw.query(`query { node(id: "%%%") { id } }`);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = await gw.query(`query($id: ID!) { node(id: $id) { id } }`, { id: Buffer.from('User:1').toString('base64') });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await gw.query(`query($id: ID!) { node(id: $id) { id } }`, {
      id: Buffer.from('StateSetCheckout:checkout_doesnotexist00').toString('base64'),
    });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.node).toBeNull();
  });
});
