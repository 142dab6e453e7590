/**
 * Bad input never breaks the gateway. fast-check drives thousands of requests through yoga.fetch at one gateway with
 * small sandboxes: random and mutated cursors (random text, edits and truncations of real cursors, base64 of random
 * JSON, and payloads signed with the test secret so the checks behind the signature are reached too), ids for
 * `node`/`nodes`, random values of every type for every field of every filter input (read from the schema itself),
 * page sizes, and random or mutated query documents. Every answer must be below HTTP 500, carry no
 * INTERNAL_SERVER_ERROR or "Unexpected error.", report no source as INTERNAL, and contain no credential, organisation
 * id or upstream address.
 *
 * Runs are bounded (about 5,700 requests, well under a minute on two cores). FUZZ_SEED=<n> replays a run (a failure
 * prints its seed and the shrunk input); FUZZ_SCALE=<k> runs k times as many.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeTag } from '../src/pagination/cursor.js';
import { getSchema } from '../src/schema/index.js';
import { nodeTypeNames } from '../src/schema/global-id.js';
import { createTestGateway, TEST_CURSOR_SECRET, type TestGateway } from './helpers.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** FUZZ_SCALE=<k> multiplies every run count, for a longer hunt outside CI. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** Catches a hang, not slowness: on a loaded 2-core machine a property run takes 15 times its quiet-machine time. */
const TIMEOUT_MS = Math.max(1, SCALE) * 300_000;
/** Run parameters; `examples` are inputs that once failed, replayed first on every run. */
const runs = <T>(numRuns: number, examples: T[] = []) => ({
  numRuns: Math.round(numRuns * SCALE),
  examples: examples.map((example) => [example] as [T]),
  ...(SEED !== undefined ? { seed: SEED } : {}),
});
const CREDENTIALED_URL = /[a-z][a-z0-9+.-]*:\/\/[^\s/@"'\\]+:[^\s/@"'\\]*@/i;
/** What yoga's error masking and the merged connection's `sources` call an error nobody classified. */
const INTERNAL = new Set(['INTERNAL_SERVER_ERROR', 'INTERNAL']);

interface Answer {
  status: number;
  text: string;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const CONNECTIONS = ['checkouts', 'zenskarCheckouts', 'stateSetCheckouts', 'lemonSqueezyCheckouts'] as const;
type Connection = (typeof CONNECTIONS)[number];
const FILTER_TYPE: Record<Connection, string> = {
  checkouts: 'CheckoutFilter',
  zenskarCheckouts: 'ZenskarCheckoutFilter',
  stateSetCheckouts: 'StateSetCheckoutFilter',
  lemonSqueezyCheckouts: 'LemonSqueezyCheckoutFilter',
};
const BACKWARD: Record<Connection, boolean> = { checkouts: true, zenskarCheckouts: true, stateSetCheckouts: false, lemonSqueezyCheckouts: true };

function connectionQuery(field: Connection, backward: boolean): string {
  const sources = field === 'checkouts' ? 'totalCount sources { provider status error { code message } }' : 'totalCount';
  const size = backward ? '$last: Int, $before: String' : '$first: Int, $after: String';
  const args = backward ? 'last: $last, before: $before' : 'first: $first, after: $after';
  const filterType = FILTER_TYPE[field];
  return `query Fuzz(${size}, $filter: ${filterType}) {
    c: ${field}(${args}, filter: $filter) {
      ${sources}
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id provider providerId status currency email createdAt total { amount currency } } }
    }
  }`;
}

describe('fuzzing bad input', () => {
  let gw: TestGateway;
  let secrets: string[];
  let origins: string[];
  /** Real cursors per connection field, from a forward and a backward first page. */
  const cursors = new Map<Connection, string[]>();
  const ids: string[] = [];
  const seen = new Map<string, number>();

  async function post(body: unknown): Promise<Answer> {
    const response = await gw.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: Answer['body'] = {};
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {
      // A non-JSON answer (413, say) is judged on status and text alone.
    }
    return { status: response.status, text, body: parsed };
  }

  /** What every answer to bad input must satisfy; `codes` restricts the error codes when the input's kind is known. */
  function judge(answer: Answer, input: unknown, codes?: ReadonlySet<string>): void {
    const context = () => `${JSON.stringify(input).slice(0, 600)}\n→ ${answer.status} ${answer.text.slice(0, 600)}`;
    if (answer.status >= 500) throw new Error(`HTTP ${answer.status} for ${context()}`);
    for (const error of answer.body.errors ?? []) {
      const code = error.extensions?.code;
      // Every error a client can see carries a code (a variable that fails coercion too: BAD_USER_INPUT).
      if (typeof code !== 'string') throw new Error(`an error without extensions.code for ${context()}`);
      seen.set(code, (seen.get(code) ?? 0) + 1);
      if (INTERNAL.has(code) || error.message === 'Unexpected error.') throw new Error(`internal error for ${context()}`);
      if (codes && !codes.has(code)) throw new Error(`unexpected code ${code} for ${context()}`);
    }
    for (const source of answer.body.data?.c?.sources ?? []) {
      if (source.error && INTERNAL.has(source.error.code)) throw new Error(`source reported INTERNAL for ${context()}`);
    }
    for (const secret of secrets) if (answer.text.includes(secret)) throw new Error(`a credential leaked for ${context()}`);
    for (const origin of origins) if (answer.text.includes(origin)) throw new Error(`an upstream address leaked for ${context()}`);
    if (CREDENTIALED_URL.test(answer.text)) throw new Error(`a credentialed URL leaked for ${context()}`);
  }

  beforeAll(async () => {
    gw = await createTestGateway({ count: 40 });
    const { zenskar, stateset, lemonsqueezy } = gw.sandboxes.configs;
    secrets = [zenskar.apiKey, zenskar.organisation, stateset.apiKey, lemonsqueezy.apiKey, TEST_CURSOR_SECRET];
    origins = [gw.sandboxes.zenskar.origin, gw.sandboxes.stateset.origin, gw.sandboxes.lemonsqueezy.origin];
    for (const field of CONNECTIONS) {
      const found: string[] = [];
      for (const backward of BACKWARD[field] ? [false, true] : [false]) {
        const answer = await post({ query: connectionQuery(field, backward), variables: backward ? { last: 7 } : { first: 7 } });
        expect(answer.body.errors).toBeUndefined();
        for (const edge of answer.body.data.c.edges) {
          found.push(edge.cursor);
          if (field === 'checkouts') ids.push(edge.node.id);
        }
      }
      cursors.set(field, found);
    }
    expect(ids.length).toBeGreaterThan(5);
  });
  afterAll(async () => {
    await gw?.close();
    console.info(`fuzz: error codes seen ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
  });

  // ---- cursors -------------------------------------------------------------------------------------------------------

  const b64url = (bytes: Buffer) => bytes.toString('base64url');
  const CURSOR_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.%~ ';

  /** Edits of a real cursor: flips, deletions, insertions, truncations, splices, case changes. */
  function mutated(real: fc.Arbitrary<string>): fc.Arbitrary<string> {
    const char = fc.constantFrom(...CURSOR_CHARS.split(''));
    return real.chain((c) =>
      fc.oneof(
        fc.tuple(fc.nat(c.length - 1), char).map(([i, ch]) => c.slice(0, i) + ch + c.slice(i + 1)),
        fc.tuple(fc.nat(c.length - 1), fc.integer({ min: 1, max: 8 })).map(([i, n]) => c.slice(0, i) + c.slice(i + n)),
        fc.tuple(fc.nat(c.length), fc.string({ maxLength: 6 })).map(([i, s]) => c.slice(0, i) + s + c.slice(i)),
        fc.nat(c.length).map((n) => c.slice(0, n)),
        fc.nat(c.length).map((n) => c.slice(n)),
        real.map((other) => c.slice(0, Math.floor(c.length / 2)) + other.slice(Math.floor(other.length / 2))),
        fc.constant(c.toUpperCase()),
        fc.constant(c + c),
        fc.constant(Buffer.from(c, 'base64url').toString('base64')),
      ),
    );
  }

  /** Payloads past the signature: signed with the test secret, so version, scope, edge and position checks run. */
  function forged(field: Connection): fc.Arbitrary<string> {
    const ref = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 40 }),
      fc.integer({ min: -5, max: 1_000_000_000_000 }).map(String),
      fc.uuid(),
      fc.constantFrom('1', '2', '999999999', '0', '-1', '1e3', 'checkout_x', '../x', '%00', 'a'.repeat(3000)),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const offset = fc.oneof(fc.integer({ min: -3, max: 200 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 53, 1.5, -0), fc.jsonValue({ maxDepth: 1 }));
    const position = fc.oneof({ weight: 4, arbitrary: fc.tuple(ref, offset) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
    const tag = fc.oneof({ weight: 5, arbitrary: fc.constant(scopeTag(`${field}:{}`)) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
    const version = fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
    const edge = fc.oneof(fc.integer({ min: -2, max: 3 }), fc.jsonValue({ maxDepth: 1 }));
    const payload = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(version, tag, edge, fc.array(position, { minLength: 3, maxLength: 3 })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
    return payload.map(sign);
  }

  /** A cursor carrying `value` as its payload, signed as the gateway signs (so only the checks after the MAC judge it). */
  function sign(value: unknown): string {
    const bytes = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
    const mac = createHmac('sha256', Buffer.from(TEST_CURSOR_SECRET, 'utf8')).update(bytes).digest().subarray(0, 12);
    return b64url(Buffer.concat([mac, bytes]));
  }

  function cursorArb(field: Connection): fc.Arbitrary<string> {
    const real = fc.constantFrom(...(cursors.get(field) as string[]));
    const others = fc.constantFrom(...CONNECTIONS.filter((f) => f !== field).flatMap((f) => cursors.get(f) as string[]));
    return fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.base64String({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }).map((json) => b64url(Buffer.from(json))),
      fc.tuple(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.json({ maxDepth: 3 })).map(([mac, json]) => b64url(Buffer.concat([mac, Buffer.from(json)]))),
      mutated(real),
      others,
      forged(field),
    );
  }

  it(
    'random, mutated, truncated, foreign and forged cursors are BAD_USER_INPUT or a page, never an internal error',
    async () => {
      const codes = new Set(['BAD_USER_INPUT']);
      const request = fc.constantFrom(...CONNECTIONS).chain((field) =>
        fc.record({
          field: fc.constant(field),
          backward: BACKWARD[field] ? fc.boolean() : fc.constant(false),
          size: fc.integer({ min: 1, max: 25 }),
          cursor: cursorArb(field),
        }),
      );
      await fc.assert(
        fc.asyncProperty(request, async (input) => {
          const variables = input.backward ? { last: input.size, before: input.cursor } : { first: input.size, after: input.cursor };
          judge(await post({ query: connectionQuery(input.field, input.backward), variables }), input, codes);
        }),
        runs(1_600, [
          // A Lemon Squeezy position that is no page number: its source once reported INTERNAL.
          {
            field: 'checkouts' as Connection,
            backward: false,
            size: 1,
            cursor: sign([
              1,
              scopeTag('checkouts:{}'),
              0,
              [
                [null, 0],
                [null, 5],
                ['00000000-0000-1000-8000-000000000000', 3],
              ],
            ]),
          },
        ]),
      );
    },
    TIMEOUT_MS,
  );

  // ---- node ids ------------------------------------------------------------------------------------------------------

  const idArb = () => {
    const typename = fc.oneof(fc.constantFrom(...nodeTypeNames()), fc.constantFrom('Checkout', 'Query', 'ZenskarCustomer', ''), fc.string({ maxLength: 12 }));
    const raw = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.uuid(),
      fc.constantFrom('../checkouts', '..', '.', '%2e%2e', 'a/b?c=d#e', 'checkout_1', '1', '0', '-1', ' ', '\u0000', '😀', 'x'.repeat(600)),
      fc.integer().map(String),
    );
    const real = fc.constantFrom(...ids);
    return fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.tuple(typename, raw).map(([t, id]) => Buffer.from(`${t}:${id}`, 'utf8').toString('base64')),
      fc.tuple(typename, raw).map(([t, id]) => `${t}:${id}`),
      mutated(real),
      real,
    );
  };

  it(
    'node and nodes take any id: null or the node, or BAD_USER_INPUT, never an internal error',
    async () => {
      const codes = new Set(['BAD_USER_INPUT']);
      const input = fc.oneof(fc.record({ one: idArb() }), fc.record({ many: fc.array(idArb(), { maxLength: 8 }) }));
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const answer =
            'one' in value
              ? await post({
                  query: 'query N($id: ID!) { node(id: $id) { id ... on Checkout { provider providerId createdAt } } }',
                  variables: { id: value.one },
                })
              : await post({
                  query: 'query M($ids: [ID!]!) { nodes(ids: $ids) { id ... on Checkout { provider providerId } } }',
                  variables: { ids: value.many },
                });
          judge(answer, value, codes);
          if (!answer.body.errors) {
            const found = 'one' in value ? [answer.body.data.node] : answer.body.data.nodes;
            const asked = 'one' in value ? [value.one] : value.many;
            found.forEach((node: { id: string } | null, i: number) => {
              if (node !== null && node.id !== asked[i]) throw new Error(`node ${asked[i]} answered as ${node.id}`);
            });
          }
        }),
        // A real id without its padding once resolved to the node under its canonical id.
        runs<{ one: string } | { many: string[] }>(700, [
          { one: (ids.find((id) => id.endsWith('=')) as string).replace(/=+$/, '') },
          { many: ids.map((id) => `${id}=`) },
        ]),
      );
    },
    TIMEOUT_MS,
  );

  // ---- filters -------------------------------------------------------------------------------------------------------

  const anyJson = fc.jsonValue({ maxDepth: 2 });
  const dateTime = fc.oneof(
    fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom(
      '2024-09-30T10:00:00Z',
      '2024-09-30T10:00:00+05:30',
      '2024-09-30T10:00:00.123456789-0800',
      '2024-09-30',
      '2024-02-30T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      'now',
      '',
    ),
    fc.string({ maxLength: 30 }),
  );

  /** A value for an input type: usually of the right shape (with hostile contents), sometimes of any JSON type. */
  function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return valueFor(type.ofType, depth);
    const wrong = anyJson as fc.Arbitrary<unknown>;
    if (isListType(type)) {
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(valueFor(type.ofType, depth), { maxLength: 5 }) },
        { weight: 1, arbitrary: valueFor(type.ofType, depth) },
        { weight: 1, arbitrary: wrong },
      );
    }
    if (isInputObjectType(type)) return depth > 2 ? wrong : fc.oneof({ weight: 5, arbitrary: objectFor(type, depth + 1) }, { weight: 1, arbitrary: wrong });
    const named = getNamedType(type);
    let right: fc.Arbitrary<unknown>;
    if (isEnumType(named)) {
      right = fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...named.getValues().map((v) => v.name)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      );
    } else if (isScalarType(named)) {
      switch (named.name) {
        case 'Int':
          right = fc.oneof(fc.integer({ min: -3, max: 50 }), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1.5, 1e300));
          break;
        case 'Float':
          right = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -10, max: 10_000 }), fc.constantFrom(1e308, -0, 5e-324));
          break;
        case 'Boolean':
          right = fc.boolean();
          break;
        case 'DateTime':
          right = dateTime;
          break;
        default:
          right = fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom('USD', 'usd', 'EUR', 'XXX', 'ZZZ', '', ' ', 'a@b.c', 'A@B.C ', 'x'.repeat(400), '%', '&x=1', '\u0000'),
            fc.emailAddress(),
            fc.uuid(),
            fc.string({ unit: 'binary', maxLength: 20 }),
          );
      }
    } else {
      right = wrong;
    }
    return fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: wrong });
  }

  function objectFor(type: GraphQLInputObjectType, depth = 0): fc.Arbitrary<Record<string, unknown>> {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) model[field.name] = valueFor(field.type, depth);
    // A few fields at a time (every one of them over the run), now and then an unknown key.
    return fc
      .tuple(fc.record(model, { requiredKeys: [] }), fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), anyJson), { freq: 8 }))
      .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record));
  }

  it(
    'every filter field of every connection takes random values of every type without an internal error',
    async () => {
      const input = fc.constantFrom(...CONNECTIONS).chain((field) =>
        fc.record({
          field: fc.constant(field),
          filter: fc.oneof(
            { weight: 8, arbitrary: objectFor(getSchema().getType(FILTER_TYPE[field]) as GraphQLInputObjectType) },
            { weight: 1, arbitrary: anyJson },
          ),
          size: fc.integer({ min: 0, max: 12 }),
          backward: BACKWARD[field] ? fc.boolean() : fc.constant(false),
        }),
      );
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const variables = value.backward ? { last: value.size, filter: value.filter } : { first: value.size, filter: value.filter };
          const answer = await post({ query: connectionQuery(value.field, value.backward), variables });
          judge(answer, value);
          if (!answer.body.errors) expect(answer.body.data.c.edges.length).toBeLessThanOrEqual(value.size);
        }),
        runs(1_300),
      );
    },
    TIMEOUT_MS,
  );

  // ---- page sizes ----------------------------------------------------------------------------------------------------

  it(
    'page sizes and argument combinations: a page of at most the size asked, or BAD_USER_INPUT',
    async () => {
      const size = fc.oneof(
        fc.integer({ min: -3, max: 103 }),
        fc.constantFrom(0, 1, 100, 101, 2 ** 31 - 1, -(2 ** 31)),
        fc.constantFrom(2 ** 31, 1.5, '10', null, true, 1e21) as fc.Arbitrary<unknown>,
      );
      const input = fc.constantFrom(...CONNECTIONS).chain((field) =>
        fc.record(
          {
            field: fc.constant(field),
            first: size,
            last: size,
            after: fc.constantFrom(...(cursors.get(field) as string[])),
            before: fc.constantFrom(...(cursors.get(field) as string[])),
          },
          { requiredKeys: ['field'] },
        ),
      );
      await fc.assert(
        fc.asyncProperty(input, async ({ field, ...args }) => {
          const backward = BACKWARD[field];
          const query = `query P($first: Int, $after: String${backward ? ', $last: Int, $before: String' : ''}) {
          c: ${field}(first: $first, after: $after${backward ? ', last: $last, before: $before' : ''}) { edges { cursor } pageInfo { hasNextPage } }
        }`;
          const variables = backward ? args : { first: args.first, after: args.after };
          const answer = await post({ query, variables });
          judge(answer, { field, ...args }, new Set(['BAD_USER_INPUT']));
          if (!answer.body.errors) {
            const asked = (variables.first ?? (variables as { last?: unknown }).last ?? 20) as number;
            expect(answer.body.data.c.edges.length).toBeLessThanOrEqual(asked);
          }
        }),
        runs(600),
      );
    },
    TIMEOUT_MS,
  );

  // ---- documents -----------------------------------------------------------------------------------------------------

  const SEEDS = [
    `query Merged($f: CheckoutFilter) { checkouts(first: 5, filter: $f) { totalCount sources { provider status circuit pagesRead error { code message } } pageInfo { hasNextPage endCursor } edges { cursor node { __typename id provider status createdAt total { amount currency minorUnits } ... on ZenskarCheckout { paymentStatus customer { customerName } } ... on StateSetCheckout { buyer { firstName } lineItems { id total } } ... on LemonSqueezyCheckout { url store { name } variant { name price } } } } } }`,
    `{ zenskarCheckouts(last: 3, filter: { checkoutSessionStatus: [OPEN], currency: ["USD"] }) { edges { node { providerId estimates { amountDue } } } } stateSetCheckouts(first: 2, filter: { status: READY_FOR_PAYMENT }) { edges { node { providerId buyer { email } } } } }`,
    `query Nodes { nodes(ids: ["${'WmVuc2thckNoZWNrb3V0Oi4uLg=='}", "x"]) { id ... on Checkout { provider status } } node(id: "eA==") { id } }`,
    `fragment F on Checkout { id provider email } query Q { lemonSqueezyCheckouts(first: 2, filter: { storeId: 1 }) { edges { node { ...F customPrice } } } a: checkouts(last: 2) { edges { node { ...F } } } }`,
    `query Intro { __schema { queryType { name } types { name kind } } __type(name: "Checkout") { fields { name } } }`,
    `query V($id: ID!, $n: Int = 3) { node(id: $id) { id } checkouts(first: $n, filter: { createdAfter: "2020-01-01T00:00:00Z", status: [OPEN, COMPLETED] }) { edges { node { id } } } }`,
  ];
  const TOKEN = /\.\.\.|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|[{}()[\]:!$@=,|&]|\s+/g;
  const tokenized = SEEDS.map((seed) => seed.match(TOKEN) ?? []);
  const NAMES = [
    'checkouts',
    'zenskarCheckouts',
    'stateSetCheckouts',
    'lemonSqueezyCheckouts',
    'node',
    'nodes',
    'edges',
    'node',
    'id',
    'cursor',
    'first',
    'last',
    'after',
    'before',
    'filter',
    'totalCount',
    'sources',
    'customer',
    'store',
    'variant',
    '__typename',
    '__schema',
    'query',
    'mutation',
    'subscription',
    'fragment',
    'on',
    'null',
    'true',
    'Checkout',
    'ZenskarCheckout',
    'String',
    'Int',
    'ID',
    '@skip(if: true)',
    '@include(if: $x)',
    '@deprecated',
    '$f',
    '$id',
    '$n',
    '"x"',
    '100',
    '101',
    '-1',
    '1e999',
    '"\\u0000"',
  ];
  const token = fc.oneof(
    fc.constantFrom(...NAMES),
    fc.constantFrom('{', '}', '(', ')', '[', ']', ':', '!', '$', '@', '=', ',', '...', ' ', '"', '#'),
    fc.string({ maxLength: 6 }),
  );
  const edit = fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), tokens: fc.array(token, { minLength: 1, maxLength: 4 }) }),
    fc.record({ op: fc.constant('replace' as const), at: fc.nat(), tokens: fc.array(token, { minLength: 1, maxLength: 2 }) }),
    fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  );
  type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

  function apply(tokens: string[], edits: Edit[]): string {
    const out = [...tokens];
    for (const e of edits) {
      const at = out.length ? e.at % out.length : 0;
      if (e.op === 'delete') out.splice(at, e.n);
      else if (e.op === 'insert') out.splice(at, 0, ...e.tokens);
      else if (e.op === 'replace') out.splice(at, 1, ...e.tokens);
      else if (e.op === 'duplicate') out.splice(at, 0, ...out.slice(at, at + e.n));
      else if (out.length) {
        const to = e.to % out.length;
        [out[at], out[to]] = [out[to] as string, out[at] as string];
      }
    }
    return out.join('');
  }

  it(
    'random and mutated query documents are refused or answered, never with an internal error',
    async () => {
      const document = fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .tuple(fc.nat(SEEDS.length - 1), fc.array(edit, { minLength: 1, maxLength: 5 }))
            .map(([i, edits]) => apply(tokenized[i] as string[], edits)),
        },
        { weight: 2, arbitrary: fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(' ')) },
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      );
      const body = fc.record(
        {
          query: fc.oneof({ weight: 10, arbitrary: document }, { weight: 1, arbitrary: anyJson }),
          variables: fc.oneof(
            fc.constant(undefined),
            fc.record(
              {
                f: fc.oneof(anyJson, objectFor(getSchema().getType('CheckoutFilter') as GraphQLInputObjectType)),
                id: fc.oneof(anyJson, idArb()),
                n: anyJson,
                x: anyJson,
              },
              { requiredKeys: [] },
            ),
            anyJson,
          ),
          operationName: fc.oneof(fc.constant(undefined), fc.constantFrom('Merged', 'Q', 'V', 'Nodes', 'Intro'), fc.string({ maxLength: 8 }), anyJson),
          extensions: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyJson }),
        },
        { requiredKeys: ['query'] },
      );
      await fc.assert(
        fc.asyncProperty(body, async (value) => judge(await post(value), value)),
        // An operationName that cannot be turned into a string once crashed the request log (HTTP 500).
        runs<Record<string, unknown>>(1_500, [
          { query: '', operationName: { toString: null } },
          { query: '{ __typename }', operationName: { valueOf: null, toString: null } },
        ]),
      );
    },
    TIMEOUT_MS,
  );
});
