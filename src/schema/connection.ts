/**
 * Glue between Pothos connection fields and the pagination engine: arguments, cursor scope, scan bounds, and how
 * provider failures surface (per-provider connections throw; the merged one reports and carries on).
 */
import type { ArgBuilder, SchemaTypes } from '@pothos/core';
import type { Context } from '../context.js';
import type { Checkout, ListOptions, PagedList } from '../domain.js';
import { traceReads } from '../observability/read-spans.js';
import { paginate, type ConnectionPage } from '../pagination/paginate.js';
import { DEFAULT_PAGE_SIZE, type ConnectionArgs } from '../pagination/args.js';
import type { Stops } from '../pagination/stops.js';
import type { SchemaTypes as BuilderTypes } from './builder.js';

type PothosTypes = PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes> & SchemaTypes;

export type { ConnectionArgs } from '../pagination/args.js';
export type ConnectionShape<C extends Checkout = Checkout> = ConnectionPage<C>;

/** A stable text for a filter object: keys sorted, empty parts dropped, lists sorted. */
export function canonicalFilter(filter: object | null | undefined): string {
  if (!filter) return '{}';
  const normalise = (value: unknown): unknown => {
    if (Array.isArray(value)) return [...value.map(normalise)].sort();
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== null && v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => [k, normalise(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(normalise(filter));
}

/** One provider's native connection. An upstream failure fails the field with its typed error. */
export async function resolveProviderConnection<C extends Checkout>(
  ctx: Context,
  list: PagedList<C>,
  args: ConnectionArgs,
  scope: string,
  options: { backward?: boolean } = {},
): Promise<ConnectionShape<C>> {
  const page = await paginate<C>({
    lists: [list as unknown as PagedList],
    args,
    scope,
    secret: ctx.cursorSecret,
    maxScanPages: ctx.maxScanPages,
    backward: options.backward ?? true,
    signal: ctx.signal,
  });
  const failed = page.sources.find((s) => !s.ok);
  if (failed) throw failed.error;
  return page;
}

/** The merged connection over several providers: failures are left in `sources`, the healthy providers' edges still come. */
export async function resolveMergedConnection(ctx: Context, lists: PagedList[], args: ConnectionArgs, scope: string, stops: Stops): Promise<ConnectionShape> {
  const traced = ctx.tracing ? traceReads(lists) : null;
  let page: ConnectionShape | null = null;
  try {
    page = await paginate({
      lists: traced?.lists ?? lists,
      args,
      scope,
      secret: ctx.cursorSecret,
      maxScanPages: ctx.maxScanPages,
      stops,
      signal: ctx.signal,
      ...(ctx.mergedCutoff ? { cutoff: ctx.mergedCutoff } : {}),
    });
  } finally {
    traced?.end(page?.sources ?? null);
  }
  for (const source of page.sources) {
    if (source.ok) ctx.metrics?.mergedRead(source.provider, source.pagesRead, source.scanBoundHit ?? false);
  }
  return page;
}

/** The Relay paging arguments with their descriptions; `noun` names what is paged ("checkouts", "sessions"). */
export function pagingArgs(arg: ArgBuilder<PothosTypes>, noun: string) {
  return {
    first: arg.int({ description: 'Page size reading forward (default 20, at most 100).' }),
    after: arg.string({ description: `Cursor of an edge: return the ${noun} after it.` }),
    last: arg.int({ description: 'Page size reading backward (default 20, at most 100).' }),
    before: arg.string({ description: `Cursor of an edge: return the ${noun} before it.` }),
  };
}

/**
 * How a connection field's provider lists read upstream (README "Freshness"): a page read without a cursor goes
 * upstream, and going forward it needs at most page size + 1 items from each list's start; a continuation page reuses
 * the walk's cached pages.
 */
export function listOptions(args: { first?: number | null; last?: number | null; after?: string | null; before?: string | null }): ListOptions {
  if (args.after || args.before) return {};
  if (args.last !== null && args.last !== undefined) return { fresh: true };
  return { fresh: true, firstPageSize: (args.first ?? DEFAULT_PAGE_SIZE) + 1 };
}
