/**
 * Property tests of the merged connection engine against a brute-force truth: random datasets (many equal
 * timestamps across providers, empty providers, a single provider), random page sizes, forward and backward walks,
 * resumes from random edge cursors, gateway-side filters and early stops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVIDER_RANK, PROVIDERS, type Checkout, type CheckoutStatus, type ProviderName } from '../domain.js';
import { BadUserInputError } from '../errors.js';
import { encodeCursor } from './cursor.js';
import { memoryList } from './memory-list.js';
import { paginate, type ConnectionPage } from './paginate.js';
import { stopsFor } from './stops.js';

const SECRET = Buffer.from('property-test-secret-property-test-secret');
const STATUSES: CheckoutStatus[] = ['OPEN', 'PROCESSING', 'COMPLETED', 'CANCELLED', 'EXPIRED'];

interface Dataset {
  items: Record<ProviderName, Checkout[]>;
  pageSizes: Record<ProviderName, number>;
  modes: Record<ProviderName, 'offset' | 'after-id'>;
}

function instant(second: number): string {
  return `2026-01-01T00:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.000000Z`;
}

const checkoutArb = fc.record({ second: fc.integer({ min: 0, max: 40 }), status: fc.constantFrom(...STATUSES) });

const datasetArb: fc.Arbitrary<Dataset> = fc
  .record({
    ZENSKAR: fc.array(checkoutArb, { maxLength: 45 }),
    STATESET: fc.array(checkoutArb, { maxLength: 45 }),
    LEMON_SQUEEZY: fc.array(checkoutArb, { maxLength: 45 }),
    sizes: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
    modes: fc.tuple(fc.constantFrom('offset', 'after-id'), fc.constantFrom('offset', 'after-id'), fc.constantFrom('offset', 'after-id')),
  })
  .map((raw) => {
    const items = {} as Record<ProviderName, Checkout[]>;
    for (const provider of PROVIDERS) {
      // Upstream order: createdAt descending; equal instants keep generation order (the upstream's own tie-break).
      const rows = raw[provider].map((r, i) => ({ ...r, i })).sort((a, b) => b.second - a.second || a.i - b.i);
      items[provider] = rows.map((r, i) => ({
        provider,
        providerId: `${provider}-${i}`,
        status: r.status,
        providerStatus: r.status.toLowerCase(),
        currency: 'USD',
        email: null,
        total: null,
        createdAt: instant(r.second),
        updatedAt: instant(r.second),
        raw: null,
      }));
    }
    return {
      items,
      pageSizes: { ZENSKAR: raw.sizes[0], STATESET: raw.sizes[1], LEMON_SQUEEZY: raw.sizes[2] },
      modes: { ZENSKAR: raw.modes[0], STATESET: raw.modes[1], LEMON_SQUEEZY: raw.modes[2] } as Dataset['modes'],
    };
  });

interface Query {
  providers: ProviderName[];
  status: CheckoutStatus[] | null;
  createdAfter: string | null;
  createdBefore: string | null;
  maxScanPages: number;
}

const queryArb: fc.Arbitrary<Query> = fc.record({
  providers: fc.subarray([...PROVIDERS], { minLength: 1 }),
  status: fc.option(fc.subarray(STATUSES, { minLength: 1 }), { nil: null }),
  createdAfter: fc.option(fc.integer({ min: 0, max: 40 }).map(instant), { nil: null }),
  createdBefore: fc.option(fc.integer({ min: 0, max: 40 }).map(instant), { nil: null }),
  maxScanPages: fc.integer({ min: 1, max: 4 }),
});

function matches(query: Query, item: Checkout): boolean {
  if (query.status && !query.status.includes(item.status)) return false;
  if (query.createdAfter && !(item.createdAt > query.createdAfter)) return false;
  if (query.createdBefore && !(item.createdAt < query.createdBefore)) return false;
  return true;
}

/** The brute-force truth: everything that matches, sorted by the documented order. */
function truth(data: Dataset, query: Query): string[] {
  const all = query.providers.flatMap((p) => data.items[p].map((item, index) => ({ item, index })));
  return all
    .filter(({ item }) => matches(query, item))
    .sort(
      (a, b) =>
        (a.item.createdAt < b.item.createdAt ? 1 : a.item.createdAt > b.item.createdAt ? -1 : 0) ||
        PROVIDER_RANK[a.item.provider] - PROVIDER_RANK[b.item.provider] ||
        a.index - b.index,
    )
    .map(({ item }) => item.providerId);
}

function lists(data: Dataset, query: Query) {
  const residual = query.status || query.createdAfter || query.createdBefore ? (item: Checkout) => matches(query, item) : undefined;
  return query.providers.map((p) =>
    memoryList(p, data.items[p], { pageSize: data.pageSizes[p], mode: data.modes[p], ...(residual ? { residual } : {}) }),
  );
}

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
      fc.asyncProperty(datasetArb, queryArb, fc.integer({ min: 1, max: 15 }), fc.nat(), fc.integer({ min: 1, max: 15 }), async (data, query, size, pick, size2) => {
        const expected = truth(data, query);
        const { seen, cursors } = await walkForward(data, query, size);
        fc.pre(cursors.length > 0);
        const at = pick % cursors.length;
        const anchor = seen[at] as string;
        const position = expected.indexOf(anchor);
        expect((await walkForward(data, query, size2, cursors[at] as string)).seen).toEqual(expected.slice(position + 1));
        expect(await walkBackward(data, query, size2, cursors[at] as string)).toEqual(expected.slice(0, position));
      }),
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
  const data: Dataset = {
    items: {
      ZENSKAR: Array.from({ length: 5 }, (_, i) => fake('ZENSKAR', i, 50 - i * 2)),
      STATESET: Array.from({ length: 5 }, (_, i) => fake('STATESET', i, 49 - i * 2)),
      LEMON_SQUEEZY: [],
    },
    pageSizes: { ZENSKAR: 2, STATESET: 2, LEMON_SQUEEZY: 2 },
    modes: { ZENSKAR: 'offset', STATESET: 'after-id', LEMON_SQUEEZY: 'offset' },
  };
  const query: Query = { providers: ['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'], status: null, createdAfter: null, createdBefore: null, maxScanPages: 5 };

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
    expect(ids(result)).toEqual(['ZENSKAR-0', 'ZENSKAR-1', 'ZENSKAR-2']);
    expect(result.sources.map((s) => s.ok)).toEqual([true, false, true]);
    expect(result.totalCount).toBeNull();
    // Next page with the provider healthy again: StateSet resumes from its start, so its newer items come late.
    const next = await paginate({ lists: healthy, args: { first: 3, after: result.pageInfo.endCursor }, scope: 's', secret: SECRET, maxScanPages: 5 });
    expect(ids(next)).toEqual(['STATESET-0', 'STATESET-1', 'STATESET-2']);
  });
});

function fake(provider: ProviderName, i: number, second: number): Checkout {
  return {
    provider,
    providerId: `${provider}-${i}`,
    status: 'OPEN',
    providerStatus: 'open',
    currency: 'USD',
    email: null,
    total: null,
    createdAt: instant(second),
    updatedAt: instant(second),
    raw: null,
  };
}
