/**
 * Anchored positions: between two pages of a walk, checkouts are created upstream (they go to the top of each list,
 * newest first), so every upstream page the next page fetches has moved. A walk must still deliver every checkout it
 * started with exactly once, in order: positions carry the id (as a tag) of the item right before them, and a read
 * finds the place again after it, in its page or, pushed down, in the next few. Lists page by item id (like StateSet's
 * `starting_after` and Zenskar's keyset cursors) or by start offset (like Lemon Squeezy's page numbers).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Checkout } from '../domain.js';
import { memoryList } from './memory-list.js';
import { paginate, type ConnectionPage } from './paginate.js';
import { anchorTag, locate } from './position.js';
import { datasetArb, fake, PROVIDERS, SECRET, truth, type Dataset } from './test-fixtures.js';

const walkArb = fc.record({
  data: datasetArb,
  size: fc.integer({ min: 1, max: 9 }),
  // Per page turn: how many checkouts each provider gains at its top.
  inserts: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: PROVIDERS.length, maxLength: PROVIDERS.length }), { maxLength: 40 }),
  backward: fc.boolean(),
});

async function walk(data: Dataset, size: number, inserts: number[][], backward: boolean): Promise<string[]> {
  const items = Object.fromEntries(PROVIDERS.map((p) => [p, [...(data.items[p] ?? [])]])) as Record<string, Checkout[]>;
  let created = 0;
  const added: Record<string, number> = {};
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let turn = 0; turn < 500; turn++) {
    const lists = PROVIDERS.map((p) => memoryList(p, items[p] as Checkout[], { pageSize: data.pageSizes[p] ?? 1, mode: data.modes[p] ?? 'offset' }));
    const args: Record<string, unknown> = backward ? { last: size, before: cursor } : { first: size, after: cursor };
    const page: ConnectionPage = await paginate({ lists, args, scope: 'anchors', secret: SECRET, maxScanPages: 10 });
    const ids = page.edges.map((e) => e.node.providerId);
    if (backward) seen.unshift(...ids);
    else seen.push(...ids);
    const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    if (!more) return seen;
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
    // New checkouts arrive upstream before the next page: newer than everything, at the top of their list (of a
    // provider that has checkouts: an empty list gives a position nothing can anchor, README "Cursors").
    PROVIDERS.forEach((p, i) => {
      if ((data.items[p] ?? []).length === 0) return;
      // At most three pages of new checkouts in all: how far a read looks for an anchor pushed down (read.ts).
      const budget = 3 * (data.pageSizes[p] ?? 1) - (added[p] ?? 0);
      const n = Math.min(inserts[turn]?.[i] ?? 0, budget);
      for (let k = 0; k < n; k++) (items[p] as Checkout[]).unshift(fake(p, 10_000 + created++, 100 + created));
      added[p] = (added[p] ?? 0) + n;
    });
  }
  throw new Error('walk did not end');
}

describe('anchored positions', () => {
  it('a forward walk delivers each checkout it started with exactly once while new ones arrive at the top', async () => {
    await fc.assert(
      fc.asyncProperty(walkArb, async ({ data, size, inserts }) => {
        const all = { providers: PROVIDERS, status: null, createdAfter: null, createdBefore: null, maxScanPages: 10 };
        expect(await walk(data, size, inserts, false)).toEqual(truth(data, all));
      }),
      { numRuns: 150 },
    );
  });

  it('a backward walk from the end delivers what lay before each cursor exactly once (new ones are newer, never before it)', async () => {
    await fc.assert(
      fc.asyncProperty(walkArb, async ({ data, size, inserts }) => {
        const seen = await walk(data, size, inserts, true);
        const created = seen.filter((id) => Number(id.slice(id.lastIndexOf('-') + 1)) >= 10_000);
        const original = seen.filter((id) => !created.includes(id));
        expect(original).toEqual(truth(data, { providers: PROVIDERS, status: null, createdAfter: null, createdBefore: null, maxScanPages: 10 }));
        expect(new Set(seen).size).toBe(seen.length);
      }),
      { numRuns: 150 },
    );
  });

  it('locate: the offset when the anchor is in place, right after it when the page moved, null when it is not in the page', () => {
    const items = [fake('A', 0, 9), fake('A', 1, 8), fake('A', 2, 7)];
    expect(locate(items, { r: null, o: 2, a: 'A-1' })).toBe(2);
    expect(locate([fake('A', 9, 10), ...items], { r: null, o: 2, a: anchorTag('A-1') })).toBe(3);
    expect(locate(items.slice(1), { r: null, o: 2, a: 'A-0' })).toBeNull();
    expect(locate(items, { r: null, o: 2 })).toBe(2);
    // At a page start, anchored on the item after the place.
    expect(locate([fake('A', 9, 10), ...items], { r: null, o: 0, b: anchorTag('A-0') })).toBe(1);
  });
});
