/**
 * k-way merge of per-provider reads into one page of the merged order, with the composite position of every edge.
 *
 * Invariants the merge keeps (and the property tests check against a brute-force truth):
 * 1. Edges come out in the merged order (see order.ts) and each matching item exactly once over a walk.
 * 2. Safety: an item is emitted only if no provider whose read stopped short (not exhausted) could still hold an
 *    unseen item that sorts before it — i.e. it sorts no later than that provider's frontier.
 * 3. An edge's positions say, for every provider, where that provider's list stands once the edge is consumed
 *    (everything that sorts before the edge is behind each position, nothing after it is), plus the position right
 *    before the edge in its own provider, so the same cursor serves both `after` and `before`.
 * Pure: no I/O, so it is tested with random data.
 */
import type { Checkout, Position, ProviderName } from '../domain.js';
import { compareMerged } from './order.js';
import { stepOver } from './position.js';
import type { ReadItem, ReadResult } from './read.js';

export interface SourceRead {
  provider: ProviderName;
  /** Where this provider stood before the read (the cursor's position, or its start/end). */
  from: Position;
  read: ReadResult;
}

export interface MergedEdge {
  node: Checkout;
  /** The edge's own provider. */
  provider: ProviderName;
  /** Every provider's position right before this edge (for the edge's provider: right before the edge itself). */
  positions: Partial<Record<ProviderName, Position>>;
}

export interface MergedPage {
  /** In the merged order. */
  edges: MergedEdge[];
  /** Whether more matching items may follow in the read direction (exact when no read stopped short). */
  more: boolean;
  /** Where every provider stands after the whole page (what an empty page continues from). */
  positions: Partial<Record<ProviderName, Position>>;
}

/** `a` may be emitted with respect to frontier `f` of another provider read in the given direction. */
function withinFrontier(a: Checkout, frontier: Checkout, direction: 1 | -1): boolean {
  return direction * compareMerged(a, frontier) <= 0;
}

function pickHead(queues: Map<ProviderName, ReadItem[]>, direction: 1 | -1): ProviderName | null {
  let best: ProviderName | null = null;
  let bestItem: Checkout | null = null;
  for (const [provider, queue] of queues) {
    const head = queue[0];
    if (!head) continue;
    if (!bestItem || direction * compareMerged(head.item, bestItem) < 0) {
      best = provider;
      bestItem = head.item;
    }
  }
  return best;
}

function isSafe(item: Checkout, provider: ProviderName, reads: SourceRead[], direction: 1 | -1): boolean {
  for (const source of reads) {
    if (source.provider === provider || source.read.exhausted || !source.read.frontier) continue;
    if (!withinFrontier(item, source.read.frontier, direction)) return false;
  }
  return true;
}

/**
 * Forward: reads went forward from each `from`; take the first `n` safe items in merged order.
 * A provider's position at an edge is right before its next unconsumed match, or where its read ended.
 */
export function mergeForward(reads: SourceRead[], n: number): MergedPage {
  const queues = new Map(reads.map((s) => [s.provider, [...s.read.items]]));
  const positionOf = (provider: ProviderName): Position => {
    const source = reads.find((s) => s.provider === provider) as SourceRead;
    return queues.get(provider)?.[0]?.before ?? source.read.end;
  };
  const snapshot = () => Object.fromEntries(reads.map((s) => [s.provider, positionOf(s.provider)])) as MergedPage['positions'];
  const edges: MergedEdge[] = [];
  let blocked = false;
  while (edges.length < n) {
    const provider = pickHead(queues, 1);
    if (!provider) break;
    const head = (queues.get(provider) as ReadItem[])[0] as ReadItem;
    if (!isSafe(head.item, provider, reads, 1)) {
      blocked = true;
      break;
    }
    edges.push({ node: head.item, provider, positions: snapshot() });
    queues.get(provider)?.shift();
  }
  const remaining = [...queues.values()].some((q) => q.length > 0);
  const stoppedShort = reads.some((s) => !s.read.exhausted);
  return { edges, more: remaining || stoppedShort || blocked, positions: snapshot() };
}

/**
 * Backward: reads went backward from each `from`; take the last `n` safe items in merged order (returned in merged
 * order). A provider's position at an edge is right before the earliest of its items already taken after the edge,
 * or its `from` when none was.
 */
export function mergeBackward(reads: SourceRead[], n: number): MergedPage {
  const queues = new Map(reads.map((s) => [s.provider, [...s.read.items]]));
  const lastTaken = new Map<ProviderName, Position>();
  const positionOf = (source: SourceRead): Position => lastTaken.get(source.provider) ?? source.from;
  const reversed: MergedEdge[] = [];
  let blocked = false;
  while (reversed.length < n) {
    const provider = pickHead(queues, -1);
    if (!provider) break;
    const head = (queues.get(provider) as ReadItem[])[0] as ReadItem;
    if (!isSafe(head.item, provider, reads, -1)) {
      blocked = true;
      break;
    }
    queues.get(provider)?.shift();
    lastTaken.set(provider, head.before);
    const positions = Object.fromEntries(reads.map((s) => [s.provider, positionOf(s)])) as MergedEdge['positions'];
    reversed.push({ node: head.item, provider, positions });
  }
  const remaining = [...queues.values()].some((q) => q.length > 0);
  const stoppedShort = reads.some((s) => !s.read.exhausted);
  const positions = Object.fromEntries(
    reads.map((s) => {
      const head = queues.get(s.provider)?.[0];
      return [s.provider, head ? stepOver(head.before, head.item.providerId) : s.read.end];
    }),
  ) as MergedPage['positions'];
  return { edges: reversed.reverse(), more: remaining || stoppedShort || blocked, positions };
}
