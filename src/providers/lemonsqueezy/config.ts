/** Lemon Squeezy's configuration: an API key. */
import { apiKey, type Env } from '../../env.js';
import type { ConfigContext } from '../definition.js';

export interface LemonSqueezyConfig {
  apiKey: string;
  baseUrl: string;
}

export const LEMONSQUEEZY_VARIABLES = ['LEMONSQUEEZY_API_KEY', 'LEMONSQUEEZY_BASE_URL'] as const;

export function readLemonSqueezyConfig(env: Env, context: ConfigContext): LemonSqueezyConfig | null {
  const key = apiKey(env, 'LEMONSQUEEZY_API_KEY');
  if (!key) return null;
  return { apiKey: key, baseUrl: context.baseUrl('LEMONSQUEEZY_BASE_URL', 'https://api.lemonsqueezy.com/v1') };
}
