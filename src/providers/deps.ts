import type { Dispatcher } from 'undici';
import type { ResultCache } from '../http/cache.js';
import type { HttpClientOptions, Timeouts } from '../http/client.js';
import type { HttpObserver } from '../http/observer.js';

/** What a provider adapter is handed besides its own credentials. Transports are passed in, never patched. */
export interface ProviderDeps {
  /** Shared cache of upstream pages (one per gateway process). */
  cache?: ResultCache;
  timeouts?: Timeouts;
  /** A dispatcher to use instead of the adapter's own undici Pool (tests pass a MockAgent). */
  dispatcher?: Dispatcher;
  /** Retries, circuit breaker and client-side quota, per provider. */
  resilience?: HttpClientOptions['resilience'];
  /** Told about upstream attempts, retries, quota waits and circuit changes (metrics). */
  observer?: HttpObserver;
}
