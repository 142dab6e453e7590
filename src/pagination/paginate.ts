/**
 * One connection page over one or more provider lists, in six steps (numbered below): decode the cursor, read every
 * provider in parallel (one round of upstream requests when page sizes allow), hold failed providers, merge, encode a
 * composite cursor for every edge, and compute the page info.
 *
 * A provider whose read fails does not blank the page: it is held at what it has delivered so far (source.ts), so
 * the next page retries it, and its failure is reported in `sources`.
 */
import type { Checkout, PagedList, Position, ProviderName } from '../domain.js';
import { parseConnectionArgs, type ConnectionArgs } from './args.js';
import { decodeCursor, encodeCursor, type CursorState } from './cursor.js';
import { withCutoff, type Cutoff } from './cutoff.js';
import { mergeBackward, mergeForward, type MergedPage, type SourceRead } from './merge.js';
import { holdFor, mayHaveMore, readSource } from './source.js';
import type { Stops } from './stops.js';

export interface PaginateOptions {
  lists: PagedList[];
  args: ConnectionArgs;
  /** Field name + normalised filter: cursors are bound to it. */
  scope: string;
  secret: Buffer;
  /** Most upstream pages one provider may read for this page. */
  maxScanPages: number;
  stops?: Stops;
  /** False for connections that page forward only. */
  backward?: boolean;
  signal?: AbortSignal;
  /** When a slow provider is cut off so the others' edges come (cutoff.ts); none: it may take the whole deadline. */
  cutoff?: Cutoff;
}

export interface SourceStatus {
  provider: ProviderName;
  ok: boolean;
  /** Upstream pages read for this page (cache hits included). */
  pagesRead: number;
  /** True when the read stopped at maxScanPages before finding enough matching items (gateway-side filters). */
  scanBoundHit?: boolean;
  error: unknown;
}

export interface ConnectionPage<C extends Checkout = Checkout> {
  edges: { cursor: string; node: C }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Exact, or null when any provider's count is unknown (gateway-side filters, failures). */
  totalCount: number | null;
  sources: SourceStatus[];
}

export async function paginate<C extends Checkout = Checkout>(options: PaginateOptions): Promise<ConnectionPage<C>> {
  const request = parseConnectionArgs(options.args, { backward: options.backward ?? true });
  const forward = request.direction === 'forward';
  // One more than the page, to know whether another page follows.
  const want = request.size + 1;

  // 1. Decode the cursor. A continued walk reads the providers its cursor holds that are still selected (cursor.ts):
  //    one enabled since the walk began is left out, so its items never land out of order mid-walk.
  const state: CursorState | null = request.cursor
    ? decodeCursor(
        request.cursor,
        options.scope,
        options.secret,
        options.lists.map((l) => l.provider),
        request.argument,
      )
    : null;
  const lists = state ? options.lists.filter((list) => state.positions[list.provider] !== undefined) : options.lists;

  // 2. Read each provider in parallel from where the walk holds it (source.ts), a slow one cut off (cutoff.ts). The page
  //    bound only limits scanning past items a gateway-side filter rejects; without such a filter every page yields
  //    items, so reading `want` of them needs at most want + 2 pages (an empty page, then one item each).
  const holds = lists.map((list) => holdFor(list, state, forward));
  const settled = await Promise.allSettled(
    lists.map((list, i) =>
      withCutoff(list, options.cutoff, options.signal, (watched, signal) =>
        readSource(watched, holds[i] as Position, forward, {
          want,
          maxPages: list.residual ? options.maxScanPages : Math.max(options.maxScanPages, want + 2),
          signal,
          stop: forward ? options.stops?.forward : options.stops?.backward,
        }),
      ),
    ),
  );

  // 3. Hold every failed provider at exactly what it has delivered so far: the next page retries it from there, and
  //    the walk goes on while it may still have items, even when every other provider is done.
  const reads: SourceRead[] = [];
  const sources: SourceStatus[] = [];
  const held: Partial<Record<ProviderName, Position>> = {};
  let heldMayHaveMore = false;
  settled.forEach((result, i) => {
    const list = lists[i] as PagedList;
    if (result.status === 'fulfilled') {
      reads.push(result.value);
      const { read } = result.value;
      sources.push({ provider: list.provider, ok: true, pagesRead: read.pagesRead, scanBoundHit: !read.exhausted && read.items.length < want, error: null });
    } else {
      sources.push({ provider: list.provider, ok: false, pagesRead: 0, error: result.reason });
      held[list.provider] = holds[i] as Position;
      heldMayHaveMore ||= mayHaveMore(holds[i] as Position, forward);
    }
  });

  // 4. Merge the reads into one page of the merged order (merge.ts: only items no stopped-short provider could precede).
  const merged: MergedPage = forward ? mergeForward(reads, request.size) : mergeBackward(reads, request.size);
  const more = merged.more || heldMayHaveMore;

  // 5. A composite cursor for every edge (and, for an empty page that is not the end, one to continue from), each
  //    signed only when read: a client selecting no cursor pays for no HMAC.
  const edges = merged.edges.map((edge) =>
    lazyEdge(edge.node as C, () =>
      encodeCursor({ edge: edge.provider, edgeAnchor: edge.node.providerId, positions: { ...held, ...edge.positions } }, options.scope, options.secret),
    ),
  );
  const boundary = once(() =>
    edges.length === 0 && more ? encodeCursor({ edge: null, positions: { ...held, ...merged.positions } }, options.scope, options.secret) : null,
  );

  // 6. Page info and total. The far side of the cursor: a cursor standing on an edge has that edge (at least) beyond it.
  const beyondCursor = state !== null && (state.edge !== null || hasAnyBeyond(reads));
  const allOk = sources.every((s) => s.ok);
  const totalCount =
    allOk && lists.every((l) => l.exactTotal) && reads.every((r) => r.read.totalCount !== null)
      ? reads.reduce((sum, r) => sum + (r.read.totalCount as number), 0)
      : null;

  return {
    edges,
    pageInfo: {
      hasNextPage: forward ? more : beyondCursor,
      hasPreviousPage: forward ? beyondCursor : more,
      get startCursor() {
        return edges[0]?.cursor ?? (forward ? null : boundary());
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? (forward ? boundary() : null);
      },
    },
    totalCount,
    sources,
  };
}

/** An edge whose cursor is encoded on first read, then kept. */
function lazyEdge<C>(node: C, encode: () => string): { cursor: string; node: C } {
  let cursor: string | undefined;
  return {
    node,
    get cursor() {
      cursor ??= encode();
      return cursor;
    },
  };
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** For a boundary cursor (no edge): whether any provider had moved off its start, i.e. items lie behind it. */
function hasAnyBeyond(reads: SourceRead[]): boolean {
  return reads.some((r) => r.from.r !== null || r.from.o !== 0); // AT_END (o -1) too
}
