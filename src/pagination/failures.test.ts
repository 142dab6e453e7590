/**
 * Walk integrity under failure: random providers fail on random pages (runs of consecutive pages, the first page,
 * part-way through a read, and the page right after a cursor standing on their own edge), in both directions, with
 * random page sizes and resumes. A failed provider's items may come late, but every walk delivers each matching item
 * exactly once, each provider's items in that provider's order, and the exact merged order when nothing failed.
 *
 * For resumes the truth needs no bookkeeping: a cursor holds one position per provider, so the walk forward from it,
 * the walk backward from it and its own edge partition the matching items, however the walks that made it failed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PagedList, ProviderName } from '../domain.js';
import { decodeCursor } from './cursor.js';
import { paginate, type ConnectionPage } from './paginate.js';
import { stopsFor } from './stops.js';
import { datasetArb, lists, PROVIDERS, queryArb, SECRET, truth, type Dataset, type Query } from './test-fixtures.js';

interface FailurePlan {
  /** `provider` fails on walk pages start … start+length-1, at its `atCall`-th list call of the page (0: the first). */
  runs: { provider: ProviderName; start: number; length: number; atCall: number }[];
  /** Providers that fail on the first two pages whose incoming cursor stands on their own edge. */
  ownEdge: ProviderName[];
}

const planArb: fc.Arbitrary<FailurePlan> = fc.record({
  runs: fc.array(
    fc.record({
      provider: fc.constantFrom(...PROVIDERS),
      start: fc.oneof(fc.constant(0), fc.nat({ max: 12 })),
      length: fc.integer({ min: 1, max: 3 }),
      atCall: fc.oneof(fc.constant(0), fc.nat({ max: 2 })),
    }),
    { maxLength: 4 },
  ),
  ownEdge: fc.subarray([...PROVIDERS]),
});

interface Edge {
  cursor: string;
  id: string;
}

const sizeArb = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 100 }));

/** The list with its `atCall`-th call of this page rejecting, as an upstream answering 503 would. */
function failing(list: PagedList, atCall: number): PagedList {
  let calls = 0;
  const gate = <T>(run: () => Promise<T>): Promise<T> => (calls++ === atCall ? Promise.reject(new Error(`${list.provider} is down`)) : run());
  const wrapped: PagedList = {
    ...list,
    page: (ref, signal) => gate(() => list.page(ref, signal)),
    end: (signal) => gate(() => list.end(signal)),
  };
  if (list.pageBefore) wrapped.pageBefore = (item, signal) => gate(() => (list.pageBefore as NonNullable<PagedList['pageBefore']>)(item, signal));
  if (list.start) wrapped.start = (signal) => gate(() => (list.start as NonNullable<PagedList['start']>)(signal));
  return wrapped;
}

class Walker {
  private pageNo = 0;
  private readonly ownEdgeFailures = new Map<ProviderName, number>();
  /** Provider reads that failed during this walk. */
  failures = 0;
  constructor(
    private readonly data: Dataset,
    private readonly query: Query,
    private readonly plan: FailurePlan,
  ) {}

  private get scope() {
    return `test:${JSON.stringify(this.query)}`;
  }

  async page(args: { first?: number; last?: number; after?: string | null; before?: string | null }): Promise<ConnectionPage> {
    const cursor = args.after ?? args.before ?? null;
    const down = new Map<ProviderName, number>();
    for (const run of this.plan.runs) {
      if (this.query.providers.includes(run.provider) && this.pageNo >= run.start && this.pageNo < run.start + run.length) down.set(run.provider, run.atCall);
    }
    const edge = cursor ? decodeCursor(cursor, this.scope, SECRET, this.query.providers, args.after ? 'after' : 'before').edge : null;
    if (edge && this.plan.ownEdge.includes(edge) && (this.ownEdgeFailures.get(edge) ?? 0) < 2) {
      this.ownEdgeFailures.set(edge, (this.ownEdgeFailures.get(edge) ?? 0) + 1);
      down.set(edge, 0);
    }
    this.pageNo++;
    const result = await paginate({
      lists: lists(this.data, this.query).map((l) => (down.has(l.provider) ? failing(l, down.get(l.provider) as number) : l)),
      args,
      scope: this.scope,
      secret: SECRET,
      maxScanPages: this.query.maxScanPages,
      stops: stopsFor({ createdAfter: this.query.createdAfter, createdBefore: this.query.createdBefore }),
    });
    this.failures += result.sources.filter((s) => !s.ok).length;
    return result;
  }

  async forward(size: number, after: string | null = null) {
    const seen: string[] = [];
    const edges: Edge[] = [];
    for (let cursor = after, guard = 0; guard < 3000; guard++) {
      const result = await this.page({ first: size, after: cursor });
      seen.push(...result.edges.map((e) => e.node.providerId));
      edges.push(...result.edges.map((e) => ({ cursor: e.cursor, id: e.node.providerId })));
      if (!result.pageInfo.hasNextPage) return { seen, edges };
      expect(result.pageInfo.endCursor).not.toBeNull();
      cursor = result.pageInfo.endCursor;
    }
    throw new Error('forward walk did not finish');
  }

  async backward(size: number, before: string | null = null) {
    const seen: string[] = [];
    const edges: Edge[] = [];
    for (let cursor = before, guard = 0; guard < 3000; guard++) {
      const result = await this.page({ last: size, before: cursor });
      seen.unshift(...result.edges.map((e) => e.node.providerId));
      edges.push(...result.edges.map((e) => ({ cursor: e.cursor, id: e.node.providerId })));
      if (!result.pageInfo.hasPreviousPage) return { seen, edges };
      expect(result.pageInfo.startCursor).not.toBeNull();
      cursor = result.pageInfo.startCursor;
    }
    throw new Error('backward walk did not finish');
  }
}

const ofProvider = (ids: string[], provider: ProviderName) => ids.filter((id) => id.startsWith(`${provider}-`));

/** Each expected item exactly once, each provider's items in that provider's own order. */
function expectExactlyOnce(seen: string[], expected: string[]) {
  expect(seen.length).toBe(new Set(seen).size);
  expect([...seen].sort()).toEqual([...expected].sort());
  for (const provider of PROVIDERS) expect(ofProvider(seen, provider)).toEqual(ofProvider(expected, provider));
}

describe('merged pagination under provider failures (property tests)', () => {
  it('walks forward and backward delivering every item exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, queryArb, sizeArb, planArb, planArb, async (data, query, size, planF, planB) => {
        const expected = truth(data, query);
        const forward = new Walker(data, query, planF);
        const { seen } = await forward.forward(size);
        expectExactlyOnce(seen, expected);
        if (forward.failures === 0) expect(seen).toEqual(expected);
        const backward = new Walker(data, query, planB);
        const back = await backward.backward(size);
        expectExactlyOnce(back.seen, expected);
        if (backward.failures === 0) expect(back.seen).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('resumes from any edge cursor of a failing walk: forward, backward and the edge partition the items', async () => {
    await fc.assert(
      fc.asyncProperty(
        datasetArb,
        queryArb,
        sizeArb,
        sizeArb,
        fc.boolean(),
        fc.nat(),
        planArb,
        planArb,
        planArb,
        async (data, query, size, size2, fromBackward, pick, planMake, planF, planB) => {
          const expected = truth(data, query);
          const maker = new Walker(data, query, planMake);
          const made = fromBackward ? await maker.backward(size) : await maker.forward(size);
          fc.pre(made.edges.length > 0);
          const { cursor, id: anchor } = made.edges[pick % made.edges.length] as Edge;
          const forward = new Walker(data, query, planF);
          const after = (await forward.forward(size2, cursor)).seen;
          const backward = new Walker(data, query, planB);
          const before = (await backward.backward(size2, cursor)).seen;
          expectExactlyOnce([...before, anchor, ...after], expected);
          if (maker.failures + forward.failures + backward.failures === 0) {
            const at = expected.indexOf(anchor);
            expect(after).toEqual(expected.slice(at + 1));
            expect(before).toEqual(expected.slice(0, at));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
