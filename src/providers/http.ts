/**
 * The HttpClient every adapter's client talks through, set up once: the provider's name, base URL, headers
 * (credentials included) and error describer, plus whatever the gateway handed the adapter (timeouts, dispatcher,
 * cache, resilience, observer). Absent deps stay absent, so HttpClient's own defaults apply.
 */
import type { ProviderName } from '../domain.js';
import { HttpClient } from '../http/client.js';
import type { ProviderDeps } from './deps.js';

export interface ProviderHttpOptions {
  provider: ProviderName;
  /** Everything before the resource name, e.g. `https://api.stateset.com/v1`. */
  baseUrl: string;
  /** Headers sent with every request, credentials included. */
  headers: Record<string, string>;
  /** Pulls the provider's human message out of its error body. */
  describeError: (body: unknown) => string | undefined;
}

export function createProviderHttp(options: ProviderHttpOptions, deps: ProviderDeps = {}): HttpClient {
  return new HttpClient({
    ...options,
    ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    ...(deps.cache ? { cache: deps.cache } : {}),
    ...(deps.resilience ? { resilience: deps.resilience } : {}),
    ...(deps.observer ? { observer: deps.observer } : {}),
  });
}
