/**
 * Imports every shared type file (for their side effects on the builder) and the registry, whose providers bring their
 * own types (`providers/<name>/schema/`), and builds the schema once, on first use.
 */
import type { GraphQLSchema } from 'graphql';
import { providerDefinitions } from '../providers/registry.js';
import { builder } from './builder.js';
import './scalars.js';
import './money.js';
import { CheckoutProvider } from './enums.js';
import './checkout-interface.js';
import './checkouts.js';
import './total-count.js';

let schema: GraphQLSchema | undefined;

/** The gateway's schema. Built on the first call, which fixes the provider registry. */
export function getSchema(): GraphQLSchema {
  if (!schema) {
    const typeNames = providerDefinitions().map((d) => d.typeName);
    CheckoutProvider();
    schema = builder.toSchema({ sortSchema: true });
    const missing = typeNames.filter((name) => !schema?.getType(name));
    if (missing.length > 0)
      throw new Error(`provider types missing from the schema: ${missing.join(', ')} (a definition's typeName must name its checkout type)`);
  }
  return schema;
}
