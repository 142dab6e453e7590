/**
 * Gateway instances of one fleet for tests: each is a full gateway (its own page cache, quotas, breakers and Redis
 * connection) behind its own HTTP server on a loopback port, all pointed at one set of sandboxes and one Redis.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { DEFAULT_TIMEOUTS } from '../../src/http/client.js';
import { createLogger } from '../../src/logger.js';
import { resilienceConfig } from '../../src/resilience-config.js';
import type { Sandboxes } from '../../src/sandbox/start-all.js';
import { sandboxProviders, TEST_CURSOR_SECRET, type GraphQLResponse } from '../helpers.js';

export interface Instance {
  gateway: Gateway;
  url: string;
  /** POSTs a query over HTTP; `status` is the HTTP status. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T> & { status: number }>;
  readiness(): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export interface FleetOptions {
  /** Omit for instances without Redis (each alone, as before fleet mode). */
  redisUrl?: string;
  keyPrefix?: string;
  cacheTtlMs?: number;
  /** Environment for resilienceConfig (rate limits, deadline, …), read as in production. */
  env?: Record<string, string>;
  redisTimeoutMs?: number;
  logger?: Logger;
  providers?: ('zenskar' | 'stateset' | 'lemonsqueezy')[];
}

export async function startInstance(sandboxes: Sandboxes, options: FleetOptions): Promise<Instance> {
  const enabled = options.providers ?? ['zenskar', 'stateset', 'lemonsqueezy'];
  const gateway = createGateway(
    {
      ...sandboxProviders(sandboxes, enabled),
      cursorSecret: TEST_CURSOR_SECRET,
      cacheTtlMs: options.cacheTtlMs ?? 30_000,
      cacheMaxEntries: 10_000,
      maxScanPages: 10,
      timeouts: DEFAULT_TIMEOUTS,
      resilience: resilienceConfig(options.env ?? {}, false),
      fleet: options.redisUrl ? { redisUrl: options.redisUrl, timeoutMs: options.redisTimeoutMs ?? 1_000, keyPrefix: options.keyPrefix ?? 'test:' } : null,
    },
    options.logger ?? createLogger('silent'),
  );
  if (gateway.fleet) await gateway.fleet.redis.ready(5_000);
  const server: Server = createServer(gateway.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    gateway,
    url,
    async query(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as GraphQLResponse<any>) };
    },
    async readiness() {
      const response = await fetch(`${url}/readiness`);
      return { status: response.status, body: await response.json() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    },
  };
}

export async function startFleet(size: number, sandboxes: Sandboxes, options: FleetOptions): Promise<Instance[]> {
  return Promise.all(Array.from({ length: size }, () => startInstance(sandboxes, options)));
}

/** Upstream requests the sandboxes received so far. */
export function upstreamRequests(sandboxes: Sandboxes): number {
  return sandboxes.zenskar.log.length + sandboxes.stateset.log.length + sandboxes.lemonsqueezy.log.length;
}

/** Every error carries extensions.code, and no response is a 5xx. */
export function assertCoded(answer: { status: number; errors?: { extensions?: Record<string, unknown> }[] }): string[] {
  if (answer.status >= 500) throw new Error(`HTTP ${answer.status}`);
  const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
  if (codes.some((code) => typeof code !== 'string')) throw new Error(`uncoded error: ${JSON.stringify(answer.errors)}`);
  return codes as string[];
}
