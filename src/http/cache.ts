/**
 * A short-TTL cache of upstream results plus one in-flight request per key (inflight.ts: a shared load outlives
 * any one caller and is cancelled only when every caller has gone).
 *
 * Keys always include the provider and a fingerprint of the credential, so two tenants never share an entry.
 * Failures are never cached: the next caller tries again.
 */
import { LRUCache } from 'lru-cache';
import { InFlightLoads } from './inflight.js';

export interface ResultCacheOptions {
  /** How long a loaded value stays fresh, in milliseconds. 0 disables caching (in-flight sharing stays). */
  ttlMs: number;
  /** Most entries kept; the least recently used go first. */
  maxEntries: number;
  /** Longest a shared load may run, however many callers keep joining it (default: the request deadline, 15 s). */
  maxLoadMs?: number;
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

  constructor(options: ResultCacheOptions) {
    this.lru = options.ttlMs > 0 ? new LRUCache({ max: options.maxEntries, ttl: options.ttlMs }) : null;
    this.inflight = new InFlightLoads(options.maxLoadMs ?? DEFAULT_MAX_LOAD_MS);
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
      return fresh.value as T;
    }
    if (this.inflight.running(key)) this.hits++;
    else this.loads++;
    return this.inflight.run(
      key,
      async (shared) => {
        const seq = ++this.seq;
        const value = await load(shared);
        this.lru?.set(key, { value, seq });
        return value;
      },
      signal,
    );
  }

  clear(): void {
    this.lru?.clear();
  }
}
