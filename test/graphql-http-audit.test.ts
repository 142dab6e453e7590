/**
 * GraphQL over HTTP conformance: graphql-http's server audits against the real app, through yoga.fetch.
 *
 * Every audit, MUST, SHOULD and MAY, passes as the gateway ships: CSRF prevention asks for its header only on POSTs a
 * form could send (src/security/csrf.ts), which no audit sends; GETs pass without it. With the header too, and behind
 * gateway authentication, every audit passes.
 */
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../src/security/csrf.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const URL = 'http://gateway.test/graphql';
const TOKEN = 'audit-token-0123456789abcdef';

async function audit(gw: TestGateway, headers: Record<string, string> = {}): Promise<AuditResult[]> {
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
    return (await gw.gateway.app.fetch(request)) as Response;
  };
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url: URL, fetchFn })) results.push(await fn());
  return results;
}

const failing = (results: AuditResult[], level: 'MUST' | 'SHOULD' | 'MAY') =>
  results.filter((r) => r.status !== 'ok' && r.name.startsWith(`${level} `)).map((r) => ('reason' in r ? `${r.name}: ${r.reason}` : r.name));

describe('graphql-http server audits', () => {
  let gw: TestGateway;
  let authed: TestGateway;

  beforeAll(async () => {
    [gw, authed] = await Promise.all([createTestGateway({ count: 20 }), createTestGateway({ count: 20, security: { gatewayTokens: [TOKEN] } })]);
  });
  afterAll(async () => {
    await Promise.all([gw?.close(), authed?.close()]);
  });

  it('as shipped, without any extra header: every MUST, SHOULD and MAY passes (GETs included)', async () => {
    const results = await audit(gw);
    expect(results.length).toBeGreaterThan(30);
    expect(failing(results, 'MUST')).toEqual([]);
    expect(failing(results, 'SHOULD')).toEqual([]);
    expect(failing(results, 'MAY')).toEqual([]);
  });

  it('with the CSRF header a non-browser client sends, every audit passes', async () => {
    const results = await audit(gw, { [CSRF_HEADER]: '1' });
    expect(results.filter((r) => r.status !== 'ok').map((r) => r.name)).toEqual([]);
  });

  it('behind gateway authentication, with a valid token, every audit passes', async () => {
    const results = await audit(authed, { [CSRF_HEADER]: '1', authorization: `Bearer ${TOKEN}` });
    expect(results.filter((r) => r.status !== 'ok').map((r) => r.name)).toEqual([]);
  });
});
