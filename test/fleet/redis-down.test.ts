/**
 * Redis going away never fails a GraphQL request: with this test's own Redis stopped (and, separately, frozen so it
 * answers nothing), three instances keep answering with no 5xx and no uncoded error, /readiness and the logs show the
 * degradation, and once Redis is back the instances reconnect by themselves and share pages and quotas again.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/start-all.js';
import { assertCoded, startFleet, upstreamRequests, type Instance } from './fleet.js';
import { startTestRedis, type TestRedis } from './redis-server.js';

const PAGE = `query($first: Int, $after: String, $filter: CheckoutFilter) {
  checkouts(first: $first, after: $after, filter: $filter) { sources { provider status } pageInfo { endCursor } edges { node { id } } }
}`;
const ENV = { ZENSKAR_RATE_LIMIT_PER_MINUTE: '6000', STATESET_RATE_LIMIT_PER_MINUTE: '6000', REQUEST_DEADLINE_MS: '5000' };

describe('Redis down or slow', () => {
  let redis: TestRedis;
  let sandboxes: Sandboxes;
  let fleet: Instance[];
  const lines: { msg: string; level: number }[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    sandboxes = await startSandboxes({ count: 150 });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).trim().split('\n')) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = createLogger('info', sink);
    fleet = await startFleet(3, sandboxes, { redisUrl: redis.url, redisTimeoutMs: 500, env: ENV, logger });
    // A first request blocks the event loop while everything warms up; a Redis reply due meanwhile times out and the
    // instance decides locally for a moment. Warm up first, so the tests below see the steady state.
    for (const instance of fleet) await instance.query(PAGE, { first: 1 });
    await waitFor(allShared, 5_000);
  });
  afterAll(async () => {
    await Promise.all(fleet?.map((i) => i.close()) ?? []);
    await sandboxes?.close();
    await redis?.stop();
  });

  /** Sends `n` distinct merged pages round-robin; every answer must be 200 with data, no 5xx, no uncoded error. */
  const traffic = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++) {
      const answer = await fleet[i % 3]!.query(PAGE, { first: 5 + (i % 7), filter: { email: `${tag}-${i}@example.com` } });
      expect(answer.status).toBe(200);
      expect(assertCoded(answer)).toEqual([]);
      expect(answer.data.checkouts.sources).toHaveLength(3);
    }
  };
  /**
   * A page fetched by one instance is then served to another from Redis: the second asks no upstream. On a loaded
   * machine a single Redis reply can miss its timeout (the instance then decides locally for a second), so up to
   * three pages are tried; sharing that does not work fails all three.
   */
  const sharedAgain = async () => {
    const attempts: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await waitFor(async () => fleet.every((i) => i.gateway.fleet!.redis.available), 5_000);
      // A bound no earlier attempt used (and that every checkout meets): Zenskar and StateSet take it upstream, so these
      // are pages no instance has cached yet. A first page always goes upstream (freshness); the walk's next page is
      // what another instance can share.
      const filter = { createdBefore: new Date(Date.UTC(2100, 0, 1) + (Date.now() % 1e9) * 10 + attempt).toISOString() };
      const first = await fleet[0]!.query(PAGE, { first: 5, filter });
      expect(assertCoded(first)).toEqual([]);
      const after = (first as { data?: { checkouts: { pageInfo: { endCursor: string | null } } } }).data?.checkouts.pageInfo.endCursor ?? null;
      expect(assertCoded(await fleet[0]!.query(PAGE, { first: 5, after, filter }))).toEqual([]);
      const before = upstreamRequests(sandboxes);
      expect(assertCoded(await fleet[1]!.query(PAGE, { first: 5, after, filter }))).toEqual([]);
      attempts.push(upstreamRequests(sandboxes) - before);
      if (attempts.at(-1) === 0) return;
    }
    expect(attempts, 'upstream requests of the second instance, per attempt').toContain(0);
  };
  const waitFor = async (predicate: () => Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await predicate()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('condition not reached in time');
  };
  const allShared = async () => (await Promise.all(fleet.map((i) => i.readiness()))).every((r) => r.body.fleet.mode === 'shared');

  it('shares while Redis is up', async () => {
    // Rather than wait for the next beats: a first round registers everyone, a second counts them all (once no
    // instance is pausing Redis after a timed-out reply).
    await waitFor(async () => fleet.every((i) => i.gateway.fleet!.redis.available), 5_000);
    for (let round = 0; round < 2; round++) await Promise.all(fleet.map((i) => i.gateway.fleet!.buckets.heartbeat()));
    const ready = await fleet[0]!.readiness();
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', fleet: { mode: 'shared', redis: { status: 'up' } } } });
    expect(ready.body.fleet.instances).toBe(3);
    await sharedAgain();
  });

  it('stopped: answers keep coming, readiness says degraded (200), the logs say so; back: reconnects and shares again', async () => {
    await redis.stop();
    try {
      await traffic(12, 'down');
      const degraded = await fleet[2]!.readiness();
      expect(degraded).toMatchObject({ status: 200, body: { status: 'degraded', fleet: { mode: 'local', redis: { status: 'down' } } } });
      expect(lines.some((l) => l.level === 40 && l.msg.startsWith('redis unavailable'))).toBe(true);
      // Quotas were decided locally meanwhile, each instance on its share (StateSet pages are distinct per e-mail).
      expect(fleet.every((i) => i.gateway.fleet!.buckets.fallbacks > 0)).toBe(true);
    } finally {
      await redis.start();
    }
    await waitFor(allShared, 10_000);
    expect(lines.some((l) => l.level === 30 && l.msg.startsWith('redis connected'))).toBe(true);
    const sharedBefore = fleet[0]!.gateway.fleet!.buckets.shared;
    await sharedAgain();
    expect(fleet[0]!.gateway.fleet!.buckets.shared).toBeGreaterThan(sharedBefore);
  });

  it('frozen (answers nothing): commands time out, answers keep coming without waiting on Redis each time', async () => {
    redis.pause();
    try {
      const started = Date.now();
      await traffic(12, 'frozen');
      // Each request waits on Redis twice in a row (page cache, then quota) before its upstream call: without the pause
      // after a timeout, 12 requests would take at least 12 × 2 × 500 ms.
      expect(Date.now() - started).toBeLessThan(12 * 2 * 500);
      expect((await fleet[0]!.readiness()).body.status).toBe('degraded');
    } finally {
      redis.resume();
    }
    await waitFor(allShared, 10_000);
    await sharedAgain();
  });
});
