/**
 * Composite cursors: one position per provider in the upstream's own terms, versioned, compact, signed and bound to
 * the query they came from.
 *
 * Layout (base64url): 12-byte truncated HMAC-SHA256 over the payload, then the payload, a JSON array
 * `[version, scopeTag, edgeProvider, positions]`:
 * - `scopeTag` — 8 bytes of SHA-256 of the field name and normalised filter: a cursor only works for the query
 *   that produced it;
 * - `edgeProvider` — the name of the provider of the edge the cursor stands on, or null for a page boundary with no
 *   edge;
 * - `positions` — an object keyed by provider name with, for each provider of the walk, `[ref, offset]` or
 *   `[ref, offset, anchor]` (the position right before the edge, for the edge's own provider) or 1 for a provider held
 *   at its not yet located end (position.ts); the anchor tags the item right before the position (`#…`), or at a
 *   page start the item right after it (`>…`), so a read finds the place again when the upstream page has moved;
 * - an optional fifth element, the anchor tag of the edge's own checkout (a forward read steps over it).
 * Anchor tags are a 48-bit hash of the upstream id (`#` and 8 base64url characters), never the id.
 * Keyed by name, a cursor stays valid when providers are enabled or disabled: the walk it continues holds the providers
 * it was started with that are still enabled and selected (see `decodeCursor`). Version 1 cursors, which listed the
 * three built-in providers' positions by index (0: not in the walk), are still read.
 * Upstream refs inside are data only: they reach a URL solely through URLSearchParams encoding in the HTTP module.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Position, ProviderName } from '../domain.js';
import { BadUserInputError } from '../errors.js';
import { CURSOR_V1_ORDER } from '../providers/registry.js';
import { AT_END, anchorTag, isAtEnd } from './position.js';

export const CURSOR_VERSION = 2;
const MAC_BYTES = 12;
const MAX_CURSOR_LENGTH = 4096;

export interface CursorState {
  /** The provider of the edge this cursor stands on; null for a page boundary. */
  edge: ProviderName | null;
  /** For each provider of the walk: its position right before the edge (see merge.ts). */
  positions: Partial<Record<ProviderName, Position>>;
  /** The upstream id of the edge's checkout (encoding) or its anchor tag (decoded): the anchor once it is stepped over. */
  edgeAnchor?: string | null;
}

export function scopeTag(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 11);
}

function mac(secret: Buffer, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);
}

export function encodeCursor(state: CursorState, scope: string, secret: Buffer): string {
  const positions: Record<string, [string | null, number] | [string | null, number, string] | 1> = {};
  for (const [provider, position] of Object.entries(state.positions)) {
    if (!position) continue;
    positions[provider] = isAtEnd(position)
      ? 1
      : position.a
        ? [position.r, position.o, anchorOf(position.a)]
        : position.b
          ? [position.r, position.o, `>${anchorOf(position.b).slice(1)}`]
          : [position.r, position.o];
  }
  const payload = [CURSOR_VERSION, scopeTag(scope), state.edge, positions];
  if (state.edge && state.edgeAnchor) payload.push(anchorOf(state.edgeAnchor));
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  return Buffer.concat([mac(secret, bytes), bytes]).toString('base64url');
}

/** Anchors travel as short tags of the upstream id, never the id itself. */
function anchorOf(anchor: string): string {
  return anchor.startsWith('#') ? anchor : anchorTag(anchor);
}

function invalid(argument: string, reason: string): BadUserInputError {
  return new BadUserInputError(`Invalid cursor in \`${argument}\`: ${reason}`, { argument });
}

const ANCHOR = /^#[A-Za-z0-9_-]{8}$/;
const POSITION_ANCHOR = /^[#>][A-Za-z0-9_-]{8}$/;

function isPosition(value: unknown): value is [string | null, number] | [string | null, number, string] {
  return (
    Array.isArray(value) &&
    (value.length === 2 || (value.length === 3 && typeof value[2] === 'string' && POSITION_ANCHOR.test(value[2]))) &&
    (value[0] === null || (typeof value[0] === 'string' && value[0].length <= 2048)) &&
    Number.isSafeInteger(value[1]) &&
    (value[1] as number) >= 0
  );
}

/**
 * Verifies and decodes a cursor. Tampered, truncated, wrong-version or other-query cursors throw BAD_USER_INPUT.
 *
 * The state holds positions only for the providers of this query (`providers`) that the cursor's walk held: a provider
 * enabled since the walk began is not part of it (its items would land out of order in the middle of the walk; a new
 * walk from the start includes it), and a provider disabled since simply no longer contributes. `edge` stays as the
 * cursor says even when that provider is gone: the edge still lies behind the cursor.
 */
export function decodeCursor(cursor: string, scope: string, secret: Buffer, providers: readonly ProviderName[], argument: string): CursorState {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid(argument, 'not a cursor this API issued');
  }
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length <= MAC_BYTES) throw invalid(argument, 'truncated');
  const signature = bytes.subarray(0, MAC_BYTES);
  const payload = bytes.subarray(MAC_BYTES);
  if (!timingSafeEqual(signature, mac(secret, payload))) {
    throw invalid(argument, 'signature mismatch (tampered, truncated, or issued by a gateway with another CURSOR_SECRET)');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(payload.toString('utf8'));
  } catch {
    throw invalid(argument, 'unreadable payload');
  }
  if (!Array.isArray(decoded) || decoded.length < 4 || decoded.length > 5) throw invalid(argument, 'unreadable payload');
  const [version, tag, edge, positions, edgeAnchor] = decoded as [unknown, unknown, unknown, unknown, unknown];
  if (edgeAnchor !== undefined && (version !== CURSOR_VERSION || typeof edgeAnchor !== 'string' || !ANCHOR.test(edgeAnchor))) {
    throw invalid(argument, 'unreadable edge');
  }
  if (version !== CURSOR_VERSION && version !== 1)
    throw invalid(argument, `version ${JSON.stringify(version)?.slice(0, 20)} is not supported (expected ${CURSOR_VERSION})`);
  if (tag !== scopeTag(scope)) throw invalid(argument, 'it belongs to another field or filter; cursors are bound to the query that produced them');
  const walk = version === 1 ? fromVersion1(argument, edge, positions) : { edge, positions };
  if (walk.positions === null || typeof walk.positions !== 'object' || Array.isArray(walk.positions)) throw invalid(argument, 'unreadable positions');
  const known = walk.positions as Record<string, unknown>;
  if (walk.edge !== null && (typeof walk.edge !== 'string' || !Object.hasOwn(known, walk.edge))) throw invalid(argument, 'unreadable edge');
  const state: CursorState = { edge: walk.edge, positions: {}, ...(typeof edgeAnchor === 'string' ? { edgeAnchor } : {}) };
  for (const provider of providers) {
    if (!Object.hasOwn(known, provider)) continue;
    const value = known[provider];
    if (value === 1) {
      state.positions[provider] = AT_END;
      continue;
    }
    if (!isPosition(value)) throw invalid(argument, `unreadable position for ${provider}`);
    const [r, o, anchor] = value;
    if (anchor === undefined) state.positions[provider] = { r, o };
    else state.positions[provider] = anchor.startsWith('#') ? { r, o, a: anchor } : { r, o, b: `#${anchor.slice(1)}` };
  }
  return state;
}

/** A version-1 payload (positions by index in the built-in order, 0: not in the walk; edge an index or -1) in v2 terms. */
function fromVersion1(argument: string, edge: unknown, positions: unknown): { edge: string | null; positions: Record<string, unknown> } {
  if (!Array.isArray(positions) || positions.length !== CURSOR_V1_ORDER.length) throw invalid(argument, 'unreadable positions');
  if (typeof edge !== 'number' || !Number.isInteger(edge) || edge < -1 || edge >= CURSOR_V1_ORDER.length) throw invalid(argument, 'unreadable edge');
  const byName: Record<string, unknown> = {};
  positions.forEach((value, i) => {
    if (value !== 0) byName[CURSOR_V1_ORDER[i] as string] = value;
  });
  return { edge: edge === -1 ? null : (CURSOR_V1_ORDER[edge] as string), positions: byName };
}
