/**
 * The merged page's cut-off rule under fake timers, with the defaults: a provider that hangs is cut off at 4.5 s and
 * held so the walk stays exact; a provider whose every upstream answer comes within 3 s is never cut off, however
 * many answers its read needs.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PagedList } from '../domain.js';
import { UpstreamError } from '../errors.js';
import { providerNames } from '../providers/registry.js';
import { DEFAULT_CUTOFF } from './cutoff.js';
import { paginate, type ConnectionPage } from './paginate.js';
import { fake, SECRET } from './test-fixtures.js';
import { memoryList } from './memory-list.js';

/** Every call answers after `latency()` ms of (fake) time, or never when `hang()` says so; aborts are recorded. */
function slow(list: PagedList, latency: () => number, hang: () => boolean = () => false) {
  const aborts: number[] = [];
  const delay = <T>(run: () => Promise<T>, signal?: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      signal?.addEventListener('abort', () => {
        aborts.push(Date.now());
        reject(signal.reason);
      });
      if (!hang()) setTimeout(() => run().then(resolve, reject), latency());
    });
  const wrapped: PagedList = {
    ...list,
    page: (ref, signal) => delay(() => list.page(ref, signal), signal),
    end: (signal) => delay(() => list.end(signal), signal),
  };
  return { list: wrapped, aborts };
}

/** Two registered providers (their tie-break rank matters to the merge). */
const [Z, S] = providerNames() as [string, string];

const items = (provider: string, n: number, offset: number) => Array.from({ length: n }, (_, i) => fake(provider, i, 2000 - i * 3 - offset));

async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T; at: number }> {
  let done: { value: T; at: number } | null = null;
  void promise.then((value) => (done = { value, at: Date.now() }));
  const start = Date.now();
  while (!done && Date.now() - start < ms) await vi.advanceTimersByTimeAsync(Math.min(100, ms - (Date.now() - start)));
  if (!done) throw new Error(`not settled within ${ms} ms`);
  return done;
}

const ask = (lists: PagedList[], args: Record<string, unknown>) =>
  paginate({ lists, args, scope: 's', secret: SECRET, maxScanPages: 10, cutoff: DEFAULT_CUTOFF });

describe('merged page cut-off (defaults: 4.5 s soft deadline, 3 s without an answer)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('cuts a hung provider off at 4.5 s with UPSTREAM_TIMEOUT, holds it, and the walk stays exact', async () => {
    const zenskar = items(Z, 30, 0);
    const stateSet = items(S, 30, 1);
    // Zenskar hangs on page 2, and again on the first page after a cursor standing on its own edge.
    let hangNext = false;
    let hungPages = 0;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const hung: boolean = hangNext || seen.length === 18;
      hangNext = false;
      const z = slow(
        memoryList(Z, zenskar, { pageSize: 7, mode: 'offset' }),
        () => 100,
        () => hung,
      );
      const s = slow(memoryList(S, stateSet, { pageSize: 7, mode: 'after-id' }), () => 200);
      const started = Date.now();
      const settled: { value: ConnectionPage; at: number } = await settleWithin(ask([z.list, s.list], { first: 9, after }), 20_000);
      const { value: page, at } = settled;
      if (hung) {
        hungPages++;
        expect(at - started).toBe(4_500);
        expect(z.aborts).toEqual([started + 4_500]);
        const failed = page.sources.find((x) => !x.ok);
        expect(failed?.provider).toBe(Z);
        expect(failed?.error).toBeInstanceOf(UpstreamError);
        expect((failed?.error as UpstreamError | undefined)?.upstreamCode).toBe('UPSTREAM_TIMEOUT');
        expect(page.edges.every((e) => e.node.provider === S)).toBe(true);
      } else {
        expect(page.sources.every((x) => x.ok)).toBe(true);
        expect(at - started).toBeLessThan(4_500);
      }
      seen.push(...page.edges.map((e) => e.node.providerId));
      hangNext = hungPages === 1 && !hung && page.edges.at(-1)?.node.provider === Z;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(hungPages).toBe(2);
    expect(seen.length).toBe(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('never cuts off a provider whose every answer comes within 3 s, however long its read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2_999 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        async (latencies, pageSize, othersHang) => {
          let call = 0;
          const z = slow(memoryList(Z, items(Z, 40, 0), { pageSize, mode: 'offset' }), () => latencies[call++ % latencies.length] as number);
          const s = slow(
            memoryList(S, items(S, 40, 1), { pageSize: 3, mode: 'after-id' }),
            () => 10,
            () => othersHang,
          );
          const started = Date.now();
          const { value: page } = await settleWithin<ConnectionPage>(ask([z.list, s.list], { first: 20 }), 200_000);
          expect(page.sources[0]).toMatchObject({ provider: Z, ok: true });
          expect(z.aborts).toEqual([]);
          if (othersHang) expect(s.aborts).toEqual([started + 4_500]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cuts off a provider that goes quiet after the soft deadline 3 s after its last answer', async () => {
    let call = 0;
    // Answers at 2.5 s and 5 s, then hangs: past the soft deadline, cut 3 s after the last answer.
    const z = slow(
      memoryList(Z, items(Z, 40, 0), { pageSize: 2, mode: 'offset' }),
      () => 2_500,
      () => call++ >= 2,
    );
    const { value: page, at } = await settleWithin<ConnectionPage>(ask([z.list], { first: 20 }), 20_000);
    expect(at).toBe(8_000);
    expect(page.sources[0]).toMatchObject({ ok: false });
  });
});
