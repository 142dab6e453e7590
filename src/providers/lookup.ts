/**
 * Lookups by id, done the same way for every provider: at most LOOKUP_CONCURRENCY upstream requests at once per
 * batch (p-limit), so a `nodes` call never becomes a burst of parallel GETs against one credential's quota, and each
 * id settles on its own, so one failed GET fails its own id only.
 */
import pLimit from 'p-limit';

/** Requests one batch of lookups may have in flight against one upstream. */
export const LOOKUP_CONCURRENCY = 8;

/** Runs `tasks` at most `concurrency` at a time; settles like Promise.all (the first failure rejects). */
export function limitedAll<T>(tasks: readonly (() => Promise<T>)[], concurrency = LOOKUP_CONCURRENCY): Promise<T[]> {
  const limit = pLimit(concurrency);
  return Promise.all(tasks.map((task) => limit(task)));
}

/**
 * `load` for each distinct id, in the order asked: the value, null where the upstream has none, or the Error that id's
 * lookup failed with (a DataLoader hands that error to that id alone).
 */
export async function lookupEach<T>(
  ids: readonly string[],
  load: (id: string) => Promise<T | null>,
  concurrency = LOOKUP_CONCURRENCY,
): Promise<(T | null | Error)[]> {
  const limit = pLimit(concurrency);
  const distinct = [...new Set(ids)];
  const settled = await Promise.allSettled(distinct.map((id) => limit(() => load(id))));
  const byId = new Map<string, T | null | Error>();
  distinct.forEach((id, i) => {
    const outcome = settled[i] as PromiseSettledResult<T | null>;
    byId.set(id, outcome.status === 'fulfilled' ? outcome.value : outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)));
  });
  return ids.map((id) => byId.get(id) ?? null);
}
