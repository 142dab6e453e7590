/**
 * Composite cursors: one position per provider in the upstream's own terms, versioned, compact, signed and bound to
 * the query they came from.
 *
 * Layout (base64url): 12-byte truncated HMAC-SHA256 over the payload, then the payload, a JSON array
 * `[version, scopeTag, edgeProvider, positions]`:
 * - `scopeTag` — 8 bytes of SHA-256 of the field name and normalised filter: a cursor only works for the query
 *   that produced it;
 * - `edgeProvider` — index (in PROVIDERS order) of the provider of the edge the cursor stands on, or -1 for a page
 *   boundary with no edge;
 * - `positions` — per provider in PROVIDERS order, `[ref, offset]` (the position right before the edge, for the
 *   edge's own provider), 1 for a provider held at its not yet located end (position.ts), or 0 for a provider not
 *   in the query.
 * Upstream refs inside are data only: they reach a URL solely through URLSearchParams encoding in the HTTP module.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { PROVIDERS, type Position, type ProviderName } from '../domain.js';
import { BadUserInputError } from '../errors.js';
import { AT_END, isAtEnd } from './position.js';

export const CURSOR_VERSION = 1;
const MAC_BYTES = 12;
const MAX_CURSOR_LENGTH = 4096;

export interface CursorState {
  /** The provider of the edge this cursor stands on; null for a page boundary. */
  edge: ProviderName | null;
  /** For each provider of the query: its position right before the edge (see merge.ts). */
  positions: Partial<Record<ProviderName, Position>>;
}

export function scopeTag(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 11);
}

function mac(secret: Buffer, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);
}

export function encodeCursor(state: CursorState, scope: string, secret: Buffer): string {
  const positions = PROVIDERS.map((p) => {
    const position = state.positions[p];
    if (!position) return 0;
    return isAtEnd(position) ? 1 : [position.r, position.o];
  });
  const edge = state.edge ? PROVIDERS.indexOf(state.edge) : -1;
  const payload = Buffer.from(JSON.stringify([CURSOR_VERSION, scopeTag(scope), edge, positions]), 'utf8');
  return Buffer.concat([mac(secret, payload), payload]).toString('base64url');
}

function invalid(argument: string, reason: string): BadUserInputError {
  return new BadUserInputError(`Invalid cursor in \`${argument}\`: ${reason}`, { argument });
}

function isPosition(value: unknown): value is [string | null, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    (value[0] === null || (typeof value[0] === 'string' && value[0].length <= 2048)) &&
    Number.isSafeInteger(value[1]) &&
    (value[1] as number) >= 0
  );
}

/**
 * Verifies and decodes a cursor. Tampered, truncated, wrong-version or other-query cursors, and cursors missing a
 * position for a provider of this query, throw BAD_USER_INPUT.
 */
export function decodeCursor(
  cursor: string,
  scope: string,
  secret: Buffer,
  providers: readonly ProviderName[],
  argument: string,
): CursorState {
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
  if (!Array.isArray(decoded) || decoded.length !== 4) throw invalid(argument, 'unreadable payload');
  const [version, tag, edgeIndex, positions] = decoded as [unknown, unknown, unknown, unknown];
  if (version !== CURSOR_VERSION) throw invalid(argument, `version ${String(version)} is not supported (expected ${CURSOR_VERSION})`);
  if (tag !== scopeTag(scope)) throw invalid(argument, 'it belongs to another field or filter; cursors are bound to the query that produced them');
  if (!Array.isArray(positions) || positions.length !== PROVIDERS.length) throw invalid(argument, 'unreadable positions');
  if (typeof edgeIndex !== 'number' || !Number.isInteger(edgeIndex) || edgeIndex < -1 || edgeIndex >= PROVIDERS.length) {
    throw invalid(argument, 'unreadable edge');
  }
  const state: CursorState = { edge: edgeIndex === -1 ? null : (PROVIDERS[edgeIndex] as ProviderName), positions: {} };
  for (const provider of providers) {
    const value = positions[PROVIDERS.indexOf(provider)];
    if (value === 1) {
      state.positions[provider] = AT_END;
      continue;
    }
    if (!isPosition(value)) throw invalid(argument, `no position for ${provider}`);
    state.positions[provider] = { r: value[0], o: value[1] };
  }
  if (state.edge && !providers.includes(state.edge)) throw invalid(argument, 'its edge provider is not part of this query');
  return state;
}
