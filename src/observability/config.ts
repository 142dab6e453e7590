/** Observability settings from the environment (tracing itself is configured by the standard OTEL_* variables). */
import { flag, integer, type Env } from '../env.js';

export interface ObservabilityConfig {
  metrics: { enabled: boolean; maxOperationNames: number };
}

export const DEFAULT_OBSERVABILITY: ObservabilityConfig = { metrics: { enabled: true, maxOperationNames: 50 } };

export function observabilityConfig(env: Env): ObservabilityConfig {
  return {
    metrics: {
      enabled: flag(env, 'METRICS_ENABLED', DEFAULT_OBSERVABILITY.metrics.enabled),
      maxOperationNames: integer(env, 'METRICS_MAX_OPERATION_NAMES', DEFAULT_OBSERVABILITY.metrics.maxOperationNames, 1, 1_000),
    },
  };
}
