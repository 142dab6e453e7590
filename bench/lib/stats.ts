/** Summaries of latency samples and the number formats the result tables use. */
import { percentile } from '../results.js';

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const list = [...samples];
  const mean = list.reduce((sum, v) => sum + v, 0) / Math.max(1, list.length);
  return {
    n: list.length,
    p50: percentile(list, 50),
    p90: percentile(list, 90),
    p99: percentile(list, 99),
    max: list.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY),
    mean,
  };
}

export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
export const ratio = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
export const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : 'n/a');
export const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** ✅ when `value` meets the target, ❌ otherwise (with the target spelled out beside it in the tables). */
export function verdict(value: number, target: number, direction: 'max' | 'min'): string {
  if (!Number.isFinite(value)) return '❌ not measured';
  return (direction === 'max' ? value <= target : value >= target) ? '✅ met' : '❌ missed';
}

/** Distinct messages of a list of `a; b; c` problem strings, joined and cut short for a table note. */
export function unique(problems: readonly string[], max = 500): string {
  const parts = [...new Set(problems.flatMap((p) => p.split('; ')))];
  const text = parts.join('; ');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
