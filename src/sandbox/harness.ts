/**
 * What every fake upstream shares: a loopback HTTP server, a request log, added latency, injected faults and a
 * fixed-window rate limiter. Each provider's sandbox/server.ts supplies only its routes and its own error formats.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Status answered (set once answered). */
  status?: number;
  /** Items in the answer's top-level list (`data` or `results`), for over-fetch measurements. */
  items?: number;
  /** True when the client closed the connection before the answer was sent (a cancelled upstream request). */
  aborted?: boolean;
}

function countItems(body: unknown): number | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { data, results } = body as { data?: unknown; results?: unknown };
  if (Array.isArray(data)) return data.length;
  if (Array.isArray(results)) return results.length;
  return undefined;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  /** Sent as-is (for fault injection: invalid JSON, truncated bodies). */
  raw?: string;
}

export type SandboxHandler = (req: SandboxRequest, ctx: { origin: string }) => SandboxResponse;

/** A fault to answer the next matching request with, instead of the handler. */
export type Fault = { kind: 'response'; response: SandboxResponse } | { kind: 'reset' } | { kind: 'hang' } | { kind: 'truncate'; response: SandboxResponse };

export interface SandboxKnobs {
  /** Added to every response, in milliseconds. */
  latencyMs: number;
  /** Consumed one per request, before the handler runs. */
  faults: Fault[];
}

export interface RunningSandbox {
  name: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  knobs: SandboxKnobs;
  /** Every request received, oldest first (tests count upstream calls with it). */
  log: SandboxRequest[];
  /** TCP connections accepted so far (keep-alive pools should keep this near the pool size). */
  readonly connections: number;
  /** Most requests ever open at once (arrived, not yet answered or dropped): tests bound client concurrency with it. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export async function startSandbox(
  name: string,
  handler: SandboxHandler,
  options: { port?: number; host?: string; latencyMs?: number } = {},
): Promise<RunningSandbox> {
  const knobs: SandboxKnobs = { latencyMs: options.latencyMs ?? 0, faults: [] };
  const log: SandboxRequest[] = [];
  let origin = '';
  const hanging = new Set<import('node:http').ServerResponse>();
  let inFlight = 0;
  let maxInFlight = 0;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const request: SandboxRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    log.push(request);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => inFlight--);
    res.on('close', () => {
      if (!res.writableFinished) request.aborted = true;
    });
    const respond = () => {
      const fault = knobs.faults.shift();
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      let response: SandboxResponse;
      try {
        response = fault ? fault.response : handler(request, { origin });
      } catch (err) {
        console.error(`[sandbox ${name}] handler failed`, err);
        response = { status: 500, body: { error: 'sandbox handler failed' } };
      }
      request.status = response.status;
      request.items = countItems(response.body);
      const text = response.raw ?? (response.body === undefined ? '' : JSON.stringify(response.body));
      if (fault?.kind === 'truncate') {
        // Announce the full length, send half, then cut the connection.
        res.writeHead(response.status, {
          'content-type': 'application/json',
          ...response.headers,
          'content-length': String(Buffer.byteLength(text)),
        });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => req.socket.destroy(), 5);
        return;
      }
      res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
      res.end(text);
    };
    if (knobs.latencyMs > 0) setTimeout(respond, knobs.latencyMs);
    else respond();
  });
  server.keepAliveTimeout = 60_000;
  let connections = 0;
  server.on('connection', () => {
    connections++;
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.address}:${address.port}`;

  return {
    name,
    origin,
    knobs,
    log,
    get connections() {
      return connections;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A fixed-window request counter per key, for sandboxes that enforce a rate limit. */
export class FixedWindowLimiter {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`; says whether it is allowed, what remains and when the window resets. */
  take(key: string): { allowed: boolean; remaining: number; resetAt: number; retryAfterSeconds: number } {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now - ((now - this.windowStart) % this.windowMs);
      if (now - this.windowStart >= this.windowMs) this.windowStart = now;
      this.counts.clear();
    }
    const used = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, used);
    const resetAt = this.windowStart + this.windowMs;
    return {
      allowed: used <= this.limit,
      remaining: Math.max(0, this.limit - used),
      resetAt,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    };
  }
}
