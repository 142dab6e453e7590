/**
 * The one module that talks HTTP to upstreams: one undici Pool per origin with keep-alive and
 * connect/headers/body timeouts, JSON decoding, status classification and the result cache.
 *
 * Credentials live only in `headers`; nothing here ever puts them in an error, a log line or a cache key
 * (keys carry a one-way fingerprint instead).
 */
import { createHash } from 'node:crypto';
import { Pool, type Dispatcher } from 'undici';
import type { ProviderName } from '../domain.js';
import { UpstreamError } from '../errors.js';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions, type BreakerSnapshot } from './breaker.js';
import type { ResultCache } from './cache.js';
import { classifyStatus, classifyTransportError } from './classify.js';
import { systemClock, type Clock } from './clock.js';
import { deadlineOf } from './deadline.js';
import { declaredLimits, noteCacheLookup, retryReason } from './observe.js';
import { routeTemplate, type HttpObserver, type RetryReason } from './observer.js';
import { Quota, type QuotaOptions } from './quota.js';
import { DEFAULT_RETRY, isUpstreamFailure, retryDelay, type RetryOptions } from './retry.js';
import { endAttemptSpan, startAttemptSpan } from './trace.js';
import { createScrubber, type Scrub } from '../security/scrub.js';

export interface Timeouts {
  /** TCP + TLS connect, in milliseconds. */
  connectMs: number;
  /** Time to the response headers, in milliseconds. */
  headersMs: number;
  /** Longest silence while reading the body, in milliseconds. */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 2_000, headersMs: 10_000, bodyMs: 10_000 };

export interface HttpClientOptions {
  provider: ProviderName;
  /** Everything before the resource name, e.g. `https://api.stateset.com/v1`. */
  baseUrl: string;
  /** Headers sent with every request, credentials included. */
  headers: Record<string, string>;
  timeouts?: Timeouts;
  /** A dispatcher to use instead of a Pool of our own (tests hand in a MockAgent). */
  dispatcher?: Dispatcher;
  /** Cache shared by the clients of one gateway process. */
  cache?: ResultCache;
  /** Pulls the provider's human message out of its error body, for error messages. */
  describeError?: (body: unknown) => string | undefined;
  /** Upper bound of a response body, in bytes. */
  maxBodyBytes?: number;
  /** Retries, circuit breaker and quota for this provider (defaults: 3 attempts, breaker at 5 failures, no quota). */
  resilience?: Partial<Record<ProviderName, Partial<Resilience>>> | Partial<Resilience>;
  /** Told about every attempt, retry, quota wait and circuit change (metrics). */
  observer?: HttpObserver;
}

/** How a client copes with a slow, flapping or rate-limited upstream. */
export interface Resilience {
  retry: RetryOptions;
  breaker: BreakerOptions;
  /** Client-side quota for this credential; absent or 0 per minute: none. */
  quota?: QuotaOptions;
  /** Time for cool-downs, quota refills, retry waits and deadline checks (default: the system clock). */
  clock?: Clock;
}

export const DEFAULT_RESILIENCE: Resilience = { retry: DEFAULT_RETRY, breaker: DEFAULT_BREAKER };

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface JsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface GetOptions {
  /** Statuses handed back to the caller instead of thrown (404 on a retrieve, say). */
  allow?: number[];
  signal?: AbortSignal;
}

export function buildQueryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class HttpClient {
  readonly provider: ProviderName;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly headers: Record<string, string>;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly cache: ResultCache | undefined;
  private readonly fingerprint: string;
  private readonly describeError: (body: unknown) => string | undefined;
  /** Cuts our own credentials out of an upstream's message: some upstreams echo the key they refused. */
  private readonly scrub: Scrub;
  private readonly clock: Clock;
  private readonly maxBodyBytes: number;
  private readonly retry: RetryOptions;
  private readonly breaker: CircuitBreaker;
  /** The client-side quota, if any (exposed for readiness, metrics and tests). */
  readonly quota: Quota | null;
  private readonly observer: HttpObserver;
  private readonly originUrl: URL;
  /** Requests sent (cache misses, retries included), for metrics and tests. */
  requests = 0;

  constructor(options: HttpClientOptions) {
    const url = new URL(options.baseUrl);
    this.provider = options.provider;
    this.origin = url.origin;
    this.originUrl = new URL(url.origin);
    this.observer = options.observer ?? {};
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.headers = { accept: 'application/json', ...options.headers };
    const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher =
      options.dispatcher ??
      new Pool(this.origin, {
        connections: 32,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        connectTimeout: timeouts.connectMs,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
    this.cache = options.cache;
    this.fingerprint = createHash('sha256')
      .update(`${this.origin}${this.basePath}\n${JSON.stringify(options.headers)}`)
      .digest('base64url')
      .slice(0, 16);
    this.describeError = options.describeError ?? (() => undefined);
    this.scrub = createScrubber(credentialValues(options.headers));
    this.maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
    const resilience = resilienceFor(options.provider, options.resilience);
    this.retry = resilience.retry;
    const clock = resilience.clock ?? systemClock;
    this.clock = clock;
    const now = () => clock.now();
    this.breaker = new CircuitBreaker(options.provider, resilience.breaker, now, (from, to) => this.observer.circuitTransition?.(this.provider, from, to));
    this.quota =
      resilience.quota && resilience.quota.perMinute > 0
        ? new Quota(options.provider, resilience.quota, now, `${this.provider}:${this.fingerprint}`, (ms, signal) => clock.sleep(ms, signal))
        : null;
    this.observer.client?.({
      provider: this.provider,
      circuitState: () => this.breaker.snapshot().state,
      quotaAllowance: () => this.quota?.allowance() ?? null,
    });
  }

  /** Circuit state, for readiness and per-provider status. */
  health(): BreakerSnapshot {
    return this.breaker.snapshot();
  }

  /**
   * GET `path` (relative to the base URL) and decode JSON. Non-2xx statuses not in `allow` throw a typed
   * UpstreamError; a body that is not JSON throws UPSTREAM_BAD_RESPONSE.
   */
  getJson(path: string, query: Query = {}, options: GetOptions = {}): Promise<JsonResponse> {
    return this.getRead(path, query, options, (response) => response);
  }

  /**
   * GET and read: `read` turns the decoded response into what the caller keeps (validating what it relies on). It runs
   * before the circuit breaker hears of the answer, so an answer whose essential part is unreadable counts as a
   * failure of the upstream, like a 5xx would.
   */
  async getRead<T>(path: string, query: Query, options: GetOptions, read: (response: JsonResponse) => T): Promise<T> {
    const route = routeTemplate(path);
    let reason: RetryReason | undefined;
    for (let attempt = 0; ; attempt++) {
      // Read each time: a shared load's deadline moves later as callers with later deadlines join it.
      const deadline = deadlineOf(options.signal);
      this.breaker.admit();
      try {
        const waitStart = performance.now();
        if (this.quota) {
          await this.quota.take(deadline, options.signal);
          this.observer.quotaWait?.(this.provider, (performance.now() - waitStart) / 1000);
        }
      } catch (err) {
        this.breaker.release(); // the probe slot, if any, was not used
        if (err instanceof UpstreamError && err.local && err.upstreamCode === 'UPSTREAM_RATE_LIMITED') this.observer.quotaRefused?.(this.provider);
        throw err instanceof UpstreamError ? err : classifyTransportError(this.provider, err);
      }
      try {
        const value = await this.attempt(path, route, query, options, { attempt: attempt + 1, reason, read });
        this.breaker.success();
        return value;
      } catch (err) {
        if (isUpstreamFailure(err)) this.breaker.failure();
        // Cut short by our own deadline: the upstream's health is unknown, so neither close nor count.
        else if (err instanceof UpstreamError && err.local) this.breaker.release();
        else this.breaker.success();
        const delay = attempt + 1 < this.retry.maxAttempts ? retryDelay(err, attempt, this.retry) : null;
        if (delay === null || (deadline !== undefined && this.clock.now() + delay >= deadline)) throw err;
        reason = retryReason(err);
        try {
          await this.clock.sleep(delay, options.signal);
        } catch (abort) {
          throw classifyTransportError(this.provider, abort);
        }
      }
    }
  }

  /** One attempt, observed: a client span (traceparent sent along) and one metrics record; an unreadable answer fails it. */
  private async attempt<T>(
    path: string,
    route: string,
    query: Query,
    options: GetOptions,
    { attempt, reason, read }: { attempt: number; reason: RetryReason | undefined; read: (response: JsonResponse) => T },
  ): Promise<T> {
    const { span, headers } = startAttemptSpan(
      { provider: this.provider, method: 'GET', route, origin: this.originUrl, attempt, retryReason: reason },
      this.headers,
    );
    const started = performance.now();
    const seen = { status: null as number | null, bytes: 0 };
    let failure: unknown = null;
    try {
      return read(await this.getOnce(path, query, options, headers, seen));
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      const code =
        failure instanceof UpstreamError
          ? failure.upstreamCode
          : failure
            ? String((failure as { extensions?: { code?: unknown } }).extensions?.code ?? 'ERROR')
            : null;
      endAttemptSpan(span, seen.status, code ? { code } : null);
      this.observer.attempt?.({
        provider: this.provider,
        method: 'GET',
        route,
        attempt,
        retryReason: reason,
        status: seen.status,
        timedOut: code === 'UPSTREAM_TIMEOUT' && !(failure as UpstreamError).local,
        durationSeconds: (performance.now() - started) / 1000,
        bytes: seen.bytes,
      });
    }
  }

  private async getOnce(
    path: string,
    query: Query,
    options: GetOptions,
    headers: Record<string, string>,
    seen: { status: number | null; bytes: number },
  ): Promise<JsonResponse> {
    const fullPath = `${this.basePath}${path}${buildQueryString(query)}`;
    this.requests++;
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await this.dispatcher.request({
        origin: this.origin,
        path: fullPath,
        method: 'GET',
        headers,
        signal: options.signal,
      });
      seen.status = response.statusCode;
      text = await readBody(response.body, this.maxBodyBytes, seen);
    } catch (err) {
      if (err instanceof UpstreamError) throw err;
      if (err instanceof BodyTooLargeError) {
        throw new UpstreamError(this.provider, 'UPSTREAM_BAD_RESPONSE', `response body exceeds ${this.maxBodyBytes} bytes`);
      }
      throw classifyTransportError(this.provider, err);
    }
    const { statusCode: status, headers: responseHeaders } = response;
    this.quota?.observe(responseHeaders);
    if (this.observer.declaredLimit) {
      const limits = declaredLimits(responseHeaders);
      if (limits) this.observer.declaredLimit(this.provider, limits.limit, limits.remaining);
    }
    let body: unknown;
    try {
      body = text.length === 0 ? null : JSON.parse(text);
    } catch {
      if (status >= 200 && status < 300) {
        throw new UpstreamError(this.provider, 'UPSTREAM_BAD_RESPONSE', `response to ${path} is not valid JSON`, { status });
      }
      body = null;
    }
    if ((status < 200 || status >= 300) && !options.allow?.includes(status)) {
      throw classifyStatus(this.provider, status, safeDescribe(this.describeError, body, this.scrub), responseHeaders);
    }
    return { status, headers: responseHeaders, body };
  }

  /**
   * Returns the cached result for `key` (scoped to this provider and credential), or runs `load` once even when
   * many callers ask at the same moment. `load` gets the signal to send upstream requests under: the shared load's
   * own (see inflight.ts), not any one caller's. `signal` is this caller's; when it aborts, this call fails with
   * UPSTREAM_TIMEOUT and the load goes on for the others. Without a cache it just runs `load` under `signal`.
   */
  async cached<T>(key: string, load: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal, since?: number): Promise<T> {
    if (!this.cache) {
      noteCacheLookup(true);
      return load(signal);
    }
    try {
      return await this.cache.get(`${this.provider}|${this.fingerprint}|${key}`, load, signal, since);
    } catch (err) {
      // This caller's own signal ended its wait: a deadline, or a client gone.
      if (signal?.aborted && err === signal.reason) throw classifyTransportError(this.provider, err);
      throw err;
    }
  }

  /** The cache's load mark (see ResultCache.mark): pass it as `since` to read only what is loaded from now on. */
  cacheMark(): number {
    return this.cache?.mark() ?? 0;
  }

  /**
   * A cached, read GET (`read` as for `getRead`), keyed by path and query. `since`: only a value loaded after that
   * cache mark is good enough (a page read without a cursor asks for one no older than its own request).
   */
  cachedRead<T>(path: string, query: Query, signal: AbortSignal | undefined, read: (body: unknown) => T, since?: number): Promise<T> {
    return this.cached(
      `${path}${buildQueryString(query)}`,
      (shared) => this.getRead(path, query, shared ? { signal: shared } : {}, (r) => read(r.body)),
      signal,
      since,
    );
  }

  /** A cached, read GET of one resource: null when the upstream has none (404). */
  cachedFind<T>(path: string, query: Query, signal: AbortSignal | undefined, read: (body: unknown) => T): Promise<T | null> {
    return this.cached(
      `${path}${buildQueryString(query)}`,
      (shared) => this.getRead(path, query, { allow: [404], ...(shared ? { signal: shared } : {}) }, (r) => (r.status === 404 ? null : read(r.body))),
      signal,
    );
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

function resilienceFor(provider: ProviderName, given: HttpClientOptions['resilience']): Resilience {
  const perProvider = given && provider in given ? (given as Record<string, Partial<Resilience>>)[provider] : (given as Partial<Resilience> | undefined);
  return {
    retry: { ...DEFAULT_RESILIENCE.retry, ...perProvider?.retry },
    breaker: { ...DEFAULT_RESILIENCE.breaker, ...perProvider?.breaker },
    ...(perProvider?.quota ? { quota: perProvider.quota } : {}),
    ...(perProvider?.clock ? { clock: perProvider.clock } : {}),
  };
}

class BodyTooLargeError extends Error {}

async function readBody(body: Dispatcher.ResponseData['body'], maxBytes: number, seen: { bytes: number }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    seen.bytes = size;
    if (size > maxBytes) {
      body.destroy();
      throw new BodyTooLargeError();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const CREDENTIAL_HEADER = /auth|key|token|secret|organi[sz]ation/i;

/** The secret parts of credential headers: the whole value, and the token after an auth scheme (`Bearer <key>`). */
function credentialValues(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name]) => CREDENTIAL_HEADER.test(name))
    .flatMap(([, value]) => [value, value.replace(/^\S+\s+/, '')]);
}

function safeDescribe(describe: (body: unknown) => string | undefined, body: unknown, scrub: Scrub): string | undefined {
  try {
    const text = describe(body);
    // Scrubbed before it is cut short, so a cut can never leave a key's prefix that no longer matches it.
    return text ? scrub(text).slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}
