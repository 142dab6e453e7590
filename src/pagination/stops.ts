/**
 * Early stops from the merged filter's time bounds. Lists run newest first, so reading forward past an item not
 * newer than `createdAfter` can never find a match again; reading backward past an item not older than
 * `createdBefore` likewise. Valid whether or not the upstream applied the bound itself.
 */
import type { Checkout, CheckoutFilter } from '../domain.js';

export interface Stops {
  forward?: (item: Checkout) => boolean;
  backward?: (item: Checkout) => boolean;
}

export function stopsFor(filter: CheckoutFilter | null | undefined): Stops {
  const stops: Stops = {};
  const after = filter?.createdAfter;
  const before = filter?.createdBefore;
  if (after) stops.forward = (item) => item.createdAt <= after;
  if (before) stops.backward = (item) => item.createdAt >= before;
  return stops;
}
