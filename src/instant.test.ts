import { describe, expect, it } from 'vitest';
import { addMicros, instantToNaive, instantToSeconds, parseInstant } from './instant.js';

describe('instants', () => {
  it('canonicalises every upstream format to UTC with six fractional digits', () => {
    expect(parseInstant('2023-01-02T12:34:56')).toBe('2023-01-02T12:34:56.000000Z'); // Zenskar naive = UTC
    expect(parseInstant('2023-01-02T12:34:56.5')).toBe('2023-01-02T12:34:56.500000Z');
    expect(parseInstant('2024-09-30T10:00:00Z')).toBe('2024-09-30T10:00:00.000000Z'); // StateSet
    expect(parseInstant('2022-10-14T12:36:27.000000Z')).toBe('2022-10-14T12:36:27.000000Z'); // Lemon Squeezy
    expect(parseInstant('2022-10-14T12:36:27.123456789Z')).toBe('2022-10-14T12:36:27.123456Z');
    expect(parseInstant('2024-01-01T01:30:00+02:00')).toBe('2023-12-31T23:30:00.000000Z');
    expect(parseInstant('2024-01-01T00:00:00-0530')).toBe('2024-01-01T05:30:00.000000Z');
  });

  it('reads a date alone as midnight UTC, and date-times without seconds', () => {
    expect(parseInstant('2024-10-30')).toBe('2024-10-30T00:00:00.000000Z'); // Zenskar contract dates (§4)
    expect(parseInstant('2024-10-30T08:15')).toBe('2024-10-30T08:15:00.000000Z');
    expect(parseInstant('2024-10-30T08:15+01')).toBe('2024-10-30T07:15:00.000000Z');
  });

  it('rejects what is not a timestamp', () => {
    for (const bad of ['', 'yesterday', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-01-32', '2024-01-01T25:00:00Z', '2024-1-1']) {
      expect(parseInstant(bad)).toBeNull();
    }
  });

  it('orders by plain string comparison', () => {
    const a = parseInstant('2024-01-01T00:00:00.000001Z') as string;
    const b = parseInstant('2024-01-01T00:00:00Z') as string;
    expect(a > b).toBe(true);
  });

  it('formats for upstream filters', () => {
    expect(instantToNaive('2024-01-01T00:00:00.000000Z')).toBe('2024-01-01T00:00:00');
    expect(instantToNaive('2024-01-01T00:00:00.000500Z')).toBe('2024-01-01T00:00:00.000500');
    expect(instantToSeconds('2024-01-01T00:00:07.900000Z')).toBe('2024-01-01T00:00:07Z');
    expect(addMicros('2024-01-01T00:00:00.999999Z', 1)).toBe('2024-01-01T00:00:01.000000Z');
    expect(addMicros('2024-01-01T00:00:00.000000Z', -1)).toBe('2023-12-31T23:59:59.999999Z');
  });
});
