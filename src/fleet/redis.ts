/**
 * The fleet's one Redis connection (ioredis), built so that Redis being down or slow never fails a GraphQL request:
 *
 * - no offline queue and no per-command retries: while disconnected a command fails at once instead of waiting;
 * - a short command timeout (`REDIS_TIMEOUT_MS`) bounds what a slow Redis can add to a request;
 * - after a failure Redis is skipped for a short pause (`SKIP_MS`), so a hung server costs one timeout per pause
 *   rather than one per upstream page;
 * - reconnection is ioredis's own, with a capped backoff, forever.
 *
 * `run` turns any failure into `undefined`; callers then decide locally. State changes are logged once each way.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface FleetRedisOptions {
  url: string;
  /** Longest wait for one Redis command or connect, in ms. */
  timeoutMs: number;
  /** Prefix of every key (several fleets or tests can share one Redis). */
  keyPrefix: string;
  now?: () => number;
}

/** After a failed command, Redis is not asked again for this long (the connection keeps reconnecting meanwhile). */
const SKIP_MS = 1_000;

export interface RedisStatus {
  status: 'up' | 'down';
  /** Where Redis is, without credentials. */
  address: string;
  since: string;
  lastError: string | null;
}

export class FleetRedis {
  readonly client: Redis;
  readonly prefix: string;
  private readonly now: () => number;
  private up = false;
  private changedAt: number;
  private skipUntil = 0;
  /** The latest command failed (a frozen Redis keeps its connection, so `up` alone would not show it). */
  private failing = false;
  private lastError: string | null = null;
  readonly address: string;

  constructor(
    options: FleetRedisOptions,
    private readonly logger: Logger,
  ) {
    this.now = options.now ?? Date.now;
    this.changedAt = this.now();
    this.prefix = options.keyPrefix;
    const url = new URL(options.url);
    this.address = `${url.hostname}:${url.port || '6379'}`;
    this.client = new Redis(options.url, {
      connectTimeout: Math.max(options.timeoutMs, 200),
      commandTimeout: options.timeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
      lazyConnect: false,
    });
    this.client.on('ready', () => this.mark(true, null));
    this.client.on('error', (err: Error) => this.mark(false, describe(err)));
    this.client.on('close', () => this.mark(false, this.lastError ?? 'connection closed'));
  }

  /** Runs `command`; undefined when Redis is down, slow or answers with an error. */
  async run<T>(command: (client: Redis) => Promise<T>): Promise<T | undefined> {
    if (!this.up || this.now() < this.skipUntil) return undefined;
    try {
      const result = await command(this.client);
      this.failing = false;
      return result;
    } catch (err) {
      this.failing = true;
      // Commands in flight together fail together: one log line per pause, not one per command.
      const first = this.now() >= this.skipUntil;
      this.skipUntil = this.now() + SKIP_MS;
      this.lastError = describe(err);
      if (first) this.logger.warn({ redis: this.address, error: this.lastError, pauseMs: SKIP_MS }, 'redis command failed: deciding locally for a moment');
      return undefined;
    }
  }

  /** True when Redis is connected and not paused after a failure. */
  get available(): boolean {
    return this.up && this.now() >= this.skipUntil;
  }

  status(): RedisStatus {
    return {
      status: this.up && !this.failing ? 'up' : 'down',
      address: this.address,
      since: new Date(this.changedAt).toISOString(),
      lastError: this.lastError,
    };
  }

  /** Resolves once connected, or after `ms` (never rejects). */
  async ready(ms = 2_000): Promise<boolean> {
    if (this.up) return true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.up;
  }

  async close(): Promise<void> {
    this.client.removeAllListeners('close');
    this.up = false;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private mark(up: boolean, error: string | null): void {
    if (error) this.lastError = error;
    if (up === this.up) return;
    this.up = up;
    this.changedAt = this.now();
    if (up) {
      this.skipUntil = 0;
      this.failing = false;
      this.logger.info({ redis: this.address }, 'redis connected: quotas and page cache are shared by the fleet');
    } else {
      this.logger.warn(
        { redis: this.address, error: this.lastError },
        'redis unavailable: degraded to the local page cache and a local share of each quota; reconnecting',
      );
    }
  }
}

/** An error's code or first line: never the URL (it may hold a password). */
function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string') return e.code;
  const message = typeof e?.message === 'string' ? e.message.split('\n')[0]!.slice(0, 200) : 'unknown error';
  return message.replace(/\/\/[^@\s]*@/g, '//[redacted]@');
}
