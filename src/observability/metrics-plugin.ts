/**
 * `GET /metrics` (Prometheus text) and the GraphQL request metrics, as one yoga plugin placed first so it times every
 * request and sees every outcome, refusals included. It reads the operation from the parsed document, like the request
 * log, and never looks at variables or the document text.
 */
import { onParsedOperation } from '../parsed-operation.js';
import type { Plugin } from 'graphql-yoga';
import type { Metrics } from './metrics.js';
import type { Outcome } from './graphql-metrics.js';

export const METRICS_PATH = '/metrics';

interface Entry {
  start: number;
  name?: string;
  type?: string;
  outcome: Outcome;
}

const RANK: Record<Outcome, number> = { success: 0, partial: 1, error: 2 };

function outcomeOf(result: unknown): Outcome {
  if (!result || typeof result !== 'object') return 'error';
  const { errors, data } = result as { errors?: unknown[]; data?: unknown };
  if (!errors?.length) return 'success';
  return data ? 'partial' : 'error';
}

export function useMetrics(metrics: Metrics, endpoint: string): Plugin {
  const entries = new WeakMap<Request, Entry>();
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === METRICS_PATH && request.method === 'GET') {
        return metrics
          .text()
          .then((text) =>
            endResponse(new fetchAPI.Response(text, { status: 200, headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' } })),
          );
      }
      if (url.pathname === endpoint) entries.set(request, { start: performance.now(), outcome: 'success' });
    },
    onParse: onParsedOperation(entries, (entry, operation) => {
      entry.type ??= operation?.operation;
      entry.name ??= operation?.name?.value;
    }),
    onResultProcess({ request, result }) {
      const entry = entries.get(request);
      if (!entry) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        const outcome = outcomeOf(single);
        if (RANK[outcome] > RANK[entry.outcome]) entry.outcome = outcome;
        for (const error of (single as { errors?: { extensions?: { code?: unknown } }[] })?.errors ?? []) metrics.graphql.error(error?.extensions?.code);
      }
    },
    onResponse({ request, response }) {
      const entry = entries.get(request);
      if (!entry) return;
      entries.delete(request);
      const outcome = response.status >= 400 && entry.outcome === 'success' ? 'error' : entry.outcome;
      metrics.graphql.request(entry.name, entry.type, outcome, (performance.now() - entry.start) / 1000);
    },
  };
}
