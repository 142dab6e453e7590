/**
 * `checkout_graph_upstream_drift_total{provider,path,kind}`: upstream payload deviations the gateway tolerated (see
 * providers/drift.ts). Paths are static (array indices folded to `[]`), so their number is bounded by the documented
 * shapes; a cap guards against a bug making them dynamic. Returns the unsubscribe function.
 */
import { Counter, type Registry } from 'prom-client';
import { findProvider } from '../providers/registry.js';
import { subscribeDrift } from '../providers/drift.js';
import { boundedLabel } from './graphql-metrics.js';

const MAX_PATHS = 500;

export function driftMetrics(registry: Registry): () => void {
  const counter = new Counter({
    name: 'checkout_graph_upstream_drift_total',
    help: 'Upstream payload deviations tolerated instead of failing a page (wrong_type, unknown_enum, missing, unreadable_date).',
    labelNames: ['provider', 'path', 'kind'],
    registers: [registry],
  });
  const path = boundedLabel(MAX_PATHS, 'OTHER', (value) => value.length <= 200);
  return subscribeDrift((record) =>
    counter.inc({ provider: findProvider(record.provider) ? record.provider : 'OTHER', path: path(record.path), kind: record.kind }),
  );
}
