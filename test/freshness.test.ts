/**
 * Freshness of the upstream page cache, end to end through yoga.fetch against the sandboxes: a page read without a
 * cursor goes upstream (identical concurrent reads still share one upstream call), a continuation page reuses the
 * pages its walk already fetched within the TTL, and what a user sees when a provider fails while its pages are cached.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StateSetWireCheckout } from '../src/providers/stateset/types.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const PER_PROVIDER = `query ($after: String) {
  stateSetCheckouts(first: 5, after: $after) { pageInfo { endCursor } edges { node { providerId updatedAt } } }
}`;
const MERGED = `query ($after: String) {
  checkouts(first: 5, after: $after, filter: { providers: [STATESET] }) {
    sources { provider status error { code } }
    pageInfo { endCursor }
    edges { node { providerId updatedAt } }
  }
}`;

interface Page {
  pageInfo: { endCursor: string };
  edges: { node: { providerId: string; updatedAt: string } }[];
  sources?: { provider: string; status: string; error: { code: string } | null }[];
}

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** List requests the StateSet sandbox has answered or is answering. */
const listRequests = (g: TestGateway) => g.sandboxes.stateset.log.filter((r) => r.path === '/v1/checkouts').length;

/** Moves the newest StateSet checkout's `updated_at` on by a day, upstream; returns the new value as the API shows it. */
function touchNewest(g: TestGateway): { id: string; updatedAt: string } {
  const newest = g.sandboxes.stateset.data.checkouts[0] as StateSetWireCheckout;
  const next = new Date(Date.parse(newest.updated_at) + 86_400_000).toISOString();
  newest.updated_at = next;
  return { id: newest.id, updatedAt: next };
}

describe.each([
  ['stateSetCheckouts', PER_PROVIDER, (d: Record<string, Page>) => d.stateSetCheckouts!],
  ['merged checkouts', MERGED, (d: Record<string, Page>) => d.checkouts!],
] as const)('%s with the page cache on (TTL 30 s)', (_name, document, pageOf) => {
  const read = async (after?: string) => {
    const response = await gw!.query<Record<string, Page>>(document, after ? { after } : {});
    expect(response.errors).toBeUndefined();
    return pageOf(response.data!);
  };

  it('a second first-page read goes upstream and sees a change made upstream in between', async () => {
    gw = await createTestGateway({ count: 250, cacheTtlMs: 30_000 });
    const first = await read();
    const before = listRequests(gw);
    const changed = touchNewest(gw);
    expect(first.edges[0]!.node.providerId).toBe(changed.id);
    expect(Date.parse(first.edges[0]!.node.updatedAt)).toBeLessThan(Date.parse(changed.updatedAt));

    const again = await read();
    expect(listRequests(gw)).toBe(before + 1);
    expect(again.edges[0]!.node.providerId).toBe(changed.id);
    expect(Date.parse(again.edges[0]!.node.updatedAt)).toBe(Date.parse(changed.updatedAt));
  });

  it('continuation pages within the TTL reuse the pages their walk fetched', async () => {
    gw = await createTestGateway({ count: 250, cacheTtlMs: 30_000 });
    const first = await read();
    const afterFirst = listRequests(gw);
    // The first page asked StateSet for 6 items (5 + 1); the walk's second page reads the first full page (100).
    const second = await read(first.pageInfo.endCursor);
    expect(listRequests(gw)).toBe(afterFirst + 1);
    const afterSecond = listRequests(gw);
    const third = await read(second.pageInfo.endCursor);
    const again = await read(second.pageInfo.endCursor);
    expect(listRequests(gw)).toBe(afterSecond);
    expect(again).toEqual(third);
    const ids = [...first.edges, ...second.edges, ...third.edges].map((e) => e.node.providerId);
    expect(ids).toEqual(gw.sandboxes.stateset.data.checkouts.slice(0, 15).map((c) => (c as StateSetWireCheckout).id));
  });

  it('a first page asks StateSet for page size + 1 items, later pages for full pages', async () => {
    gw = await createTestGateway({ count: 250, cacheTtlMs: 30_000 });
    const limits = () => gw!.sandboxes.stateset.log.filter((r) => r.path === '/v1/checkouts').map((r) => r.query.get('limit'));
    const first = await read();
    await read(first.pageInfo.endCursor);
    expect(limits()).toEqual(['6', '100']);
  });

  it('identical concurrent first-page reads share one upstream call', async () => {
    gw = await createTestGateway({ count: 250, cacheTtlMs: 30_000 });
    await read(); // connections and seeded data warm
    gw.sandboxes.stateset.knobs.latencyMs = 100;
    const before = listRequests(gw);
    const pages = await Promise.all([read(), read(), read()]);
    expect(listRequests(gw)).toBe(before + 1);
    expect(new Set(pages.map((p) => JSON.stringify(p))).size).toBe(1);
  });
});

describe('a provider failing while its pages are cached', () => {
  it('a first page shows the failure at once; a continuation page within the TTL is still served from the cached page', async () => {
    gw = await createTestGateway({ count: 250, cacheTtlMs: 30_000 });
    const ok = await gw.query<Record<string, Page>>(MERGED, {});
    // The walk's second page fetches StateSet's first full page, which the third page then reuses.
    const second = await gw.query<Record<string, Page>>(MERGED, { after: ok.data!.checkouts!.pageInfo.endCursor });
    const cursor = second.data!.checkouts!.pageInfo.endCursor;
    const before = listRequests(gw);
    // Every attempt of the next upstream read fails (retries included).
    for (let i = 0; i < 5; i++) {
      gw.sandboxes.stateset.knobs.faults.push({ kind: 'response', response: { status: 500, body: { error: { code: 'INTERNAL', message: 'down' } } } });
    }

    const fresh = await gw.query<Record<string, Page>>(MERGED, {});
    expect(fresh.errors?.map((e) => e.extensions?.provider)).toEqual(['STATESET']);
    expect(fresh.data!.checkouts!.sources).toEqual([{ provider: 'STATESET', status: 'FAILED', error: { code: 'UPSTREAM_UNAVAILABLE' } }]);
    expect(fresh.data!.checkouts!.edges).toEqual([]);
    expect(listRequests(gw)).toBeGreaterThan(before);

    const requestsBefore = listRequests(gw);
    const continued = await gw.query<Record<string, Page>>(MERGED, { after: cursor });
    expect(continued.errors).toBeUndefined();
    expect(continued.data!.checkouts!.edges).toHaveLength(5);
    expect(listRequests(gw)).toBe(requestsBefore);
    gw.sandboxes.stateset.knobs.faults.length = 0;
  });
});
