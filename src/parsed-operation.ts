/**
 * The operation a request runs, as the parsed document names it: for plugins that describe requests (request log,
 * metrics). Read after parsing, not execution, so a document that fails validation still names its operation.
 */
import { getOperationAST, type OperationDefinitionNode } from 'graphql';

/** A yoga `onParse` hook that hands `apply` the request's entry and its operation (null when none is named). */
export function onParsedOperation<E>(entries: WeakMap<Request, E>, apply: (entry: E, operation: OperationDefinitionNode | null) => void) {
  return ({ context }: { context: unknown }) => {
    const { request, params } = context as { request?: Request; params?: { operationName?: string } };
    const entry = request && entries.get(request);
    if (!entry) return;
    return ({ result }: { result: unknown }) => {
      if (!result || result instanceof Error || typeof result !== 'object' || !('kind' in result)) return;
      apply(entry, getOperationAST(result as never, params?.operationName) ?? null);
    };
  };
}
