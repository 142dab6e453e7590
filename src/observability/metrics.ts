/**
 * The gateway's Prometheus metrics (prom-client): one Registry per gateway, so tests and benchmarks can run several
 * gateways in one process, plus one process-wide registry with prom-client's Node defaults (CPU, memory, GC, event-loop
 * lag), created once because its collectors watch the whole process.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { CacheObserver, HttpObserver } from '../http/observer.js';
import { driftMetrics } from './drift-metrics.js';
import { graphqlMetrics, type GraphqlMetrics } from './graphql-metrics.js';
import { upstreamMetrics } from './upstream-metrics.js';

export interface MetricsOptions {
  /** Distinct operation names with their own label value. */
  maxOperationNames: number;
}

export interface Metrics {
  graphql: GraphqlMetrics;
  http: HttpObserver;
  cache: CacheObserver;
  /** Called once the page cache exists, for the entries gauge. */
  watchCacheSize(size: () => number): void;
  contentType: string;
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
  /** Stops listening to process-wide sources (drift records). */
  close(): void;
}

let processRegistry: Registry | null = null;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const defaults = processMetrics();
  let cacheSize = () => 0;
  const upstream = upstreamMetrics(registry, () => cacheSize());
  const stopDrift = driftMetrics(registry);
  return {
    graphql: graphqlMetrics(registry, options.maxOperationNames),
    http: upstream.http,
    cache: upstream.cache,
    watchCacheSize(size) {
      cacheSize = size;
    },
    contentType: registry.contentType,
    async text() {
      const [own, process] = await Promise.all([registry.metrics(), defaults.metrics()]);
      return `${own}\n${process}`;
    },
    close: stopDrift,
  };
}
