/**
 * The search behind `StateSetPagedList.pageBefore`: a whole-second time bound whose window holds a few pages of
 * items, found with `limit=1` count probes (StateSet reports `total_count` for any filter). Pure: the count comes in
 * as a function, so the search is tested without a server.
 */
import { STATESET_PAGE_SIZE } from './client.js';

/** A window wants at least one full page plus the anchor before the item, and should stay a few pages long. */
export const WINDOW_MIN = STATESET_PAGE_SIZE + 1;
export const WINDOW_MAX = 3 * STATESET_PAGE_SIZE;
const MAX_SEARCH_PROBES = 40;
/** First downward step of the search for the list's last items, when nothing tells the list's extent. */
const FIRST_STEP_SECONDS = 86_400;

export interface Probe {
  /** A whole-second bound, in seconds since the epoch. */
  t: number;
  /** Items in the window that this bound closes (non-decreasing in `t`). */
  c: number;
}

/**
 * Finds a whole-second bound whose window count lies in [min, max], given a bound known to hold ≥ min (`upper`) and,
 * when known, one holding < min (`lower`). Without `lower`, it steps down from `upper` (extrapolating the density
 * seen so far, or doubling a one-day step while there is none) until it brackets; inside a bracket it interpolates towards the
 * middle of the range (regula falsi, Illinois variant: an end kept twice in a row has its weight halved, so a
 * lopsided bracket, such as one reaching far below the list's oldest item, still shrinks fast). Returns the best
 * upper bound found: a larger window only costs more pages, never correctness.
 */
export async function searchBound(
  count: (t: number) => Promise<number>,
  upper: Probe,
  lower: Probe | null,
  range: { min: number; max: number } = { min: WINDOW_MIN, max: WINDOW_MAX },
): Promise<Probe> {
  const target = Math.round((range.min + range.max) / 2);
  let hi = upper;
  let lo = lower;
  let previous: Probe | null = null;
  let move = FIRST_STEP_SECONDS;
  let hiWeight = hi.c - target;
  let loWeight = lo ? lo.c - target : 0;
  let lastMoved: 'lo' | 'hi' | null = null;
  let shortfalls = 0;
  for (let probes = 0; probes < MAX_SEARCH_PROBES; probes++) {
    if (hi.c <= range.max) return hi;
    let t: number;
    if (!lo) {
      if (previous && previous.c > hi.c) {
        // Extrapolate the density between the last two bounds, aiming a little short (a bound past the list's
        // oldest item says nothing about where it is); from the third extrapolation that still falls short on,
        // reach further each time (×1.5), so a list thinning out towards its start is crossed in logarithmic time.
        const perSecond = (previous.c - hi.c) / (previous.t - hi.t);
        const reach = shortfalls < 2 ? 0.95 : 1.5 ** (shortfalls - 1);
        t = hi.t - Math.ceil(((hi.c - target) / perSecond) * reach);
        shortfalls++;
      } else {
        t = hi.t - move;
        move *= 2;
      }
      t = Math.max(t, 1);
      if (t >= hi.t) return hi;
    } else {
      if (hi.t - lo.t <= 1) return hi;
      t = lo.t + (-loWeight * (hi.t - lo.t)) / (hiWeight - loWeight);
      t = Math.min(Math.max(Math.round(t), lo.t + 1), hi.t - 1);
    }
    const c = await count(t);
    if (c >= range.min) {
      previous = hi;
      hi = { t, c };
      hiWeight = c - target;
      if (lastMoved === 'hi') loWeight /= 2;
      lastMoved = 'hi';
    } else {
      lo = { t, c };
      loWeight = c - target;
      if (lastMoved === 'lo') hiWeight /= 2;
      lastMoved = 'lo';
    }
  }
  return hi;
}
