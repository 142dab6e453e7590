/**
 * Child process: the load generator, on its own event loop (and so, on this 2-core machine, mostly its own core).
 *
 * - `closed`: autocannon, N connections each with one request in flight (pipelining 1) for a duration: throughput
 *   and saturation. Latencies are autocannon's per-response timings (float ms), taken from its `response` events
 *   rather than its integer-millisecond histogram.
 * - `open`: a fixed arrival rate (open model) over an undici Pool: request i is due at t0 + i/rate whatever happened
 *   to the previous ones, and its latency is measured from that due time, so queueing in the server counts
 *   (no coordinated omission). autocannon's own `overallRate` sends each connection's share in a burst at the start
 *   of every second, which would inflate the tail of a latency measurement, so it is not used for that.
 * Both check one response before and one after the run (HTTP 200, `data`, no `errors`) and count every answer that
 * carries GraphQL `errors` (a partial failure is still HTTP 200) as failed.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { serve } from './proc.js';

export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** `graphql` (default): a GraphQL response with data and no errors; `json`: any 2xx JSON body. */
  expect?: 'graphql' | 'json';
  /**
   * A token replaced, wherever it occurs in the URL and the body, by a distinct instant on every request (counting down
   * from 2099, so a `createdBefore` bound made of it matches every checkout): no two requests are alike, so no
   * gateway can answer one from another's upstream call.
   */
  vary?: string;
}

let varied = 0;
const VARY_FROM = Date.UTC(2099, 0, 1);

/** The request as it is sent this time: `vary` tokens replaced by the next distinct instant. */
export function instantiate(request: LoadRequest): { path: string; url: string; body: string | undefined } {
  const url = new URL(request.url);
  const plain = { path: url.pathname + url.search, url: request.url, body: request.body };
  if (!request.vary) return plain;
  const instant = new Date(VARY_FROM - ++varied).toISOString();
  const token = request.vary;
  const path = plain.path.split(token).join(encodeURIComponent(instant));
  return { path, url: url.origin + path, body: request.body?.split(token).join(instant) };
}

export interface LoadResult {
  ok: number;
  failed: number;
  elapsedS: number;
  rps: number;
  /** Every request answered by this call: warm-up, checks and measured run (for per-request upstream counts). */
  answeredTotal: number;
  /** Latency samples in ms (open model: from each request's due time). */
  samples: number[];
  /** Open model only: latency from the moment each request was actually sent (the generator's own lag left out). */
  sentSamples?: number[];
  /** Open model only: dispatch lag of the generator itself (ms, p99), a sanity check of the schedule. */
  lagP99?: number;
  /** What the checks before and after the run found wrong (empty when both answers were clean). */
  problems: string[];
}

const problemsOf = (...checks: string[]) => [...new Set(checks.filter((c) => c !== 'ok'))];

/** What an answer says went wrong, or null when it is a clean GraphQL (or JSON) answer. */
function problem(status: number, text: string, expect: LoadRequest['expect']): string | null {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
  if ((expect ?? 'graphql') === 'json') return null;
  let body: { data?: unknown; errors?: { message?: string; extensions?: { code?: string; provider?: string } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  if (body.errors?.length) {
    return body.errors
      .map((e) => `${e.extensions?.code ?? 'NO_CODE'}${e.extensions?.provider ? ` (${e.extensions.provider})` : ''}: ${e.message ?? ''}`)
      .join('; ');
  }
  return body.data ? null : 'no data';
}

/** One request outside the measurement: `ok`, or what went wrong (reported, not thrown: a run is still a figure). */
async function checkOnce(request: LoadRequest): Promise<string> {
  const sent = instantiate(request);
  const response = await fetch(sent.url, { method: request.method, headers: request.headers, ...(sent.body ? { body: sent.body } : {}) });
  const text = await response.text();
  return problem(response.status, text, request.expect) ?? 'ok';
}

/** Cheap per-answer test under load: GraphQL errors (partial failures are HTTP 200) make an answer a failure. */
const hasErrors = (text: string) => text.includes('"errors":');

async function closed(params: { request: LoadRequest; connections: number; durationS: number; warmupS?: number }): Promise<LoadResult> {
  const { request } = params;
  const before = await checkOnce(request);
  const run = (durationS: number, samples: number[] | null) =>
    new Promise<{ ok: number; failed: number; elapsedS: number }>((resolve, reject) => {
      let ok = 0;
      let failed = 0;
      const started = performance.now();
      const instance = autocannon(
        {
          url: request.url,
          method: request.method,
          headers: request.headers,
          ...(request.body ? { body: request.body } : {}),
          connections: params.connections,
          pipelining: 1,
          duration: durationS,
          timeout: 20,
          ...(request.vary
            ? {
                requests: [
                  {
                    setupRequest: (req: autocannon.Request) => {
                      const sent = instantiate(request);
                      return { ...req, path: sent.path, ...(sent.body !== undefined ? { body: sent.body } : {}) };
                    },
                  },
                ],
              }
            : {}),
          ...((request.expect ?? 'graphql') === 'graphql' ? { verifyBody: (body: string | Buffer | undefined) => !hasErrors(String(body ?? '')) } : {}),
        },
        (err, result) => {
          if (err) return reject(err);
          // A body with errors was counted as a 200 above; autocannon reports it as a mismatch.
          failed += result.errors + result.timeouts + result.mismatches;
          resolve({ ok: Math.max(0, ok - result.mismatches), failed, elapsedS: (performance.now() - started) / 1000 });
        },
      );
      instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode === 200) {
          ok++;
          samples?.push(responseTime);
        } else failed++;
      });
    });
  const warmup = params.warmupS ? await run(params.warmupS, null) : { ok: 0 };
  const samples: number[] = [];
  const result = await run(params.durationS, samples);
  const after = await checkOnce(request);
  return { ...result, rps: result.ok / result.elapsedS, answeredTotal: warmup.ok + result.ok + 2, samples, problems: problemsOf(before, after) };
}

async function open(params: { request: LoadRequest; rate: number; durationS: number; warmupS?: number; maxConnections: number }): Promise<LoadResult> {
  const { request } = params;
  const url = new URL(request.url);
  const pool = new Pool(url.origin, { connections: params.maxConnections, pipelining: 1, keepAliveTimeout: 60_000 });
  const before = await checkOnce(request);
  const run = async (durationS: number, samples: number[] | null, lags: number[] | null, sent: number[] | null = null) => {
    const total = Math.round(params.rate * durationS);
    const interval = 1000 / params.rate;
    let ok = 0;
    let failed = 0;
    const inflight: Promise<void>[] = [];
    const start = performance.now() + 5;
    const fire = (due: number) => {
      const at = performance.now();
      lags?.push(at - due);
      const outgoing = instantiate(request);
      const done = pool
        .request({ path: outgoing.path, method: request.method, headers: request.headers, body: outgoing.body ?? null })
        .then(async (response) => {
          const text = await response.body.text();
          if (response.statusCode === 200 && !((request.expect ?? 'graphql') === 'graphql' && hasErrors(text))) {
            ok++;
            const end = performance.now();
            samples?.push(end - due);
            sent?.push(end - at);
          } else failed++;
        })
        .catch(() => {
          failed++;
        });
      inflight.push(done);
    };
    await new Promise<void>((resolve) => {
      let next = 0;
      const tick = () => {
        const now = performance.now();
        while (next < total && start + next * interval <= now) fire(start + next++ * interval);
        if (next >= total) return resolve();
        setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
      };
      setTimeout(tick, 5);
    });
    await Promise.all(inflight);
    return { ok, failed, elapsedS: (performance.now() - start) / 1000 };
  };
  const warmup = params.warmupS ? await run(params.warmupS, null, null) : { ok: 0 };
  const samples: number[] = [];
  const lags: number[] = [];
  const sentSamples: number[] = [];
  const result = await run(params.durationS, samples, lags, sentSamples);
  const after = await checkOnce(request);
  await pool.close();
  lags.sort((a, b) => a - b);
  return {
    ...result,
    rps: result.ok / params.durationS,
    answeredTotal: warmup.ok + result.ok + 2,
    samples,
    sentSamples,
    lagP99: lags[Math.floor(lags.length * 0.99)] ?? 0,
    problems: problemsOf(before, after),
  };
}

/**
 * Closed model over undici instead of autocannon: `concurrency` loops, each on its own connection, each sending its
 * next request as soon as the previous one is answered. Used where the number in flight must really be reached
 * (1,000): autocannon's single JS parser could not keep that many busy here.
 */
async function concurrent(params: { request: LoadRequest; concurrency: number; durationS: number }): Promise<LoadResult> {
  const { request } = params;
  const url = new URL(request.url);
  const pool = new Pool(url.origin, { connections: params.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const before = await checkOnce(request);
  const samples: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const end = started + params.durationS * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const sent = instantiate(request);
        const response = await pool.request({ path: sent.path, method: request.method, headers: request.headers, body: sent.body ?? null });
        const text = await response.body.text();
        if (response.statusCode === 200 && !hasErrors(text)) {
          ok++;
          samples.push(performance.now() - t0);
        } else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: params.concurrency }, loop));
  const elapsedS = (performance.now() - started) / 1000;
  const after = await checkOnce(request);
  await pool.close();
  return { ok, failed, elapsedS, rps: ok / elapsedS, answeredTotal: ok + failed + 2, samples, problems: problemsOf(before, after) };
}

serve({ pid: process.pid }, { closed, open, concurrent });
