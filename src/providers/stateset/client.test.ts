import type { StateSetCheckout } from './map.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../test/manual-clock.js';
import { UpstreamError, UpstreamRejectedError } from '../../errors.js';
import { ResultCache } from '../../http/cache.js';
import { describeStateSetError, StateSetClient, type StateSetListRequest } from './client.js';
import { startSandbox, STATESET_WRITE_ONLY_KEY, type SandboxHandle } from './sandbox/server.js';

let sandbox: SandboxHandle;
let client: StateSetClient;
/** No retries, so each injected fault is seen as it is. */
let once: StateSetClient;
const others: StateSetClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ count: 260, seed: 5 });
  client = new StateSetClient(sandbox.config);
  once = new StateSetClient(sandbox.config, {
    resilience: { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, breaker: { failureThreshold: 0, cooldownMs: 1 } },
  });
});
afterEach(() => {
  sandbox.knobs.faults.length = 0;
});
afterAll(async () => {
  await Promise.all([client.close(), once.close(), ...others.map((c) => c.close())]);
  await sandbox.close();
});

function clientWith(apiKey: string, cache?: ResultCache): StateSetClient {
  const made = new StateSetClient({ ...sandbox.config, apiKey }, cache ? { cache } : {});
  others.push(made);
  return made;
}

async function walk(c: StateSetClient, params: Omit<StateSetListRequest, 'limit'> = {}): Promise<StateSetCheckout[]> {
  const items: StateSetCheckout[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const page = await c.listPage({ ...params, limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) });
    items.push(...page.data);
    if (!page.has_more) return items;
    startingAfter = page.data.at(-1)?.providerId;
  }
}

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe('StateSetClient', () => {
  it('sends the documented Bearer and Accept headers', async () => {
    await client.listPage({ limit: 1 });
    const sent = sandbox.log.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${sandbox.config.apiKey}`);
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.path).toBe('/v1/checkouts');
    expect(sent.query.get('limit')).toBe('1');
  });

  it('walks the whole list to the end with limit=100 and starting_after', async () => {
    const before = sandbox.log.length;
    const items = await walk(client);
    expect(items.map((c) => c.providerId)).toEqual(sandbox.data.checkouts.map((c) => c.id));
    expect(items.map((c) => c.raw)).toEqual(sandbox.data.checkouts);
    expect(sandbox.log.length - before).toBe(3);
    expect(sandbox.log.slice(before).map((r) => r.query.get('starting_after'))).toEqual([null, items[99]!.providerId, items[199]!.providerId]);
  });

  it('passes every documented filter through', async () => {
    const checkouts = sandbox.data.checkouts;
    const email = checkouts.find((c) => c.buyer && sandbox.data.byEmail.get(c.buyer.email.toLowerCase())!.length > 1)!.buyer!.email;
    const from = checkouts[200]!.created_at;
    const to = checkouts[10]!.created_at;
    const truth = checkouts.filter((c) => c.status === 'completed' && c.created_at > from && c.created_at < to);
    expect((await walk(client, { status: 'completed', created_after: from, created_before: to })).map((c) => c.providerId)).toEqual(truth.map((c) => c.id));
    const byEmail = await walk(client, { buyer_email: email.toUpperCase() });
    expect(byEmail.map((c) => c.providerId)).toEqual(checkouts.filter((c) => c.buyer?.email.toLowerCase() === email.toLowerCase()).map((c) => c.id));
    const sent = sandbox.log.at(-1)!.query;
    expect(sent.get('buyer_email')).toBe(email.toUpperCase());
  });

  it('retrieves by id, null for a 404 and for ids that cannot name a checkout', async () => {
    const some = sandbox.data.checkouts[17]!;
    expect((await client.retrieve(some.id))?.raw).toEqual(some);
    expect(await client.retrieve('checkout_missing000000000')).toBeNull();
    const before = sandbox.log.length;
    expect(await client.retrieve('')).toBeNull();
    expect(await client.retrieve('..')).toBeNull();
    expect(sandbox.log.length).toBe(before);
    expect(await client.retrieve('checkout/../../v1/checkouts')).toBeNull();
    expect(sandbox.log.at(-1)!.path).toBe('/v1/checkouts/checkout%2F..%2F..%2Fv1%2Fcheckouts');
  });

  it('maps a refused key to UPSTREAM_UNAUTHORIZED with StateSet’s code, never the key', async () => {
    for (const [key, code] of [
      ['sk_test_wrong-key!', 'INVALID_API_KEY'],
      ['pk_live_publishable123', 'INSUFFICIENT_PERMISSIONS'],
      [STATESET_WRITE_ONLY_KEY, 'INSUFFICIENT_PERMISSIONS'],
    ] as const) {
      const err = await rejection(clientWith(key).listPage({ limit: 1 }));
      expect(err.upstreamCode).toBe('UPSTREAM_UNAUTHORIZED');
      expect(err.message).toContain(code);
      expect(err.message).not.toContain(key);
      expect(err.extensions).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', provider: 'STATESET' });
    }
  });

  it('turns StateSet’s 400s into BAD_USER_INPUT carrying StateSet’s code and parameter', async () => {
    const err = await client.listPage({ limit: 1, starting_after: 'checkout_unknown' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamRejectedError);
    expect((err as UpstreamRejectedError).message).toContain('VALIDATION_ERROR');
    expect((err as UpstreamRejectedError).message).toContain('(starting_after)');
    expect((err as UpstreamRejectedError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', provider: 'STATESET', upstreamStatus: 400 });
    const bad = await client.listPage({ limit: 1, created_after: 'soon' }).catch((e: unknown) => e);
    expect((bad as Error).message).toContain('INVALID_FIELD_FORMAT');
  });

  it('maps 429 to UPSTREAM_RATE_LIMITED with the Retry-After seconds', async () => {
    const limited = {
      kind: 'response' as const,
      response: {
        status: 429,
        headers: { 'retry-after': '17', 'x-ratelimit-retry-after': '17' },
        body: { error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded.', type: 'rate_limit_error' } },
      },
    };
    sandbox.knobs.faults.push(limited);
    const err = await rejection(once.listPage({ limit: 7 }));
    expect(err.upstreamCode).toBe('UPSTREAM_RATE_LIMITED');
    expect(err.retryAfter).toBe(17);
    expect(err.message).toContain('RATE_LIMIT_EXCEEDED');
  });

  it('is retried by the shared client after StateSet’s own Retry-After (a real limiter answer)', async () => {
    // One clock for the sandbox's window and the client's wait, moved by hand: the second request always lands in
    // the first one's window, however slow the machine.
    const clock = new ManualClock(Date.now());
    const limitedSandbox = await startSandbox({ count: 5, rateLimit: { limit: 1, windowMs: 1000 }, now: () => clock.now() });
    const limitedClient = new StateSetClient(limitedSandbox.config, { resilience: { clock } });
    try {
      await limitedClient.listPage({ limit: 1 });
      const pending = limitedClient.listPage({ limit: 2 });
      await vi.waitFor(() => expect(clock.waiting).toBe(1), { timeout: 10_000 });
      expect(limitedSandbox.log.map((r) => r.status)).toEqual([200, 429]);
      expect(clock.slept, 'waits as long as StateSet’s Retry-After says').toEqual([1_000]);
      clock.advance(1_000);
      const page = await pending;
      expect(page.data).toHaveLength(2);
      expect(limitedSandbox.log.map((r) => r.status)).toEqual([200, 429, 200]);
    } finally {
      await limitedClient.close();
      await limitedSandbox.close();
    }
  });

  it('maps a 5xx to UPSTREAM_UNAVAILABLE', async () => {
    sandbox.knobs.faults.push({ kind: 'response', response: { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'down' } } } });
    expect((await rejection(once.listPage({ limit: 8 }))).upstreamCode).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('rejects malformed payloads precisely as UPSTREAM_BAD_RESPONSE', async () => {
    const item = sandbox.data.checkouts[0]!;
    const malformed: [unknown, string][] = [
      [{ data: [{ ...item, status: 7 }], has_more: false, total_count: 1 }, `checkout ${item.id} payload: status`],
      [
        { data: [{ ...item, totals: [{ type: 'total', display_text: 'Total', amount: '12.00' }] }], has_more: false, total_count: 1 },
        `checkout ${item.id} payload: totals[type=total].amount`,
      ],
      [{ data: [item], has_more: 'no', total_count: 1 }, 'has_more'],
      [{ data: [item], has_more: false }, 'total_count'],
    ];
    for (const [body, path] of malformed) {
      sandbox.knobs.faults.push({ kind: 'response', response: { status: 200, body } });
      const err = await rejection(once.listPage({ limit: 9 }));
      expect(err.upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');
      expect(err.message).toContain(path);
    }
    sandbox.knobs.faults.push({ kind: 'response', response: { status: 200, raw: '{"data": [' } });
    expect((await rejection(once.listPage({ limit: 9 }))).upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');
    sandbox.knobs.faults.push({ kind: 'response', response: { status: 200, body: { ...item, id: 42 } } });
    expect((await rejection(once.retrieve(item.id))).upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('counts an answer whose essential part is unreadable as a failure of the upstream (opens the circuit)', async () => {
    const item = sandbox.data.checkouts[0]!;
    const strict = new StateSetClient(sandbox.config, {
      resilience: { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, breaker: { failureThreshold: 2, cooldownMs: 60_000 } },
    });
    try {
      for (let i = 0; i < 2; i++) {
        sandbox.knobs.faults.push({
          kind: 'response',
          response: { status: 200, body: { data: [{ ...item, created_at: 'soon' }], has_more: false, total_count: 1 } },
        });
        expect((await rejection(strict.listPage({ limit: 3 + i }))).upstreamCode).toBe('UPSTREAM_BAD_RESPONSE');
      }
      expect(strict.http.health().state).toBe('OPEN');
      const before = sandbox.log.length;
      const refused = await rejection(strict.listPage({ limit: 5 }));
      expect(refused.upstreamCode).toBe('UPSTREAM_UNAVAILABLE');
      expect(sandbox.log.length).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it('shares one upstream request per page through the cache (list pages and retrieves)', async () => {
    const cache = new ResultCache({ ttlMs: 10_000, maxEntries: 100 });
    const cached = clientWith(sandbox.config.apiKey, cache);
    const before = sandbox.log.length;
    const [a, b] = await Promise.all([cached.listPage({ limit: 100, status: 'canceled' }), cached.listPage({ limit: 100, status: 'canceled' })]);
    await cached.listPage({ limit: 100, status: 'canceled' });
    expect(a).toBe(b);
    await cached.retrieve(sandbox.data.checkouts[3]!.id);
    await cached.retrieve(sandbox.data.checkouts[3]!.id);
    expect(sandbox.log.length - before).toBe(2);
    // Another key never reads this key's entries.
    await clientWith('sk_test_another0', cache).listPage({ limit: 100, status: 'canceled' });
    expect(sandbox.log.length - before).toBe(3);
  });
});

describe('describeStateSetError', () => {
  it('reads the documented envelope and redacts the key', () => {
    const body = { error: { code: 'INVALID_API_KEY', message: 'Key sk_test_secret1 is invalid', type: 'authentication_error', details: { param: 'x' } } };
    expect(describeStateSetError(body, 'sk_test_secret1')).toBe('INVALID_API_KEY: Key [redacted] is invalid (x)');
    expect(describeStateSetError({ message: 'other shape' })).toBeUndefined();
    expect(describeStateSetError(null)).toBeUndefined();
  });
});
