/**
 * How long one provider may hold a merged page. The rule, with the defaults:
 * a provider still reading once the page has run for `softMs` (4.5 s) is cut off as soon as it has gone `stallMs` (3 s)
 * without an upstream answer. So a provider that hangs holds the page 4.5 s (the response leaves well within 5 s,
 * with half a second for the rest of the request on a busy machine), while an upstream that answers
 * every request within 3 s is never cut off (a slow but live provider keeps going, up to the request deadline).
 * A provider cut off fails with UPSTREAM_TIMEOUT and is held like any failed provider (source.ts): the walk stays exact.
 *
 * Cutting aborts the provider's own signal, so its upstream requests are cancelled unless another caller shares them
 * (http/inflight.ts).
 */
import { setMaxListeners } from 'node:events';
import type { PagedList } from '../domain.js';
import { UpstreamError } from '../errors.js';

export interface Cutoff {
  /** From the start of the page, in milliseconds. */
  softMs: number;
  /** Longest wait for one upstream answer past `softMs`, in milliseconds. */
  stallMs: number;
}

export const DEFAULT_CUTOFF: Cutoff = { softMs: 4_500, stallMs: 3_000 };

/** Runs `read` over a view of `list` that notes every answer, and cuts it off by the rule above. */
export async function withCutoff<T>(
  list: PagedList,
  cutoff: Cutoff | undefined,
  parent: AbortSignal | undefined,
  read: (list: PagedList, signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (!cutoff) return read(list, parent);
  const controller = new AbortController();
  const signal = controller.signal;
  // Every upstream call of this provider's read listens on it (as on the request's signal, see context.ts).
  setMaxListeners(0, signal);
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });

  const started = Date.now();
  let lastAnswer = started;
  const noted = <A>(call: Promise<A>): Promise<A> =>
    call.finally(() => {
      lastAnswer = Date.now();
    });
  const watched: PagedList = {
    provider: list.provider,
    exactTotal: list.exactTotal,
    page: (ref) => noted(list.page(ref, signal)),
    end: () => noted(list.end(signal)),
  };
  if (list.pageBefore) watched.pageBefore = (item) => noted((list.pageBefore as NonNullable<PagedList['pageBefore']>).call(list, item, signal));
  if (list.start) watched.start = () => noted((list.start as NonNullable<PagedList['start']>).call(list, signal));
  if (list.residual) watched.residual = (item) => (list.residual as NonNullable<PagedList['residual']>).call(list, item);

  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<never>((_, reject) => {
    const check = () => {
      const due = Math.max(started + cutoff.softMs, lastAnswer + cutoff.stallMs);
      const now = Date.now();
      if (now < due) {
        timer = setTimeout(check, due - now);
        return;
      }
      const err = new UpstreamError(list.provider, 'UPSTREAM_TIMEOUT', `no answer for ${now - lastAnswer} ms; the merged page went on without this provider`, {
        local: true,
      });
      controller.abort(err);
      reject(err);
    };
    timer = setTimeout(check, cutoff.softMs);
  });
  try {
    return await Promise.race([read(watched, signal), cut]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  }
}
