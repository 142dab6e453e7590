/**
 * A short-TTL cache of upstream results plus one in-flight request per key.
 *
 * Keys always include the provider and a fingerprint of the credential, so two tenants never share an entry.
 * Failures are never cached: the next caller tries again.
 */
import { LRUCache } from 'lru-cache';
import type { CacheObserver } from './observer.js';

export interface ResultCacheOptions {
  /** How long a loaded value stays fresh, in milliseconds. 0 disables caching (in-flight sharing stays). */
  ttlMs: number;
  /** Most entries kept; the least recently used go first. */
  maxEntries: number;
  /** Told about every lookup and eviction (metrics). */
  observer?: CacheObserver;
}

export class ResultCache {
  private readonly lru: LRUCache<string, { value: unknown }> | null;
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Loads that went to the upstream (cache and in-flight misses). */
  loads = 0;
  /** Calls answered from a fresh entry or by joining an in-flight load. */
  hits = 0;
  private readonly observer: CacheObserver;

  constructor(options: ResultCacheOptions) {
    this.observer = options.observer ?? {};
    const dispose = this.observer.evicted ? { dispose: (_v: unknown, _k: string, reason: string) => reason === 'evict' && this.observer.evicted?.() } : {};
    this.lru = options.ttlMs > 0 ? new LRUCache<string, { value: unknown }>({ max: options.maxEntries, ttl: options.ttlMs, ...dispose }) : null;
  }

  /** Entries held now (fresh or not yet purged). */
  get size(): number {
    return this.lru?.size ?? 0;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const fresh = this.lru?.get(key);
    if (fresh) {
      this.hits++;
      this.observer.lookup?.(key, 'hit');
      return fresh.value as T;
    }
    const pending = this.inflight.get(key);
    if (pending) {
      this.hits++;
      this.observer.lookup?.(key, 'join');
      return pending as Promise<T>;
    }
    this.loads++;
    this.observer.lookup?.(key, 'miss');
    const promise = load().then(
      (value) => {
        this.lru?.set(key, { value });
        return value;
      },
    ).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  clear(): void {
    this.lru?.clear();
  }
}
