import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { AT_END, isAtEnd } from './position.js';

const secret = Buffer.from('cursor-test-secret-cursor-test-secret');
const all = ['ZENSKAR', 'STATESET', 'LEMON_SQUEEZY'] as const;
const state = {
  edge: 'STATESET' as const,
  positions: { ZENSKAR: { r: 'd:eyJrIjpbMV19', o: 3 }, STATESET: { r: 'checkout_abc', o: 0 }, LEMON_SQUEEZY: { r: '4', o: 99 } },
};

describe('composite cursors', () => {
  it('round-trips positions and the edge provider', () => {
    const cursor = encodeCursor(state, 'scope', secret);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThan(140);
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
    const payload = Buffer.from(JSON.stringify([2, 'x', -1, [0, 0, 0]]));
    const mac = createHmac('sha256', secret).update(payload).digest().subarray(0, 12);
    const v2 = Buffer.concat([mac, payload]).toString('base64url');
    expect(() => decodeCursor(v2, 'scope', secret, all, 'before')).toThrow(/version 2/);
    try {
      decodeCursor(v2, 'scope', secret, all, 'before');
    } catch (err) {
      expect(err).toBeInstanceOf(BadUserInputError);
      expect((err as BadUserInputError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });
    }
  });

  it('requires a position for every provider of the query', () => {
    const cursor = encodeCursor({ edge: null, positions: { ZENSKAR: { r: null, o: 0 } } }, 'scope', secret);
    expect(decodeCursor(cursor, 'scope', secret, ['ZENSKAR'], 'after').positions).toEqual({ ZENSKAR: { r: null, o: 0 } });
    expect(() => decodeCursor(cursor, 'scope', secret, all, 'after')).toThrow(/no position for STATESET/);
  });
});
