/**
 * OpenTelemetry tracing, off unless the standard variables ask for it: `OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (OTLP over HTTP, JSON), or `OTEL_TRACES_EXPORTER=otlp|console`;
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` keep it off. The SDK itself reads the rest
 * (`OTEL_TRACES_SAMPLER[_ARG]`, `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`, batch sizes).
 *
 * Registering the NodeTracerProvider installs the AsyncLocalStorage context manager (so spans nest across awaits) and
 * the W3C trace-context propagator (traceparent in and out).
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { Env } from '../env.js';

export interface Tracing {
  /** False when no exporter is configured: no SDK is registered and the tracing plugins stay out. */
  enabled: boolean;
  /** Flushes spans still buffered and unregisters the SDK. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => {} };

/** Where spans go per the environment, or null when tracing is off. */
export function tracesEndpoint(env: Env): { kind: 'otlp'; url: string | undefined } | { kind: 'console' } | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter === 'none') return null;
  if (exporter === 'console') return { kind: 'console' };
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (traces) return { kind: 'otlp', url: traces };
  if (base) return { kind: 'otlp', url: `${base.replace(/\/+$/, '')}/v1/traces` };
  return exporter === 'otlp' ? { kind: 'otlp', url: undefined } : null;
}

/**
 * Starts the SDK when the environment configures an exporter. `exporter` replaces it (tests hand in an in-memory one,
 * exported at once rather than in batches).
 */
export function startTracing(env: Env, exporter?: SpanExporter): Tracing {
  const target = exporter ? null : tracesEndpoint(env);
  if (!exporter && !target) return OFF;
  const resource = resourceFromAttributes({ 'service.name': 'checkout-graph' }).merge(detectResources({ detectors: [envDetector] }));
  const spanProcessor = exporter
    ? new SimpleSpanProcessor(exporter)
    : target?.kind === 'console'
      ? new SimpleSpanProcessor(new ConsoleSpanExporter())
      : new BatchSpanProcessor(new OTLPTraceExporter(target?.kind === 'otlp' && target.url ? { url: target.url } : {}));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  return {
    enabled: true,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
