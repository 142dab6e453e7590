/**
 * Fleet mode: one Redis connection, the shared page-cache tier and the shared quota buckets built on it, and the
 * status `/readiness` reports. Without REDIS_URL none of this exists and each instance keeps its state to itself.
 */
import type { Logger } from 'pino';
import type { FleetConfig } from './config.js';
import { RedisCacheTier } from './cache-store.js';
import { RedisBuckets } from './quota-store.js';
import { FleetRedis, type RedisStatus } from './redis.js';

export interface FleetStatus {
  /** `shared` while Redis answers; `local` while each instance decides alone (degraded, never failing). */
  mode: 'shared' | 'local';
  redis: RedisStatus;
  /** Instances last seen sharing the quotas (each takes 1/n of a quota while local). */
  instances: number;
}

export class Fleet {
  readonly redis: FleetRedis;
  readonly cache: RedisCacheTier;
  readonly buckets: RedisBuckets;

  constructor(config: FleetConfig, logger: Logger) {
    this.redis = new FleetRedis({ url: config.redisUrl, timeoutMs: config.timeoutMs, keyPrefix: config.keyPrefix }, logger);
    this.cache = new RedisCacheTier(this.redis);
    this.buckets = new RedisBuckets(this.redis);
  }

  status(): FleetStatus {
    const redis = this.redis.status();
    return { mode: redis.status === 'up' ? 'shared' : 'local', redis, instances: this.buckets.peers() };
  }

  async close(): Promise<void> {
    await this.buckets.close();
    await this.redis.close();
  }
}
