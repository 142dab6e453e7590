/**
 * Drift records: every deviation from an upstream's documented shape that the gateway tolerated instead of failing
 * a page (a wrong type, an enum value it does not know, a missing key, a date it cannot read).
 *
 * A record is (provider, path, kind) plus a short class of the value (`string`, `number`, `array`…), never the value
 * itself: paths are static (`results[].contract.start_date`, array indices folded to `[]`), so their number is
 * bounded by the documented shapes, and no email, name or secret can reach a log line or a metric label.
 *
 * Logging is throttled per (provider, path, kind): a warning the first time in a process, then at most one per
 * `intervalMs` carrying the count seen since the last one. Counters are kept for the metrics endpoint and tests.
 */
import type { Logger } from 'pino';

export const DRIFT_KINDS = ['wrong_type', 'unknown_enum', 'missing', 'unreadable_date'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftRecord {
  provider: string;
  path: string;
  kind: DriftKind;
  /** `string`, `number`, `boolean`, `array`, `object`, `null` or `absent`. */
  valueClass: string;
}

export type DriftListener = (record: DriftRecord) => void;

interface PathState {
  count: number;
  /** Records since the last warning. */
  pending: number;
  lastLoggedAt: number;
}

export interface DriftRecorderOptions {
  now?: () => number;
  intervalMs?: number;
}

export class DriftRecorder {
  private readonly paths = new Map<string, PathState>();
  private readonly listeners = new Set<DriftListener>();
  private logger: Pick<Logger, 'warn'> | null = null;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(options: DriftRecorderOptions = {}) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 60_000;
  }

  /** Where warnings go; none until the server sets one (tests and the sandbox run quietly). */
  useLogger(logger: Pick<Logger, 'warn'> | null): void {
    this.logger = logger;
  }

  record(record: DriftRecord): void {
    const key = `${record.provider}\u0000${record.path}\u0000${record.kind}`;
    const now = this.now();
    let state = this.paths.get(key);
    if (!state) {
      state = { count: 0, pending: 0, lastLoggedAt: Number.NEGATIVE_INFINITY };
      this.paths.set(key, state);
    }
    state.count++;
    state.pending++;
    if (now - state.lastLoggedAt >= this.intervalMs) {
      this.logger?.warn(
        { drift: { provider: record.provider, path: record.path, kind: record.kind, valueClass: record.valueClass, count: state.pending, total: state.count } },
        'upstream payload drift tolerated',
      );
      state.pending = 0;
      state.lastLoggedAt = now;
    }
    for (const listener of this.listeners) listener(record);
  }

  subscribe(listener: DriftListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Counts per (provider, path, kind) since the process started (or the last reset). */
  counts(): { provider: string; path: string; kind: DriftKind; count: number }[] {
    return [...this.paths.entries()].map(([key, state]) => {
      const [provider, path, kind] = key.split('\u0000') as [string, string, DriftKind];
      return { provider, path, kind, count: state.count };
    });
  }

  reset(): void {
    this.paths.clear();
  }
}

/** The process's recorder: provider readers report here; metrics and logs read from here. */
export const drift = new DriftRecorder();

export function subscribeDrift(listener: DriftListener): () => void {
  return drift.subscribe(listener);
}

/** A short class of a JSON value, safe to log (never the value). */
export function valueClass(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
