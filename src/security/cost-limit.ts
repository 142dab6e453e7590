/** Refuses an operation whose estimated cost (cost.ts) is over the limit, before any resolver runs. */
import { visit, type DocumentNode, type GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { MAX_PAGE_SIZE } from '../pagination/args.js';
import { COST_ARGUMENTS, operationCost } from './cost.js';
import { SECURITY_ERROR_CODES, type QueryLimits } from './options.js';

export function costLimitError(cost: number, maxCost: number): GraphQLError {
  // yoga's createGraphQLError, so yoga recognises the error (and strips `http`) even under a second copy of graphql.
  return createGraphQLError(
    `Query cost ${cost} is over the limit of ${maxCost}. Ask for smaller pages (\`first\`/\`last\`) or fewer nested connections.`,
    // Refused before execution, like a validation error: 400 for application/graphql-response+json, 200 for JSON.
    { extensions: { code: SECURITY_ERROR_CODES.cost, cost, maxCost, http: { spec: true, status: 400 } } },
  );
}

/** Variables a document's cost can depend on: those used inside `first`, `last` or `ids` arguments (cost.ts). */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (!COST_ARGUMENTS.has(node.name.value)) return false;
      visit(node.value, {
        Variable(variable) {
          names.add(variable.name.value);
        },
      });
      return false;
    },
  });
  return [...names];
}

/** Distinct values of the cost variables remembered per document; past this, the memo of that document starts over. */
const MEMO_ENTRIES = 64;

export function useCostLimit(limits: Pick<QueryLimits, 'maxCost' | 'defaultPageSize' | 'maxNodeIds'>): Plugin {
  // The cost is a function of the document, the operation and the cost variables' values only (the schema and limits
  // are fixed here), so it is computed once per parsed document (yoga's parse cache reuses them) and such values.
  const memo = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let entry = memo.get(args.document);
      if (!entry) {
        entry = { variables: costVariables(args.document), costs: new Map() };
        memo.set(args.document, entry);
      }
      // A variable left out (its default applies) and one sent as null cost differently: [value] vs 0.
      const values = args.variableValues as Record<string, unknown> | null | undefined;
      const key = `${args.operationName ?? ''}\u0000${entry.variables.length ? JSON.stringify(entry.variables.map((name) => (values && name in values ? [values[name]] : 0))) : ''}`;
      let cost = entry.costs.get(key);
      if (cost === undefined) {
        cost = operationCost({
          schema: args.schema,
          document: args.document,
          operationName: args.operationName,
          variables: args.variableValues,
          defaultPageSize: limits.defaultPageSize,
          maxPageSize: MAX_PAGE_SIZE,
          maxIds: limits.maxNodeIds,
        });
        if (entry.costs.size >= MEMO_ENTRIES) entry.costs.clear();
        entry.costs.set(key, cost);
      }
      if (cost > limits.maxCost) setResultAndStopExecution({ errors: [costLimitError(cost, limits.maxCost)] });
    },
  };
}
