/**
 * The merged order: createdAt descending, ties broken by provider rank (registry order), then by
 * each upstream's own order. Items of one provider are never compared with each other here: their relative order
 * is the upstream's, which the merge keeps by only ever comparing queue heads of different providers.
 */
import type { Checkout } from '../domain.js';
import { rankOf } from '../providers/registry.js';

/** Negative when `a` comes first in the merged order, positive when `b` does, 0 for the same provider and instant. */
export function compareMerged(a: Checkout, b: Checkout): number {
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? -1 : 1;
  return a.provider === b.provider ? 0 : rankOf(a.provider) - rankOf(b.provider);
}
