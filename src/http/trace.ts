/**
 * One OpenTelemetry client span per upstream HTTP attempt, through the OpenTelemetry API only: without a registered
 * SDK every call here is a no-op. Attributes name the route template, never the URL: query strings carry filters
 * (emails) and ids, and headers carry credentials, so neither is ever recorded.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ProviderName } from '../domain.js';
import type { RetryReason } from './observer.js';

/**
 * The tracer, looked up per span rather than held: the API hands out proxies bound to the provider registered at that
 * moment, and a provider registered later (tests and benchmarks start and stop the SDK) would never see their spans.
 */
export function tracer() {
  return trace.getTracer('checkout-graph');
}

export interface AttemptSpan {
  span: Span;
  /** `headers` plus `traceparent` (and `tracestate`) for this attempt, when a trace is active. */
  headers: Record<string, string>;
}

export function startAttemptSpan(
  info: { provider: ProviderName; method: string; route: string; origin: URL; attempt: number; retryReason: RetryReason | undefined },
  headers: Record<string, string>,
): AttemptSpan {
  const span = tracer().startSpan(`${info.method} ${info.route}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': info.method,
      'url.template': info.route,
      'server.address': info.origin.hostname,
      'server.port': Number(info.origin.port) || (info.origin.protocol === 'https:' ? 443 : 80),
      'checkout_graph.provider': info.provider,
      'checkout_graph.attempt': info.attempt,
      ...(info.attempt > 1 ? { 'http.request.resend_count': info.attempt - 1 } : {}),
      ...(info.retryReason ? { 'checkout_graph.retry_reason': info.retryReason } : {}),
    },
  });
  if (!trace.isSpanContextValid(span.spanContext())) return { span, headers };
  const carrier: Record<string, string> = { ...headers };
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return { span, headers: carrier };
}

export function endAttemptSpan(span: Span, status: number | null, error: { code: string } | null): void {
  if (status !== null) span.setAttribute('http.response.status_code', status);
  if (error) {
    span.setAttribute('error.type', error.code);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
