/**
 * Each provider's configuration variables (`providers/<name>/config.ts`) read through `loadConfig`: https unless
 * loopback or opted out, API keys that look like keys, and the per-provider resilience variables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { MIN_API_KEY_LENGTH } from '../env.js';
import { createGateway } from '../gateway.js';
import { createLogger } from '../logger.js';
import { createScrubber } from '../security/scrub.js';
import { configError } from '../../test/config-error.js';

const ORG = '0b7f4c2e-9a1d-4e8b-8c3f-5d6a7b8c9d0e';
const KEYS = {
  ZENSKAR_API_KEY: 'zsk_live_9f8e7d6c5b4a39281706',
  ZENSKAR_ORGANISATION: ORG,
  STATESET_API_KEY: 'sk_live_4f0c2a9e7b1d4e86a3c5',
  LEMONSQUEEZY_API_KEY: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature',
};
const URL_VARIABLES = ['ZENSKAR_BASE_URL', 'STATESET_BASE_URL', 'LEMONSQUEEZY_BASE_URL'] as const;

describe('upstream base URLs', () => {
  it.each(URL_VARIABLES)('%s: plain http to another host stops the start, naming the variable', (variable) => {
    const err = configError({ ...KEYS, [variable]: 'http://api.example.com/v1' });
    expect(err.variable).toBe(variable);
    expect(err.message).toContain('https');
  });

  it.each(['http://127.0.0.1:4010/v1', 'http://localhost:4010', 'http://[::1]:4010/v1', 'http://127.8.9.10/v1', 'https://api.example.com/v1'])(
    '%s is accepted without an opt-in',
    (url) => {
      const config = loadConfig({ ...KEYS, ZENSKAR_BASE_URL: url, STATESET_BASE_URL: url, LEMONSQUEEZY_BASE_URL: url });
      expect([config.zenskar?.baseUrl, config.stateset?.baseUrl, config.lemonsqueezy?.baseUrl]).toEqual([url, url, url]);
      expect(config.insecureUpstreams).toEqual([]);
    },
  );

  it('hosts that only look like loopback are not', () => {
    for (const url of ['http://127.0.0.1.example.com/v1', 'http://localhost.example.com', 'http://0.0.0.0/v1', 'http://10.0.0.1/v1']) {
      expect(configError({ ...KEYS, STATESET_BASE_URL: url }).variable).toBe('STATESET_BASE_URL');
    }
  });

  it('ALLOW_INSECURE_UPSTREAMS=true accepts http anywhere, and the gateway warns at start for each such URL', async () => {
    const config = loadConfig({
      ...KEYS,
      ALLOW_INSECURE_UPSTREAMS: 'true',
      STATESET_BASE_URL: 'http://stateset.internal/v1',
      ZENSKAR_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(config.stateset?.baseUrl).toBe('http://stateset.internal/v1');
    expect(config.insecureUpstreams).toEqual(['STATESET_BASE_URL']);
    const lines: string[] = [];
    const gateway = createGateway(config, createLogger('info', { write: (line: string) => void lines.push(line) }));
    await gateway.close();
    const warnings = lines.map((line) => JSON.parse(line)).filter((line) => line.level === 40 && line.variable);
    expect(warnings.map((line) => line.variable)).toEqual(['STATESET_BASE_URL']);
    expect(warnings[0].msg).toContain('unencrypted');
    expect(lines.join('\n')).not.toContain(KEYS.STATESET_API_KEY);
  });
});

describe('API keys', () => {
  it.each([
    ['too short', 'sk_live_abc'],
    ['a space inside', 'sk_live_abc def ghi jkl mno'],
    ['a Bearer prefix', 'Bearer sk_live_4f0c2a9e7b1d4e86a3c5'],
    ['a line break inside', 'sk_live_4f0c2a9e\n7b1d4e86a3c5'],
    ['quotes around it', '"sk_live_4f0c2a9e7b1d4e86a3c5"'],
    ['non-ASCII', 'sk_live_4f0c2a9e7b1d4e86a3c5é'],
    ['far too long', `sk_live_${'a'.repeat(5_000)}`],
  ])('%s stops the start naming the variable, never echoing the key', (_label, key) => {
    for (const variable of ['ZENSKAR_API_KEY', 'STATESET_API_KEY', 'LEMONSQUEEZY_API_KEY']) {
      const err = configError({ ...KEYS, [variable]: key });
      expect(err.variable).toBe(variable);
      expect(err.message.startsWith(`${variable}: `)).toBe(true);
      expect(err.message).not.toContain(key.trim());
    }
  });

  it('a StateSet publishable key is refused', () => {
    expect(configError({ STATESET_API_KEY: 'pk_live_4f0c2a9e7b1d4e86a3c5' }).variable).toBe('STATESET_API_KEY');
  });

  it('surrounding whitespace (a trailing newline from a secrets file) is trimmed, not refused', () => {
    expect(loadConfig({ STATESET_API_KEY: `  ${KEYS.STATESET_API_KEY}\n` }).stateset?.apiKey).toBe(KEYS.STATESET_API_KEY);
  });

  it('every key the config accepts is long enough for the response scrubber to cut it out', () => {
    const keyChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~+/='.split(''));
    fc.assert(
      fc.property(fc.string({ unit: keyChar, minLength: 1, maxLength: 40 }), fc.string({ maxLength: 30 }), (key, around) => {
        let accepted: string | undefined;
        try {
          accepted = loadConfig({ LEMONSQUEEZY_API_KEY: key }).lemonsqueezy?.apiKey;
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          expect(key.length).toBeLessThan(MIN_API_KEY_LENGTH);
          return;
        }
        const scrub = createScrubber([accepted]);
        expect(scrub(`${around}${accepted}${around}`)).not.toContain(accepted);
      }),
    );
  });
});

describe('per-provider resilience variables', () => {
  it('follows the upstream-declared rate by default; <P>_RATE_LIMIT_FOLLOW_UPSTREAM=false only lets it lower the rate', () => {
    const live = { STATESET_API_KEY: KEYS.STATESET_API_KEY };
    expect(loadConfig(live).resilience.upstream.STATESET?.quota).toEqual({ perMinute: 100, followDeclared: true });
    expect(loadConfig({ ...live, STATESET_RATE_LIMIT_FOLLOW_UPSTREAM: 'false' }).resilience.upstream.STATESET?.quota).toMatchObject({
      followDeclared: false,
    });
  });
});
