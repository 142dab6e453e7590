/**
 * A per-GraphQL-request deadline carried by the request's AbortSignal: aborting stops in-flight upstream requests, and
 * retries and quota waits read the deadline so they never push a response past it.
 */
const deadlines = new WeakMap<AbortSignal, number>();

/** A signal that aborts when `parent` does or `ms` pass, whichever comes first; its deadline is recorded. */
export function deadlineSignal(ms: number, parent?: AbortSignal, now = Date.now()): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  const signal = parent ? AbortSignal.any([parent, timeout]) : timeout;
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
