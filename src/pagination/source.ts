/**
 * Where one provider's read starts for a page, and where it is held when that read fails.
 *
 * The held position must say exactly what this provider has already given the walk, so the next page neither repeats
 * nor skips anything of it:
 * - forward from a cursor standing on this provider's own edge, that edge has been delivered: hold the stepped-over
 *   position (holding the cursor's own position would deliver the edge again);
 * - backward from a cursor, the cursor's position already excludes its edge: hold it as it is;
 * - forward with no cursor: nothing delivered yet, hold START (forward from START re-locates through `list.start()`);
 * - backward with no cursor: nothing delivered yet, hold AT_END (the next page retries `list.end()`).
 */
import { START, type PagedList, type Position } from '../domain.js';
import type { CursorState } from './cursor.js';
import type { SourceRead } from './merge.js';
import { AT_END, isAtEnd, isStart, stepOver } from './position.js';
import { readBackward, readForward, type ReadOptions } from './read.js';

export function holdFor(list: PagedList, state: CursorState | null, forward: boolean): Position {
  if (!state) return forward ? START : AT_END;
  const at = state.positions[list.provider] as Position;
  return forward && state.edge === list.provider ? stepOver(at, state.edgeAnchor) : at;
}

/** Whether a provider held at `hold` may still have items in the read direction (a failed one keeps the walk going). */
export function mayHaveMore(hold: Position, forward: boolean): boolean {
  return forward ? !isAtEnd(hold) : !isStart(hold);
}

export async function readSource(list: PagedList, hold: Position, forward: boolean, options: ReadOptions): Promise<SourceRead> {
  const { signal } = options;
  if (forward) {
    if (isAtEnd(hold)) return { provider: list.provider, from: AT_END, read: nothingLeft(AT_END) };
    // START means nothing of this list was delivered yet, so jumping past items no filter can match loses nothing.
    // A start anchored on its first item (b) was read by an earlier page: keep it, so items created above it since
    // stay behind the walk.
    const from = isStart(hold) && hold.b === undefined ? ((await list.start?.(signal)) ?? START) : hold;
    return { provider: list.provider, from, read: await readForward(list, from, options) };
  }
  const from = isAtEnd(hold) ? await list.end(signal) : hold;
  const read = await readBackward(list, from, options);
  // The merge holds a provider it took nothing from at `from`: anchored, the next page finds the place again.
  return { provider: list.provider, from: read.start ?? from, read };
}

function nothingLeft(end: Position) {
  return { items: [], exhausted: true, frontier: null, end, totalCount: null, pagesRead: 0 };
}
