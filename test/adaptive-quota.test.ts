/**
 * Adaptive quotas end to end: the gateway's StateSet quota follows what the sandbox declares in X-RateLimit-* headers.
 * (src/http/quota.test.ts covers the same rules over simulated minutes on an injected clock.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resilienceConfig } from '../src/resilience-config.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const PAGE = `query($email: String) { stateSetCheckouts(first: 5, filter: { buyerEmail: $email }) { edges { node { id } } } }`;

describe('adaptive quota (StateSet sandbox)', () => {
  let gw: TestGateway | undefined;
  afterEach(() => gw?.close());

  /** The request deadline decides between queueing and refusal; each test sets its own. */
  const start = async (env: Record<string, string>, declared?: { limit: number; windowMs: number }) => {
    gw = await createTestGateway({
      count: 40,
      cacheTtlMs: 0,
      providers: ['stateset'],
      ...(declared ? { rateLimits: { stateset: declared } } : {}),
      resilience: resilienceConfig(env, false),
    });
    return gw.gateway.providers.stateset!.client.http.quota!;
  };
  /** `n` distinct pages one after another; the error codes seen. */
  const pages = async (n: number) => {
    const codes: string[] = [];
    for (let i = 0; i < n; i++) {
      const answer = await gw!.query(PAGE, { email: `adaptive-${i}@example.com` });
      codes.push(...(answer.errors ?? []).map((e) => String(e.extensions?.code)));
    }
    return codes;
  };

  it('declared 1,000/minute, configured 100: 30 distinct pages without a single gateway-side wait', async () => {
    const quota = await start({ STATESET_RATE_LIMIT_PER_MINUTE: '100', REQUEST_DEADLINE_MS: '5000' });
    expect(await pages(30)).toEqual([]);
    expect(quota.perMinute).toBe(1000);
    expect(quota.waits).toBe(0);
    expect(gw!.sandboxes.stateset.log).toHaveLength(30);
  });

  it('control: the same with FOLLOW_UPSTREAM=false stays at 100/minute and refuses past its burst of 10', async () => {
    // A 500 ms deadline: the 600 ms wait for a token past the burst is refused at once.
    const quota = await start({ STATESET_RATE_LIMIT_PER_MINUTE: '100', STATESET_RATE_LIMIT_FOLLOW_UPSTREAM: 'false', REQUEST_DEADLINE_MS: '500' });
    const started = Date.now();
    const codes = await pages(30);
    const seconds = (Date.now() - started) / 1000;
    expect(quota.perMinute).toBe(100);
    // Sent at most: the burst of 10 plus 100/minute over the run; the rest refused (about 20 on an idle machine).
    expect(gw!.sandboxes.stateset.log.length).toBeLessThanOrEqual(10 + Math.ceil((seconds * 100) / 60) + 1);
    // Every request not sent was refused (a sent one may still time out on a loaded machine: 500 ms is short).
    expect(codes.length).toBeGreaterThanOrEqual(30 - gw!.sandboxes.stateset.log.length);
    expect(codes).toContain('UPSTREAM_RATE_LIMITED');
    expect(codes.filter((c) => c !== 'UPSTREAM_RATE_LIMITED' && c !== 'UPSTREAM_TIMEOUT')).toEqual([]);
  });

  it('declared 20/minute, configured 600: respected (no 429 from the sandbox), the rest refused as documented', async () => {
    // A 2 s deadline: a token every 3 s past the declared burst is always refused.
    const quota = await start({ STATESET_RATE_LIMIT_PER_MINUTE: '600', REQUEST_DEADLINE_MS: '2000' }, { limit: 20, windowMs: 60_000 });
    const started = Date.now();
    const codes = await pages(30);
    const seconds = (Date.now() - started) / 1000;
    const log = gw!.sandboxes.stateset.log;
    expect(quota.perMinute).toBe(20);
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    // The first answer declares the limit; after it, the declared burst (2) plus one token every 3 s.
    expect(log.length).toBeLessThanOrEqual(1 + 2 + Math.ceil(seconds / 3) + 1);
    expect(codes.length).toBeGreaterThanOrEqual(30 - log.length);
    expect(codes).toContain('UPSTREAM_RATE_LIMITED');
    expect(codes.filter((c) => c !== 'UPSTREAM_RATE_LIMITED' && c !== 'UPSTREAM_TIMEOUT')).toEqual([]);
  });
});
