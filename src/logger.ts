/**
 * Structured logs (pino) with redaction: credentials never reach a log line, whatever object is logged.
 */
import { pino, type Logger } from 'pino';

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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'checkout-graph' } }, destination);
}
