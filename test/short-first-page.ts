/**
 * The contract of a short first page (`ListOptions.firstPageSize`), checked the same way for every provider list that
 * reads one: the engine's first page comes from the short page alone; a walk continued from its end on a list reading
 * full pages (a cursor's) completes it; and from every kind of position of a walk that started short, reading forward
 * and backward, on either list, gives exactly the items after and before it.
 */
import { expect } from 'vitest';
import { START, type PagedList, type Position } from '../src/domain.js';
import { readBackward, readForward } from '../src/pagination/read.js';

const EVERYTHING = { want: 100_000, maxPages: 1_000 };

/** Returns the positions of the walk that started short (for provider-specific checks of their refs). */
export async function expectShortFirstPageWalk(short: PagedList, full: PagedList, all: string[], indices: number[]): Promise<Position[]> {
  const firstRead = await readForward(short, START, { want: 21, maxPages: 5 });
  expect(firstRead.items.map((r) => r.item.providerId)).toEqual(all.slice(0, 21));
  expect(firstRead.pagesRead).toBe(1);
  const onShort = await readForward(short, START, EVERYTHING);
  const rest = await readForward(full, firstRead.end, EVERYTHING);
  expect([...firstRead.items, ...rest.items].map((r) => r.item.providerId)).toEqual(all);
  expect(onShort.items.map((r) => r.item.providerId)).toEqual(all);
  const positions: Position[] = [...onShort.items.map((r) => r.before), onShort.end];
  for (const index of [...indices, positions.length - 1]) {
    const at = positions[index] as Position;
    for (const list of [short, full]) {
      const back = await readBackward(list, at, EVERYTHING);
      expect(back.items.map((r) => r.item.providerId)).toEqual(all.slice(0, index).reverse());
      expect(back.exhausted).toBe(true);
      const on = await readForward(list, at, EVERYTHING);
      expect(on.items.map((r) => r.item.providerId)).toEqual(all.slice(index));
    }
  }
  return positions;
}
