/**
 * One span per provider read of a merged page, without touching the pagination engine: each list is wrapped so its
 * calls run inside that provider's span (its upstream attempts nest under it) with a counter of cache hits and misses
 * in the OpenTelemetry context (see http/observe.ts), and the span is closed with what paginate reports per source.
 */
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import type { PagedList } from '../domain.js';
import { READ_STATS, type ReadStats } from '../http/observe.js';
import { tracer } from '../http/trace.js';
import type { SourceStatus } from '../pagination/paginate.js';

function errorCode(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL';
}

export function traceReads(lists: PagedList[]): { lists: PagedList[]; end(sources: SourceStatus[] | null): void } {
  const reads = lists.map((list) => {
    const span = tracer().startSpan(`read ${list.provider}`, { attributes: { 'checkout_graph.provider': list.provider } });
    const stats: ReadStats = { cacheHits: 0, cacheMisses: 0 };
    const ctx = trace.setSpan(context.active(), span).setValue(READ_STATS, stats);
    const inRead =
      <A extends unknown[], R>(fn: (...args: A) => R) =>
      (...args: A): R =>
        context.with(ctx, () => fn(...args));
    const traced: PagedList = {
      provider: list.provider,
      exactTotal: list.exactTotal,
      page: inRead(list.page.bind(list)),
      end: inRead(list.end.bind(list)),
      ...(list.pageBefore ? { pageBefore: inRead(list.pageBefore.bind(list)) } : {}),
      ...(list.start ? { start: inRead(list.start.bind(list)) } : {}),
      ...(list.residual ? { residual: list.residual.bind(list) } : {}),
    };
    return { traced, span, stats };
  });
  return {
    lists: reads.map((r) => r.traced),
    end(sources) {
      reads.forEach(({ span, stats }, i) => {
        const source = sources?.[i];
        const outcome = !source ? 'INTERNAL' : source.ok ? 'ok' : errorCode(source.error);
        const cache = stats.cacheMisses === 0 ? 'hit' : stats.cacheHits === 0 ? 'miss' : 'mixed';
        span.setAttributes({
          'checkout_graph.pages_read': source?.pagesRead ?? 0,
          'checkout_graph.cache': stats.cacheHits + stats.cacheMisses === 0 ? 'none' : cache,
          'checkout_graph.cache_hits': stats.cacheHits,
          'checkout_graph.cache_misses': stats.cacheMisses,
          'checkout_graph.outcome': outcome,
          'checkout_graph.scan_bound_hit': source?.scanBoundHit ?? false,
        });
        if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    },
  };
}
