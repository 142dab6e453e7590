/**
 * Server-side spans through yoga's instrumentation hooks: one SERVER span per HTTP request (continuing the caller's
 * W3C `traceparent` when sent) with parse, validate and execute spans under it. Wrapping each phase in
 * `context.with` makes the span active for everything the phase starts, so provider reads and upstream attempts
 * nest under `graphql.execute`. No document, variables, headers or query string go into attributes.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type TextMapGetter } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { tracer } from '../http/trace.js';

const KNOWN_PATHS = new Set(['/graphql', '/metrics', '/health', '/readiness']);

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

function endSpan(span: Span, failed: boolean): void {
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Runs one phase inside its own span (made active, so whatever the phase starts nests under it). */
function inSpan<T>(name: string, run: () => T): T {
  const span = tracer().startSpan(name);
  let result: T;
  try {
    result = context.with(trace.setSpan(context.active(), span), run);
  } catch (err) {
    endSpan(span, true);
    throw err;
  }
  if (!(result instanceof Promise)) {
    endSpan(span, false);
    return result;
  }
  return result.then(
    (value: unknown) => {
      endSpan(span, false);
      return value;
    },
    (err: unknown) => {
      endSpan(span, true);
      throw err;
    },
  ) as T;
}

/** The path of a request URL without building a URL object (this runs for every request). */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  return url.slice(start, query < 0 ? undefined : query);
}

export function useTracing(): Plugin {
  const serverSpans = new WeakMap<Request, Span>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const path = pathOf(request.url);
        const route = KNOWN_PATHS.has(path) ? path : null;
        const parent = propagation.extract(ROOT_CONTEXT, request.headers, headerGetter);
        const span = tracer().startSpan(
          `${request.method} ${route ?? 'unmatched route'}`,
          {
            kind: SpanKind.SERVER,
            attributes: { 'http.request.method': request.method, 'url.path': route ?? 'unmatched', ...(route ? { 'http.route': route } : {}) },
          },
          parent,
        );
        serverSpans.set(request, span);
        const done = () => span.end();
        try {
          const result = context.with(trace.setSpan(parent, span), wrapped);
          if (result instanceof Promise) return result.finally(done);
          done();
          return result;
        } catch (err) {
          done();
          throw err;
        }
      },
      parse: (_payload, wrapped) => inSpan('graphql.parse', wrapped),
      validate: (_payload, wrapped) => inSpan('graphql.validate', wrapped),
      execute: (_payload, wrapped) => inSpan('graphql.execute', wrapped),
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const span = trace.getActiveSpan();
      if (!operation || !span) return;
      span.setAttribute('graphql.operation.type', operation.operation);
      if (operation.name) span.setAttribute('graphql.operation.name', operation.name.value);
    },
    onResponse({ request, response }) {
      const span = serverSpans.get(request);
      if (!span) return;
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    },
  };
}
