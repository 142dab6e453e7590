/**
 * Logs and responses never carry credentials. The gateway's pino output is captured through a destination stream at
 * trace level while queries succeed and fail (bad input, refused by a limit, unauthenticated, upstreams that answer
 * 401/500/garbage or echo the credentials back), and every captured line and response body is searched for the
 * provider API keys, the Zenskar organisation id, the gateway token, the cursor secret and credentialed URLs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createTestGateway, TEST_CURSOR_SECRET, type TestGateway } from './helpers.js';

const TOKEN = 'gateway-token-0123456789abcdefXYZ';
const WRONG_TOKEN = 'wrong-token-presented-by-a-client-42';
const CREDENTIALED_URL = /[a-z][a-z0-9+.-]*:\/\/[^\s/@"'\\]+:[^\s/@"'\\]*@/i;

describe('logging: one line per request, and no secret in any log line or response', () => {
  let gw: TestGateway;
  const lines: string[] = [];
  const bodies: string[] = [];
  let secrets: Record<string, string>;

  const post = async (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => {
    const response = await gw.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, json: JSON.parse(text) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };
  const codes = (result: { json: { errors?: { extensions?: { code?: string } }[] } }) => (result.json.errors ?? []).map((e) => e.extensions?.code);
  const requestLines = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'graphql request');

  beforeAll(async () => {
    const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
    // No page cache, so every failure injected below reaches the gateway.
    gw = await createTestGateway({ count: 40, cacheTtlMs: 0, logger, security: { gatewayTokens: [TOKEN] } });
    const { zenskar, stateset, lemonsqueezy } = gw.sandboxes.configs;
    secrets = {
      'Zenskar API key': zenskar.apiKey,
      'Zenskar organisation id': zenskar.organisation,
      'StateSet API key': stateset.apiKey,
      'Lemon Squeezy API key': lemonsqueezy.apiKey,
      'gateway token': TOKEN,
      'token a client presented': WRONG_TOKEN,
      'cursor secret': TEST_CURSOR_SECRET,
    };
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('queries that succeed log operation, type, status, duration and no error codes', async () => {
    const merged = await post({
      query:
        'query Latest { checkouts(first: 10) { totalCount edges { cursor node { __typename id provider providerId status email total { amount currency } createdAt } } } }',
    });
    expect(merged.status).toBe(200);
    expect(merged.json.errors).toBeUndefined();
    expect(merged.json.data.checkouts.edges).toHaveLength(10);

    for (const field of ['zenskarCheckouts', 'stateSetCheckouts', 'lemonSqueezyCheckouts']) {
      const one = await post({ query: `query PerProvider { ${field}(first: 5) { edges { node { __typename id providerId status } } } }` });
      expect(one.json.errors).toBeUndefined();
    }

    const line = requestLines().find((l) => l.operationName === 'Latest');
    expect(line).toMatchObject({ operationName: 'Latest', operationType: 'query', method: 'POST', status: 200, errorCodes: [] });
    expect(typeof line?.durationMs).toBe('number');
  });

  it('queries that fail log the error codes of their response', async () => {
    const failing: [string, unknown, Record<string, string>?][] = [
      ['BadCursor', { query: 'query BadCursor { checkouts(first: 2, after: "garbage!") { totalCount } }' }],
      ['BadFilter', { query: 'query BadFilter { checkouts(first: 2, filter: { currency: ["dollars"] }) { totalCount } }' }],
      ['NoToken', { query: 'query NoToken { checkouts(first: 2) { totalCount } }' }, {}],
      ['WrongToken', { query: 'query WrongToken { __typename }' }, { authorization: `Bearer ${WRONG_TOKEN}` }],
      ['Invalid', { query: 'query Invalid { nope }' }],
      ['Unparsable', { query: 'query Unparsable { checkouts(' }],
      ['ManyAliases', { query: `query ManyAliases { ${Array.from({ length: 16 }, (_, i) => `a${i}: checkouts(first: 1) { totalCount }`).join(' ')} }` }],
    ];
    for (const [name, body, headers] of failing) {
      const before = requestLines().length;
      const result = await post(body, headers);
      expect(result.status, name).toBeLessThan(500);
      const logged = requestLines().slice(before);
      expect(logged, name).toHaveLength(1);
      expect(codes(result).length, name).toBeGreaterThan(0);
      expect([...(logged[0]!.errorCodes as string[])].sort(), name).toEqual([...new Set(codes(result))].sort());
    }
    const byCode = (code: string) => requestLines().filter((l) => (l.errorCodes as string[]).includes(code));
    expect(byCode('UNAUTHENTICATED').map((l) => l.status)).toEqual([401, 401]);
    expect(byCode('GRAPHQL_VALIDATION_FAILED')).toHaveLength(1);
    expect(byCode('GRAPHQL_PARSE_FAILED')).toHaveLength(1);
    expect(byCode('MAX_ALIASES_EXCEEDED')).toHaveLength(1);
    expect(requestLines().find((l) => l.operationName === 'Invalid')).toMatchObject({ operationType: 'query', status: 400, method: 'POST' });
  });

  it('upstream failures, including upstreams that echo the credentials back, leak nothing', async () => {
    const { zenskar, stateset, lemonsqueezy } = gw.sandboxes;
    const echo = (status: number) => ({
      kind: 'response' as const,
      response: {
        status,
        body: {
          detail: `bad key ${secrets['Zenskar API key']} / ${secrets['StateSet API key']} / ${secrets['Lemon Squeezy API key']} for organisation ${secrets['Zenskar organisation id']}`,
          message: `token ${TOKEN} rejected`,
          organisation: secrets['Zenskar organisation id'],
          errors: [{ detail: `see https://admin:hunter2@internal.example/keys?api_key=${secrets['StateSet API key']}` }],
        },
      },
    });
    const scenarios = [
      () => zenskar.knobs.faults.push(echo(401), echo(401), echo(401)),
      () => stateset.knobs.faults.push(echo(500), echo(500), echo(500)),
      () => lemonsqueezy.knobs.faults.push(echo(422), echo(422), echo(422)),
      () => zenskar.knobs.faults.push({ kind: 'response', response: { status: 200, raw: `{"not json ${secrets['Zenskar API key']}` } }),
      () => stateset.knobs.faults.push({ kind: 'response', response: { status: 200, body: { unexpected: secrets['StateSet API key'] } } }),
    ];
    for (const [i, arrange] of scenarios.entries()) {
      arrange();
      const result = await post({
        query: `query Failing${i} { checkouts(first: 5, filter: { status: [OPEN] }) { edges { node { id } } sources { provider status error { code message } } } }`,
      });
      expect(result.status).toBeLessThan(500);
      for (const sandbox of [zenskar, stateset, lemonsqueezy]) sandbox.knobs.faults.length = 0;
    }
    const failed = requestLines().filter((l) => String(l.operationName).startsWith('Failing'));
    expect(failed).toHaveLength(scenarios.length);
    for (const line of failed) expect((line.errorCodes as string[]).length).toBeGreaterThan(0);
  });

  it('no captured log line and no response body contains a secret or a credentialed URL', () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(bodies.length).toBeGreaterThan(10);
    for (const [what, value] of Object.entries(secrets)) {
      expect(value.length).toBeGreaterThan(8);
      expect(
        lines.filter((l) => l.includes(value)),
        `${what} in a log line`,
      ).toEqual([]);
      expect(
        bodies.filter((b) => b.includes(value)),
        `${what} in a response`,
      ).toEqual([]);
    }
    expect(
      lines.filter((l) => CREDENTIALED_URL.test(l)),
      'credentialed URL in a log line',
    ).toEqual([]);
    expect(
      bodies.filter((b) => CREDENTIALED_URL.test(b)),
      'credentialed URL in a response',
    ).toEqual([]);
    const origins = [gw.sandboxes.zenskar.origin, gw.sandboxes.stateset.origin, gw.sandboxes.lemonsqueezy.origin];
    expect(
      bodies.filter((b) => origins.some((o) => b.includes(o))),
      'upstream address in a response',
    ).toEqual([]);
  });

  it('the start-up line states the security settings by counts and switches', () => {
    const settings = lines.map((l) => JSON.parse(l) as Record<string, any>).find((l) => l.msg === 'security settings');
    expect(settings?.security).toMatchObject({ introspection: true, persistedOperations: null, gatewayAuthentication: { tokens: 1 } });
    expect(settings?.security.limits).toMatchObject({ maxDepth: 10, maxCost: 5000 });
  });

  it('request log lines carry no document, variables or headers', () => {
    for (const line of requestLines()) {
      expect(Object.keys(line).sort()).toEqual(expect.arrayContaining(['operationName', 'operationType', 'method', 'status', 'durationMs', 'errorCodes']));
      for (const forbidden of ['query', 'variables', 'headers', 'authorization', 'url', 'extensions']) expect(line).not.toHaveProperty(forbidden);
    }
  });
});
