/**
 * `GET /readiness`: per-provider circuit state. 200 while at least one enabled provider can be asked (its circuit is
 * closed or half-open), 503 when every circuit is open (the gateway can serve nothing but errors). Liveness is yoga's
 * own `/health`.
 */
import type { Plugin } from 'graphql-yoga';
import { enabledAdapters, type Providers } from './providers/index.js';

export const READINESS_PATH = '/readiness';

export function readinessReport(providers: Providers) {
  const upstreams = enabledAdapters(providers).map((adapter) => {
    const health = adapter.health();
    return {
      provider: adapter.name,
      circuit: health.state,
      consecutiveFailures: health.consecutiveFailures,
      retryAt: health.retryAt === null ? null : new Date(health.retryAt).toISOString(),
    };
  });
  const ready = upstreams.length > 0 && upstreams.some((u) => u.circuit !== 'OPEN');
  return { status: ready ? 'ready' : 'unavailable', upstreams };
}

export function readinessPlugin(providers: Providers): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== READINESS_PATH || request.method !== 'GET') return;
      const report = readinessReport(providers);
      endResponse(
        new fetchAPI.Response(JSON.stringify(report), {
          status: report.status === 'ready' ? 200 : 503,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
