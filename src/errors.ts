/**
 * Errors a client may see. Each is a GraphQLError with `extensions.code`; anything else thrown inside a
 * resolver is masked by yoga into a generic "Unexpected error.".
 */
import { GraphQLError } from 'graphql';
import type { ProviderName } from './domain.js';

export type UpstreamErrorCode = 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_RATE_LIMITED' | 'UPSTREAM_BAD_RESPONSE' | 'UPSTREAM_UNAUTHORIZED';

/** The client asked for something invalid: a bad argument, cursor, id or filter value. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
    this.name = 'BadUserInputError';
  }
}

/** An upstream failed us. Messages never carry credentials or credentialed URLs. */
export class UpstreamError extends GraphQLError {
  readonly provider: ProviderName;
  readonly upstreamCode: UpstreamErrorCode;
  /** Seconds the upstream asked us to wait, when it said. */
  readonly retryAfter: number | undefined;
  /** True when the gateway refused on its own (open circuit, quota, deadline) without the upstream answering. */
  readonly local: boolean;

  constructor(
    provider: ProviderName,
    code: UpstreamErrorCode,
    message: string,
    options: { status?: number; retryAfter?: number; cause?: unknown; local?: boolean } = {},
  ) {
    const extensions: Record<string, unknown> = { code, provider };
    if (options.status !== undefined) extensions.upstreamStatus = options.status;
    if (options.retryAfter !== undefined) extensions.retryAfter = options.retryAfter;
    super(`${provider}: ${message}`, { extensions, originalError: undefined });
    this.name = 'UpstreamError';
    this.provider = provider;
    this.upstreamCode = code;
    this.retryAfter = options.retryAfter;
    this.local = options.local ?? false;
  }
}

/** An upstream rejected the request as invalid (400/422): surfaced as BAD_USER_INPUT naming the provider. */
export class UpstreamRejectedError extends BadUserInputError {
  constructor(provider: ProviderName, message: string, status: number) {
    super(`${provider} rejected the request: ${message}`, { provider, upstreamStatus: status });
  }
}
