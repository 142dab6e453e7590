/**
 * `Query.stateSetCheckouts`, `StateSetCheckout` and its node lookups end to end: yoga.fetch → pagination engine →
 * StateSet adapter → sandbox. The truth is the sandbox's seeded data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateSetWireCheckout } from '../src/providers/stateset/types.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const MONEY = 'amount currency minorUnits';
const CHECKOUT_FIELDS = `
  id provider providerId status providerStatus currency email createdAt updatedAt total { ${MONEY} }
  ... on StateSetCheckout {
    stateSetStatus
    buyer { firstName lastName email phoneNumber }
    paymentProvider { provider supportedPaymentMethods }
    lineItems { id item { id quantity } baseAmount discount subtotal tax total totalMoney { ${MONEY} } }
    fulfillmentAddress { name lineOne lineTwo city state country postalCode }
    fulfillmentOptions {
      __typename type id title subtitle subtotal tax total totalMoney { ${MONEY} }
      ... on StateSetShippingOption { carrier earliestDeliveryTime latestDeliveryTime }
    }
    fulfillmentOptionId
    selectedFulfillmentOption { __typename id type }
    totals { type displayText amount money { ${MONEY} } }
    messages { __typename type param contentType content ... on StateSetErrorMessage { code } }
    links { type url }
    orderId
    payment { id status amount amountMoney { ${MONEY} } provider }
  }`;

const LIST = `query List($first: Int, $after: String, $filter: StateSetCheckoutFilter) {
  stateSetCheckouts(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${CHECKOUT_FIELDS} } }
  }
}`;

const IDS = `query Ids($first: Int, $after: String, $filter: StateSetCheckoutFilter) {
  stateSetCheckouts(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id providerId } }
  }
}`;

type Conn = {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage?: boolean; startCursor?: string | null; endCursor: string | null };
  edges: { cursor?: string; node: any }[];
};

const upper = (value: string) => value.toUpperCase();
const instant = (text: string) => `${text.slice(0, 19)}.000000Z`;

function money(minorUnits: number, lowerCurrency: string) {
  const currency = upper(lowerCurrency);
  const amount = currency === 'JPY' ? String(minorUnits) : (minorUnits / 100).toFixed(2);
  return { amount, currency, minorUnits };
}

/** The node as the normalisation contract and the field descriptions say it must look, from the raw object. */
function expected(raw: StateSetWireCheckout) {
  const total = raw.totals.find((t) => t.type === 'total');
  const status = { not_ready_for_payment: 'OPEN', ready_for_payment: 'OPEN', in_progress: 'PROCESSING', completed: 'COMPLETED', canceled: 'CANCELLED' }[
    raw.status
  ];
  const option = (o: NonNullable<StateSetWireCheckout['fulfillment_options']>[number]) => ({
    __typename: o.type === 'shipping' ? 'StateSetShippingOption' : 'StateSetDigitalOption',
    type: upper(o.type),
    id: o.id,
    title: o.title,
    subtitle: o.subtitle ?? null,
    subtotal: o.subtotal,
    tax: o.tax,
    total: o.total,
    totalMoney: money(o.total, raw.currency),
    ...(o.type === 'shipping'
      ? {
          carrier: o.carrier ?? null,
          earliestDeliveryTime: o.earliest_delivery_time ? instant(o.earliest_delivery_time) : null,
          latestDeliveryTime: o.latest_delivery_time ? instant(o.latest_delivery_time) : null,
        }
      : {}),
  });
  const selected = raw.fulfillment_options?.find((o) => o.id === raw.fulfillment_option_id);
  return {
    id: Buffer.from(`StateSetCheckout:${raw.id}`).toString('base64'),
    provider: 'STATESET',
    providerId: raw.id,
    status,
    providerStatus: raw.status,
    currency: upper(raw.currency),
    email: raw.buyer?.email ?? null,
    createdAt: instant(raw.created_at),
    updatedAt: instant(raw.updated_at),
    total: total ? money(total.amount, raw.currency) : null,
    stateSetStatus: upper(raw.status),
    buyer: raw.buyer
      ? { firstName: raw.buyer.first_name, lastName: raw.buyer.last_name, email: raw.buyer.email, phoneNumber: raw.buyer.phone_number ?? null }
      : null,
    paymentProvider: raw.payment_provider
      ? { provider: raw.payment_provider.provider, supportedPaymentMethods: raw.payment_provider.supported_payment_methods }
      : null,
    lineItems: raw.line_items.map((l) => ({
      id: l.id,
      item: l.item,
      baseAmount: l.base_amount,
      discount: l.discount,
      subtotal: l.subtotal,
      tax: l.tax,
      total: l.total,
      totalMoney: money(l.total, raw.currency),
    })),
    fulfillmentAddress: raw.fulfillment_address
      ? {
          name: raw.fulfillment_address.name,
          lineOne: raw.fulfillment_address.line_one,
          lineTwo: raw.fulfillment_address.line_two ?? null,
          city: raw.fulfillment_address.city,
          state: raw.fulfillment_address.state,
          country: raw.fulfillment_address.country,
          postalCode: raw.fulfillment_address.postal_code,
        }
      : null,
    fulfillmentOptions: raw.fulfillment_options?.map(option) ?? null,
    fulfillmentOptionId: raw.fulfillment_option_id ?? null,
    selectedFulfillmentOption: selected
      ? { __typename: selected.type === 'shipping' ? 'StateSetShippingOption' : 'StateSetDigitalOption', id: selected.id, type: upper(selected.type) }
      : null,
    totals: raw.totals.map((t) => ({ type: upper(t.type), displayText: t.display_text, amount: t.amount, money: money(t.amount, raw.currency) })),
    messages:
      raw.messages?.map((m) => ({
        __typename: m.type === 'error' ? 'StateSetErrorMessage' : 'StateSetInfoMessage',
        type: upper(m.type),
        param: m.param ?? null,
        contentType: upper(m.content_type),
        content: m.content,
        ...(m.type === 'error' ? { code: upper(m.code) } : {}),
      })) ?? null,
    links: raw.links?.map((l) => ({ type: upper(l.type), url: l.url })) ?? null,
    orderId: raw.order_id ?? null,
    payment: raw.payment
      ? {
          id: raw.payment.id,
          status: raw.payment.status,
          amount: raw.payment.amount,
          amountMoney: money(raw.payment.amount, raw.currency),
          provider: raw.payment.provider,
        }
      : null,
  };
}

let gw: TestGateway;
let data: StateSetWireCheckout[];

beforeAll(async () => {
  gw = await createTestGateway({ count: 250 });
  data = gw.sandboxes.stateset.data.checkouts;
});
afterAll(() => gw.close());

async function walk(filter: Record<string, unknown> | null, first = 100, document = IDS): Promise<{ nodes: any[]; pages: Conn[] }> {
  const nodes: any[] = [];
  const pages: Conn[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const { data: result, errors } = await gw.query<{ stateSetCheckouts: Conn }>(document, { first, after, filter });
    expect(errors).toBeUndefined();
    const conn: Conn = result!.stateSetCheckouts;
    pages.push(conn);
    nodes.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) return { nodes, pages };
    after = conn.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

const errorOf = (response: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => response.errors?.[0];

describe('Query.stateSetCheckouts', () => {
  it('walks to the end with every field as the data says', async () => {
    const { nodes, pages } = await walk(null, 100, LIST);
    expect(nodes.map((n) => n.providerId)).toEqual(data.map((c) => c.id));
    expect(nodes).toEqual(data.map(expected));
    expect(pages.map((p) => p.totalCount)).toEqual([data.length, data.length, data.length]);
    expect(pages.map((p) => p.edges.length)).toEqual([100, 100, 50]);
    expect(pages[0]!.pageInfo.hasPreviousPage).toBe(false);
    expect(pages[1]!.pageInfo.hasPreviousPage).toBe(true);
    // The data covers what the fields are for: ties, null totals, shipping and digital, error messages, payments.
    const all = JSON.stringify(nodes);
    for (const needle of ['StateSetDigitalOption', 'StateSetShippingOption', 'OUT_OF_STOCK', 'StateSetInfoMessage', '"payment":{', '"total":null']) {
      expect(all).toContain(needle);
    }
  });

  it('pages in small steps with resumable cursors (default page size 20)', async () => {
    const { data: first } = await gw.query<{ stateSetCheckouts: Conn }>(IDS, {});
    expect(first!.stateSetCheckouts.edges.map((e) => e.node.providerId)).toEqual(data.slice(0, 20).map((c) => c.id));
    const { nodes } = await walk(null, 7);
    expect(nodes.map((n) => n.providerId)).toEqual(data.map((c) => c.id));
  });

  it('filters by status, natively', async () => {
    for (const status of ['not_ready_for_payment', 'ready_for_payment', 'in_progress', 'completed', 'canceled'] as const) {
      const truth = data.filter((c) => c.status === status);
      const { nodes, pages } = await walk({ status: upper(status) });
      expect(nodes.map((n) => n.providerId)).toEqual(truth.map((c) => c.id));
      expect(pages[0]!.totalCount).toBe(truth.length);
    }
    const sent = gw.sandboxes.stateset.log.filter((r) => r.path === '/v1/checkouts' && r.query.get('status') === 'in_progress');
    expect(sent.length).toBeGreaterThan(0);
  });

  it('filters by buyer email (case-insensitive exact)', async () => {
    const email = data.map((c) => c.buyer?.email).find((e) => e && data.filter((c) => c.buyer?.email.toLowerCase() === e.toLowerCase()).length >= 2)!;
    const truth = data.filter((c) => c.buyer?.email.toLowerCase() === email.toLowerCase());
    const { nodes, pages } = await walk({ buyerEmail: ` ${email.toUpperCase()} ` });
    expect(nodes.map((n) => n.providerId)).toEqual(truth.map((c) => c.id));
    expect(pages[0]!.totalCount).toBe(truth.length);
  });

  it('filters by createdAfter / createdBefore, strictly, and all filters together', async () => {
    const after = instant(data[200]!.created_at);
    const before = instant(data[40]!.created_at);
    const inWindow = data.filter((c) => instant(c.created_at) > after && instant(c.created_at) < before);
    expect((await walk({ createdAfter: after, createdBefore: before })).nodes.map((n) => n.providerId)).toEqual(inWindow.map((c) => c.id));
    const offset = `${new Date(Date.parse(after) + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    expect((await walk({ createdAfter: offset })).nodes.map((n) => n.providerId)).toEqual(data.filter((c) => instant(c.created_at) > after).map((c) => c.id));
    const both = inWindow.filter((c) => c.status === 'completed');
    const { nodes, pages } = await walk({ createdAfter: after, createdBefore: before, status: 'COMPLETED' }, 5);
    expect(nodes.map((n) => n.providerId)).toEqual(both.map((c) => c.id));
    expect(pages[0]!.totalCount).toBe(both.length);
    const sent = gw.sandboxes.stateset.log.at(-1)!.query;
    expect(sent.get('created_after')).toBe(`${after.slice(0, 19)}Z`);
    expect(sent.get('limit')).toBe('100');
  });

  it('binds cursors to the filter they were issued for', async () => {
    const { data: page } = await gw.query<{ stateSetCheckouts: Conn }>(IDS, { first: 2, filter: { status: 'COMPLETED' } });
    const cursor = page!.stateSetCheckouts.pageInfo.endCursor;
    const reused = await gw.query(IDS, { first: 2, after: cursor, filter: { status: 'CANCELED' } });
    expect(errorOf(reused)?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers bad input with BAD_USER_INPUT', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['first over 100', { first: 101 }],
      ['negative first', { first: -1 }],
      ['a forged cursor', { after: 'not-a-cursor' }],
      ['an empty buyerEmail', { filter: { buyerEmail: '  ' } }],
      ['a DateTime without zone', { filter: { createdAfter: '2025-01-01T00:00:00' } }],
    ];
    for (const [name, variables] of cases) {
      const response = await gw.query(IDS, variables);
      expect(errorOf(response)?.extensions?.code, name).toBe('BAD_USER_INPUT');
    }
    const backward = await gw.query('{ stateSetCheckouts(last: 5) { edges { cursor } } }');
    expect(errorOf(backward)?.message).toContain('last');
  });

  it('surfaces an upstream failure as a typed error', async () => {
    gw.sandboxes.stateset.knobs.faults.push({
      kind: 'response',
      response: { status: 401, body: { error: { code: 'INVALID_API_KEY', message: 'The API key provided is invalid.', type: 'authentication_error' } } },
    });
    const response = await gw.query(IDS, { first: 3, filter: { buyerEmail: 'fault@example.com' } });
    expect(errorOf(response)?.extensions).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', provider: 'STATESET' });
    expect(errorOf(response)?.message).toContain('INVALID_API_KEY');
    expect(errorOf(response)?.message).not.toContain(gw.sandboxes.stateset.config.apiKey);
  });
});

describe('StateSetCheckout nodes', () => {
  const NODE = `query Node($id: ID!) { node(id: $id) { ... on Checkout { ${CHECKOUT_FIELDS} } } }`;
  const NODES = `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ... on StateSetCheckout { providerId status } } }`;
  const globalId = (id: string) => Buffer.from(`StateSetCheckout:${id}`).toString('base64');
  const retrieves = () => gw.sandboxes.stateset.log.filter((r) => r.path.startsWith('/v1/checkouts/'));

  it('round-trips through the global id', async () => {
    const { data: page } = await gw.query<{ stateSetCheckouts: Conn }>(IDS, { first: 3, filter: { status: 'COMPLETED' } });
    for (const edge of page!.stateSetCheckouts.edges) {
      const { data: found, errors } = await gw.query<{ node: any }>(NODE, { id: edge.node.id });
      expect(errors).toBeUndefined();
      expect(found!.node).toEqual(expected(data.find((c) => c.id === edge.node.providerId)!));
    }
    const { data: missing } = await gw.query<{ node: unknown }>(NODE, { id: globalId('checkout_notThere0000000') });
    expect(missing!.node).toBeNull();
  });

  it('loads nodes through one per-request loader: duplicates and repeats cost one request each id', async () => {
    const [a, b, c] = [data[101]!, data[102]!, data[103]!];
    const before = retrieves().length;
    const { data: found, errors } = await gw.query<{ nodes: any[] }>(NODES, { ids: [a.id, b.id, a.id, c.id, 'checkout_nope0000000000'].map(globalId) });
    expect(errors).toBeUndefined();
    expect(found!.nodes).toEqual([
      { providerId: a.id, status: expected(a).status },
      { providerId: b.id, status: expected(b).status },
      { providerId: a.id, status: expected(a).status },
      { providerId: c.id, status: expected(c).status },
      null,
    ]);
    const sent = retrieves()
      .slice(before)
      .map((r) => r.path);
    expect(sent.sort()).toEqual([a.id, b.id, c.id, 'checkout_nope0000000000'].map((id) => `/v1/checkouts/${id}`).sort());

    // Aliased lookups of one id in one request share the loader (and the adapter's own de-duplication).
    const d = data[104]!;
    const beforeAliases = retrieves().length;
    const { data: aliased } = await gw.query<{ x: any; y: any; z: any }>(
      `query($id: ID!) { x: node(id: $id) { id } y: node(id: $id) { ... on StateSetCheckout { providerId } } z: nodes(ids: [$id]) { id } }`,
      { id: globalId(d.id) },
    );
    expect(aliased!.x.id).toBe(globalId(d.id));
    expect(aliased!.y.providerId).toBe(d.id);
    expect(retrieves().length - beforeAliases).toBe(1);
  });

  it('resolves the selected fulfilment option inside the session, without a request', async () => {
    const withOption = data.find((c) => c.fulfillment_option_id && c.fulfillment_options && c.fulfillment_options.length > 1)!;
    const before = gw.sandboxes.stateset.log.length;
    const { data: found } = await gw.query<{ node: any }>(
      `query($id: ID!) { node(id: $id) { ... on StateSetCheckout { fulfillmentOptionId selectedFulfillmentOption { id title totalMoney { ${MONEY} } } } } }`,
      { id: globalId(withOption.id) },
    );
    const option = withOption.fulfillment_options!.find((o) => o.id === withOption.fulfillment_option_id)!;
    expect(found!.node).toEqual({
      fulfillmentOptionId: option.id,
      selectedFulfillmentOption: { id: option.id, title: option.title, totalMoney: money(option.total, withOption.currency) },
    });
    expect(gw.sandboxes.stateset.log.length - before).toBeLessThanOrEqual(1);
  });
});

describe('StateSet in the merged connection', () => {
  const MERGED = `query Merged($first: Int, $after: String, $last: Int, $before: String, $filter: CheckoutFilter) {
    checkouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { providerId provider status currency } }
    }
  }`;

  it('pages StateSet backward from the end to the start (pageBefore through the whole stack)', async () => {
    const ids: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const { data: result, errors } = await gw.query<{ checkouts: Conn }>(MERGED, { last: 60, before, filter: { providers: ['STATESET'] } });
      expect(errors).toBeUndefined();
      const conn: Conn = result!.checkouts;
      ids.unshift(...conn.edges.map((e) => e.node.providerId));
      if (!conn.pageInfo.hasPreviousPage) break;
      before = conn.pageInfo.startCursor!;
    }
    expect(ids).toEqual(data.map((c) => c.id));
  });

  it('applies what StateSet cannot filter (OPEN, currency) in the gateway, with a null total', async () => {
    const truth = data.filter((c) => (c.status === 'ready_for_payment' || c.status === 'not_ready_for_payment') && ['usd', 'eur'].includes(c.currency));
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount: number | null | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const { data: result, errors } = await gw.query<{ checkouts: Conn }>(MERGED, {
        first: 25,
        after,
        filter: { providers: ['STATESET'], status: ['OPEN'], currency: ['USD', 'EUR'] },
      });
      expect(errors).toBeUndefined();
      const conn: Conn = result!.checkouts;
      totalCount = conn.totalCount;
      ids.push(...conn.edges.map((e) => e.node.providerId));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(ids).toEqual(truth.map((c) => c.id));
    expect(totalCount).toBeNull();
  });

  it('pushes a single-status filter down and keeps the upstream total exact', async () => {
    const truth = data.filter((c) => c.status === 'canceled');
    const { data: result } = await gw.query<{ checkouts: Conn }>(MERGED, { first: 100, filter: { providers: ['STATESET'], status: ['CANCELLED'] } });
    expect(result!.checkouts.edges.map((e) => e.node.providerId)).toEqual(truth.map((c) => c.id));
    // Exact only because the status went upstream (a gateway-side filter makes it null, as above).
    expect(result!.checkouts.totalCount).toBe(truth.length);
  });
});

describe('a gateway without StateSet', () => {
  it('says STATESET is not enabled', async () => {
    const other = await createTestGateway({ providers: ['zenskar'], count: 5 });
    try {
      const response = await other.query(IDS, { first: 1 });
      expect(errorOf(response)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errorOf(response)?.message).toBe('STATESET is not enabled on this gateway');
    } finally {
      await other.close();
    }
  });
});
