/**
 * Positions as the merged connection moves them. Besides the upstream's own places (`Position`), one marker:
 * AT_END, "after the last item of this list, wherever that turns out to be". A backward walk that starts while a
 * provider fails cannot locate that provider's end; holding it at START instead would claim every one of its items
 * lies behind the walk, and a backward read from START yields nothing, so the provider would be skipped for good.
 * AT_END lets the next page retry `list.end()`; forward from AT_END there is nothing left.
 */
import { START, type Checkout, type PageRef, type Position } from '../domain.js';

export const AT_END: Position = Object.freeze({ r: null, o: -1 });

export function isAtEnd(position: Position): boolean {
  return position.r === null && position.o === -1;
}

export function isStart(position: Position): boolean {
  return position.r === START.r && position.o === START.o;
}

/** Step a position over the item right after it, whose id (or anchor tag) becomes the anchor when known. */
export function stepOver(position: Position, anchor?: string | null): Position {
  return anchor ? { r: position.r, o: position.o + 1, a: anchor } : { r: position.r, o: position.o + 1 };
}

/** The position before `page.items[o]` in page `r`, anchored on the item before it. */
export function positionIn(r: PageRef, items: readonly Checkout[], o: number): Position {
  if (o > 0) {
    const before = items[o - 1];
    return before ? { r, o, a: before.providerId } : { r, o };
  }
  const after = items[0];
  return after ? { r, o, b: after.providerId } : { r, o };
}

/**
 * A short, stable tag of an upstream id: what cursors carry as anchors (`#` and 8 base64url characters, 48 bits). It
 * only has to tell apart the items of one upstream page (a collision among 100 ids: about 2⁻³⁵), and cursors are
 * signed, so a fast non-cryptographic hash (cyrb53) does; every cursor of a page computes several.
 */
export function anchorTag(id: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const bytes = Buffer.alloc(6);
  bytes.writeUInt32BE(h1 >>> 0, 0);
  bytes.writeUInt16BE(h2 & 0xffff, 4);
  return `#${bytes.toString('base64url')}`;
}

function isAnchor(item: Checkout | undefined, anchor: string): boolean {
  return item !== undefined && (item.providerId === anchor || (anchor.startsWith('#') && anchorTag(item.providerId) === anchor));
}

/**
 * Where `position` lies in `items` (a page as fetched now): its offset when the anchor is still in place, or it has
 * none; else where the anchor puts it when the page has moved and still holds the anchor (`findAnchor`); else null.
 */
export function locate(items: readonly Checkout[], position: Position): number | null {
  const { o, a, b } = position;
  if (a !== undefined && o > 0) return isAnchor(items[o - 1], a) ? o : findAnchor(items, position);
  if (b !== undefined && o === 0) return isAnchor(items[0], b) ? 0 : findAnchor(items, position);
  return o;
}

/**
 * The place `position`'s anchor marks in `items`, wherever it now stands: right after the item before the place (`a`),
 * or at the item after it (`b`); null when the anchor is not in these items or the position has none.
 */
export function findAnchor(items: readonly Checkout[], position: Position): number | null {
  const anchor = position.a ?? position.b;
  if (anchor === undefined) return null;
  const found = items.findIndex((item) => isAnchor(item, anchor));
  if (found < 0) return null;
  return position.a !== undefined ? found + 1 : found;
}
