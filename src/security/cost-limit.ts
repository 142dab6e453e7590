/** Refuses an operation whose estimated cost (cost.ts) is over the limit, before any resolver runs. */
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { MAX_PAGE_SIZE } from '../pagination/args.js';
import { operationCost } from './cost.js';
import { SECURITY_ERROR_CODES, type QueryLimits } from './options.js';

export function costLimitError(cost: number, maxCost: number): GraphQLError {
  // yoga's createGraphQLError, so yoga recognises the error (and strips `http`) even under a second copy of graphql.
  return createGraphQLError(
    `Query cost ${cost} is over the limit of ${maxCost}. Ask for smaller pages (\`first\`/\`last\`) or fewer nested connections.`,
    // Refused before execution, like a validation error: 400 for application/graphql-response+json, 200 for JSON.
    { extensions: { code: SECURITY_ERROR_CODES.cost, cost, maxCost, http: { spec: true, status: 400 } } },
  );
}

export function useCostLimit(limits: Pick<QueryLimits, 'maxCost' | 'defaultPageSize' | 'maxNodeIds'>): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = operationCost({
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variables: args.variableValues,
        defaultPageSize: limits.defaultPageSize,
        maxPageSize: MAX_PAGE_SIZE,
        maxIds: limits.maxNodeIds,
      });
      if (cost > limits.maxCost) setResultAndStopExecution({ errors: [costLimitError(cost, limits.maxCost)] });
    },
  };
}
