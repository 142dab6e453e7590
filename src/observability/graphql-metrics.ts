/**
 * GraphQL request metrics and the merged connection's read metrics. Operation names come from the parsed document
 * (never from the unchecked `operationName` parameter) and are bounded: the first `maxOperationNames` distinct names
 * get their own label value; unnamed operations, requests that never parsed and names past the bound share `_other`.
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { ProviderName } from '../domain.js';

export const OTHER_OPERATION = '_other';
const CODE = /^[A-Z][A-Z0-9_]{0,49}$/;
/** Distinct error codes kept before the rest fold into OTHER; the gateway's own codes number about twenty. */
const MAX_CODES = 50;

export type Outcome = 'success' | 'partial' | 'error';

export interface GraphqlMetrics {
  request(operationName: string | undefined, operationType: string | undefined, outcome: Outcome, seconds: number): void;
  error(code: unknown): void;
  /** One provider's read for one page of the merged connection. */
  mergedRead(provider: ProviderName, pagesRead: number, scanBoundHit: boolean): void;
}

/** Keeps the first `max` distinct values; anything else is `fallback`. */
export function boundedLabel(max: number, fallback: string, accept: (value: string) => boolean = () => true) {
  const seen = new Set<string>();
  return (value: string | undefined): string => {
    if (value === undefined || !accept(value)) return fallback;
    if (seen.has(value)) return value;
    if (seen.size >= max) return fallback;
    seen.add(value);
    return value;
  };
}

export function graphqlMetrics(registry: Registry, maxOperationNames: number): GraphqlMetrics {
  const registers = [registry];
  const duration = new Histogram({
    name: 'checkout_graph_graphql_request_duration_seconds',
    help: `GraphQL requests by operation (at most ${maxOperationNames} names, the rest "${OTHER_OPERATION}"), type and outcome (success, partial: data and errors, error).`,
    labelNames: ['operation_name', 'operation_type', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers,
  });
  const errors = new Counter({
    name: 'checkout_graph_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code.',
    labelNames: ['code'],
    registers,
  });
  const pagesRead = new Histogram({
    name: 'checkout_graph_merged_pages_read',
    help: 'Upstream pages (cache hits included) one provider read for one page of the merged connection.',
    labelNames: ['provider'],
    buckets: [0, 1, 2, 3, 5, 8, 10, 15, 25, 50],
    registers,
  });
  const scanBound = new Counter({
    name: 'checkout_graph_merged_scan_bound_hits_total',
    help: 'Merged-connection reads that stopped at MAX_SCAN_PAGES before filling the page (gateway-side filters).',
    labelNames: ['provider'],
    registers,
  });
  const operationName = boundedLabel(maxOperationNames, OTHER_OPERATION);
  const code = boundedLabel(MAX_CODES, 'OTHER', (value) => CODE.test(value));
  const TYPES = new Set(['query', 'mutation', 'subscription']);
  return {
    request(name, type, outcome, seconds) {
      duration.observe({ operation_name: operationName(name), operation_type: type && TYPES.has(type) ? type : 'unknown', outcome }, seconds);
    },
    error(value) {
      errors.inc({ code: typeof value === 'string' ? code(value) : 'UNSPECIFIED' });
    },
    mergedRead(provider, pages, hit) {
      pagesRead.observe({ provider }, pages);
      if (hit) scanBound.inc({ provider });
    },
  };
}
