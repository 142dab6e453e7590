/**
 * One quota per credential across the fleet: a StateSet sandbox that answers 429 past 30 requests a minute, load spread
 * over three instances at once. With Redis the sandbox never refuses (the instances queue or refuse as documented); without it
 * each instance spends its own 30 a minute and the sandbox refuses (the control, so the test can fail).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/start-all.js';
import { assertCoded, startFleet, type Instance } from './fleet.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 30;
const BURST = 20;
const ENV = {
  STATESET_RATE_LIMIT_PER_MINUTE: String(LIMIT),
  STATESET_RATE_LIMIT_BURST: String(BURST),
  REQUEST_DEADLINE_MS: '5000', // one token every 2 s after the burst: a couple more queue, the rest are refused
};
// A distinct buyer e-mail per request: a distinct upstream request (no cache, no shared in-flight load).
const PAGE = `query($email: String) { stateSetCheckouts(first: 5, filter: { buyerEmail: $email }) { edges { node { id } } } }`;

/** 60 distinct requests (twice the limit) at once, spread round-robin over the instances. */
async function load(fleet: Instance[]) {
  return Promise.all(
    Array.from({ length: 2 * LIMIT }, async (_, i) => {
      const answer = await fleet[i % fleet.length]!.query(PAGE, { email: `buyer-${i}@example.com` });
      const codes = assertCoded(answer);
      return { ok: codes.length === 0, codes, retryAfter: (answer.errors ?? []).map((e) => e.extensions?.retryAfter) };
    }),
  );
}

describe('shared quota across three instances', () => {
  let sandboxes: Sandboxes | undefined;
  let fleet: Instance[] = [];
  afterEach(async () => {
    await Promise.all(fleet.map((i) => i.close()));
    await sandboxes?.close();
  });

  const start = async (redisUrl: string | undefined) => {
    sandboxes = await startSandboxes({ count: 60, rateLimits: { stateset: { limit: LIMIT, windowMs: 60_000 } } });
    // A generous Redis timeout: this test is about sharing; a loaded machine must not push it into the local fallback
    // (test/fleet/redis-down.test.ts covers that).
    const redis = redisUrl ? { redisUrl, redisTimeoutMs: 2_000 } : {};
    fleet = await startFleet(3, sandboxes, { ...redis, keyPrefix: `test:${randomUUID()}:`, cacheTtlMs: 0, env: ENV, providers: ['stateset'] });
    await Promise.all(fleet.map((i) => i.gateway.fleet?.buckets.heartbeat()));
  };
  const refusals = () => sandboxes!.stateset.log.filter((r) => r.status === 429).length;

  it('with Redis: the sandbox sees at most its limit and answers no 429; the gateways queue, then refuse with retryAfter', async () => {
    await start(REDIS_URL);
    const started = Date.now();
    const answers = await load(fleet);
    const elapsedMinutes = (Date.now() - started) / 60_000;
    const sent = sandboxes!.stateset.log.length;
    expect(fleet.map((i) => i.gateway.fleet!.buckets.fallbacks)).toEqual([0, 0, 0]);
    expect(refusals()).toBe(0);
    // The shared bucket's own bound: its burst plus its rate over the run, within the sandbox's 30.
    expect(sent).toBeLessThanOrEqual(Math.ceil(BURST + LIMIT * elapsedMinutes) + 1);
    expect(sent).toBeLessThanOrEqual(LIMIT);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(0); // (a loaded machine may time some out)
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(sent);
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    // Refused at once when the wait would pass the deadline (with retryAfter); a queued request whose wait fit but whose
    // upstream answer then came too late ends as UPSTREAM_TIMEOUT, like any slow answer.
    for (const a of refused) {
      expect(['UPSTREAM_RATE_LIMITED', 'UPSTREAM_TIMEOUT']).toContain(a.codes[0]);
      if (a.codes[0] === 'UPSTREAM_RATE_LIMITED') expect(a.retryAfter[0]).toBeGreaterThanOrEqual(1);
    }
    expect(refused.filter((a) => a.codes[0] === 'UPSTREAM_RATE_LIMITED').length).toBeGreaterThan(0);
    expect(
      fleet.some((i) => i.gateway.providers.stateset!.client.http.quota!.waits > 0),
      'some requests queued',
    ).toBe(true);
  });

  it('control, without Redis: each instance spends its own quota and the sandbox answers 429', async () => {
    await start(undefined);
    await load(fleet);
    expect(sandboxes!.stateset.log.length).toBeGreaterThan(LIMIT);
    expect(refusals()).toBeGreaterThan(0);
  });
});
