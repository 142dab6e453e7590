/**
 * The Redis tier under each instance's in-process page cache: a page one instance fetched is served to the others
 * for the rest of its TTL. Keys are the in-process keys (provider, credential fingerprint, request) hashed, so filter
 * values such as e-mail addresses never appear in Redis key names. Values are the validated upstream payloads as JSON.
 *
 * No lock across instances: identical requests in flight on two instances may both go upstream. A lock would cost a
 * round trip on every miss plus a wait for the holder, to save a duplicate that only happens when two instances miss
 * the same page within one upstream latency (measured in bench/RESULTS.md).
 */
import { createHash } from 'node:crypto';
import type { CacheTier } from '../http/cache.js';
import type { FleetRedis } from './redis.js';

export class RedisCacheTier implements CacheTier {
  /** Pages found in Redis, missed, and written. */
  hits = 0;
  misses = 0;
  writes = 0;

  constructor(private readonly redis: FleetRedis) {}

  async get(key: string): Promise<{ value: unknown; ttlMs: number } | undefined> {
    const name = this.name(key);
    const replies = await this.redis.run((client) => client.multi().get(name).pttl(name).exec());
    const text = replies?.[0]?.[1];
    const ttlMs = Number(replies?.[1]?.[1]);
    if (typeof text !== 'string' || !(ttlMs > 0)) {
      this.misses++;
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(text);
      this.hits++;
      return { value, ttlMs };
    } catch {
      this.misses++;
      return undefined;
    }
  }

  set(key: string, value: unknown, ttlMs: number): void {
    const text = JSON.stringify(value);
    if (text === undefined) return;
    this.writes++;
    void this.redis.run((client) => client.set(this.name(key), text, 'PX', ttlMs));
  }

  private name(key: string): string {
    return `${this.redis.prefix}page:${createHash('sha256').update(key).digest('base64url')}`;
  }
}
