/**
 * Every error a client sees carries `extensions.code`. graphql-js reports a variable that fails coercion
 * (`Variable "$n" got invalid value …`, or a required one left out) without one; such an error is told apart by the
 * node it points at, the variable's definition, not by its wording, and gets BAD_USER_INPUT like any other bad argument.
 * (Under graphql-jit, variables are still coerced by graphql-js first: see src/yoga.ts `useGraphQLJsVariables`.)
 *
 * graphql-jit's execution errors are rebuilt after execution as graphql-js GraphQLErrors pointing at the same places:
 * yoga re-creates every error from `nodes`/`source`/`positions` when it serialises a result, so a jit error (which
 * has only `locations`) would otherwise lose its locations, and its message and extensions are read-only.
 */
import { GraphQLError, Kind, type Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';

interface Reported {
  extensions?: Record<string, unknown>;
  nodes?: readonly { kind: string }[];
  locations?: readonly { line: number; column: number }[];
}

/**
 * `error` with another message and/or extensions. graphql-jit's errors define both as read-only properties, so they
 * are changed on a copy (same prototype and other properties) when they cannot be assigned.
 */
export function withChanges<E extends object>(error: E, changes: { message?: string; extensions?: Record<string, unknown> }): E {
  const writable = (key: string) => {
    const own = Object.getOwnPropertyDescriptor(error, key);
    return !own || own.writable === true || own.set !== undefined;
  };
  const keys = Object.keys(changes) as (keyof typeof changes)[];
  if (keys.every(writable)) return Object.assign(error, changes);
  const copy = Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error)) as E;
  for (const key of keys) Object.defineProperty(copy, key, { value: changes[key], writable: true, enumerable: true, configurable: true });
  return copy;
}

/** Offset in `body` of a 1-based line and column. */
function offsetOf(body: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = body.slice(offset).search(/\r\n|[\n\r]/);
    if (next < 0) break;
    offset += next + (body.startsWith('\r\n', offset + next) ? 2 : 1);
  }
  return offset + column - 1;
}

/** A graphql-jit error (locations but no nodes) as a graphql-js GraphQLError at the same places; others as they are. */
function asGraphQLError(error: unknown, source: Source | undefined): unknown {
  if (!(error instanceof Error) || !source) return error;
  const reported = error as Reported & { path?: readonly (string | number)[]; originalError?: Error | null };
  if (reported.nodes !== undefined || !reported.locations?.length) return error;
  return new GraphQLError(error.message, {
    source,
    positions: reported.locations.map((l) => offsetOf(source.body, l.line, l.column)),
    ...(reported.path ? { path: reported.path } : {}),
    ...(reported.originalError ? { originalError: reported.originalError } : {}),
    ...(reported.extensions ? { extensions: reported.extensions } : {}),
  });
}

function isVariableError(error: Reported): boolean {
  return error.nodes?.some((node) => node.kind === Kind.VARIABLE_DEFINITION) ?? false;
}

/** The errors, with BAD_USER_INPUT on each uncoded variable error; the same array when none needed it. */
function codeVariableErrors(errors: readonly unknown[] | undefined): readonly unknown[] | undefined {
  if (!errors) return errors;
  let out: unknown[] | undefined;
  errors.forEach((error, i) => {
    if (!(error instanceof Error)) return;
    const reported = error as Reported;
    if (typeof reported.extensions?.code === 'string' || !isVariableError(reported)) return;
    out ??= [...errors];
    out[i] = withChanges(error, { extensions: { ...reported.extensions, code: 'BAD_USER_INPUT' } });
  });
  return out ?? errors;
}

export function useVariableErrorCodes(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (!result || Symbol.asyncIterator in (result as object)) return;
          const single = result as { errors?: readonly unknown[] };
          if (!single.errors?.length) return;
          const source = args.document.loc?.source;
          const errors = single.errors.map((error) => asGraphQLError(error, source));
          if (errors.some((error, i) => error !== single.errors![i])) setResult({ ...single, errors } as never);
        },
      };
    },
    onResultProcess({ result, setResult }) {
      if (!result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const results = Array.isArray(result) ? result : [result];
      let changed = false;
      const coded = results.map((single) => {
        const errors = codeVariableErrors((single as { errors?: readonly unknown[] }).errors);
        if (errors === (single as { errors?: unknown }).errors) return single;
        changed = true;
        return { ...single, errors };
      });
      if (changed) setResult((Array.isArray(result) ? coded : coded[0]) as never);
    },
  };
}
