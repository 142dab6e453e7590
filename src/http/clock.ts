/**
 * Time as the resilience logic sees it (circuit cool-downs, quota refills, retry waits, deadline checks). Passed in, so
 * tests drive it by hand instead of racing the wall clock on a loaded machine; undici's own timeouts and the deadline's
 * abort timer stay on real time.
 */
import { sleep } from './deadline.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep };
