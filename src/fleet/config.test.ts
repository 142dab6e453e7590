import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { configError } from '../../test/config-error.js';

const SECRET = 'a-cursor-secret-of-at-least-32-characters';

describe('loadConfig: fleet mode', () => {
  it('is off without REDIS_URL', () => {
    expect(loadConfig({}).fleet).toBeNull();
  });

  it('refuses REDIS_URL without CURSOR_SECRET, naming CURSOR_SECRET and never echoing the URL', () => {
    const err = configError({ REDIS_URL: 'redis://:hunter2hunter2@redis.internal:6379' });
    expect(err.variable).toBe('CURSOR_SECRET');
    expect(err.message).toContain('fleet mode');
    expect(err.message).not.toContain('hunter2');
  });

  it('reads the URL, timeout and key prefix', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6380', CURSOR_SECRET: SECRET }).fleet).toEqual({
      redisUrl: 'redis://127.0.0.1:6380',
      timeoutMs: 100,
      keyPrefix: 'checkout-graph:',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://r:6380', CURSOR_SECRET: SECRET, REDIS_TIMEOUT_MS: '20', REDIS_KEY_PREFIX: 'eu-1:' }).fleet).toMatchObject({
      timeoutMs: 20,
      keyPrefix: 'eu-1:',
    });
  });

  it.each([
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://r', REDIS_TIMEOUT_MS: '0' }, 'REDIS_TIMEOUT_MS'],
    [{ REDIS_URL: 'redis://r', REDIS_KEY_PREFIX: 'has space' }, 'REDIS_KEY_PREFIX'],
  ])('refuses %j', (env, variable) => {
    expect(configError({ ...env, CURSOR_SECRET: SECRET }).variable).toBe(variable);
  });
});
