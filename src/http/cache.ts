/**
 * A short-TTL cache of upstream results plus one in-flight request per key.
 *
 * Keys always include the provider and a fingerprint of the credential, so two tenants never share an entry.
 * Failures are never cached: the next caller tries again.
 */
import { LRUCache } from 'lru-cache';

export interface ResultCacheOptions {
  /** How long a loaded value stays fresh, in milliseconds. 0 disables caching (in-flight sharing stays). */
  ttlMs: number;
  /** Most entries kept; the least recently used go first. */
  maxEntries: number;
  /** A shared tier under the LRU (Redis in fleet mode), same keys and TTL. */
  tier?: CacheTier;
}

/** A slower tier under the LRU. It never throws: a miss, a failure and a timeout all read as undefined. */
export interface CacheTier {
  get(key: string): Promise<{ value: unknown; ttlMs: number } | undefined>;
  set(key: string, value: unknown, ttlMs: number): void;
}

export class ResultCache {
  private readonly lru: LRUCache<string, { value: unknown }> | null;
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Loads that went to the upstream (cache and in-flight misses). */
  loads = 0;
  /** Calls answered from a fresh entry or by joining an in-flight load. */
  hits = 0;
  /** Loads answered by the shared tier instead of the upstream. */
  tierHits = 0;

  private readonly tier: CacheTier | undefined;
  private readonly ttlMs: number;

  constructor(options: ResultCacheOptions) {
    this.tier = options.ttlMs > 0 ? options.tier : undefined;
    this.ttlMs = options.ttlMs;
    this.lru = options.ttlMs > 0 ? new LRUCache({ max: options.maxEntries, ttl: options.ttlMs }) : null;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const fresh = this.lru?.get(key);
    if (fresh) {
      this.hits++;
      return fresh.value as T;
    }
    const pending = this.inflight.get(key);
    if (pending) {
      this.hits++;
      return pending as Promise<T>;
    }
    this.loads++;
    const promise = this.loadThrough(key, load).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /** Asks the shared tier first; a page found there keeps the TTL it has left. */
  private async loadThrough<T>(key: string, load: () => Promise<T>): Promise<T> {
    const shared = await this.tier?.get(key);
    if (shared) {
      this.tierHits++;
      this.lru?.set(key, { value: shared.value }, { ttl: shared.ttlMs });
      return shared.value as T;
    }
    const value = await load();
    this.lru?.set(key, { value });
    this.tier?.set(key, value, this.ttlMs);
    return value;
  }

  clear(): void {
    this.lru?.clear();
  }
}
