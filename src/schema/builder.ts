/** The SchemaBuilder and its plugins. Defines no types: every type lives in its own file. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import type { Instant } from '../domain.js';
import { capNodeIds, decodeGlobalId, encodeGlobalId } from './global-id.js';

export interface SchemaTypes {
  Context: Context;
  Scalars: {
    DateTime: { Input: Instant; Output: Instant };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodeTypeOptions: { description: 'An object with a globally unique `id`, fetchable with `Query.node`.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list (Relay cursor connections).' },
    idFieldOptions: { description: 'Globally unique, opaque id. Pass it to `Query.node` to fetch this object again.' },
    hasNextPageFieldOptions: { description: 'Whether items follow the last edge of this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede the first edge of this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge, null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge; when a page is empty but `hasNextPage` is true, a cursor to continue from.' },
    cursorFieldOptions: { description: 'Opaque cursor of this edge: pass it as `after` or `before`.' },
    nodeFieldOptions: { nullable: false, description: 'The checkout at this edge.' },
    edgesFieldOptions: { nullable: false, description: 'The edges of this page, in list order.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    nodeQueryOptions: { description: 'Fetches any object by its global `id`; null when it does not exist.' },
    nodesQueryOptions: {
      description:
        'Fetches objects by global ids (at most MAX_NODE_IDS, 100 by default), batched per provider; null for each id that ' +
        'does not exist, and null with an error at its index for each id whose upstream lookup failed.',
      resolve: (_root, args, ctx, _info, resolveNodes) => resolveNodes(capNodeIds(args.ids, ctx.maxNodeIds)),
    },
  },
});

builder.queryType({ description: 'Read checkouts from every enabled provider.' });
