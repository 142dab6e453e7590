/**
 * The per-request context. Built fresh for every GraphQL request, so the DataLoaders the dataloader plugin keys on
 * it (node lookups, customers, stores, variants) never share state between requests.
 */
import type { Logger } from 'pino';
import type { Providers } from './providers/index.js';

export interface Context {
  providers: Providers;
  /** HMAC key for connection cursors. */
  cursorSecret: Buffer;
  /** Upper bound of upstream pages one provider may read per connection field. */
  maxScanPages: number;
  logger: Logger;
  /** Aborted when the client goes away. */
  signal: AbortSignal | undefined;
  /**
   * Errors of providers that failed while others answered (merged connection). Appended to the response's
   * `errors` after execution, so the healthy providers' data still comes.
   */
  partialErrors: unknown[];
}

export interface ContextDeps {
  providers: Providers;
  cursorSecret: Buffer;
  maxScanPages: number;
  logger: Logger;
}

export function createContext(deps: ContextDeps, request: Request | undefined): Context {
  return { ...deps, signal: request?.signal, partialErrors: [] };
}
