/**
 * Shared in-flight loads: a load outlives any one caller, runs to the latest joined deadline (capped), and is
 * cancelled only when every caller has gone. Fake timers drive both Date.now and the deadline timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadlineOf, deadlineSignal } from './deadline.js';
import { InFlightLoads } from './inflight.js';

/** A load that settles only when told to, recording the signal it ran under. */
function controllable<T>() {
  const seen: AbortSignal[] = [];
  let settle!: (value: T) => void;
  const load = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      seen.push(signal);
      settle = resolve;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  return { load, seen, settle: (value: T) => settle(value) };
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe('InFlightLoads', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('serves the second caller when the first leaves, and cancels the load when both have left', async () => {
    const loads = new InFlightLoads(15_000);
    const first = new AbortController();
    const second = new AbortController();
    const upstream = controllable<string>();
    const a = outcome(loads.run('k', upstream.load, first.signal));
    const b = outcome(loads.run('k', upstream.load, second.signal));
    await vi.advanceTimersByTimeAsync(0);
    expect(upstream.seen).toHaveLength(1);
    first.abort(new DOMException('client went away', 'AbortError'));
    expect(await a).toMatchObject({ error: { name: 'AbortError' } });
    expect(upstream.seen[0]?.aborted).toBe(false);
    upstream.settle('page');
    expect(await b).toEqual({ value: 'page' });

    // Both leave this time: the upstream request is cancelled.
    const c = new AbortController();
    const d = new AbortController();
    const again = controllable<string>();
    const pc = outcome(loads.run('k', again.load, c.signal));
    const pd = outcome(loads.run('k', again.load, d.signal));
    await vi.advanceTimersByTimeAsync(0);
    c.abort(new Error('gone'));
    expect(again.seen[0]?.aborted).toBe(false);
    d.abort(new Error('gone too'));
    expect(again.seen[0]?.aborted).toBe(true);
    expect(((await pc) as { error: Error }).error.message).toBe('gone');
    expect(((await pd) as { error: Error }).error.message).toBe('gone too');
    // A new caller starts a fresh load rather than joining the cancelled one.
    const fresh = controllable<string>();
    const pe = loads.run('k', fresh.load);
    await vi.advanceTimersByTimeAsync(0);
    expect(fresh.seen).toHaveLength(1);
    fresh.settle('new');
    expect(await pe).toBe('new');
  });

  it('runs to the latest deadline of the joined callers, not the first caller’s', async () => {
    const loads = new InFlightLoads(15_000);
    const short = deadlineSignal(1_000);
    const long = deadlineSignal(5_000);
    const upstream = controllable<string>();
    const a = outcome(loads.run('k', upstream.load, short));
    const b = outcome(loads.run('k', upstream.load, long));
    await vi.advanceTimersByTimeAsync(0);
    const shared = upstream.seen[0] as AbortSignal;
    expect(deadlineOf(shared)).toBe(Date.now() + 5_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await a).toMatchObject({ error: { name: 'TimeoutError' } });
    expect(shared.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(shared.aborted).toBe(false);
    upstream.settle('late but in time');
    expect(await b).toEqual({ value: 'late but in time' });
  });

  it('never runs past its cap, however late the callers’ deadlines', async () => {
    const loads = new InFlightLoads(2_000);
    const upstream = controllable<string>();
    const a = outcome(loads.run('k', upstream.load));
    const b = outcome(loads.run('k', upstream.load, deadlineSignal(60_000)));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(upstream.seen[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(upstream.seen[0]?.aborted).toBe(true);
    expect(await a).toMatchObject({ error: { name: 'TimeoutError' } });
    expect(await b).toMatchObject({ error: { name: 'TimeoutError' } });
  });

  it('shares failures without caching them, and refuses a caller that has already gone', async () => {
    const loads = new InFlightLoads(15_000);
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('boom');
    };
    await expect(Promise.all([loads.run('k', failing), loads.run('k', failing)])).rejects.toThrow('boom');
    expect(calls).toBe(1);
    await expect(loads.run('k', async () => 'ok')).resolves.toBe('ok');
    const gone = new AbortController();
    gone.abort(new Error('already gone'));
    await expect(loads.run('x', async () => 'never')).resolves.toBe('never');
    await expect(loads.run('y', failing, gone.signal)).rejects.toThrow('already gone');
    expect(calls).toBe(1);
  });
});
