import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../errors.js';
import { decodeCursor, encodeCursor, scopeTag } from './cursor.js';
import { AT_END, isAtEnd } from './position.js';

const secret = Buffer.from('cursor-test-secret-cursor-test-secret');
const all = ['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'] as const;
const state = {
  edge: 'STATESET' as const,
  positions: { ZENSKAR: { r: 'd:eyJrIjpbMV19', o: 3 }, STATESET: { r: 'checkout_abc', o: 0 }, LEMON_SQUEEZY: { r: '4', o: 99 } },
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
    const held = { edge: 'ZENSKAR' as const, positions: { ...state.positions, STATESET: AT_END } };
    const decoded = decodeCursor(encodeCursor(held, 'scope', secret), 'scope', secret, all, 'before');
    expect(isAtEnd(decoded.positions.STATESET!)).toBe(true);
    expect(decoded.positions.ZENSKAR).toEqual(state.positions.ZENSKAR);
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
    const cursor = encodeCursor({ edge: null, positions: { ZENSKAR: { r: null, o: 0 } } }, 'scope', secret);
    // STATESET and LEMON_SQUEEZY were not in the walk: the continued walk holds ZENSKAR only.
    expect(decodeCursor(cursor, 'scope', secret, all, 'after')).toEqual({ edge: null, positions: { ZENSKAR: { r: null, o: 0 } } });
    // The edge's provider, disabled since, no longer contributes; the edge itself still lies behind the cursor.
    expect(decodeCursor(encodeCursor(state, 'scope', secret), 'scope', secret, ['ZENSKAR', 'LEMON_SQUEEZY'], 'after')).toEqual({
      edge: 'STATESET',
      positions: { ZENSKAR: state.positions.ZENSKAR, LEMON_SQUEEZY: state.positions.LEMON_SQUEEZY },
    });
    // A fourth provider the cursor never knew.
    expect(decodeCursor(encodeCursor(state, 'scope', secret), 'scope', secret, [...all, 'MEMORY'], 'after')).toEqual(state);
  });

  it('reads version-1 cursors (positions by index in the built-in order, 0: not in the walk)', () => {
    const v1 = signed([1, scopeTag('scope'), 0, [['d:eyJrIjpbMV19', 3], 0, 1]]);
    const decoded = decodeCursor(v1, 'scope', secret, all, 'after');
    expect(decoded.edge).toBe('ZENSKAR');
    expect(decoded.positions.ZENSKAR).toEqual({ r: 'd:eyJrIjpbMV19', o: 3 });
    expect(decoded.positions.STATESET).toBeUndefined();
    expect(isAtEnd(decoded.positions.LEMON_SQUEEZY!)).toBe(true);
    expect(() => decodeCursor(signed([1, scopeTag('scope'), -1, [0, 0]]), 'scope', secret, all, 'after')).toThrow(/unreadable positions/);
  });

  it('refuses a signed payload whose edge is not one of its providers', () => {
    expect(() => decodeCursor(signed([2, scopeTag('scope'), 'STATESET', { ZENSKAR: [null, 0] }]), 'scope', secret, all, 'after')).toThrow(/unreadable edge/);
    expect(() => decodeCursor(signed([2, scopeTag('scope'), null, [[null, 0]]]), 'scope', secret, all, 'after')).toThrow(/unreadable positions/);
  });
});
