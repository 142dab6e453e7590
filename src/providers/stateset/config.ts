/** StateSet's configuration: a secret API key (`sk_…` with `checkouts:read`). */
import { apiKey, ConfigError, type Env } from '../../env.js';
import type { ConfigContext } from '../definition.js';

export interface StateSetConfig {
  apiKey: string;
  baseUrl: string;
}

export const STATESET_VARIABLES = ['STATESET_API_KEY', 'STATESET_BASE_URL'] as const;

export function readStateSetConfig(env: Env, context: ConfigContext): StateSetConfig | null {
  const key = apiKey(env, 'STATESET_API_KEY');
  if (!key) return null;
  // A publishable key is for browsers and cannot read checkouts (upstreams/stateset.md, key prefixes).
  if (key.startsWith('pk_')) throw new ConfigError('STATESET_API_KEY', 'is a publishable key (pk_…); use a secret key (sk_…) with checkouts:read');
  return { apiKey: key, baseUrl: context.baseUrl('STATESET_BASE_URL', 'https://api.stateset.com/v1') };
}
