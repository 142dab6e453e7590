/**
 * Property tests of the merged connection engine against a brute-force truth: random datasets (many equal
 * timestamps across providers, empty providers, a single provider), random page sizes, forward and backward walks,
 * resumes from random edge cursors, gateway-side filters and early stops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckoutStatus } from '../domain.js';
import { BadUserInputError } from '../errors.js';
import { encodeCursor } from './cursor.js';
import { paginate, type ConnectionPage } from './paginate.js';
import { stopsFor } from './stops.js';
import { datasetArb, fake, lists, PROVIDERS, queryArb, SECRET, truth, type Dataset, type Query } from './test-fixtures.js';

function page(data: Dataset, query: Query, args: Record<string, unknown>): Promise<ConnectionPage> {
  return paginate({
    lists: lists(data, query),
    args,
    scope: `test:${JSON.stringify(query)}`,
    secret: SECRET,
    maxScanPages: query.maxScanPages,
    stops: stopsFor({ createdAfter: query.createdAfter, createdBefore: query.createdBefore }),
  });
}

const ids = (p: ConnectionPage) => p.edges.map((e) => e.node.providerId);

async function walkForward(data: Dataset, query: Query, size: number, after: string | null = null) {
  const seen: string[] = [];
  const cursors: string[] = [];
  let cursor = after;
  for (let guard = 0; guard < 2000; guard++) {
    const result = await page(data, query, { first: size, after: cursor });
    seen.push(...ids(result));
    cursors.push(...result.edges.map((e) => e.cursor));
    if (!result.pageInfo.hasNextPage) return { seen, cursors };
    expect(result.pageInfo.endCursor).not.toBeNull();
    cursor = result.pageInfo.endCursor;
  }
  throw new Error('forward walk did not finish');
}

async function walkBackward(data: Dataset, query: Query, size: number, before: string | null = null) {
  const seen: string[] = [];
  let cursor = before;
  for (let guard = 0; guard < 2000; guard++) {
    const result = await page(data, query, { last: size, before: cursor });
    seen.unshift(...ids(result));
    if (!result.pageInfo.hasPreviousPage) return seen;
    expect(result.pageInfo.startCursor).not.toBeNull();
    cursor = result.pageInfo.startCursor;
  }
  throw new Error('backward walk did not finish');
}

describe('merged pagination (property tests against a brute-force truth)', () => {
  it('walks forward and backward exactly, for any data, filter and page size', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, queryArb, fc.integer({ min: 1, max: 15 }), async (data, query, size) => {
        const expected = truth(data, query);
        const forward = await walkForward(data, query, size);
        expect(forward.seen).toEqual(expected);
        expect(await walkBackward(data, query, size)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('resumes from any edge cursor in either direction', async () => {
    await fc.assert(
      fc.asyncProperty(
        datasetArb,
        queryArb,
        fc.integer({ min: 1, max: 15 }),
        fc.nat(),
        fc.integer({ min: 1, max: 15 }),
        async (data, query, size, pick, size2) => {
          const expected = truth(data, query);
          const { seen, cursors } = await walkForward(data, query, size);
          fc.pre(cursors.length > 0);
          const at = pick % cursors.length;
          const anchor = seen[at] as string;
          const position = expected.indexOf(anchor);
          expect((await walkForward(data, query, size2, cursors[at] as string)).seen).toEqual(expected.slice(position + 1));
          expect(await walkBackward(data, query, size2, cursors[at] as string)).toEqual(expected.slice(0, position));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports exact hasNextPage/hasPreviousPage and totalCount when nothing is filtered in the gateway', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, fc.subarray([...PROVIDERS], { minLength: 1 }), fc.integer({ min: 1, max: 15 }), async (data, providers, size) => {
        const query: Query = { providers, status: null, createdAfter: null, createdBefore: null, maxScanPages: 10 };
        const expected = truth(data, query);
        let cursor: string | null = null;
        let index = 0;
        for (;;) {
          const result = await page(data, query, { first: size, after: cursor });
          expect(result.totalCount).toBe(expected.length);
          expect(ids(result)).toEqual(expected.slice(index, index + size));
          index += result.edges.length;
          expect(result.pageInfo.hasNextPage).toBe(index < expected.length);
          expect(result.pageInfo.hasPreviousPage).toBe(cursor !== null);
          if (!result.pageInfo.hasNextPage) break;
          cursor = result.pageInfo.endCursor;
        }
        const last = await page(data, query, { last: size });
        expect(ids(last)).toEqual(expected.slice(Math.max(0, expected.length - size)));
        expect(last.pageInfo.hasPreviousPage).toBe(expected.length > size);
        expect(last.pageInfo.hasNextPage).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('merged pagination: cursors and failures', () => {
  const [A, B, C] = PROVIDERS as [string, string, string];
  const data: Dataset = {
    items: {
      [A]: Array.from({ length: 5 }, (_, i) => fake(A, i, 50 - i * 2)),
      [B]: Array.from({ length: 5 }, (_, i) => fake(B, i, 49 - i * 2)),
      [C]: [],
    },
    pageSizes: { [A]: 2, [B]: 2, [C]: 2 },
    modes: { [A]: 'offset', [B]: 'after-id', [C]: 'offset' },
  };
  const query: Query = { providers: [A, B, C], status: null, createdAfter: null, createdBefore: null, maxScanPages: 5 };

  it('rejects a cursor issued for another filter, tampered or truncated', async () => {
    const first = await page(data, query, { first: 3 });
    const cursor = first.pageInfo.endCursor as string;
    const other = { ...query, status: ['OPEN' as CheckoutStatus] };
    await expect(page(data, other, { first: 3, after: cursor })).rejects.toThrow(/another field or filter/);
    const tampered = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'BB' : 'AA');
    await expect(page(data, query, { first: 3, after: tampered })).rejects.toBeInstanceOf(BadUserInputError);
    await expect(page(data, query, { first: 3, after: cursor.slice(0, 10) })).rejects.toBeInstanceOf(BadUserInputError);
    const foreign = encodeCursor({ edge: null, positions: {} }, `test:${JSON.stringify(query)}`, Buffer.from('another-secret-another-secret-another'));
    await expect(page(data, query, { first: 3, after: foreign })).rejects.toThrow(/signature/);
  });

  it('rejects bad page sizes and mixed directions', async () => {
    await expect(page(data, query, { first: 101 })).rejects.toBeInstanceOf(BadUserInputError);
    await expect(page(data, query, { first: -1 })).rejects.toBeInstanceOf(BadUserInputError);
    await expect(page(data, query, { first: 2, last: 2 })).rejects.toBeInstanceOf(BadUserInputError);
  });

  it('keeps a failed provider where it was and serves the others', async () => {
    const healthy = lists(data, query);
    const broken = { ...healthy[1]!, page: async () => Promise.reject(new Error('boom')) };
    const result = await paginate({ lists: [healthy[0]!, broken, healthy[2]!], args: { first: 3 }, scope: 's', secret: SECRET, maxScanPages: 5 });
    expect(ids(result)).toEqual([`${A}-0`, `${A}-1`, `${A}-2`]);
    expect(result.sources.map((s) => s.ok)).toEqual([true, false, true]);
    expect(result.totalCount).toBeNull();
    // Next page with the provider healthy again: StateSet resumes from its start, so its newer items come late.
    const next = await paginate({ lists: healthy, args: { first: 3, after: result.pageInfo.endCursor }, scope: 's', secret: SECRET, maxScanPages: 5 });
    expect(ids(next)).toEqual([`${B}-0`, `${B}-1`, `${B}-2`]);
  });
});
