/**
 * The provider registry end to end: a fourth provider, built only for this test (an in-memory upstream through the
 * same adapter port, with its own GraphQL type), is added through `registerProvider` alone; the merged connection then
 * walks four providers exactly, forward and backward. Cursors issued by a three-provider gateway resume on gateways
 * where a provider has been enabled or disabled since, as documented in the README ("Adding a provider").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/gateway.js';
import { DEFAULT_TIMEOUTS } from '../src/http/client.js';
import { createLogger } from '../src/logger.js';
import { providerNames, rankOf, registerProvider } from '../src/providers/registry.js';
import { startSandboxes, type Sandboxes } from '../src/sandbox/start-all.js';
import { DEFAULT_SECURITY } from '../src/security/options.js';
import { TEST_CURSOR_SECRET } from './helpers.js';
import { MEMORY, memory, type MemoryCheckout, type MemoryConfig } from './registry/memory-provider.js';

// The one thing that adds the provider: before anything has read the registry.
registerProvider(memory);

const OWN = { ZENSKAR: 'zenskarCheckouts', STATESET: 'stateSetCheckouts', LEMON_SQUEEZY: 'lemonSqueezyCheckouts' } as const;
const PAGE = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const MERGED = `query ($first: Int, $after: String, $last: Int, $before: String, $filter: CheckoutFilter) {
  checkouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount ${PAGE}
    sources { provider status }
    edges { cursor node { id provider providerId status createdAt ... on MemoryCheckout { label } } }
  }
}`;

interface Edge {
  cursor: string;
  node: { id: string; provider: string; providerId: string; status: string; createdAt: string; label?: string };
}
interface Page {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  sources: { provider: string; status: string }[];
  edges: Edge[];
}

let sandboxes: Sandboxes;
const gateways: Gateway[] = [];
/** Every provider's items in its own order: the built-ins walked through their own connections, the memory one as held. */
const own = new Map<string, { provider: string; providerId: string; createdAt: string; status: string }[]>();

function gatewayWith(keys: string[]): Gateway {
  const configs = sandboxes.configs as unknown as Record<string, unknown>;
  const gateway = createGateway(
    {
      ...Object.fromEntries(keys.map((key) => [key, configs[key]])),
      cursorSecret: TEST_CURSOR_SECRET,
      cacheTtlMs: 30_000,
      cacheMaxEntries: 10_000,
      maxScanPages: 10,
      timeouts: DEFAULT_TIMEOUTS,
      security: DEFAULT_SECURITY,
    },
    createLogger('silent'),
  );
  gateways.push(gateway);
  return gateway;
}

async function query<T>(gateway: Gateway, text: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await gateway.app.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: text, variables }),
  });
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

async function page(gateway: Gateway, variables: Record<string, unknown>): Promise<Page> {
  const result = await query<{ checkouts: Page }>(gateway, MERGED, variables);
  expect(result.errors).toBeUndefined();
  return result.data?.checkouts as Page;
}

/** The brute-force truth: every item of `providers`, sorted by createdAt descending, registry rank, own order. */
function truth(providers: string[], keep: (item: { status: string; createdAt: string }) => boolean = () => true): string[] {
  return providers
    .flatMap((provider) => (own.get(provider) ?? []).map((item, index) => ({ item, index })))
    .filter(({ item }) => keep(item))
    .sort(
      (a, b) =>
        (a.item.createdAt < b.item.createdAt ? 1 : a.item.createdAt > b.item.createdAt ? -1 : 0) ||
        rankOf(a.item.provider) - rankOf(b.item.provider) ||
        a.index - b.index,
    )
    .map(({ item }) => `${item.provider}:${item.providerId}`);
}

const key = (edge: Edge) => `${edge.node.provider}:${edge.node.providerId}`;

async function walkForward(gateway: Gateway, size: number, filter?: unknown, after: string | null = null): Promise<string[]> {
  const seen: string[] = [];
  for (let cursor = after, n = 0; n < 500; n++) {
    const p = await page(gateway, { first: size, after: cursor, filter });
    seen.push(...p.edges.map(key));
    if (!p.pageInfo.hasNextPage) return seen;
    cursor = p.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

async function walkBackward(gateway: Gateway, size: number, filter?: unknown): Promise<string[]> {
  const seen: string[] = [];
  for (let cursor: string | null = null, n = 0; n < 500; n++) {
    const p = await page(gateway, { last: size, before: cursor, filter });
    seen.unshift(...p.edges.map(key));
    if (!p.pageInfo.hasPreviousPage) return seen;
    cursor = p.pageInfo.startCursor;
  }
  throw new Error('walk did not end');
}

beforeAll(async () => {
  sandboxes = await startSandboxes({ count: 45, seed: 11 });
  const builtIn = gatewayWith(['zenskar', 'stateset', 'lemonsqueezy']);
  for (const [provider, field] of Object.entries(OWN)) {
    const items: { provider: string; providerId: string; createdAt: string; status: string }[] = [];
    for (let after: string | null = null; ; ) {
      const result: {
        data?: Record<
          string,
          { edges: { node: { providerId: string; createdAt: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
        >;
      } = await query(
        builtIn,
        `query ($after: String) { c: ${field}(first: 100, after: $after) { edges { node { providerId createdAt status } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const connection = result.data?.c;
      if (!connection) throw new Error(`no ${field}`);
      items.push(...connection.edges.map((e) => ({ provider, ...e.node })));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    own.set(provider, items);
  }
  // The memory provider's checkouts share instants with the others' (ties broken by registry rank) and fall between them.
  const others = [...own.values()]
    .flat()
    .map((item) => item.createdAt)
    .sort()
    .reverse();
  const checkouts: MemoryCheckout[] = others
    .filter((_, i) => i % 3 === 0)
    .map((createdAt, i) => ({
      provider: MEMORY,
      providerId: `mem_${String(i).padStart(4, '0')}`,
      status: i % 4 === 0 ? 'COMPLETED' : 'OPEN',
      providerStatus: i % 4 === 0 ? 'done' : 'open',
      currency: 'EUR',
      email: null,
      total: null,
      createdAt,
      updatedAt: createdAt,
      raw: { label: `memory ${i}` },
    }));
  (sandboxes.configs as unknown as Record<string, MemoryConfig>).memory = { checkouts, pageSize: 7, mode: 'after-id' };
  own.set(MEMORY, checkouts);
}, 60_000);

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await sandboxes?.close();
});

describe('a fourth provider added through the registry alone', () => {
  it('is part of the schema: last in tie-break order, an enum value, its own type behind Checkout and node(id)', async () => {
    expect(providerNames()).toEqual(['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY', MEMORY]);
    const gateway = gatewayWith(['zenskar', 'stateset', 'lemonsqueezy', 'memory']);
    const enumValues = await query<{ __type: { enumValues: { name: string }[] } }>(gateway, '{ __type(name: "CheckoutProvider") { enumValues { name } } }');
    expect(enumValues.data?.__type.enumValues.map((v) => v.name).sort()).toEqual(['LEMON_SQUEEZY', MEMORY, 'STATESET', 'ZENSKAR']);
    const first = await page(gateway, { first: 50, filter: { providers: [MEMORY] } });
    const node = first.edges[0]?.node;
    expect(node).toMatchObject({ provider: MEMORY, providerId: 'mem_0000', label: 'memory 0' });
    const again = await query<{ node: { providerId: string; label: string } }>(
      gateway,
      'query ($id: ID!) { node(id: $id) { ... on MemoryCheckout { providerId label } } }',
      { id: node?.id },
    );
    expect(again.data?.node).toEqual({ providerId: 'mem_0000', label: 'memory 0' });
  });

  it('walks the merged connection over four providers exactly, forward and backward', async () => {
    const gateway = gatewayWith(['zenskar', 'stateset', 'lemonsqueezy', 'memory']);
    const expected = truth(providerNames());
    expect(new Set(expected.map((k) => k.split(':')[0])).size).toBe(4);
    const whole = await page(gateway, { first: 1 });
    expect(whole.totalCount).toBe(expected.length);
    expect(whole.sources.map((s) => s.provider)).toEqual(providerNames());
    expect(await walkForward(gateway, 13)).toEqual(expected);
    expect(await walkBackward(gateway, 11)).toEqual(expected);
  });

  it('walks a filtered four-provider list exactly (the memory provider filters in the gateway)', async () => {
    const gateway = gatewayWith(['zenskar', 'stateset', 'lemonsqueezy', 'memory']);
    const filter = { status: ['COMPLETED'] };
    const expected = truth(providerNames(), (item) => item.status === 'COMPLETED');
    expect(expected.some((k) => k.startsWith(`${MEMORY}:`))).toBe(true);
    expect(await walkForward(gateway, 9, filter)).toEqual(expected);
    expect(await walkBackward(gateway, 9, filter)).toEqual(expected);
  });
});

describe('outstanding cursors when the set of providers changes', () => {
  const threeProviders = ['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'];

  it('resume a three-provider walk after a fourth is enabled: the walk stays the one it was (the new provider is not in it)', async () => {
    const before = gatewayWith(['zenskar', 'stateset', 'lemonsqueezy']);
    const expected = truth(threeProviders);
    const start = await page(before, { first: 10 });
    expect(start.edges.map(key)).toEqual(expected.slice(0, 10));
    const after = gatewayWith(['zenskar', 'stateset', 'lemonsqueezy', 'memory']);
    expect(await walkForward(after, 12, undefined, start.pageInfo.endCursor)).toEqual(expected.slice(10));
    // A new walk includes it.
    expect((await page(after, { first: 100 })).edges.some((e) => e.node.provider === MEMORY)).toBe(true);
  });

  it('resume a three-provider walk after one is disabled: the rest of the walk without that provider', async () => {
    const before = gatewayWith(['zenskar', 'stateset', 'lemonsqueezy']);
    const expected = truth(threeProviders);
    const start = await page(before, { first: 25 });
    const after = gatewayWith(['zenskar', 'lemonsqueezy']);
    const rest = await walkForward(after, 12, undefined, start.pageInfo.endCursor);
    expect(rest).toEqual(expected.slice(25).filter((k) => !k.startsWith('STATESET:')));
    // Backward from the same cursor: what came before it, without the disabled provider.
    const back = await page(after, { last: 100, before: start.pageInfo.endCursor });
    expect(back.edges.map(key)).toEqual(expected.slice(0, 24).filter((k) => !k.startsWith('STATESET:')));
  });

  it('resume after the edge provider itself is disabled', async () => {
    const before = gatewayWith(['zenskar', 'stateset', 'lemonsqueezy']);
    const expected = truth(threeProviders);
    const start = await page(before, { first: 40 });
    const edgeProvider = start.edges.at(-1)?.node.provider as string;
    const keys = { ZENSKAR: 'zenskar', STATESET: 'stateset', LEMON_SQUEEZY: 'lemonsqueezy' } as Record<string, string>;
    const after = gatewayWith(
      Object.entries(keys)
        .filter(([name]) => name !== edgeProvider)
        .map(([, k]) => k),
    );
    const rest = await walkForward(after, 15, undefined, start.pageInfo.endCursor);
    expect(rest).toEqual(expected.slice(40).filter((k) => !k.startsWith(`${edgeProvider}:`)));
  });
});
