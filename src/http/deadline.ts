/**
 * A per-GraphQL-request deadline carried by the request's AbortSignal: aborting stops in-flight upstream requests, and
 * retries and quota waits read the deadline so they never push a response past it.
 */
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
