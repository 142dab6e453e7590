import { describe, expect, it } from 'vitest';
import { DEFAULT_CUTOFF } from './pagination/cutoff.js';
import { resilienceConfig } from './resilience-config.js';

describe('merged page cut-off settings', () => {
  it('defaults to a 4.5 s soft deadline and 3 s without an answer, and reads both from the environment', () => {
    expect(DEFAULT_CUTOFF).toEqual({ softMs: 4_500, stallMs: 3_000 });
    expect(resilienceConfig({}, false).mergedCutoff).toEqual(DEFAULT_CUTOFF);
    expect(resilienceConfig({ MERGED_SOFT_DEADLINE_MS: '8000', MERGED_STALL_MS: '4000' }, true).mergedCutoff).toEqual({ softMs: 8_000, stallMs: 4_000 });
  });

  it('refuses a bad value naming the variable', () => {
    expect(() => resilienceConfig({ MERGED_STALL_MS: 'soon' }, false)).toThrow(/^MERGED_STALL_MS: /);
    expect(() => resilienceConfig({ MERGED_SOFT_DEADLINE_MS: '0' }, false)).toThrow(/^MERGED_SOFT_DEADLINE_MS: /);
  });
});
