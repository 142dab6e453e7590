/**
 * `GET /readiness`: per-provider circuit state. 200 while at least one enabled provider can be asked (its circuit is
 * closed or half-open), 503 when every circuit is open (the gateway can serve nothing but errors). Liveness is yoga's
 * own `/health`.
 */
import type { Plugin } from 'graphql-yoga';
import type { FleetStatus } from './fleet/fleet.js';
import { enabledAdapters, type Providers } from './providers/index.js';

export const READINESS_PATH = '/readiness';

/**
 * In fleet mode the report adds the fleet's state. Redis being away makes the status `degraded` but stays 200: every
 * instance still serves (local cache, local quota share), and a load balancer that dropped them all would turn a
 * degradation into an outage.
 */
export function readinessReport(providers: Providers, fleet?: () => FleetStatus) {
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
  const fleetStatus = fleet?.();
  const status = !ready ? 'unavailable' : fleetStatus?.mode === 'local' ? 'degraded' : 'ready';
  return { status, upstreams, ...(fleetStatus ? { fleet: fleetStatus } : {}) };
}

export function readinessPlugin(providers: Providers, fleet?: () => FleetStatus): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== READINESS_PATH || request.method !== 'GET') return;
      const report = readinessReport(providers, fleet);
      endResponse(
        new fetchAPI.Response(JSON.stringify(report), {
          status: report.status === 'unavailable' ? 503 : 200,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
