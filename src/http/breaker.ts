/**
 * A circuit breaker per provider: after `failureThreshold` consecutive failures (unreachable, timeouts, 5xx, broken
 * payloads) it opens and requests fail fast with UPSTREAM_UNAVAILABLE; after `cooldownMs` one probe request is let
 * through (half-open), and its outcome closes or re-opens the circuit. Rate limits and 4xx answers do not count:
 * the upstream is alive.
 */
import type { ProviderName } from '../domain.js';
import { UpstreamError } from '../errors.js';

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit; 0 disables the breaker. */
  failureThreshold: number;
  /** How long the circuit stays open before a probe, in milliseconds. */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, cooldownMs: 10_000 };

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** When an open circuit will let a probe through (epoch ms). */
  retryAt: number | null;
}

export class CircuitBreaker {
  private state: BreakerState = 'CLOSED';
  private failures = 0;
  private openedAt = 0;
  private probeInFlight = false;

  constructor(
    private readonly provider: ProviderName,
    private readonly options: BreakerOptions = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
    /** Told about every change of state (metrics). */
    private readonly onTransition: (from: BreakerState, to: BreakerState) => void = () => {},
  ) {}

  private moveTo(state: BreakerState): void {
    if (state === this.state) return;
    const from = this.state;
    this.state = state;
    this.onTransition(from, state);
  }

  /** Call before a request; throws when the circuit is open (or a probe is already under way). */
  admit(): void {
    if (this.options.failureThreshold <= 0) return;
    if (this.state === 'OPEN') {
      const waited = this.now() - this.openedAt;
      if (waited < this.options.cooldownMs) throw this.openError(this.options.cooldownMs - waited);
      this.moveTo('HALF_OPEN');
    }
    if (this.state === 'HALF_OPEN') {
      if (this.probeInFlight) throw this.openError(this.options.cooldownMs);
      this.probeInFlight = true;
    }
  }

  success(): void {
    this.failures = 0;
    this.moveTo('CLOSED');
    this.probeInFlight = false;
  }

  /**
   * The request ended without telling us anything about the upstream (our own deadline or quota stopped it): frees a
   * probe slot, leaves the state and the failure count as they were.
   */
  release(): void {
    this.probeInFlight = false;
  }

  failure(): void {
    if (this.options.failureThreshold <= 0) return;
    this.failures++;
    this.probeInFlight = false;
    if (this.state === 'HALF_OPEN' || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      this.moveTo('OPEN');
    }
  }

  snapshot(): BreakerSnapshot {
    const open = this.state === 'OPEN';
    return {
      state: open && this.now() - this.openedAt >= this.options.cooldownMs ? 'HALF_OPEN' : this.state,
      consecutiveFailures: this.failures,
      retryAt: open ? this.openedAt + this.options.cooldownMs : null,
    };
  }

  private openError(retryInMs: number): UpstreamError {
    return new UpstreamError(this.provider, 'UPSTREAM_UNAVAILABLE', 'circuit open after repeated upstream failures; failing fast', {
      retryAfter: Math.max(1, Math.ceil(retryInMs / 1000)),
      local: true,
    });
  }
}
