/** A Clock that only moves when a test advances it: sleeps resolve when the clock passes their end. */
import type { Clock } from '../src/http/clock.js';

interface Sleeper {
  until: number;
  resolve(): void;
}

export class ManualClock implements Clock {
  private time: number;
  private sleepers: Sleeper[] = [];
  /** Every sleep asked for, in ms, oldest first. */
  readonly slept: number[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Sleeps not yet over. */
  get waiting(): number {
    return this.sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.slept.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = { until: this.time + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
      if (ms <= 0) this.advance(0);
    });
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.until <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.until > this.time);
    for (const sleeper of due) sleeper.resolve();
  }
}
