/** Reading environment variables with validation: a bad value names its variable (never echoing a secret). */
import { isIP } from 'node:net';
import { MIN_SECRET_LENGTH } from './security/scrub.js';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Loopback never leaves the machine, so plain http there exposes no key on a network. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/**
 * An upstream base URL. Every request to it carries an API key, so plain http is accepted only for loopback, or for any
 * host when `allowInsecure` (ALLOW_INSECURE_UPSTREAMS) says so; `insecure` then tells the caller to warn at start.
 */
export function baseUrl(env: Env, name: string, fallback: string, allowInsecure = false): { url: string; insecure: boolean } {
  const raw = text(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must use http or https');
  if (url.username || url.password) throw new ConfigError(name, 'must not carry credentials; use the API key variables');
  if (url.search || url.hash) throw new ConfigError(name, 'must not have a query string or fragment');
  const insecure = url.protocol === 'http:' && !isLoopbackHost(url.hostname);
  if (insecure && !allowInsecure) {
    throw new ConfigError(
      name,
      'must use https (the API key would travel in clear text); http is accepted for loopback hosts, or anywhere with ALLOW_INSECURE_UPSTREAMS=true',
    );
  }
  return { url: raw.replace(/\/+$/, ''), insecure };
}

/** Real keys are long random tokens; anything shorter is a placeholder or a paste gone wrong. */
export const MIN_API_KEY_LENGTH = Math.max(16, MIN_SECRET_LENGTH);
const MAX_API_KEY_LENGTH = 4_096;
/** Printable ASCII without spaces: what a header value can carry unchanged. */
const KEY_CHARACTERS = /^[\x21-\x7e]+$/;

/**
 * An API key, checked for plausibility so a mistake stops the start instead of failing every request. Messages name the
 * variable and never echo the value. The minimum length is at least the response scrubber's, so no accepted key is too
 * short to be cut out of a response.
 */
export function apiKey(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const key = raw.trim();
  if (!KEY_CHARACTERS.test(key)) throw new ConfigError(name, 'must be the key alone: no spaces, line breaks, "Bearer " prefix or non-ASCII characters');
  if (/^["'`].*["'`]$/.test(key)) throw new ConfigError(name, 'must not be quoted');
  if (key.length < MIN_API_KEY_LENGTH) throw new ConfigError(name, `is too short to be an API key (at least ${MIN_API_KEY_LENGTH} characters)`);
  if (key.length > MAX_API_KEY_LENGTH) throw new ConfigError(name, `is too long to be an API key (at most ${MAX_API_KEY_LENGTH} characters)`);
  return key;
}

export function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got ${JSON.stringify(raw)}`);
}
