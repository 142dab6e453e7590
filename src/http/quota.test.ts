/** Adaptive quotas on an injected clock: the bucket follows what a simulated upstream declares in its headers. */
import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from '../sandbox/harness.js';
import { UpstreamError } from '../errors.js';
import { Quota, type QuotaOptions } from './quota.js';

/** An upstream with a fixed window, answering like StateSet (limit, remaining, reset in Unix seconds) or without reset. */
function upstream(limit: number, now: () => number, withReset = true) {
  const limiter = new FixedWindowLimiter(limit, 60_000, now);
  return () => {
    const taken = limiter.take('key');
    return {
      allowed: taken.allowed,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(taken.remaining),
        ...(withReset ? { 'x-ratelimit-reset': String(Math.ceil(taken.resetAt / 1000)) } : {}),
      },
    };
  };
}

/**
 * Sends as fast as the quota lets through for `ms` of simulated time: a request goes when `take` grants it without a
 * wait (its deadline is now), else the clock moves on 50 ms. Counts the requests sent and those the upstream refused.
 */
async function drive(quota: Quota, send: () => { allowed: boolean; headers: Record<string, string> }, clock: { t: number }, ms: number) {
  const end = clock.t + ms;
  let sent = 0;
  let refusedByUpstream = 0;
  while (clock.t < end) {
    const granted = await quota.take(clock.t).then(
      () => true,
      () => false,
    );
    if (!granted) {
      clock.t += 50;
      continue;
    }
    const answer = send();
    sent++;
    if (!answer.allowed) refusedByUpstream++;
    quota.observe(answer.headers);
  }
  return { sent, refusedByUpstream };
}

describe('adaptive quota', () => {
  it('follows an upstream that declares 1,000/minute above the configured 100/minute: no waits within that rate', async () => {
    const clock = { t: 1_700_000_000_000 };
    const quota = new Quota('EXAMPLE', { perMinute: 100, followDeclared: true }, () => clock.t);
    const send = upstream(1000, () => clock.t);
    quota.observe(send().headers);
    expect(quota.perMinute).toBe(1000);
    const { sent, refusedByUpstream } = await drive(quota, send, clock, 60_000);
    expect(refusedByUpstream).toBe(0);
    // The declared rate is used (the configured 100/minute would have sent about 110), never more than rate + burst.
    expect(sent).toBeGreaterThanOrEqual(950);
    expect(sent).toBeLessThanOrEqual(1000 + 100);
  });

  it('respects an upstream that declares 60/minute when the configuration says 600, and never sees a refusal', async () => {
    for (const withReset of [true, false]) {
      const clock = { t: 1_700_000_000_000 };
      const quota = new Quota('EXAMPLE_TWO', { perMinute: 600, followDeclared: true }, () => clock.t);
      const send = upstream(60, () => clock.t, withReset);
      const { sent, refusedByUpstream } = await drive(quota, send, clock, 180_000);
      expect(quota.perMinute).toBe(60);
      expect(refusedByUpstream, `withReset=${withReset}`).toBe(0);
      expect(sent).toBeGreaterThanOrEqual(withReset ? 170 : 120);
      expect(sent).toBeLessThanOrEqual(3 * 60 + 6); // three minutes at the declared rate, plus its burst
    }
  });

  it('only lowers the rate without followDeclared', () => {
    const clock = { t: 0 };
    const options: QuotaOptions = { perMinute: 100, burst: 3 };
    const quota = new Quota('EXAMPLE', options, () => clock.t);
    quota.observe({ 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '999' });
    expect(quota.perMinute).toBe(100);
    quota.observe({ 'x-ratelimit-limit': '30', 'x-ratelimit-remaining': '29' });
    expect(quota.perMinute).toBe(30);
  });

  it('refuses with UPSTREAM_RATE_LIMITED and a retryAfter until the declared reset when the upstream says none remain', async () => {
    const clock = { t: 1_700_000_000_000 };
    const quota = new Quota('EXAMPLE', { perMinute: 600 }, () => clock.t);
    quota.observe({ 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(clock.t / 1000 + 30) });
    const refused = await quota.take(clock.t + 1_000).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(UpstreamError);
    expect((refused as UpstreamError).extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfter: 30 });
    clock.t += 30_000;
    await expect(quota.take(clock.t)).resolves.toBeUndefined();
  });
});
