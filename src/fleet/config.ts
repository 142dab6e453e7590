/** Fleet mode settings: `REDIS_URL` turns it on. */
import { ConfigError, integer, text, type Env } from '../env.js';

export interface FleetConfig {
  /** redis:// or rediss:// URL; may hold a password, so it is never logged (only host and port are). */
  redisUrl: string;
  /** Longest wait for one Redis command, in ms: past it the instance decides locally. */
  timeoutMs: number;
  /** Prefix of every Redis key, so several fleets (or tests) can share one Redis. */
  keyPrefix: string;
}

export function fleetConfig(env: Env): FleetConfig | null {
  const url = text(env, 'REDIS_URL');
  if (url === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL');
  if (!text(env, 'CURSOR_SECRET')) {
    throw new ConfigError(
      'CURSOR_SECRET',
      'is required in fleet mode (REDIS_URL is set): every instance must sign cursors with the same key, or a cursor that lands on another instance fails',
    );
  }
  const keyPrefix = text(env, 'REDIS_KEY_PREFIX') ?? 'checkout-graph:';
  if (!/^[\w:.-]{1,64}$/.test(keyPrefix)) throw new ConfigError('REDIS_KEY_PREFIX', 'must be 1-64 letters, digits or _ : . -');
  return { redisUrl: url, timeoutMs: integer(env, 'REDIS_TIMEOUT_MS', 100, 1, 10_000), keyPrefix };
}
