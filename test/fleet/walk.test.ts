/**
 * Three gateway instances (in-process, each with its own page cache, quotas and Redis connection, each behind its own
 * HTTP server) share one Redis and one set of sandboxes. A merged walk that sends each page to the next instance in
 * turn is exact both ways, and costs about the upstream requests of one instance, because pages one instance fetched
 * are served to the others from Redis.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/start-all.js';
import { assertCoded, startFleet, upstreamRequests, type Instance } from './fleet.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  checkouts(first: $first, after: $after, last: $last, before: $before) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { id createdAt } }
  }
}`;
const OWN = (field: string) => `query($after: String) { conn: ${field}(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { id provider createdAt } } } }`;
const RANK = { ZENSKAR: 0, STATESET: 1, LEMON_SQUEEZY: 2 } as const;

type Walk = { ids: string[]; pages: number };

async function walk(instances: Instance[], direction: 'forward' | 'backward', size: number): Promise<Walk> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    const instance = instances[page % instances.length]!;
    const variables: Record<string, unknown> = direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
    const answer: { status: number; data?: any; errors?: { extensions?: Record<string, unknown> }[] } = await instance.query(PAGE, variables);
    expect(assertCoded(answer)).toEqual([]);
    const { edges, pageInfo }: { edges: { node: { id: string } }[]; pageInfo: Record<string, any> } = answer.data.checkouts;
    const got = edges.map((e: { node: { id: string } }) => e.node.id);
    if (direction === 'forward') ids.push(...got);
    else ids.unshift(...got);
    const more = direction === 'forward' ? pageInfo.hasNextPage : pageInfo.hasPreviousPage;
    if (!more) return { ids, pages: page + 1 };
    cursor = direction === 'forward' ? pageInfo.endCursor : pageInfo.startCursor;
  }
}

/** The truth, built independently: each provider's own connection walked to the end, merged by brute force. */
async function truth(instance: Instance): Promise<string[]> {
  const all: { id: string; provider: keyof typeof RANK; createdAt: string }[] = [];
  for (const field of ['zenskarCheckouts', 'stateSetCheckouts', 'lemonSqueezyCheckouts']) {
    let after: string | null = null;
    do {
      const answer = await instance.query(OWN(field), { after });
      const conn: any = answer.data.conn;
      all.push(...conn.edges.map((e: { node: (typeof all)[number] }) => e.node));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    } while (after);
  }
  // Stable sort: within one provider and one instant, the upstream's own order stays.
  return all.sort((a, b) => (a.createdAt === b.createdAt ? RANK[a.provider] - RANK[b.provider] : a.createdAt < b.createdAt ? 1 : -1)).map((n) => n.id);
}

describe('a fleet of three instances on one Redis', () => {
  let sandboxes: Sandboxes;
  let fleet: Instance[];
  let expected: string[];

  beforeAll(async () => {
    sandboxes = await startSandboxes({ count: 200, seed: 13 });
    fleet = await startFleet(3, sandboxes, { redisUrl: REDIS_URL, keyPrefix: `test:${randomUUID()}:` });
    expect(fleet.every((i) => i.gateway.fleet!.redis.available)).toBe(true);
    const [alone] = await startFleet(1, sandboxes, {});
    expected = await truth(alone!);
    await alone!.close();
    expect(new Set(expected).size).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(500);
  });
  afterAll(async () => {
    await Promise.all(fleet?.map((i) => i.close()) ?? []);
    await sandboxes?.close();
  });

  it('walks the merged connection exactly, each page on the next instance, forward then backward', async () => {
    const forward = await walk(fleet, 'forward', 9);
    expect(forward.ids).toEqual(expected);
    const backward = await walk(fleet, 'backward', 13);
    expect(backward.ids).toEqual(expected);
  });

  it('costs about the upstream requests of one instance (shared cache), far fewer than three unshared instances', async () => {
    const cost = async (instances: Instance[]) => {
      const before = upstreamRequests(sandboxes);
      expect((await walk(instances, 'forward', 10)).ids).toEqual(expected);
      return upstreamRequests(sandboxes) - before;
    };
    const one = await startFleet(1, sandboxes, {});
    const unshared = await startFleet(3, sandboxes, {});
    const shared = await startFleet(3, sandboxes, { redisUrl: REDIS_URL, keyPrefix: `test:${randomUUID()}:` });
    try {
      const alone = await cost(one);
      const withoutRedis = await cost(unshared);
      const withRedis = await cost(shared);
      console.log(`full walk upstream requests: one instance ${alone}, three without Redis ${withoutRedis}, three with Redis ${withRedis}`);
      expect(withRedis).toBeLessThanOrEqual(alone + 1);
      expect(withoutRedis).toBeGreaterThan(alone * 2);
      const tierHits = shared.reduce((sum, i) => sum + i.gateway.cache.tierHits, 0);
      expect(tierHits).toBeGreaterThan(0);
      // Redis key names carry no credential, organisation id or request text (pages are keyed by a hash).
      const redis = shared[0]!.gateway.fleet!.redis;
      const keys = await redis.client.keys(`${redis.prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      const { zenskar, stateset, lemonsqueezy } = sandboxes.configs;
      for (const secret of [zenskar.apiKey, zenskar.organisation, stateset.apiKey, lemonsqueezy.apiKey, 'checkout', 'limit']) {
        expect(keys.filter((key) => key.includes(secret))).toEqual([]);
      }
    } finally {
      await Promise.all([...one, ...unshared, ...shared].map((i) => i.close()));
    }
  });
});
