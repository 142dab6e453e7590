/**
 * Persisted operations: a JSON file mapping an operation id (clients send it as
 * `extensions.persistedQuery.sha256Hash`, the Apollo/yoga convention) to the document text. With `only`, a request
 * that sends a `query` is refused, so the gateway runs nothing but the documents it was shipped with.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { PersistedOperations } from './options.js';

const OPERATION_ID = /^[A-Za-z0-9_:.-]{1,128}$/;

/** Reads and checks the file; throws an Error whose message says what is wrong (config.ts names the variable). */
export function readPersistedOperations(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${JSON.stringify(path)} (${(err as NodeJS.ErrnoException).code ?? 'read failed'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${JSON.stringify(path)} is not valid JSON`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(`${JSON.stringify(path)} must hold a JSON object mapping operation ids to GraphQL documents`);
  }
  const operations = new Map<string, string>();
  for (const [id, document] of Object.entries(json)) {
    if (!OPERATION_ID.test(id)) throw new Error(`operation id ${JSON.stringify(id.slice(0, 140))} must be 1-128 letters, digits or _:.-`);
    if (typeof document !== 'string') throw new Error(`operation ${id} must map to a GraphQL document string`);
    try {
      parse(document);
    } catch (err) {
      throw new Error(`operation ${id} does not parse: ${(err as Error).message}`);
    }
    operations.set(id, document);
  }
  if (operations.size === 0) throw new Error(`${JSON.stringify(path)} holds no operations`);
  return operations;
}

export function usePersistedOperationsFrom(persisted: PersistedOperations): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => persisted.operations.get(id) ?? null,
    allowArbitraryOperations: !persisted.only,
    customErrors: {
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
      persistedQueryOnly: {
        message: 'Only persisted operations are allowed: send `extensions.persistedQuery.sha256Hash` instead of `query`.',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
      keyNotFound: {
        message: `Send a persisted operation id in \`extensions.persistedQuery.sha256Hash\`${persisted.only ? '' : ' or a `query`'}.`,
        extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } },
      },
    },
  });
}
