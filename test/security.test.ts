/**
 * The security layer: the cost model and token checks as pure functions, then every limit, CSRF, introspection,
 * persisted operations and gateway authentication end to end through yoga.fetch against the sandbox upstreams.
 */
import { createHash } from 'node:crypto';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../src/graphiql.js';
import { bearerToken, createTokenCheck } from '../src/security/auth.js';
import { operationCost } from '../src/security/cost.js';
import { CSRF_HEADER } from '../src/security/csrf.js';
import { createScrubber, loggableError } from '../src/security/scrub.js';
import { createTestGateway, type TestGateway, type TestGatewayOptions } from './helpers.js';

const COST_SCHEMA = buildSchema(`
  interface Node { id: ID! }
  type Money { amount: String! currency: String! }
  type LineItem { name: String! price: Money! }
  type LineItemConnection { edges: [LineItemEdge!]! totalCount: Int }
  type LineItemEdge { node: LineItem! cursor: String! }
  type A implements Node { id: ID! total: Money items(first: Int, after: String): LineItemConnection! }
  type B implements Node { id: ID! total: Money owner: Owner }
  type Owner { name: String! address: Address }
  type Address { city: String! }
  union Thing = A | B
  type CheckoutConnection { edges: [CheckoutEdge!]! totalCount: Int }
  type CheckoutEdge { node: Node! cursor: String! }
  type Query {
    checkouts(first: Int, last: Int, after: String): CheckoutConnection!
    paged(first: Int = 7): CheckoutConnection!
    thing: Thing
    version: String!
  }
`);

const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  operationCost({ schema: COST_SCHEMA, document: parse(query), variables, operationName, defaultPageSize: 20, maxPageSize: 100 });

describe('operationCost', () => {
  it('leaf fields are free, each field with a selection costs 1', () => {
    expect(cost('{ version }')).toBe(0);
    expect(cost('{ thing { ... on A { id } } }')).toBe(1);
    expect(cost('{ thing { ... on A { total { amount } } } }')).toBe(2);
  });

  it('first/last multiply the cost of what the connection selects', () => {
    // checkouts 1 + 10 × (edges 1 + node 1)
    expect(cost('{ checkouts(first: 10) { edges { node { id } } } }')).toBe(21);
    expect(cost('{ checkouts(last: 5) { edges { node { id } } } }')).toBe(11);
    expect(cost('{ checkouts(first: 3, last: 5) { edges { node { id } } } }')).toBe(11);
  });

  it('without first/last a connection counts its default page size: the schema default, else 20', () => {
    expect(cost('{ checkouts { edges { node { id } } } }')).toBe(41);
    expect(cost('{ paged { edges { node { id } } } }')).toBe(15);
  });

  it('nested connections multiply', () => {
    const query = `{ checkouts(first: 50) { edges { node { ... on A { items(first: 40) { edges { node { price { amount } } } } } } } } }`;
    // items: 1 + 40 × (edges 1 + node 1 + price 1) = 121; checkouts: 1 + 50 × (edges 1 + node 1 + 121) = 6151
    expect(cost(query)).toBe(6151);
  });

  it('page sizes come from variables, then from the variable defaults', () => {
    const query = 'query Q($n: Int = 4) { checkouts(first: $n) { edges { node { id } } } }';
    expect(cost(query)).toBe(9);
    expect(cost(query, { n: 30 })).toBe(61);
    expect(cost(query, { n: null })).toBe(41);
  });

  it('a page size beyond what connections return counts at that maximum (the resolver refuses it anyway)', () => {
    expect(cost('{ checkouts(first: 100000) { edges { node { id } } } }')).toBe(201);
  });

  it('fragments are expanded; on an abstract type the dearest concrete type counts, not the sum', () => {
    const query = `
      query { thing { ...OnA ... on B { owner { address { city } } } } }
      fragment OnA on A { total { amount } }`;
    // thing 1 + max(A: total 1, B: owner 1 + address 1)
    expect(cost(query)).toBe(3);
    expect(cost('{ thing { ... on Node { id } ... on A { total { currency } } } }')).toBe(2);
  });

  it('picks the operation by name', () => {
    const document = 'query Small { version } query Big { checkouts(first: 2) { totalCount } }';
    expect(cost(document, undefined, 'Small')).toBe(0);
    expect(cost(document, undefined, 'Big')).toBe(1);
  });

  it('introspection is costed like any selection, without list multipliers', () => {
    expect(cost('{ __schema { types { name fields { name type { name } } } } }')).toBe(4);
  });
});

describe('bearer tokens', () => {
  it('reads the token of a Bearer header, scheme case-insensitive', () => {
    expect(bearerToken('Bearer abc.DEF-123_~+/=')).toBe('abc.DEF-123_~+/=');
    expect(bearerToken('bearer   xyz')).toBe('xyz');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer two words')).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });

  it('accepts exactly the configured tokens, whatever their length', () => {
    const check = createTokenCheck(['first-token-0123456789', 'second-token-0123456789abcdef']);
    expect(check('first-token-0123456789')).toBe(true);
    expect(check('second-token-0123456789abcdef')).toBe(true);
    expect(check('first-token-012345678')).toBe(false);
    expect(check('first-token-01234567890')).toBe(false);
    expect(check('')).toBe(false);
    expect(createTokenCheck([])('anything')).toBe(false);
  });
});

describe('log scrubbing', () => {
  const scrub = createScrubber(['sk_live_1234567890', '3f2c1a9e-0000-4000-8000-00000000abcd', 'short', null, undefined]);

  it('cuts secret values, URL credentials and secret query parameters out of free text', () => {
    expect(scrub('key sk_live_1234567890 for org 3f2c1a9e-0000-4000-8000-00000000abcd')).toBe('key [redacted] for org [redacted]');
    expect(scrub('GET https://user:p4ss@api.example.com/v1?api_key=abc&page=2 failed')).toBe(
      'GET https://[redacted]@api.example.com/v1?api_key=[redacted]&page=2 failed',
    );
    expect(scrub('a short word stays')).toBe('a short word stays');
  });

  it('an embedded-only value is cut where it is quoted, not where it is the whole text', () => {
    const data = createScrubber(['sk_live_1234567890'], { queryParameters: false, embedded: ['3f2c1a9e-0000-4000-8000-00000000abcd'] });
    expect(data('3f2c1a9e-0000-4000-8000-00000000abcd')).toBe('3f2c1a9e-0000-4000-8000-00000000abcd');
    expect(data('organisation 3f2c1a9e-0000-4000-8000-00000000abcd is unknown')).toBe('organisation [redacted] is unknown');
    expect(data('https://example.com/checkout?token=abc')).toBe('https://example.com/checkout?token=abc');
  });

  it('a logged error keeps type, code and scrubbed message and stack, and nothing else', () => {
    const err = Object.assign(new Error('upstream said sk_live_1234567890 is bad'), { code: 'UND_ERR_SOCKET', headers: { 'x-api-key': 'x' } });
    const logged = loggableError(err, scrub);
    expect(logged).toMatchObject({ type: 'Error', code: 'UND_ERR_SOCKET', message: 'upstream said [redacted] is bad' });
    expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(logged)).not.toContain('sk_live_1234567890');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// End to end, through yoga.fetch against the sandbox upstreams.

const JSON_ACCEPT = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } | any[];
  text: string;
}

async function send(gw: TestGateway, init: RequestInit & { path?: string }): Promise<Answer> {
  const response = await gw.fetch(init.path ?? '/graphql', init);
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text);
  } catch {
    // HTML (GraphiQL) or empty bodies are checked through `text`.
  }
  return { status: response.status, headers: response.headers, body, text };
}

function post(gw: TestGateway, payload: unknown, options: { accept?: string; headers?: Record<string, string> } = {}) {
  return send(gw, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: options.accept ?? JSON_ACCEPT, ...options.headers },
    body: JSON.stringify(payload),
  });
}

const codesOf = (answer: Answer) => (Array.isArray(answer.body) ? [] : (answer.body.errors ?? []).map((e) => e.extensions?.code));

const NODE = 'edges { node { id provider status total { amount currency } } }';

describe('security end to end', () => {
  const gateways: TestGateway[] = [];
  const gateway = async (options: TestGatewayOptions = {}) => {
    const gw = await createTestGateway({ count: 30, ...options });
    gateways.push(gw);
    return gw;
  };
  afterAll(async () => {
    await Promise.all(gateways.map((gw) => gw.close()));
  });

  describe('defaults', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await gateway();
    });

    it('GraphiQL keeps working: its page, its introspection query and its default query all pass', async () => {
      const page = await send(gw, { method: 'GET', headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const introspection = getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      });
      const schema = await post(gw, { query: introspection, operationName: 'IntrospectionQuery' });
      expect(schema.status).toBe(200);
      expect(codesOf(schema)).toEqual([]);
      const latest = await post(gw, { query: DEFAULT_QUERY });
      expect(codesOf(latest)).toEqual([]);
      expect((latest.body as any).data.checkouts.edges).toHaveLength(12);
    });

    it("the README's example query, with every provider's fields, is well within the default limits", async () => {
      const query = `{
        checkouts(first: 20, filter: { status: [OPEN], currency: ["USD", "EUR"] }) {
          totalCount
          sources { provider status error { code message } }
          pageInfo { hasNextPage endCursor }
          edges { cursor node { id provider providerId status providerStatus email createdAt total { amount currency minorUnits }
            ... on ZenskarCheckout { paymentStatus customer { customerName } }
            ... on StateSetCheckout { buyer { firstName lastName } lineItems { id total } }
            ... on LemonSqueezyCheckout { url store { name } variant { name price } } } }
        }
      }`;
      expect(codesOf(await post(gw, { query }))).toEqual([]);
    });

    it('the largest page of every connection is within the default cost', async () => {
      for (const field of ['checkouts', 'zenskarCheckouts', 'stateSetCheckouts', 'lemonSqueezyCheckouts']) {
        const answer = await post(gw, { query: `{ ${field}(first: 100) { totalCount pageInfo { hasNextPage } ${NODE} } }` });
        expect(codesOf(answer), field).toEqual([]);
      }
    });

    it('more than 15 aliases are refused with MAX_ALIASES_EXCEEDED', async () => {
      const query = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: checkouts(first: 1) { totalCount }`).join(' ')} }`;
      expect(codesOf(await post(gw, { query: query(15) }))).toEqual([]);
      const refused = await post(gw, { query: query(16) });
      expect(refused.status).toBe(200);
      expect(codesOf(refused)).toEqual(['MAX_ALIASES_EXCEEDED']);
      expect((await post(gw, { query: query(16) }, { accept: GRAPHQL_RESPONSE })).status).toBe(400);
    });

    it('batches are refused while MAX_BATCH_OPERATIONS is 0', async () => {
      const answer = await post(gw, [{ query: '{ __typename }' }]);
      expect(answer.status).toBe(400);
      expect(codesOf(answer)).toEqual(['BAD_REQUEST']);
    });

    it('CSRF: GET queries and JSON POSTs need nothing; form, text/plain and untyped POSTs need the custom header', async () => {
      const url = `/graphql?query=${encodeURIComponent('{ __typename }')}`;
      // What urql sends by default: a plain GET with no custom header.
      const bare = await send(gw, { path: url, method: 'GET', headers: { accept: JSON_ACCEPT } });
      expect(bare.status).toBe(200);
      expect((bare.body as any).data).toEqual({ __typename: 'Query' });
      const form = { 'content-type': 'application/x-www-form-urlencoded', accept: JSON_ACCEPT };
      expect((await send(gw, { path: url, method: 'GET', headers: form })).status).toBe(200);
      for (const [type, body] of [
        ['application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
        ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{__typename}"}\r\n--x--\r\n'],
        ['text/plain', '{"query":"{__typename}"}'],
        ['Text/Plain; charset=utf-8', '{"query":"{__typename}"}'],
      ] as const) {
        const refused = await send(gw, { method: 'POST', headers: { 'content-type': type, accept: JSON_ACCEPT }, body });
        expect(refused.status, type).toBe(403);
        expect(codesOf(refused), type).toEqual(['CSRF_HEADER_REQUIRED']);
        const allowed = await send(gw, { method: 'POST', headers: { 'content-type': type, accept: JSON_ACCEPT, [CSRF_HEADER]: '1' }, body });
        expect(codesOf(allowed), type).not.toContain('CSRF_HEADER_REQUIRED');
      }
      expect((await post(gw, { query: '{ __typename }' })).status).toBe(200);
    });

    it('mutations never run over GET (405), so serving GETs without the header cannot change anything', async () => {
      const url = `/graphql?query=${encodeURIComponent('mutation { __typename }')}`;
      const refused = await send(gw, { path: url, method: 'GET', headers: { accept: JSON_ACCEPT } });
      expect(refused.status).toBe(405);
    });

    it('introspection is on by default', async () => {
      expect(codesOf(await post(gw, { query: '{ __schema { queryType { name } } }' }))).toEqual([]);
    });
  });

  describe('configured limits', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await gateway({ security: { limits: { maxDepth: 4, maxCost: 50, maxTokens: 60, maxRequestBodyBytes: 2_048, maxBatchOperations: 2 } } });
    });

    it('depth: deeper than MAX_QUERY_DEPTH is refused with MAX_DEPTH_EXCEEDED (400 / 200 by media type)', async () => {
      const ok = await post(gw, { query: '{ checkouts(first: 1) { edges { node { id } } } }' });
      expect(codesOf(ok)).toEqual([]);
      const deep = '{ checkouts(first: 1) { edges { node { total { amount } } } } }';
      const refused = await post(gw, { query: deep });
      expect(refused.status).toBe(200);
      expect(codesOf(refused)).toEqual(['MAX_DEPTH_EXCEEDED']);
      expect((refused.body as any).errors[0].message).toBe('Query depth limit of 4 exceeded, found 5.');
      expect((await post(gw, { query: deep }, { accept: GRAPHQL_RESPONSE })).status).toBe(400);
    });

    it('cost: page sizes multiply; over MAX_QUERY_COST is refused with MAX_COST_EXCEEDED before any upstream call', async () => {
      const query = 'query Q($n: Int) { checkouts(first: $n) { edges { node { id } } } }';
      // 1 + n × (edges 1 + node 1)
      expect(codesOf(await post(gw, { query, variables: { n: 24 } }))).toEqual([]);
      const upstreamCalls = () => gw.sandboxes.zenskar.log.length + gw.sandboxes.stateset.log.length + gw.sandboxes.lemonsqueezy.log.length;
      const before = upstreamCalls();
      const refused = await post(gw, { query, variables: { n: 25 }, operationName: 'Q' }, { accept: GRAPHQL_RESPONSE });
      expect(refused.status).toBe(400);
      expect((refused.body as any).data).toBeUndefined();
      expect((refused.body as any).errors[0].extensions).toEqual({ code: 'MAX_COST_EXCEEDED', cost: 51, maxCost: 50 });
      expect(codesOf(await post(gw, { query: '{ checkouts(first: 30, filter: { status: [OPEN] }) { edges { node { id } } } }' }))).toEqual([
        'MAX_COST_EXCEEDED',
      ]);
      expect(upstreamCalls()).toBe(before);
      // Without first/last a connection counts the default page size, 20: 1 + 20 × 2 = 41.
      expect(codesOf(await post(gw, { query: '{ checkouts { edges { node { id } } } }' }))).toEqual([]);
    });

    it('tokens: a document longer than MAX_QUERY_TOKENS is refused with MAX_TOKENS_EXCEEDED', async () => {
      const query = `{ ${Array.from({ length: 61 }, () => '__typename').join(' ')} }`;
      const refused = await post(gw, { query });
      expect(refused.status).toBe(200);
      expect(codesOf(refused)).toEqual(['MAX_TOKENS_EXCEEDED']);
    });

    it('body size: over MAX_REQUEST_BODY_BYTES is answered 413, with or without a Content-Length', async () => {
      const big = { query: '{ __typename }', variables: { padding: 'x'.repeat(3_000) } };
      const refused = await post(gw, big);
      expect(refused.status).toBe(413);
      expect(codesOf(refused)).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
      const bytes = new TextEncoder().encode(JSON.stringify(big));
      const chunked = await send(gw, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: JSON_ACCEPT },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 500) controller.enqueue(bytes.slice(i, i + 500));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(codesOf(chunked)).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
      expect((await post(gw, { query: '{ __typename }', variables: { padding: 'x'.repeat(1_000) } })).status).toBe(200);
    });

    it('batching: up to MAX_BATCH_OPERATIONS operations run; more are refused', async () => {
      const op = { query: '{ checkouts(first: 1) { totalCount } }' };
      const two = await post(gw, [op, op]);
      expect(two.status).toBe(200);
      expect(two.body).toHaveLength(2);
      const three = await post(gw, [op, op, op]);
      expect(three.status).toBe(413);
      expect(codesOf(three)).toEqual(['BAD_REQUEST']);
    });

    it('no refusal is ever a 500', async () => {
      for (const accept of [JSON_ACCEPT, GRAPHQL_RESPONSE]) {
        for (const payload of [
          { query: '{ checkouts(first: 1) { edges { node { total { amount } } } } }' },
          { query: '{ checkouts(first: 99) { edges { node { id } } } }' },
          { query: `{ ${'__typename '.repeat(100)} }` },
          [{ query: '{ __typename }' }, { query: '{ __typename }' }, { query: '{ __typename }' }],
        ]) {
          expect((await post(gw, payload, { accept })).status).toBeLessThan(500);
        }
      }
    });
  });

  describe('INTROSPECTION=false', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await gateway({ security: { introspection: false } });
    });

    it('refuses __schema and __type, keeps __typename and ordinary queries', async () => {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
        const refused = await post(gw, { query });
        expect(codesOf(refused)).toContain('GRAPHQL_VALIDATION_FAILED');
        expect((refused.body as any).errors[0].message).toContain('introspection has been disabled');
      }
      expect(codesOf(await post(gw, { query: '{ __typename checkouts(first: 1) { totalCount } }' }))).toEqual([]);
    });

    it('does not spell the schema out through "Did you mean" suggestions', async () => {
      const refused = await post(gw, { query: '{ checkout { totalCount } }' });
      expect(codesOf(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(refused.text).not.toContain('Did you mean');
      expect(refused.text).not.toContain('checkouts');
    });
  });

  describe('persisted operations', () => {
    const LATEST = 'query Latest { checkouts(first: 3) { edges { node { id } } } }';
    const hash = createHash('sha256').update(LATEST).digest('hex');
    const operations = new Map([[hash, LATEST]]);
    const byHash = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
    let open: TestGateway;
    let only: TestGateway;
    beforeAll(async () => {
      [open, only] = await Promise.all([
        gateway({ security: { persistedOperations: { operations, only: false } } }),
        gateway({ security: { persistedOperations: { operations, only: true } } }),
      ]);
    });

    it('runs a persisted operation by its id, by POST or by GET', async () => {
      for (const gw of [open, only]) {
        const answer = await post(gw, byHash(hash));
        expect(codesOf(answer)).toEqual([]);
        expect((answer.body as any).data.checkouts.edges).toHaveLength(3);
        const extensions = encodeURIComponent(JSON.stringify(byHash(hash).extensions));
        const get = await send(gw, { path: `/graphql?extensions=${extensions}`, method: 'GET', headers: { accept: JSON_ACCEPT, [CSRF_HEADER]: '1' } });
        expect((get.body as any).data.checkouts.edges).toHaveLength(3);
      }
    });

    it('an unknown id is PERSISTED_QUERY_NOT_FOUND', async () => {
      const answer = await post(open, byHash('0'.repeat(64)));
      expect(answer.status).toBe(400);
      expect(codesOf(answer)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    });

    it('without PERSISTED_OPERATIONS_ONLY a plain query still runs; with it, it is refused', async () => {
      expect(codesOf(await post(open, { query: '{ checkouts(first: 1) { totalCount } }' }))).toEqual([]);
      const refused = await post(only, { query: LATEST });
      expect(refused.status).toBe(400);
      expect(codesOf(refused)).toEqual(['PERSISTED_QUERY_ONLY']);
    });
  });

  describe('GATEWAY_TOKENS', () => {
    const TOKENS = ['first-gateway-token-0123456789', 'second-gateway-token-abcdefghij'];
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await gateway({ security: { gatewayTokens: TOKENS } });
    });

    it('without a token: 401, a GraphQL-shaped error and a WWW-Authenticate challenge', async () => {
      for (const accept of [JSON_ACCEPT, GRAPHQL_RESPONSE]) {
        const answer = await post(gw, { query: '{ __typename }' }, { accept });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="checkout-graph"');
        expect(answer.body).toEqual({ errors: [{ message: expect.stringContaining('Authorization: Bearer'), extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    });

    it('a wrong token, another scheme or a malformed header: 401 with error="invalid_token"', async () => {
      for (const authorization of [
        `Bearer ${TOKENS[0]}x`,
        `Bearer ${TOKENS[0]!.slice(0, -1)}`,
        `Basic ${TOKENS[0]}`,
        'Bearer',
        `Bearer ${TOKENS[0]} ${TOKENS[1]}`,
      ]) {
        const answer = await post(gw, { query: '{ __typename }' }, { headers: { authorization } });
        expect(answer.status, authorization).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="checkout-graph", error="invalid_token"');
        expect(codesOf(answer)).toEqual(['UNAUTHENTICATED']);
        expect(answer.text).not.toContain(TOKENS[0]);
      }
    });

    it('every configured token is accepted, on POST and on GET', async () => {
      for (const token of TOKENS) {
        const answer = await post(gw, { query: '{ checkouts(first: 1) { totalCount } }' }, { headers: { authorization: `bearer ${token}` } });
        expect(answer.status).toBe(200);
        expect(codesOf(answer)).toEqual([]);
      }
      const get = await send(gw, {
        path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
        method: 'GET',
        headers: { accept: JSON_ACCEPT, [CSRF_HEADER]: '1', authorization: `Bearer ${TOKENS[1]}` },
      });
      expect(get.status).toBe(200);
    });

    it("GraphiQL's page, CORS preflights and the health check stay reachable without a token", async () => {
      const page = await send(gw, { method: 'GET', headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('<html');
      const preflight = await send(gw, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(preflight.status).toBeLessThan(300);
      expect((await send(gw, { path: '/health', method: 'GET' })).status).toBe(200);
    });
  });
});
