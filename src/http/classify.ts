/**
 * Turns transport failures and upstream status codes into typed UpstreamErrors.
 * undici errors are matched on `err.code`, never on message text.
 */
import type { ProviderName } from '../domain.js';
import { UpstreamError, UpstreamRejectedError } from '../errors.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failure before a complete response arrived (connect, headers, body, abort). */
export function classifyTransportError(provider: ProviderName, err: unknown): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const code = errorCode(err);
  if (code && TIMEOUT_CODES.has(code)) {
    return new UpstreamError(provider, 'UPSTREAM_TIMEOUT', 'the upstream did not answer in time', { cause: err });
  }
  if (code === 'UND_ERR_ABORTED' || (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'))) {
    return new UpstreamError(provider, 'UPSTREAM_TIMEOUT', 'the request deadline passed before the upstream answered', {
      cause: err,
      local: true,
    });
  }
  if (code && UNAVAILABLE_CODES.has(code)) {
    return new UpstreamError(provider, 'UPSTREAM_UNAVAILABLE', `the upstream could not be reached (${code})`, {
      cause: err,
    });
  }
  return new UpstreamError(provider, 'UPSTREAM_UNAVAILABLE', 'the upstream request failed', { cause: err });
}

/** Seconds to wait from `Retry-After` (seconds or HTTP date) or a Unix-seconds reset header. */
export function retryAfterSeconds(headers: Record<string, string | string[] | undefined>, now = Date.now()): number | undefined {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const retryAfter = header('retry-after') ?? header('x-ratelimit-retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const reset = Number(header('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - now / 1000));
  return undefined;
}

/** A complete response whose status says it failed. `detail` is the provider's own message, already extracted. */
export function classifyStatus(
  provider: ProviderName,
  status: number,
  detail: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): UpstreamError | UpstreamRejectedError {
  const suffix = detail ? `: ${detail}` : '';
  if (status === 401 || status === 403) {
    return new UpstreamError(provider, 'UPSTREAM_UNAUTHORIZED', `the upstream refused our credentials (HTTP ${status})${suffix}`, { status });
  }
  if (status === 429) {
    const retryAfter = retryAfterSeconds(headers);
    return new UpstreamError(provider, 'UPSTREAM_RATE_LIMITED', `the upstream rate limit was reached${suffix}`, {
      status,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  if (status === 408 || status === 504) {
    return new UpstreamError(provider, 'UPSTREAM_TIMEOUT', `the upstream timed out (HTTP ${status})`, { status });
  }
  if (status === 400 || status === 422) {
    return new UpstreamRejectedError(provider, detail ?? `HTTP ${status}`, status);
  }
  if (status >= 500) {
    return new UpstreamError(provider, 'UPSTREAM_UNAVAILABLE', `the upstream failed (HTTP ${status})`, { status });
  }
  return new UpstreamError(provider, 'UPSTREAM_BAD_RESPONSE', `unexpected HTTP ${status}${suffix}`, { status });
}
