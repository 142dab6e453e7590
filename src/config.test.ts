import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { DEFAULT_LIMITS } from './security/options.js';
import { configError } from '../test/config-error.js';

function writeJson(value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'checkout-graph-config-'));
  const path = join(dir, 'operations.json');
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('loadConfig: security', () => {
  it('defaults: documented limits, introspection on, no persisted operations, no gateway tokens', () => {
    const { security } = loadConfig({});
    expect(security.limits).toEqual(DEFAULT_LIMITS);
    expect(security.limits).toMatchObject({
      maxDepth: 10,
      maxCost: 5000,
      defaultPageSize: 20,
      maxAliases: 15,
      maxTokens: 1000,
      maxRequestBodyBytes: 100_000,
      maxBatchOperations: 0,
      maxNodeIds: 100,
    });
    expect(security.introspection).toBe(true);
    expect(security.persistedOperations).toBeNull();
    expect(security.gatewayTokens).toEqual([]);
  });

  it('reads every limit from the environment', () => {
    const { limits } = loadConfig({
      MAX_QUERY_DEPTH: '7',
      MAX_QUERY_COST: '1200',
      MAX_QUERY_ALIASES: '3',
      MAX_QUERY_TOKENS: '400',
      MAX_REQUEST_BODY_BYTES: '2048',
      MAX_BATCH_OPERATIONS: '5',
      MAX_NODE_IDS: '30',
    }).security;
    expect(limits).toEqual({
      maxDepth: 7,
      maxCost: 1200,
      defaultPageSize: 20,
      maxAliases: 3,
      maxTokens: 400,
      maxRequestBodyBytes: 2048,
      maxBatchOperations: 5,
      maxNodeIds: 30,
    });
  });

  it.each([
    ['MAX_QUERY_DEPTH', '0'],
    ['MAX_QUERY_DEPTH', 'ten'],
    ['MAX_QUERY_COST', '-5'],
    ['MAX_QUERY_ALIASES', '1.5'],
    ['MAX_QUERY_TOKENS', '10'],
    ['MAX_REQUEST_BODY_BYTES', '100'],
    ['MAX_BATCH_OPERATIONS', '1000'],
    ['MAX_NODE_IDS', '0'],
    ['INTROSPECTION', 'maybe'],
    ['PERSISTED_OPERATIONS_ONLY', 'yes please'],
  ])('a bad %s (%s) stops the start naming the variable', (variable, value) => {
    const err = configError({ [variable]: value });
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('INTROSPECTION=false switches introspection off; true/1/0 are understood', () => {
    expect(loadConfig({ INTROSPECTION: 'false' }).security.introspection).toBe(false);
    expect(loadConfig({ INTROSPECTION: 'FALSE' }).security.introspection).toBe(false);
    expect(loadConfig({ INTROSPECTION: '0' }).security.introspection).toBe(false);
    expect(loadConfig({ INTROSPECTION: '1' }).security.introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: ' true ' }).security.introspection).toBe(true);
  });

  describe('GATEWAY_TOKENS', () => {
    const a = 'tok_aaaaaaaaaaaaaaaaaaaaaaaa';
    const b = 'tok-bbbbbbbbbbbbbbbbbbbbbbbb';

    it('splits on commas, trims, drops empties and duplicates', () => {
      expect(loadConfig({ GATEWAY_TOKENS: ` ${a} ,${b},, ${a}` }).security.gatewayTokens).toEqual([a, b]);
    });

    it('refuses short tokens and tokens a bearer header cannot carry, without echoing them', () => {
      const short = configError({ GATEWAY_TOKENS: `${a},short-secret` });
      expect(short.variable).toBe('GATEWAY_TOKENS');
      expect(short.message).toContain('token 2');
      expect(short.message).not.toContain('short-secret');
      const spaced = configError({ GATEWAY_TOKENS: 'has a space inside it, really' });
      expect(spaced.variable).toBe('GATEWAY_TOKENS');
      expect(spaced.message).not.toContain('space inside');
    });

    it('does not switch the gateway to live mode (they are not provider credentials)', () => {
      expect(loadConfig({ GATEWAY_TOKENS: a }).mode).toBe('sandbox');
    });
  });

  describe('PERSISTED_OPERATIONS_FILE / PERSISTED_OPERATIONS_ONLY', () => {
    const operations = { abc123: 'query Latest { checkouts(first: 1) { totalCount } }', 'def:456': '{ __typename }' };

    it('loads the map, with ONLY off by default', () => {
      const { persistedOperations } = loadConfig({ PERSISTED_OPERATIONS_FILE: writeJson(operations) }).security;
      expect(persistedOperations?.only).toBe(false);
      expect([...(persistedOperations?.operations ?? [])]).toEqual(Object.entries(operations));
    });

    it('PERSISTED_OPERATIONS_ONLY=true allows only the persisted operations', () => {
      const env = { PERSISTED_OPERATIONS_FILE: writeJson(operations), PERSISTED_OPERATIONS_ONLY: 'true' };
      expect(loadConfig(env).security.persistedOperations?.only).toBe(true);
    });

    it('PERSISTED_OPERATIONS_ONLY without a file stops the start', () => {
      expect(configError({ PERSISTED_OPERATIONS_ONLY: 'true' }).variable).toBe('PERSISTED_OPERATIONS_ONLY');
    });

    it.each([
      ['a missing file', join(tmpdir(), 'checkout-graph-no-such-dir', 'nope.json')],
      ['invalid JSON', writeJson('{ "abc": ')],
      ['an array', writeJson(['{ __typename }'])],
      ['an empty map', writeJson({})],
      ['a non-string document', writeJson({ abc: 42 })],
      ['a document that does not parse', writeJson({ abc: 'query {' })],
      ['an id with spaces', writeJson({ 'a b': '{ __typename }' })],
    ])('%s stops the start naming PERSISTED_OPERATIONS_FILE', (_label, path) => {
      const err = configError({ PERSISTED_OPERATIONS_FILE: path });
      expect(err.variable).toBe('PERSISTED_OPERATIONS_FILE');
    });
  });
});
