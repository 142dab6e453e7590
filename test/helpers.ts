import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { createGateway, type Gateway } from '../src/gateway.js';
import { createLogger } from '../src/logger.js';
import { startSandboxes, type SandboxOptions, type Sandboxes } from '../src/sandbox/start-all.js';
import { DEFAULT_TIMEOUTS } from '../src/http/client.js';
import { DEFAULT_SECURITY, type QueryLimits, type SecurityConfig } from '../src/security/options.js';
import type { ResilienceConfig } from '../src/resilience-config.js';
import type { ObservabilityConfig } from '../src/observability/config.js';

export const TEST_CURSOR_SECRET = 'test-cursor-secret-0123456789abcdef0123456789';

export interface TestGatewayOptions extends SandboxOptions {
  /** Upstream page cache TTL in ms (default 30 s, as in production). */
  cacheTtlMs?: number;
  maxScanPages?: number;
  /** Only these providers are configured (default: all three). */
  providers?: ('zenskar' | 'stateset' | 'lemonsqueezy')[];
  timeouts?: typeof DEFAULT_TIMEOUTS;
  /** Security settings over DEFAULT_SECURITY (limits are merged one by one). */
  security?: Partial<Omit<SecurityConfig, 'limits'>> & { limits?: Partial<QueryLimits> };
  /** The gateway's logger (default: silent). */
  logger?: Logger;
  /** Per-provider timeouts, retries, breakers, quotas and the request deadline (default: the gateway's own defaults). */
  resilience?: ResilienceConfig;
  /** Metrics switch and bounds (default: on, as in production). */
  observability?: ObservabilityConfig;
  /** Add the tracing plugins (an OpenTelemetry SDK is registered by the test). */
  tracing?: boolean;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  gateway: Gateway;
  sandboxes: Sandboxes;
  query<T = any, V = Record<string, unknown>>(
    document: string | DocumentNode | (DocumentTypeDecoration<T, V> & { toString(): string }),
    variables?: V,
  ): Promise<GraphQLResponse<T>>;
  /** A raw HTTP request to the app, for status codes and headers. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export type SandboxProvider = 'zenskar' | 'stateset' | 'lemonsqueezy';

/** The gateway's provider configuration pointing at the sandboxes, with only `enabled` providers configured. */
export function sandboxProviders(sandboxes: Sandboxes, enabled: readonly SandboxProvider[] = ['zenskar', 'stateset', 'lemonsqueezy']) {
  return {
    zenskar: enabled.includes('zenskar') ? sandboxes.configs.zenskar : null,
    stateset: enabled.includes('stateset') ? sandboxes.configs.stateset : null,
    lemonsqueezy: enabled.includes('lemonsqueezy') ? sandboxes.configs.lemonsqueezy : null,
  };
}

export async function createTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const sandboxes = await startSandboxes({
    count: options.count ?? 250,
    seed: options.seed,
    latencyMs: options.latencyMs,
    drift: options.drift ?? 0,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const enabled = options.providers ?? ['zenskar', 'stateset', 'lemonsqueezy'];
  const gateway = createGateway(
    {
      ...sandboxProviders(sandboxes, enabled),
      cursorSecret: TEST_CURSOR_SECRET,
      cacheTtlMs: options.cacheTtlMs ?? 30_000,
      cacheMaxEntries: 10_000,
      maxScanPages: options.maxScanPages ?? 10,
      timeouts: options.timeouts ?? DEFAULT_TIMEOUTS,
      security: {
        ...DEFAULT_SECURITY,
        ...options.security,
        limits: { ...DEFAULT_SECURITY.limits, ...options.security?.limits },
      },
      ...(options.resilience ? { resilience: options.resilience } : {}),
      ...(options.observability ? { observability: options.observability } : {}),
    },
    options.logger ?? createLogger('silent'),
    { tracing: options.tracing ?? false },
  );
  const fetchApp = async (path: string, init?: RequestInit): Promise<Response> =>
    (await gateway.app.fetch(`http://gateway.test${path}`, init as never)) as unknown as Response;
  return {
    gateway,
    sandboxes,
    fetch: fetchApp,
    async query(document, variables) {
      const text = typeof document === 'string' ? document : 'kind' in (document as object) ? print(document as DocumentNode) : String(document);
      const response = await fetchApp('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: text, variables }),
      });
      return (await response.json()) as GraphQLResponse<any>;
    },
    async close() {
      await gateway.close();
      await sandboxes.close();
    },
  };
}
