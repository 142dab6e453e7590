/**
 * One in-flight load per key, shared by every caller that asks for the key while it runs.
 *
 * The load belongs to no single caller: it runs under its own signal, whose deadline is the latest of the joined
 * callers' deadlines (capped at `maxLoadMs` after the load started). Each caller waits under its own signal and leaves
 * alone when that signal aborts (client gone, its own deadline passed); the upstream request is aborted only when the
 * last caller has left, so one impatient client never fails the others.
 */
import { deadlineOf, SharedDeadline } from './deadline.js';

interface Shared {
  promise: Promise<unknown>;
  deadline: SharedDeadline;
  waiters: number;
}

export class InFlightLoads {
  private readonly loads = new Map<string, Shared>();

  constructor(
    private readonly maxLoadMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a load for `key` is running (a call now joins it instead of asking the upstream). */
  running(key: string): boolean {
    return this.loads.has(key);
  }

  run<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const shared = this.loads.get(key) ?? this.start(key, load);
    shared.waiters++;
    shared.deadline.extendTo(deadlineOf(signal) ?? Number.POSITIVE_INFINITY);
    if (!signal) return shared.promise as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        reject(signal.reason);
        if (--shared.waiters === 0 && this.loads.get(key) === shared) {
          this.loads.delete(key);
          shared.deadline.abort(new DOMException('Every caller of this upstream request went away.', 'AbortError'));
        }
      };
      signal.addEventListener('abort', leave, { once: true });
      shared.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value as T);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(err);
        },
      );
    });
  }

  private start(key: string, load: (signal: AbortSignal) => Promise<unknown>): Shared {
    const startedAt = this.now();
    const deadline = new SharedDeadline(startedAt + this.maxLoadMs, this.now);
    const shared: Shared = { promise: Promise.resolve(), deadline, waiters: 0 };
    shared.promise = Promise.resolve()
      .then(() => load(deadline.signal))
      .finally(() => {
        deadline.dispose();
        if (this.loads.get(key) === shared) this.loads.delete(key);
      });
    // Every waiter may have left; the outcome then has no one to go to.
    shared.promise.catch(() => undefined);
    this.loads.set(key, shared);
    return shared;
  }
}
