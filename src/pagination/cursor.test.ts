import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../errors.js';
import { decodeCursor, encodeCursor, scopeTag } from './cursor.js';
import { AT_END, isAtEnd } from './position.js';
import { CURSOR_V1_ORDER } from '../providers/registry.js';

const secret = Buffer.from('cursor-test-secret-cursor-test-secret');
/** Cursors carry any provider names: neutral ones here. */
const all = ['ALPHA', 'BETA', 'GAMMA'] as const;
const state = {
  edge: 'BETA' as const,
  positions: { ALPHA: { r: 'd:eyJrIjpbMV19', o: 3 }, BETA: { r: 'checkout_abc', o: 0 }, GAMMA: { r: '4', o: 99 } },
};

/** A correctly signed cursor with any payload (as a gateway with this secret would have issued it). */
function signed(payload: unknown): string {
  const bytes = Buffer.from(JSON.stringify(payload));
  const mac = createHmac('sha256', secret).update(bytes).digest().subarray(0, 12);
  return Buffer.concat([mac, bytes]).toString('base64url');
}

describe('composite cursors', () => {
  it('round-trips positions and the edge provider', () => {
    const cursor = encodeCursor(state, 'scope', secret);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThan(200);
    expect(decodeCursor(cursor, 'scope', secret, all, 'after')).toEqual(state);
  });

  it('round-trips a provider held at its not yet located end (AT_END)', () => {
    const held = { edge: 'ALPHA' as const, positions: { ...state.positions, BETA: AT_END } };
    const decoded = decodeCursor(encodeCursor(held, 'scope', secret), 'scope', secret, all, 'before');
    expect(isAtEnd(decoded.positions.BETA!)).toBe(true);
    expect(decoded.positions.ALPHA).toEqual(state.positions.ALPHA);
  });

  it('refuses tampering, truncation, other scopes, other secrets and unknown versions', () => {
    const cursor = encodeCursor(state, 'scope', secret);
    const bytes = Buffer.from(cursor, 'base64url');
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 1;
    const cases: [string, RegExp][] = [
      [bytes.toString('base64url'), /signature/],
      [cursor.slice(0, 12), /truncated|signature/],
      ['', /not a cursor/],
      ['not a cursor!', /not a cursor/],
    ];
    for (const [value, message] of cases) {
      expect(() => decodeCursor(value, 'scope', secret, all, 'after')).toThrow(message);
    }
    expect(() => decodeCursor(cursor, 'other scope', secret, all, 'after')).toThrow(/another field or filter/);
    expect(() => decodeCursor(cursor, 'scope', Buffer.from('x'.repeat(40)), all, 'after')).toThrow(/signature/);
    // A correctly signed payload of another version.
    // A version that is no number (an object whose toString is not callable) is refused like any other.
    expect(() => decodeCursor(signed([{ toString: '' }, scopeTag('scope'), 0, {}]), 'scope', secret, all, 'after')).toThrow(/version \{"toString":""\}/);
    const v3 = signed([3, scopeTag('scope'), null, {}]);
    expect(() => decodeCursor(v3, 'scope', secret, all, 'before')).toThrow(/version 3/);
    try {
      decodeCursor(v3, 'scope', secret, all, 'before');
    } catch (err) {
      expect(err).toBeInstanceOf(BadUserInputError);
      expect((err as BadUserInputError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });
    }
  });

  it('keys positions by provider name: a provider enabled since the walk began is not part of it, a disabled one drops out', () => {
    const cursor = encodeCursor({ edge: null, positions: { ALPHA: { r: null, o: 0 } } }, 'scope', secret);
    // BETA and GAMMA were not in the walk: the continued walk holds ALPHA only.
    expect(decodeCursor(cursor, 'scope', secret, all, 'after')).toEqual({ edge: null, positions: { ALPHA: { r: null, o: 0 } } });
    // The edge's provider, disabled since, no longer contributes; the edge itself still lies behind the cursor.
    expect(decodeCursor(encodeCursor(state, 'scope', secret), 'scope', secret, ['ALPHA', 'GAMMA'], 'after')).toEqual({
      edge: 'BETA',
      positions: { ALPHA: state.positions.ALPHA, GAMMA: state.positions.GAMMA },
    });
    // A fourth provider the cursor never knew.
    expect(decodeCursor(encodeCursor(state, 'scope', secret), 'scope', secret, [...all, 'MEMORY'], 'after')).toEqual(state);
  });

  it('reads version-1 cursors (positions by index in the built-in order, 0: not in the walk)', () => {
    const v1 = signed([1, scopeTag('scope'), 0, [['d:eyJrIjpbMV19', 3], 0, 1]]);
    const [first, second, third] = CURSOR_V1_ORDER as [string, string, string];
    const decoded = decodeCursor(v1, 'scope', secret, CURSOR_V1_ORDER, 'after');
    expect(decoded.edge).toBe(first);
    expect(decoded.positions[first]).toEqual({ r: 'd:eyJrIjpbMV19', o: 3 });
    expect(decoded.positions[second]).toBeUndefined();
    expect(isAtEnd(decoded.positions[third]!)).toBe(true);
    expect(() => decodeCursor(signed([1, scopeTag('scope'), -1, [0, 0]]), 'scope', secret, CURSOR_V1_ORDER, 'after')).toThrow(/unreadable positions/);
  });

  it('refuses a signed payload whose edge is not one of its providers', () => {
    expect(() => decodeCursor(signed([2, scopeTag('scope'), 'BETA', { ALPHA: [null, 0] }]), 'scope', secret, all, 'after')).toThrow(/unreadable edge/);
    expect(() => decodeCursor(signed([2, scopeTag('scope'), null, [[null, 0]]]), 'scope', secret, all, 'after')).toThrow(/unreadable positions/);
  });
});
