/** Zenskar's configuration: an API key and the organisation it belongs to (sent as the `organisation` header). */
import { apiKey, ConfigError, text, type Env } from '../../env.js';
import type { ConfigContext } from '../definition.js';

export interface ZenskarConfig {
  apiKey: string;
  /** The organisation UUID: a tenant identifier, never shown in a response. */
  organisation: string;
  baseUrl: string;
}

export const ZENSKAR_VARIABLES = ['ZENSKAR_API_KEY', 'ZENSKAR_ORGANISATION', 'ZENSKAR_BASE_URL'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Both variables or neither: one without the other is a mistake worth stopping the start for. */
export function readZenskarConfig(env: Env, context: ConfigContext): ZenskarConfig | null {
  const key = apiKey(env, 'ZENSKAR_API_KEY');
  const organisation = text(env, 'ZENSKAR_ORGANISATION');
  if (key && !organisation) throw new ConfigError('ZENSKAR_ORGANISATION', 'is required when ZENSKAR_API_KEY is set');
  if (organisation && !key) throw new ConfigError('ZENSKAR_API_KEY', 'is required when ZENSKAR_ORGANISATION is set');
  if (!key || !organisation) return null;
  if (!UUID.test(organisation)) throw new ConfigError('ZENSKAR_ORGANISATION', 'must be the organisation UUID');
  return { apiKey: key, organisation, baseUrl: context.baseUrl('ZENSKAR_BASE_URL', 'https://api.zenskar.com') };
}
