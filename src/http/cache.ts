/**
 * A short-TTL cache of upstream results plus one in-flight request per key (inflight.ts: a shared load outlives
 * any one caller and is cancelled only when every caller has gone).
 *
 * Keys always include the provider and a fingerprint of the credential, so two tenants never share an entry.
 * Failures are never cached: the next caller tries again.
 */
import { LRUCache } from 'lru-cache';
import { InFlightLoads } from './inflight.js';
import { noteCacheLookup } from './observe.js';
import type { CacheObserver } from './observer.js';

export interface ResultCacheOptions {
  /** How long a loaded value stays fresh, in milliseconds. 0 disables caching (in-flight sharing stays). */
  ttlMs: number;
  /** Most entries kept; the least recently used go first. */
  maxEntries: number;
  /** Longest a shared load may run, however many callers keep joining it (default: the request deadline, 15 s). */
  maxLoadMs?: number;
  /** The clock deadlines are measured on: the one the upstream clients use (default: the system clock). */
  now?: () => number;
  /** Told about every lookup and eviction (metrics). */
  observer?: CacheObserver;
  /** A shared tier under the LRU (Redis in fleet mode), same keys and TTL. */
  tier?: CacheTier;
}

/** A slower tier under the LRU. It never throws: a miss, a failure and a timeout all read as undefined. */
export interface CacheTier {
  get(key: string): Promise<{ value: unknown; ttlMs: number } | undefined>;
  set(key: string, value: unknown, ttlMs: number): void;
}

export const DEFAULT_MAX_LOAD_MS = 15_000;

export class ResultCache {
  private readonly lru: LRUCache<string, { value: unknown; seq: number }> | null;
  private readonly inflight: InFlightLoads;
  /** Numbers loads in the order they start; `mark()` reads it, so a reader can ask for loads newer than a mark. */
  private seq = 0;
  /** Loads that went to the upstream (cache and in-flight misses). */
  loads = 0;
  /** Calls answered from a fresh entry or by joining an in-flight load. */
  hits = 0;
  /** Loads answered by the shared tier instead of the upstream. */
  tierHits = 0;

  private readonly observer: CacheObserver;
  private readonly tier: CacheTier | undefined;
  private readonly ttlMs: number;

  constructor(options: ResultCacheOptions) {
    this.observer = options.observer ?? {};
    this.tier = options.ttlMs > 0 ? options.tier : undefined;
    this.ttlMs = options.ttlMs;
    const dispose = this.observer.evicted ? { dispose: (_v: unknown, _k: string, reason: string) => reason === 'evict' && this.observer.evicted?.() } : {};
    this.lru = options.ttlMs > 0 ? new LRUCache<string, { value: unknown; seq: number }>({ max: options.maxEntries, ttl: options.ttlMs, ...dispose }) : null;
    this.inflight = new InFlightLoads(options.maxLoadMs ?? DEFAULT_MAX_LOAD_MS, options.now);
  }

  /** Entries held now (fresh or not yet purged). */
  get size(): number {
    return this.lru?.size ?? 0;
  }

  /** The number of the latest load started so far: `get(key, load, signal, mark())` only accepts loads started after now. */
  mark(): number {
    return this.seq;
  }

  /**
   * The fresh value for `key`, or the result of `load`, run once for all concurrent callers under a signal of its
   * own. `signal` is this caller's: when it aborts, this call rejects with its reason and the load goes on for the
   * other callers. `since` (a `mark()`): accept a cached value only if its load started after that mark, else load
   * again (an in-flight load is joined whenever it started: identical concurrent requests still share one call).
   */
  async get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal, since?: number): Promise<T> {
    const fresh = this.lru?.get(key);
    if (fresh && (since === undefined || fresh.seq > since)) {
      this.hits++;
      this.observer.lookup?.(key, 'hit');
      noteCacheLookup(false);
      return fresh.value as T;
    }
    const joins = this.inflight.running(key);
    if (joins) this.hits++;
    else this.loads++;
    this.observer.lookup?.(key, joins ? 'join' : 'miss');
    noteCacheLookup(!joins);
    return this.inflight.run(key, (shared) => this.loadThrough(key, () => load(shared), since), signal);
  }

  /**
   * Asks the shared tier first (unless the caller wants a page loaded after its mark: the tier cannot say when its
   * pages were loaded); a page found there keeps the TTL it has left.
   */
  private async loadThrough<T>(key: string, load: () => Promise<T>, since: number | undefined): Promise<T> {
    const seq = ++this.seq;
    const shared = since === undefined ? await this.tier?.get(key) : undefined;
    if (shared) {
      this.tierHits++;
      this.lru?.set(key, { value: shared.value, seq }, { ttl: shared.ttlMs });
      return shared.value as T;
    }
    const value = await load();
    this.lru?.set(key, { value, seq });
    this.tier?.set(key, value, this.ttlMs);
    return value;
  }

  clear(): void {
    this.lru?.clear();
  }
}
