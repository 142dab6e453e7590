/**
 * Positions as the merged connection moves them. Besides the upstream's own places (`Position`), one marker:
 * AT_END, "after the last item of this list, wherever that turns out to be". A backward walk that starts while a
 * provider fails cannot locate that provider's end; holding it at START instead would claim every one of its items
 * lies behind the walk, and a backward read from START yields nothing, so the provider would be skipped for good.
 * AT_END lets the next page retry `list.end()`; forward from AT_END there is nothing left.
 */
import { START, type Position } from '../domain.js';

export const AT_END: Position = Object.freeze({ r: null, o: -1 });

export function isAtEnd(position: Position): boolean {
  return position.r === null && position.o === -1;
}

export function isStart(position: Position): boolean {
  return position.r === START.r && position.o === START.o;
}

/** Step a position over the item right after it. */
export function stepOver(position: Position): Position {
  return { r: position.r, o: position.o + 1 };
}
