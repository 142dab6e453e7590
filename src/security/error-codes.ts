/**
 * Every error a client sees carries `extensions.code`. graphql-js reports a variable that fails coercion
 * (`Variable "$n" got invalid value …`, or a required one left out) without one; such an error is told apart by the
 * node it points at, the variable's definition, not by its wording, and gets BAD_USER_INPUT like any other bad argument.
 */
import { Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

interface Reported {
  extensions?: Record<string, unknown>;
  nodes?: readonly { kind: string }[];
}

function codeVariableErrors(errors: readonly unknown[] | undefined): void {
  for (const error of errors ?? []) {
    if (!(error instanceof Error)) continue;
    const reported = error as Reported;
    if (typeof reported.extensions?.code === 'string') continue;
    if (reported.nodes?.some((node) => node.kind === Kind.VARIABLE_DEFINITION)) {
      reported.extensions = { ...reported.extensions, code: 'BAD_USER_INPUT' };
    }
  }
}

export function useVariableErrorCodes(): Plugin {
  return {
    onResultProcess({ result }) {
      if (!result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      for (const single of Array.isArray(result) ? result : [result]) codeVariableErrors((single as { errors?: readonly unknown[] }).errors);
    },
  };
}
