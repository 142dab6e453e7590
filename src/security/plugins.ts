/**
 * The security layer as yoga plugins, in the order they must run: the request log first (it times the request and
 * sees every outcome), response scrubbing and codes for variable errors, then gateway authentication, CSRF, persisted operations, parse/validation limits,
 * introspection, and the cost limit last (it needs the validated document and the variables).
 */
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { useGatewayAuth } from './auth.js';
import { useCostLimit } from './cost-limit.js';
import { useCsrfPrevention } from './csrf.js';
import { useVariableErrorCodes } from './error-codes.js';
import { hideFieldSuggestions, queryLimitPlugins } from './limits.js';
import type { SecurityConfig } from './options.js';
import { usePersistedOperationsFrom } from './persisted-operations.js';
import { useRequestLog } from './request-log.js';
import { useResponseScrubbing } from './response-scrub.js';
import type { Scrub } from './scrub.js';

export interface SecurityPluginDeps {
  logger: Logger;
  /** Path of the GraphQL endpoint (the request log times requests to it). */
  endpoint: string;
  /** Cut known secret values out of outgoing results: `errors` every secret, `data` the credentials. */
  scrub: { errors: Scrub; data: Scrub };
}

export function securityPlugins(security: SecurityConfig, { logger, endpoint, scrub }: SecurityPluginDeps): Plugin[] {
  const plugins: Plugin[] = [useRequestLog(logger, endpoint), useResponseScrubbing(scrub), useVariableErrorCodes()];
  if (security.gatewayTokens.length > 0) plugins.push(useGatewayAuth(security.gatewayTokens));
  plugins.push(useCsrfPrevention());
  if (security.persistedOperations) plugins.push(usePersistedOperationsFrom(security.persistedOperations));
  plugins.push(...queryLimitPlugins(security.limits));
  if (!security.introspection) plugins.push(useDisableIntrospection() as Plugin, hideFieldSuggestions());
  plugins.push(useCostLimit(security.limits));
  return plugins;
}

/** yoga's own options for the limits it enforces itself (413 for bodies, 400/413 for batches). */
export function securityYogaOptions(security: SecurityConfig) {
  const { maxBatchOperations, maxRequestBodyBytes } = security.limits;
  return {
    maxRequestBodySize: maxRequestBodyBytes,
    batching: maxBatchOperations > 0 ? { limit: maxBatchOperations } : false,
  } as const;
}

/** What the security layer is set to, for the start-up log: no token or document, only counts and switches. */
export function securitySummary(security: SecurityConfig): Record<string, unknown> {
  return {
    limits: security.limits,
    introspection: security.introspection,
    persistedOperations: security.persistedOperations ? { count: security.persistedOperations.operations.size, only: security.persistedOperations.only } : null,
    gatewayAuthentication: security.gatewayTokens.length > 0 ? { tokens: security.gatewayTokens.length } : null,
  };
}
