import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UpstreamError } from '../errors.js';
import { drift, DriftRecorder } from './drift.js';
import { knownValue, rawText, readEssential, readTolerant, staticPath, tolerant, withLazyRaw } from './tolerant.js';

const date = z.string().refine((t) => /^\d{4}-\d{2}-\d{2}/.test(t), { params: { drift: 'unreadable_date' } });
const documented = z.object({
  name: z.string(),
  note: z.string().nullish(),
  kind: z.enum(['a', 'b']),
  when: date.nullish(),
  tags: z.array(z.string()),
  nested: z.object({ x: z.number(), y: z.string() }).nullish(),
  php: z.object({ k: z.string().optional() }).nullish(),
  options: z
    .array(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('ship'), carrier: z.string(), total: z.number() }),
        z.object({ type: z.literal('digital'), total: z.number() }),
      ]),
    )
    .nullish(),
});
const reader = tolerant(documented);
const good = {
  name: 'n',
  kind: 'a',
  when: '2024-01-01',
  tags: ['t'],
  nested: { x: 1, y: 'y' },
  options: [{ type: 'ship', carrier: 'ups', total: 5 }],
};

function records() {
  return drift
    .counts()
    .map(({ path, kind }) => `${path}:${kind}`)
    .sort();
}

describe('readTolerant', () => {
  beforeEach(() => drift.reset());
  afterEach(() => drift.reset());

  it('returns a documented payload as it is, recording nothing', () => {
    expect(readTolerant('ZENSKAR', reader, good)).toEqual(good);
    expect(records()).toEqual([]);
  });

  it('nulls a wrong type at its own field and keeps the siblings', () => {
    const out = readTolerant('ZENSKAR', reader, { ...good, nested: { x: 'one', y: 'y' } })!;
    expect(out.nested).toEqual({ x: null, y: 'y' });
    expect(records()).toEqual(['nested.x:wrong_type']);
  });

  it('keeps an unknown enum value verbatim and records it', () => {
    const out = readTolerant('ZENSKAR', reader, { ...good, kind: 'c' })!;
    expect(out.kind).toBe('c');
    expect(knownValue(['a', 'b'], out.kind)).toBeNull();
    expect(rawText(out.kind)).toBe('c');
    expect(records()).toEqual(['kind:unknown_enum']);
  });

  it('reads a missing required key as null and records it as missing', () => {
    const { name: _n, ...rest } = good;
    const out = readTolerant('ZENSKAR', reader, rest)!;
    expect(out.name ?? null).toBeNull();
    expect(records()).toEqual(['name:missing']);
  });

  it('records an unreadable date and nulls it', () => {
    const out = readTolerant('ZENSKAR', reader, { ...good, when: 'soon' })!;
    expect(out.when).toBeNull();
    expect(records()).toEqual(['when:unreadable_date']);
  });

  it('reads PHP `[]` as an empty object without a record, `{}` for a list as empty with one', () => {
    const out = readTolerant('ZENSKAR', reader, { ...good, php: [], tags: {} })!;
    expect(out.php).toEqual({});
    expect(out.tags).toEqual([]);
    expect(records()).toEqual(['tags:wrong_type']);
  });

  it('keeps a union member of an unknown kind, with the keys it shares', () => {
    const out = readTolerant('ZENSKAR', reader, { ...good, options: [{ type: 'pickup', total: 3, where: 'desk' }, good.options[0]] })!;
    expect(out.options).toEqual([{ type: 'pickup', total: 3 }, good.options[0]]);
    expect(records()).toEqual(['options[].type:unknown_enum']);
  });

  it('drops a union member that cannot be read at all (no kind)', () => {
    const out = readTolerant('ZENSKAR', reader, { ...good, options: [{ total: 3 }, 7, good.options[0]] })!;
    expect(out.options).toEqual([good.options[0]]);
    expect(records().every((r) => r.startsWith('options[]'))).toBe(true);
  });

  it('reads an object that is no object as null, recording it at its own path', () => {
    expect(readTolerant('LEMON_SQUEEZY', reader, 'gone', ['relationships'])).toBeNull();
    expect(records()).toEqual(['relationships:wrong_type']);
  });

  it('ignores unknown keys at every level', () => {
    const out = readTolerant('ZENSKAR', reader, { ...good, extra: 1, nested: { x: 1, y: 'y', more: [1] } })!;
    expect(out).toEqual(good);
    expect(records()).toEqual([]);
  });
});

describe('readEssential', () => {
  it('names the item and the path of what broke the page', () => {
    const schema = z.object({ id: z.string(), created_at: date });
    const read = () => readEssential('STATESET', 'checkout', schema, { id: 'cs_1', created_at: 'never' }, 'cs_1');
    expect(read).toThrow(UpstreamError);
    expect(read).toThrow(/checkout cs_1 payload: created_at/);
  });
});

describe('drift records', () => {
  it('warns once, then at most once an interval per path with the count since', () => {
    let now = 0;
    const warnings: unknown[] = [];
    const recorder = new DriftRecorder({ now: () => now, intervalMs: 60_000 });
    recorder.useLogger({ warn: (obj: unknown) => void warnings.push(obj) } as never);
    const record = { provider: 'ZENSKAR', path: 'a.b', kind: 'wrong_type' as const, valueClass: 'number' };
    recorder.record(record);
    recorder.record(record);
    now = 59_999;
    recorder.record(record);
    expect(warnings).toHaveLength(1);
    now = 60_000;
    recorder.record(record);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatchObject({ drift: { path: 'a.b', count: 3, total: 4 } });
    expect(recorder.counts()).toEqual([{ provider: 'ZENSKAR', path: 'a.b', kind: 'wrong_type', count: 4 }]);
  });

  it('folds array indices into static paths', () => {
    expect(staticPath(['results', 3, 'messages', 0, 'code'])).toBe('results[].messages[].code');
  });
});

describe('withLazyRaw', () => {
  it('reads once, on first use', () => {
    let reads = 0;
    const item = withLazyRaw({ id: 1 }, () => ({ n: ++reads }));
    expect(reads).toBe(0);
    expect(item.raw).toEqual({ n: 1 });
    expect(item.raw).toEqual({ n: 1 });
    expect(reads).toBe(1);
  });
});
