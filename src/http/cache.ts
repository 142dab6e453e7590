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
}

export class ResultCache {
  private readonly lru: LRUCache<string, { value: unknown; seq: number }> | null;
  /** Numbers loads in the order they start; `mark()` reads it, so a reader can ask for loads newer than a mark. */
  private seq = 0;
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Loads that went to the upstream (cache and in-flight misses). */
  loads = 0;
  /** Calls answered from a fresh entry or by joining an in-flight load. */
  hits = 0;

  constructor(options: ResultCacheOptions) {
    this.lru = options.ttlMs > 0 ? new LRUCache({ max: options.maxEntries, ttl: options.ttlMs }) : null;
  }

  /** The number of the latest load started so far: `get(key, load, mark())` only accepts loads started after now. */
  mark(): number {
    return this.seq;
  }

  /**
   * `since` (a `mark()`): accept a cached value only if its load started after that mark, else load again (an
   * in-flight load is joined whenever it started: identical concurrent requests still share one upstream call).
   */
  async get<T>(key: string, load: () => Promise<T>, since?: number): Promise<T> {
    const fresh = this.lru?.get(key);
    if (fresh && (since === undefined || fresh.seq > since)) {
      this.hits++;
      return fresh.value as T;
    }
    const pending = this.inflight.get(key);
    if (pending) {
      this.hits++;
      return pending as Promise<T>;
    }
    this.loads++;
    const seq = ++this.seq;
    const promise = load().then(
      (value) => {
        this.lru?.set(key, { value, seq });
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
