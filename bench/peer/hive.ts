/**
 * The peer: Hive Gateway (`@graphql-hive/gateway-runtime`) serving StateSet's list endpoint from an OpenAPI 3
 * document (stateset.openapi.json), composed in-process the way `mesh-compose` does it (`@graphql-mesh/compose-cli`
 * + `@omnigraph/openapi`), with the sandbox's origin as the endpoint and the bearer key as an operation header.
 *
 * `ignoreErrorResponses`: without it the field's type is a union of the 200 body and the error envelope, and a
 * client would need `... on CheckoutList` to read it; with it, errors still come back as GraphQL errors.
 */
import type { RequestListener } from 'node:http';
import { getComposedSchemaFromConfig } from '@graphql-mesh/compose-cli';
import { DefaultLogger, LogLevel } from '@graphql-mesh/utils';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';
import type { StateSetConfig } from '../../src/providers/stateset/config.js';

export const OPENAPI_DOCUMENT = new URL('./stateset.openapi.json', import.meta.url);

/** The same list, shape and size as checkout-graph's `stateSetCheckouts(first: 20)` (bench/peer.ts). */
export const HIVE_QUERY = '{ listCheckouts(limit: 20) { data { id status currency created_at } } }';

export async function composeSupergraph(stateset: StateSetConfig): Promise<string> {
  return getComposedSchemaFromConfig(
    {
      subgraphs: [
        {
          sourceHandler: loadOpenAPISubgraph('StateSet', {
            source: OPENAPI_DOCUMENT.pathname,
            endpoint: stateset.baseUrl,
            ignoreErrorResponses: true,
            operationHeaders: { Authorization: `Bearer ${stateset.apiKey}` },
          }),
        },
      ],
    },
    new DefaultLogger('compose', LogLevel.error),
  );
}

export async function createHiveGateway(stateset: StateSetConfig): Promise<{ handler: RequestListener; close(): Promise<void> }> {
  const supergraph = await composeSupergraph(stateset);
  const gateway = createGatewayRuntime({ supergraph, logging: false });
  return {
    handler: gateway as unknown as RequestListener,
    close: () => Promise.resolve(gateway.dispose()),
  };
}
