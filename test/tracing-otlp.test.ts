/**
 * Tracing configured the way an operator does it — OTEL_EXPORTER_OTLP_ENDPOINT — sends OTLP/HTTP (JSON) to a receiver
 * this test starts on a loopback port; and without any OTEL_* variable tracing stays off.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, tracesEndpoint } from '../src/observability/tracing.js';
import { createTestGateway } from './helpers.js';

interface OtlpSpan {
  name: string;
  kind: number;
  traceId: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}
interface OtlpRequest {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

describe('OTLP over HTTP', () => {
  const received: { path: string; contentType: string | undefined; body: OtlpRequest }[] = [];
  let receiver: Server;
  let endpoint: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          contentType: req.headers['content-type'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('is off without OTEL_* variables, and when OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none says so', () => {
    expect(tracesEndpoint({})).toBeNull();
    expect(startTracing({}).enabled).toBe(false);
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: 'true' })).toBeNull();
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBeNull();
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/custom` })).toEqual({ kind: 'otlp', url: `${endpoint}/custom` });
  });

  it('exports the spans of a request to the configured endpoint', async () => {
    const tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    expect(tracing.enabled).toBe(true);
    const gw = await createTestGateway({ count: 20, tracing: true });
    try {
      const response = await gw.query(`query Exported { checkouts(first: 3) { edges { node { id } } } }`);
      expect(response.errors).toBeUndefined();
    } finally {
      await gw.close();
      await tracing.shutdown(); // flushes the batch processor
    }
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.path === '/v1/traces' && r.contentType === 'application/json')).toBe(true);
    const resource = received[0]!.body.resourceSpans[0]!.resource.attributes;
    expect(resource.find((a) => a.key === 'service.name')?.value.stringValue).toBe('checkout-graph');
    const spans = received.flatMap((r) => r.body.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)));
    const names = spans.map((s) => s.name);
    for (const name of [
      'POST /graphql',
      'graphql.parse',
      'graphql.validate',
      'graphql.execute',
      'read ZENSKAR',
      'read STATESET',
      'read LEMON_SQUEEZY',
      'GET /checkout',
      'GET /checkouts',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
  });

  it('sends spans to an SDK started after another was shut down (no tracer stays bound to the first)', async () => {
    const gw = await createTestGateway({ count: 5, tracing: true });
    try {
      for (const round of [1, 2]) {
        const exporter = new InMemorySpanExporter();
        const tracing = startTracing({}, exporter);
        await gw.query(`query Round${round} { checkouts(first: 1) { edges { node { id } } } }`);
        // Read before shutdown: the in-memory exporter forgets its spans when shut down.
        await vi.waitFor(() =>
          expect(
            exporter.getFinishedSpans().map((s) => s.name),
            `round ${round}`,
          ).toContain('POST /graphql'),
        );
        expect(exporter.getFinishedSpans().map((s) => s.name)).toContain('read ZENSKAR');
        await tracing.shutdown();
      }
    } finally {
      await gw.close();
    }
  });
});
