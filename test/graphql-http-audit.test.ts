/**
 * GraphQL over HTTP conformance: graphql-http's server audits against the real app, through yoga.fetch.
 *
 * Every MUST audit passes as the gateway ships (CSRF prevention on). The only audits that do not are three MAYs about
 * GET requests, which CSRF prevention refuses (403) unless they carry the `x-graphql-yoga-csrf` header; with that
 * header, as a non-browser client sends it, every audit passes, and so it does behind gateway authentication.
 */
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../src/security/csrf.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const URL = 'http://gateway.test/graphql';
const TOKEN = 'audit-token-0123456789abcdef';

/** Known non-MUST failures, by audit name. A new one fails this test, so it gets looked at. */
const GET_WITHOUT_CSRF_HEADER = [
  'MAY accept application/x-www-form-urlencoded formatted GET requests',
  'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
  'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
];

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

  it('as shipped: every MUST and SHOULD passes; only the GET MAYs fail (CSRF prevention)', async () => {
    const results = await audit(gw);
    expect(results.length).toBeGreaterThan(30);
    expect(failing(results, 'MUST')).toEqual([]);
    expect(failing(results, 'SHOULD')).toEqual([]);
    const may = results.filter((r) => r.status !== 'ok' && r.name.startsWith('MAY ')).map((r) => r.name);
    expect(may.sort()).toEqual([...GET_WITHOUT_CSRF_HEADER].sort());
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
