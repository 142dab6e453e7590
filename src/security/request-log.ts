/**
 * One structured log line per GraphQL request: operation name and type, HTTP status, duration and the error codes
 * in the response. Never the document, variables, headers or query string: those can carry personal data and
 * credentials.
 */
import { onParsedOperation } from '../parsed-operation.js';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

interface RequestEntry {
  start: number;
  operations: number;
  operationName?: string;
  operationType?: string;
  errorCodes: Set<string>;
}

function collectCodes(result: unknown, into: Set<string>): void {
  if (Array.isArray(result)) {
    for (const item of result) collectCodes(item, into);
    return;
  }
  if (!result || typeof result !== 'object' || !('errors' in result) || !Array.isArray(result.errors)) return;
  for (const error of result.errors as { extensions?: { code?: unknown } }[]) {
    const code = error?.extensions?.code;
    into.add(typeof code === 'string' && GRAPHQL_NAME.test(code) ? code : 'UNSPECIFIED');
  }
}

export function useRequestLog(logger: Logger, endpoint: string): Plugin {
  const entries = new WeakMap<Request, RequestEntry>();
  return {
    onRequest({ request, url }) {
      if (url.pathname === endpoint) entries.set(request, { start: performance.now(), operations: 0, errorCodes: new Set() });
    },
    onParams({ request, params }) {
      const entry = entries.get(request);
      if (!entry) return;
      entry.operations += 1;
      // Not yet validated by yoga: a client can send any JSON here (an object without toString would throw in test()).
      const name: unknown = params.operationName;
      if (entry.operationName === undefined && typeof name === 'string' && GRAPHQL_NAME.test(name)) {
        entry.operationName = name;
      }
    },
    onParse: onParsedOperation(entries, (entry, operation) => {
      entry.operationType ??= operation?.operation;
      entry.operationName ??= operation?.name?.value;
    }),
    onResultProcess({ request, result }) {
      const entry = entries.get(request);
      if (entry) collectCodes(result, entry.errorCodes);
    },
    onResponse({ request, response }) {
      const entry = entries.get(request);
      if (!entry) return;
      entries.delete(request);
      const line = {
        operationName: entry.operationName ?? null,
        operationType: entry.operationType ?? null,
        ...(entry.operations > 1 ? { batchedOperations: entry.operations } : {}),
        method: request.method,
        status: response.status,
        durationMs: Math.round((performance.now() - entry.start) * 10) / 10,
        errorCodes: [...entry.errorCodes],
      };
      if (response.status >= 500) logger.error(line, 'graphql request');
      else logger.info(line, 'graphql request');
    },
  };
}
