/**
 * A per-GraphQL-request deadline carried by the request's AbortSignal: aborting stops in-flight upstream requests, and
 * retries and quota waits read the deadline so they never push a response past it.
 */
import { setMaxListeners } from 'node:events';

const deadlines = new WeakMap<AbortSignal, number>();

/** A signal that aborts when `parent` does or `ms` pass, whichever comes first; its deadline is recorded. */
export function deadlineSignal(ms: number, parent?: AbortSignal, now = Date.now()): AbortSignal {
  // Not `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: on Node 20 a composite holds its sources weakly, so the
  // timeout signal can be garbage collected before it fires and the deadline never comes (nodejs/node#57736). A plain
  // timer is held by the timer list until it fires.
  const controller = new AbortController();
  const signal = controller.signal;
  const onParentAbort = () => {
    clearTimeout(timer);
    controller.abort(parent?.reason);
  };
  const timer = setTimeout(() => {
    parent?.removeEventListener('abort', onParentAbort);
    controller.abort(new DOMException('The request deadline passed.', 'TimeoutError'));
  }, ms);
  timer.unref();
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const inherited = parent ? deadlines.get(parent) : undefined;
  deadlines.set(signal, Math.min(now + ms, inherited ?? Number.POSITIVE_INFINITY));
  return signal;
}

/** Epoch milliseconds by which work under this signal must finish, if any. */
export function deadlineOf(signal: AbortSignal | undefined): number | undefined {
  return signal ? deadlines.get(signal) : undefined;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A signal for work shared by several callers: it has no deadline until the first `extendTo`, and its deadline only
 * moves later, never past `cap`, as callers with later deadlines join. `abort()` ends it early (no caller left).
 */
export class SharedDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private at = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly cap: number,
    private readonly now: () => number = Date.now,
  ) {
    // Every attempt of the shared request listens on it.
    setMaxListeners(0, this.controller.signal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  extendTo(at: number): void {
    const next = Math.min(at, this.cap);
    if (next <= this.at || this.controller.signal.aborted) return;
    this.at = next;
    deadlines.set(this.controller.signal, next);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new DOMException('The request deadline passed.', 'TimeoutError')), Math.max(0, next - this.now()));
    this.timer.unref();
  }

  abort(reason: unknown): void {
    this.dispose();
    this.controller.abort(reason);
  }

  /** Stops the timer once the work is done. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}
