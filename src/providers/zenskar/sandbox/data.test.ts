import { describe, expect, it } from 'vitest';
import { CheckoutSessionSchema, CustomerSchema } from '../types.js';
import { createData, naiveFromMicros, ZENSKAR_REFERENCE_MS } from './data.js';
import { createSandboxHandler, ZENSKAR_SANDBOX_API_KEY } from './server.js';

describe('createData', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createData({ count: 120, seed: 5 });
    const b = createData({ count: 120, seed: 5 });
    const c = createData({ count: 120, seed: 6 });
    expect(a.sessions.map((r) => r.session)).toEqual(b.sessions.map((r) => r.session));
    expect(a.customers).toEqual(b.customers);
    expect(c.sessions[0]?.id).not.toBe(a.sessions[0]?.id);
  });

  it('produces valid, realistic sessions: every status, currency, guests and customers, ties, soft deletions', () => {
    const data = createData({ count: 300, seed: 1 });
    for (const row of data.sessions) {
      expect(CheckoutSessionSchema.safeParse(row.session).success).toBe(true);
      expect(row.session.id).toBe(row.id);
      expect(row.session.created_at).toBe(naiveFromMicros(row.createdMicros));
      expect(row.t.updated_at).toBeGreaterThanOrEqual(row.createdMicros);
      if (row.session.guest_checkout) expect(row.session.customer_id).toBeUndefined();
      else expect(data.customersById.has(row.session.customer_id as string)).toBe(true);
    }
    for (const row of data.customers) expect(CustomerSchema.safeParse(row.customer).success).toBe(true);
    const statuses = new Set(data.sessions.map((r) => r.status));
    expect(statuses).toEqual(new Set(['open', 'processing', 'completed', 'closed', 'cancelled']));
    expect(new Set(data.sessions.map((r) => r.session.payment_status))).toEqual(new Set(['not_started', 'pending', 'paid', 'failed', 'no_payment_required']));
    expect(new Set(data.sessions.map((r) => r.currency))).toEqual(new Set(['USD', 'EUR', 'GBP', 'INR', 'JPY', 'CAD', 'AUD', 'BHD']));
    expect(data.sessions.filter((r) => r.guest).length).toBeGreaterThan(30);
    expect(data.sessions.filter((r) => r.deleted).length).toBeGreaterThan(0);
    const ties = data.sessions.filter((r, i) => i > 0 && data.sessions[i - 1]?.createdMicros === r.createdMicros);
    expect(ties.length).toBeGreaterThan(5);
    // Sorted by (created_at, id) ascending; spread over about two years before the reference date.
    for (let i = 1; i < data.sessions.length; i++) {
      const p = data.sessions[i - 1]!;
      const q = data.sessions[i]!;
      expect(p.createdMicros < q.createdMicros || (p.createdMicros === q.createdMicros && p.id < q.id)).toBe(true);
    }
    const newest = data.sessions.at(-1)!.createdMicros / 1000;
    const oldest = data.sessions[0]!.createdMicros / 1000;
    expect(newest).toBeLessThanOrEqual(ZENSKAR_REFERENCE_MS);
    expect((newest - oldest) / 86_400_000).toBeGreaterThan(500);
    expect((ZENSKAR_REFERENCE_MS - oldest) / 86_400_000).toBeLessThan(800);
    // Some sessions sit at exactly 12:00:00Z, the instant the other sandboxes also snap to (cross-provider ties).
    expect(data.sessions.filter((r) => r.createdMicros % 86_400_000_000 === 43_200_000_000).length).toBeGreaterThan(10);
    // Mixed-case emails exist, for the case-insensitive email filter.
    expect(data.sessions.some((r) => /[A-Z]/.test(r.session.customer_data?.email ?? ''))).toBe(true);
  });

  // Correctness at scale only; the time budgets live in bench/sandbox-data.ts (a loaded machine must not fail a test).
  it('generates 100,000 sessions and serves deep, oldest, ranged and filtered pages of them', () => {
    const data = createData({ count: 100_000, seed: 3 });
    expect(data.sessions).toHaveLength(100_000);

    const handler = createSandboxHandler(data);
    const headers = { 'x-api-key': ZENSKAR_SANDBOX_API_KEY, organisation: data.organisationId };
    const call = (query: string) => {
      const res = handler({ method: 'GET', path: '/checkout', query: new URLSearchParams(query), headers }, { origin: '' });
      return { res, body: res.body as { results: { id: string }[]; next: string | null; total_count: number } };
    };
    call('limit=100'); // builds the live indexes once
    const first = call('limit=100');
    expect(first.body.results).toHaveLength(100);
    let cursor = first.body.next as string;
    for (let i = 0; i < 20; i++) cursor = call(`limit=100&cursor=${cursor}`).body.next as string;
    const deep = call(`limit=100&cursor=${cursor}`);
    expect(deep.body.results).toHaveLength(100);
    const oldest = call('limit=100&order=created_at');
    expect(oldest.body.results[0]?.id).toBe(data.sessions.find((r) => !r.deleted)?.id);
    const mid = naiveFromMicros(data.sessions[50_000]!.createdMicros);
    const ranged = call(`limit=100&created_at__lt=${mid}`);
    expect(ranged.body.total_count).toBe(data.sessions.filter((r) => !r.deleted && r.createdMicros < data.sessions[50_000]!.createdMicros).length);
    call('limit=100&checkout_session_status__in=open,closed&currency__in=USD');
    const filteredAgain = call('limit=100&checkout_session_status__in=open,closed&currency__in=USD');
    expect(filteredAgain.body.results.every((r: any) => ['open', 'closed'].includes(r.checkout_session_status) && r.currency === 'USD')).toBe(true);
  });
});
