/**
 * Structured logs (pino) with redaction: credentials never reach a log line, whatever object is logged. Lines written
 * while a trace is active carry its `trace_id` and `span_id`, so a log line leads to its trace and back.
 */
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  '*.*.apiKey',
  'organisation',
  '*.organisation',
  '*.*.organisation',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.organisation',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers.organisation',
  'authorization',
  'cursorSecret',
  '*.cursorSecret',
];

function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return isSpanContextValid(span.spanContext()) ? { trace_id: traceId, span_id: spanId } : {};
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'checkout-graph' }, mixin: traceFields }, destination);
}

/** Readable, coloured lines for a person at a terminal (`npm start` in a TTY); still one line per entry, same fields. */
export function prettyDestination(): pino.DestinationStream {
  return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true });
}
