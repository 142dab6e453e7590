/** ResultCache load marks: `since` asks for a value loaded after a mark; in-flight loads are still shared. */
import { describe, expect, it, vi } from 'vitest';
import { ResultCache } from './cache.js';

function counted(value: string) {
  let calls = 0;
  const load = async () => {
    calls++;
    return `${value}#${calls}`;
  };
  return { load, calls: () => calls };
}

describe('ResultCache load marks', () => {
  it('without since, a fresh entry is reused; with a mark taken after it was loaded, it is loaded again', async () => {
    const cache = new ResultCache({ ttlMs: 60_000, maxEntries: 10 });
    const page = counted('page');
    expect(await cache.get('k', page.load)).toBe('page#1');
    expect(await cache.get('k', page.load)).toBe('page#1');
    const mark = cache.mark();
    expect(await cache.get('k', page.load, undefined, mark)).toBe('page#2');
    // The reload is newer than the mark, so a second reader with the same mark (the same request) reuses it.
    expect(await cache.get('k', page.load, undefined, mark)).toBe('page#2');
    expect(await cache.get('k', page.load)).toBe('page#2');
    expect(page.calls()).toBe(2);
  });

  it('a reader with a mark joins an identical load already in flight', async () => {
    const cache = new ResultCache({ ttlMs: 60_000, maxEntries: 10 });
    let release: (value: string) => void = () => {};
    let calls = 0;
    const load = () => {
      calls++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = cache.get('k', load, undefined, cache.mark());
    const second = cache.get('k', load, undefined, cache.mark());
    await vi.waitFor(() => expect(calls).toBe(1));
    release('shared');
    expect(await Promise.all([first, second])).toEqual(['shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('marks only move when a load starts', async () => {
    const cache = new ResultCache({ ttlMs: 60_000, maxEntries: 10 });
    const before = cache.mark();
    await cache.get('a', async () => 1);
    await cache.get('a', async () => 2);
    expect(cache.mark()).toBe(before + 1);
  });
});
