/** The Lua bucket against a real Redis (the shared one, under a key prefix of this test's own). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { RedisBuckets } from './quota-store.js';
import { FleetRedis } from './redis.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('Redis token bucket (Lua)', () => {
  let redis: FleetRedis;
  let buckets: RedisBuckets;
  beforeAll(async () => {
    redis = new FleetRedis({ url: REDIS_URL, timeoutMs: 1_000, keyPrefix: `test:${randomUUID()}:` }, createLogger('silent'));
    expect(await redis.ready()).toBe(true);
    buckets = new RedisBuckets(redis);
  });
  afterAll(async () => {
    await buckets.close();
    await redis.close();
  });

  it('grants its burst at once, then queues at the rate, and refuses a wait past the limit without taking a token', async () => {
    const params = { capacity: 3, perMs: 1 / 1_000 }; // 60 a minute, burst 3
    for (let i = 0; i < 3; i++) expect(await buckets.reserve('a', params, 0)).toEqual({ granted: true, waitMs: 0 });
    const refused = await buckets.reserve('a', params, 10);
    expect(refused!.granted).toBe(false);
    expect(refused!.waitMs).toBeGreaterThan(900);
    const queued = await buckets.reserve('a', params, 5_000);
    expect(queued!.granted).toBe(true);
    expect(queued!.waitMs).toBeGreaterThan(900);
    expect(queued!.waitMs).toBeLessThanOrEqual(1_000);
    const next = await buckets.reserve('a', params, Number.POSITIVE_INFINITY);
    expect(next!.waitMs).toBeGreaterThan(1_900);
  });

  it('keeps separate buckets per key, and follows the declared remaining and reset', async () => {
    const params = { capacity: 10, perMs: 1 };
    await buckets.observe('b', params, { remaining: 0, resetAt: Date.now() + 3_000 }, 60_000);
    const gated = await buckets.reserve('b', params, 0);
    expect(gated!.granted).toBe(false);
    expect(gated!.waitMs).toBeGreaterThan(1_500);
    expect(await buckets.reserve('c', params, 0)).toEqual({ granted: true, waitMs: 0 });
  });

  it('counts the instances by heartbeat', async () => {
    const other = new RedisBuckets(redis);
    await other.heartbeat();
    await buckets.heartbeat();
    expect(buckets.peers()).toBe(2);
    await other.close();
  });
});
