/**
 * The per-request context. Built fresh for every GraphQL request, so the DataLoaders the dataloader plugin keys on
 * it (node lookups, customers, stores, variants) never share state between requests.
 */
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { systemClock, type Clock } from './http/clock.js';
import { deadlineSignal } from './http/deadline.js';
import type { GraphqlMetrics } from './observability/graphql-metrics.js';
import type { Cutoff } from './pagination/cutoff.js';
import type { Providers } from './providers/index.js';
import { DEFAULT_LIMITS } from './security/options.js';

export interface Context {
  providers: Providers;
  /** HMAC key for connection cursors. */
  cursorSecret: Buffer;
  /** Upper bound of upstream pages one provider may read per connection field. */
  maxScanPages: number;
  /** Most global ids one `nodes(ids:)` may ask for (MAX_NODE_IDS). */
  maxNodeIds: number;
  logger: Logger;
  /** Aborted when the client goes away or the request deadline passes. */
  signal: AbortSignal;
  /** When the merged connection cuts off a provider holding its page (pagination/cutoff.ts). */
  mergedCutoff?: Cutoff;
  /**
   * Errors of providers that failed while others answered (merged connection). Appended to the response's
   * `errors` after execution, so the healthy providers' data still comes.
   */
  partialErrors: unknown[];
  /** Merged-connection read metrics (absent with METRICS_ENABLED=false). */
  metrics?: GraphqlMetrics;
  /** True when an OpenTelemetry SDK records traces: provider reads get their own spans. */
  tracing?: boolean;
}

export interface ContextDeps {
  providers: Providers;
  cursorSecret: Buffer;
  maxScanPages: number;
  logger: Logger;
  /** Upstream work for one request (retries and quota waits included) ends by then, in milliseconds. */
  requestDeadlineMs?: number;
  /** Default: DEFAULT_LIMITS.maxNodeIds. */
  maxNodeIds?: number;
  /** The clock the upstream clients measure the deadline with (default: the system clock). */
  clock?: Clock;
  metrics?: GraphqlMetrics;
  tracing?: boolean;
  /** When the merged connection cuts off a provider holding its page (pagination/cutoff.ts). */
  mergedCutoff?: Cutoff;
}

export const DEFAULT_REQUEST_DEADLINE_MS = 15_000;

export function createContext(deps: ContextDeps, request: Request | undefined): Context {
  const signal = deadlineSignal(deps.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS, request?.signal, (deps.clock ?? systemClock).now());
  // Every upstream request of this GraphQL request listens on it; a wide page legitimately has many at once.
  setMaxListeners(0, signal);
  return { ...deps, maxNodeIds: deps.maxNodeIds ?? DEFAULT_LIMITS.maxNodeIds, signal, partialErrors: [] };
}
