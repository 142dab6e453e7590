/**
 * The span tree of a merged page, collected with the SDK's in-memory exporter: the caller's traceparent continued, a
 * server span with parse/validate/execute, one read span per provider under execute, one client span per upstream
 * attempt under its read (a retry included), the traceparent each sandbox received naming that client span, log lines
 * carrying the trace, and no secret in any span name or attribute.
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BuiltInProviderName as ProviderName } from '../src/providers/registry.js';
import { createLogger } from '../src/logger.js';
import { startTracing, type Tracing } from '../src/observability/tracing.js';
import { createTestGateway, TEST_CURSOR_SECRET, type TestGateway } from './helpers.js';

const LIST_ROUTE: Record<ProviderName, string> = { ZENSKAR: '/checkout', STATESET: '/checkouts', LEMON_SQUEEZY: '/checkouts' };
const SANDBOX = { ZENSKAR: 'zenskar', STATESET: 'stateset', LEMON_SQUEEZY: 'lemonsqueezy' } as const;
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const EMAIL = 'someone.private@example.com';

describe('tracing a merged page', () => {
  const exporter = new InMemorySpanExporter();
  const lines: string[] = [];
  let tracing: Tracing;
  let gw: TestGateway;

  beforeAll(async () => {
    tracing = startTracing({}, exporter);
    gw = await createTestGateway({ count: 150, tracing: true, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });
  });
  afterAll(async () => {
    await gw?.close();
    await tracing?.shutdown();
  });

  const post = (query: string, variables: Record<string, unknown> = {}) =>
    gw.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
      body: JSON.stringify({ query, variables }),
    });
  const serverSpan = async (): Promise<ReadableSpan> =>
    vi.waitFor(() => {
      const span = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER);
      if (!span) throw new Error('no server span yet');
      return span;
    });
  const childrenOf = (parent: ReadableSpan) => exporter.getFinishedSpans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

  it('continues the caller’s trace down to one client span per upstream attempt, which the sandbox sees', async () => {
    const response = await post(`query Page { checkouts(first: 10) { edges { node { id } } } }`);
    expect(response.status).toBe(200);
    const server = await serverSpan();
    expect(server.spanContext().traceId).toBe(CALLER_TRACE);
    expect(server.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server.attributes['http.response.status_code']).toBe(200);
    const phases = childrenOf(server)
      .map((s) => s.name)
      .sort();
    expect(phases).toEqual(['graphql.execute', 'graphql.parse', 'graphql.validate']);
    const execute = childrenOf(server).find((s) => s.name === 'graphql.execute')!;
    expect(execute.attributes['graphql.operation.name']).toBe('Page');

    const reads = childrenOf(execute);
    expect(reads.map((s) => s.name).sort()).toEqual(['read LEMON_SQUEEZY', 'read STATESET', 'read ZENSKAR']);
    for (const read of reads) {
      const provider = read.attributes['checkout_graph.provider'] as ProviderName;
      expect(read.attributes).toMatchObject({ 'checkout_graph.outcome': 'ok', 'checkout_graph.cache': 'miss', 'checkout_graph.pages_read': 1 });
      const attempts = childrenOf(read);
      const log = gw.sandboxes[SANDBOX[provider]].log;
      expect(attempts.length, provider).toBe(log.length);
      for (const attempt of attempts) {
        expect(attempt.kind).toBe(SpanKind.CLIENT);
        expect(attempt.attributes).toMatchObject({
          'http.request.method': 'GET',
          'url.template': LIST_ROUTE[provider],
          'http.response.status_code': 200,
          'checkout_graph.attempt': 1,
        });
      }
      // What reached the upstream: W3C traceparent naming the attempt's own span, in the caller's trace.
      expect(log.map((r) => r.headers.traceparent).sort()).toEqual(attempts.map((a) => `00-${CALLER_TRACE}-${a.spanContext().spanId}-01`).sort());
    }
  });

  it('gives a retried attempt its own span with the attempt number and the reason', async () => {
    exporter.reset();
    gw.sandboxes.stateset.knobs.faults.push({ kind: 'response', response: { status: 503, body: {} } });
    const response = await post(`query Filtered($email: String) { checkouts(first: 5, filter: { email: $email }) { edges { node { id } } } }`, {
      email: EMAIL,
    });
    expect(response.status).toBe(200);
    await serverSpan();
    const read = exporter.getFinishedSpans().find((s) => s.name === 'read STATESET')!;
    const attempts = childrenOf(read).sort((a, b) => Number(a.attributes['checkout_graph.attempt']) - Number(b.attributes['checkout_graph.attempt']));
    expect(
      attempts.map((a) => [a.attributes['checkout_graph.attempt'], a.attributes['http.response.status_code'], a.attributes['checkout_graph.retry_reason']]),
    ).toEqual([
      [1, 503, undefined],
      [2, 200, 'http_503'],
    ]);
    expect(attempts[1]!.attributes['http.request.resend_count']).toBe(1);
  });

  it('puts trace_id and span_id on the log lines written inside a request', () => {
    const requestLines = lines.map((l) => JSON.parse(l) as Record<string, string>).filter((l) => l.msg === 'graphql request');
    expect(requestLines.length).toBe(2);
    for (const line of requestLines) {
      expect(line.trace_id).toBe(CALLER_TRACE);
      expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('records no secret, email, id or query string in any span', () => {
    const configs = gw.sandboxes.configs;
    const secrets = [
      configs.zenskar.apiKey,
      configs.zenskar.organisation,
      configs.stateset.apiKey,
      configs.lemonsqueezy.apiKey,
      TEST_CURSOR_SECRET,
      EMAIL,
      'buyer_email',
    ];
    const text = JSON.stringify(exporter.getFinishedSpans().map((s) => [s.name, s.attributes, s.events, s.resource.attributes]));
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const span of exporter.getFinishedSpans()) {
      for (const value of Object.values(span.attributes)) expect(String(value)).not.toMatch(/[?=@]/);
    }
  });
});
