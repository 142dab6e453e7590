/**
 * `Query.zenskarCheckouts`, `ZenskarCheckout` and its customer end to end: yoga.fetch → pagination engine → Zenskar
 * adapter → sandbox. The truth is the sandbox's seeded data.
 */
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { naiveFromMicros, type ZenskarSessionRow } from '../src/providers/zenskar/sandbox/data.js';
import { encodeGlobalId } from '../src/schema/global-id.js';
import { getSchema } from '../src/schema/index.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const MONEY = 'amount currency minorUnits';
const CHECKOUT_FIELDS = `
  id provider providerId status providerStatus currency email createdAt updatedAt
  total { ${MONEY} }
  ... on ZenskarCheckout {
    checkoutSessionStatus paymentStatus guestCheckout displayCurrency contractId executionId customerId
    businessEntityId paymentIntentId confirmedAt paidAt completedAt expiresAt lastActivityAt cancelledAt idempotencyKey
    correlationId successUrl cancelUrl pendingUrl customData
    contract { currency isPlanBased planId startDate phases { name startDate endDate pricings { productId pricingId quantity } } }
    estimates {
      estimationId amountDue amountDueMoney { ${MONEY} } creditNotes
      currentInvoice { id invoiceNumber status features subtotal subtotalMoney { ${MONEY} } total totalMoney { ${MONEY} }
        customer { customerId customerName }
        lineItems { name quantity unitPrice unitPriceMoney { ${MONEY} } amount amountMoney { ${MONEY} } } }
      futureInvoices { invoiceNumber total lineItems { name amount } }
    }
    customerData { customerName email phoneNumber externalId address { line1 line2 line3 city state zipCode country countryCode } }
    cancellationDetails { reasonType reason referenceId cancelledAt }
  }`;

const LIST = `query List($first: Int, $after: String, $last: Int, $before: String, $filter: ZenskarCheckoutFilter) {
  zenskarCheckouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${CHECKOUT_FIELDS} } }
  }
}`;

const IDS = `query Ids($first: Int, $after: String, $last: Int, $before: String, $filter: ZenskarCheckoutFilter) {
  zenskarCheckouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { providerId } }
  }
}`;

type Conn = {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: any }[];
};

let gw: TestGateway;

beforeAll(async () => {
  gw = await createTestGateway({ count: 250, providers: ['zenskar'] });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.sandboxes.zenskar.log.length = 0;
});

const data = () => gw.sandboxes.zenskar.data;
const live = () => data().sessions.filter((r) => !r.deleted);
const newestFirst = (rows: ZenskarSessionRow[]) => [...rows].reverse().map((r) => r.id);
const instant = (micros: number) => `${naiveFromMicros(micros).slice(0, 19)}.${String(micros % 1_000_000).padStart(6, '0')}Z`;
const canonical = (naive: string | null | undefined) => {
  if (!naive) return null;
  const [whole, frac = ''] = naive.split('.');
  return `${whole}.${frac.padEnd(6, '0')}Z`;
};

async function query<T = any>(document: string, variables: Record<string, unknown> = {}) {
  const result = await gw.query<T>(document, variables);
  return result;
}

async function page(variables: Record<string, unknown>, document = IDS): Promise<Conn> {
  const result = await query<{ zenskarCheckouts: Conn }>(document, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.zenskarCheckouts;
}

/** The whole connection, forward with first: 100. */
async function walkForward(filter?: Record<string, unknown>, document = IDS): Promise<{ nodes: any[]; pages: Conn[] }> {
  const pages: Conn[] = [];
  let after: string | null = null;
  do {
    const p = await page({ first: 100, after, filter }, document);
    pages.push(p);
    after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
  } while (after);
  return { nodes: pages.flatMap((p) => p.edges.map((e) => e.node)), pages };
}

const STATUS: Record<string, string> = { open: 'OPEN', processing: 'PROCESSING', completed: 'COMPLETED', cancelled: 'CANCELLED', closed: 'EXPIRED' };

function money(major: number | undefined | null, currency: string) {
  if (major === undefined || major === null) return null;
  const exponent = currency === 'JPY' ? 0 : currency === 'BHD' ? 3 : 2;
  const minorUnits = Math.round(major * 10 ** exponent);
  return { amount: (minorUnits / 10 ** exponent).toFixed(exponent), currency, minorUnits };
}

describe('zenskarCheckouts', () => {
  it('walks forward to the end: every live session once, newest first, with the normalised and Zenskar fields', async () => {
    const { nodes, pages } = await walkForward(undefined, LIST);
    expect(nodes.map((n) => n.providerId)).toEqual(newestFirst(live()));
    expect(pages.at(-1)?.pageInfo.hasNextPage).toBe(false);
    expect(pages[0]?.pageInfo.hasPreviousPage).toBe(false);
    expect(pages.every((p) => p.totalCount === live().length)).toBe(true);
    for (const node of nodes) {
      const s = (data().sessionsById.get(node.providerId) as ZenskarSessionRow).session;
      expect(node).toMatchObject({
        provider: 'ZENSKAR',
        status: STATUS[s.checkout_session_status],
        providerStatus: s.checkout_session_status,
        currency: s.currency,
        email: s.customer_data?.email ?? null,
        createdAt: canonical(s.created_at),
        updatedAt: canonical(s.updated_at),
        total: money(s.estimates?.amount_due, s.currency as string),
        checkoutSessionStatus: s.checkout_session_status.toUpperCase(),
        paymentStatus: s.payment_status.toUpperCase(),
        guestCheckout: s.guest_checkout,
        customerId: s.customer_id ?? null,
        confirmedAt: canonical(s.confirmed_at),
        paidAt: canonical(s.paid_at),
        expiresAt: canonical(s.expires_at),
        successUrl: s.success_url,
        pendingUrl: s.pending_url ?? null,
        customData: s.custom_data ? JSON.stringify(s.custom_data) : null,
        contract: { currency: s.contract?.currency, isPlanBased: s.contract?.is_plan_based, planId: s.contract?.plan_id ?? null },
      });
      expect(node.id).toBe(encodeGlobalId('ZenskarCheckout', s.id));
      if (s.estimates) {
        expect(node.estimates.amountDue).toBe(s.estimates.amount_due);
        expect(node.estimates.currentInvoice.lineItems.map((l: { amount: number }) => l.amount)).toEqual(
          s.estimates.current_invoice?.line_items?.map((l) => l.amount),
        );
        expect(node.estimates.currentInvoice.totalMoney).toEqual(money(s.estimates.current_invoice?.total, s.currency as string));
        expect(node.estimates.creditNotes).toBe('[]');
      } else expect(node.estimates).toBeNull();
      if (s.checkout_session_status === 'cancelled') {
        expect(node.cancellationDetails.reasonType).toBe(s.cancellation_details?.reason_type?.toUpperCase());
        expect(node.cancelledAt).toBe(canonical(s.cancelled_at));
      } else expect(node.cancellationDetails).toBeNull();
      if (s.contract?.phases) expect(node.contract.phases).toHaveLength(s.contract.phases.length);
    }
    // Data worth checking is there: guests, cancellations, product-based contracts, microsecond timestamps, JPY totals.
    expect(nodes.some((n) => n.guestCheckout && n.customerData?.email)).toBe(true);
    expect(nodes.some((n) => n.contract?.phases?.[0]?.pricings.length > 0)).toBe(true);
    expect(nodes.some((n) => !n.createdAt.endsWith('.000000Z'))).toBe(true);
    expect(nodes.some((n) => n.total?.currency === 'JPY')).toBe(true);
  });

  it('walks backward from the end with last/before to the start', async () => {
    const pages: Conn[] = [];
    let before: string | null = null;
    for (;;) {
      const p = await page({ last: 60, before });
      pages.unshift(p);
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.providerId))).toEqual(newestFirst(live()));
    expect(pages.at(-1)?.pageInfo.hasNextPage).toBe(false);
    // `last` without `before` reaches the end with one ascending request (end()), not a walk through the list.
    gw.sandboxes.zenskar.log.length = 0;
    const tail = await page({ last: 5 });
    expect(tail.edges.map((e) => e.node.providerId)).toEqual(newestFirst(live()).slice(-5));
    expect(gw.sandboxes.zenskar.log.length).toBeLessThanOrEqual(2);
  });

  it('pages forward then back with the same cursors', async () => {
    const first = await page({ first: 30 });
    const second = await page({ first: 30, after: first.pageInfo.endCursor });
    const back = await page({ last: 30, before: second.edges[0]?.cursor });
    expect(back.edges.map((e) => e.node.providerId)).toEqual(first.edges.map((e) => e.node.providerId));
    expect(second.edges.map((e) => e.node.providerId)).toEqual(newestFirst(live()).slice(30, 60));
  });
});

describe('ZenskarCheckoutFilter (each native filter against the data)', () => {
  const rows = () => live();
  const cases: [string, () => Record<string, unknown>, (r: ZenskarSessionRow) => boolean][] = [
    ['checkoutSessionStatus', () => ({ checkoutSessionStatus: ['CLOSED', 'CANCELLED'] }), (r) => r.status === 'closed' || r.status === 'cancelled'],
    ['paymentStatus', () => ({ paymentStatus: ['NOT_STARTED'] }), (r) => r.session.payment_status === 'not_started'],
    ['currency (any case)', () => ({ currency: ['usd', 'JPY'] }), (r) => r.currency === 'USD' || r.currency === 'JPY'],
    ['guestCheckout', () => ({ guestCheckout: true }), (r) => r.guest],
    ['customerIdIsNull', () => ({ customerIdIsNull: false }), (r) => !!r.session.customer_id],
    ['contractIdIsNull', () => ({ contractIdIsNull: false }), (r) => !!r.session.contract_id],
    ['executionIdIsNull', () => ({ executionIdIsNull: true }), (r) => !r.session.execution_id],
    ['paymentIntentIdIsNull', () => ({ paymentIntentIdIsNull: false }), (r) => !!r.session.payment_intent_id],
    ['confirmedAtIsNull', () => ({ confirmedAtIsNull: false }), (r) => r.t.confirmed_at !== null],
    ['paidAtIsNull', () => ({ paidAtIsNull: true }), (r) => r.t.paid_at === null],
    ['expiresAtIsNull', () => ({ expiresAtIsNull: true }), (r) => r.t.expires_at === null],
    ['amountDue', () => ({ amountDue: { gte: 100, lt: 1000 } }), (r) => r.amountDue !== null && r.amountDue >= 100 && r.amountDue < 1000],
    ['ids', () => ({ ids: [rows()[3]!.id, rows()[90]!.id.toUpperCase()] }), (r) => r.id === rows()[3]!.id || r.id === rows()[90]!.id],
    ['organisationIds', () => ({ organisationIds: [data().organisationId] }), () => true],
    [
      'customerIds',
      () => ({ customerIds: [rows().find((r) => r.session.customer_id)!.session.customer_id] }),
      (r) => r.session.customer_id === rows().find((x) => x.session.customer_id)!.session.customer_id,
    ],
    [
      'contractIds',
      () => ({ contractIds: [rows().find((r) => r.session.contract_id)!.session.contract_id] }),
      (r) => r.session.contract_id === rows().find((x) => x.session.contract_id)!.session.contract_id,
    ],
    ['businessEntityIds', () => ({ businessEntityIds: [data().businessEntityIds[1]] }), (r) => r.session.business_entity_id === data().businessEntityIds[1]],
    [
      'executionIds',
      () => ({ executionIds: [rows().find((r) => r.session.execution_id)!.session.execution_id] }),
      (r) => r.session.execution_id === rows().find((x) => x.session.execution_id)!.session.execution_id,
    ],
    [
      'paymentIntentId',
      () => ({ paymentIntentId: rows().find((r) => r.session.payment_intent_id)!.session.payment_intent_id }),
      (r) => r.session.payment_intent_id === rows().find((x) => x.session.payment_intent_id)!.session.payment_intent_id,
    ],
    [
      'idempotencyKey',
      () => ({ idempotencyKey: rows().find((r) => r.session.idempotency_key)!.session.idempotency_key }),
      (r) => r.session.idempotency_key === rows().find((x) => x.session.idempotency_key)!.session.idempotency_key,
    ],
    [
      'correlationId',
      () => ({ correlationId: rows().find((r) => r.session.correlation_id)!.session.correlation_id }),
      (r) => r.session.correlation_id === rows().find((x) => x.session.correlation_id)!.session.correlation_id,
    ],
    [
      'createdAt range (strict lower, inclusive upper, microseconds)',
      () => ({ createdAt: { gt: instant(rows()[50]!.createdMicros), lte: instant(rows()[200]!.createdMicros) } }),
      (r) => r.createdMicros > rows()[50]!.createdMicros && r.createdMicros <= rows()[200]!.createdMicros,
    ],
    ['updatedAt', () => ({ updatedAt: { gte: instant(rows()[120]!.createdMicros) } }), (r) => r.t.updated_at >= rows()[120]!.createdMicros],
    [
      'lastActivityAt',
      () => ({ lastActivityAt: { lt: instant(rows()[120]!.createdMicros) } }),
      (r) => r.t.last_activity_at !== null && r.t.last_activity_at < rows()[120]!.createdMicros,
    ],
    [
      'confirmedAt',
      () => ({ confirmedAt: { gt: instant(rows()[100]!.createdMicros) } }),
      (r) => r.t.confirmed_at !== null && r.t.confirmed_at > rows()[100]!.createdMicros,
    ],
    ['paidAt', () => ({ paidAt: { lte: instant(rows()[100]!.createdMicros) } }), (r) => r.t.paid_at !== null && r.t.paid_at <= rows()[100]!.createdMicros],
    [
      'expiresAt',
      () => ({ expiresAt: { gte: instant(rows()[150]!.createdMicros) } }),
      (r) => r.t.expires_at !== null && r.t.expires_at >= rows()[150]!.createdMicros,
    ],
    [
      'combined (AND)',
      () => ({ checkoutSessionStatus: ['COMPLETED'], currency: ['USD'], guestCheckout: false }),
      (r) => r.status === 'completed' && r.currency === 'USD' && !r.guest,
    ],
  ];

  it.each(cases)('%s', async (_name, filter, predicate) => {
    const { nodes, pages } = await walkForward(filter());
    const expected = newestFirst(rows().filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    expect(nodes.map((n) => n.providerId)).toEqual(expected);
    expect(pages[0]?.totalCount).toBe(expected.length);
  });

  it('soft-deleted sessions only when asked for', async () => {
    const deleted = newestFirst(data().sessions.filter((r) => r.deleted));
    expect(deleted.length).toBeGreaterThan(0);
    expect((await walkForward({ deletedAtIsNull: false })).nodes.map((n) => n.providerId)).toEqual(deleted);
    expect((await walkForward({ deletedAt: { gt: '2020-01-01T00:00:00Z' } })).nodes.map((n) => n.providerId)).toEqual(deleted);
  });

  it('an empty list matches nothing without asking Zenskar', async () => {
    const p = await page({ first: 10, filter: { checkoutSessionStatus: [] } });
    expect(p.edges).toEqual([]);
    expect(p.totalCount).toBe(0);
    expect(gw.sandboxes.zenskar.log).toHaveLength(0);
  });
});

describe('Zenskar in the merged checkouts connection', () => {
  const MERGED = `query Merged($first: Int, $after: String, $last: Int, $before: String, $filter: CheckoutFilter) {
    checkouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { providerId email } }
    }
  }`;

  async function merged(filter: Record<string, unknown>, direction: 'forward' | 'backward', size = 45): Promise<{ ids: string[]; first: any }> {
    const pages: any[] = [];
    let cursor: string | null = null;
    for (;;) {
      const vars: Record<string, unknown> = direction === 'forward' ? { first: size, after: cursor, filter } : { last: size, before: cursor, filter };
      const result = await query<{ checkouts: Conn }>(MERGED, vars);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const conn: Conn = result.data!.checkouts;
      if (direction === 'forward') pages.push(conn);
      else pages.unshift(conn);
      const more = direction === 'forward' ? conn.pageInfo.hasNextPage : conn.pageInfo.hasPreviousPage;
      if (!more) break;
      cursor = direction === 'forward' ? conn.pageInfo.endCursor : conn.pageInfo.startCursor;
    }
    return { ids: pages.flatMap((p) => p.edges.map((e: { node: { providerId: string } }) => e.node.providerId)), first: pages[0] };
  }

  it('status, currency and the created window are pushed down; both directions match the data', async () => {
    const rows = live();
    const after = rows[20] as ZenskarSessionRow;
    const before = rows[230] as ZenskarSessionRow;
    const filter = {
      status: ['OPEN', 'EXPIRED', 'COMPLETED'],
      currency: ['USD', 'EUR', 'GBP'],
      createdAfter: instant(after.createdMicros),
      createdBefore: instant(before.createdMicros),
    };
    const expected = newestFirst(
      rows.filter(
        (r) =>
          ['open', 'closed', 'completed'].includes(r.status) &&
          ['USD', 'EUR', 'GBP'].includes(r.currency) &&
          r.createdMicros > after.createdMicros &&
          r.createdMicros < before.createdMicros,
      ),
    );
    const forward = await merged(filter, 'forward');
    expect(forward.ids).toEqual(expected);
    expect(forward.first.totalCount).toBe(expected.length);
    expect((await merged(filter, 'backward')).ids).toEqual(expected);
    const sent = gw.sandboxes.zenskar.log[0]?.query;
    expect(sent?.get('checkout_session_status__in')?.split(',').sort()).toEqual(['closed', 'completed', 'open']);
    expect(sent?.get('created_at__gt')).toBe(naiveFromMicros(after.createdMicros));
  });

  it('email is matched in the gateway, case-insensitively; the total is then unknown', async () => {
    const target = live().find((r) => /[A-Z]/.test(r.session.customer_data?.email ?? '')) as ZenskarSessionRow;
    const email = target.session.customer_data?.email as string;
    const expected = newestFirst(live().filter((r) => r.session.customer_data?.email?.toLowerCase() === email.toLowerCase()));
    const forward = await merged({ email: email.toUpperCase() }, 'forward', 3);
    expect(forward.ids).toEqual(expected);
    expect(forward.ids).toContain(target.id);
    expect(forward.first.totalCount).toBeNull();
    expect(gw.sandboxes.zenskar.log.every((r) => !r.query.has('email'))).toBe(true);
  });
});

describe('node, nodes and relationships', () => {
  const NODE = `query Node($id: ID!) { node(id: $id) { id ... on ZenskarCheckout { providerId checkoutSessionStatus total { amount } } } }`;
  const NODES = `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on ZenskarCheckout { providerId } } }`;

  it('node(id) round-trips the global id of a connection edge', async () => {
    const first = await page({ first: 3 }, LIST);
    const node = first.edges[1]?.node;
    gw.sandboxes.zenskar.log.length = 0;
    const result = await query(NODE, { id: node.id });
    expect(result.errors).toBeUndefined();
    expect(result.data.node).toEqual({
      id: node.id,
      providerId: node.providerId,
      checkoutSessionStatus: node.checkoutSessionStatus,
      total: node.total && { amount: node.total.amount },
    });
    expect(gw.sandboxes.zenskar.log.map((r) => r.path)).toEqual(['/checkout']);
    expect(gw.sandboxes.zenskar.log[0]?.query.get('id__in')).toBe(node.providerId);
  });

  it('nodes(ids) batches Zenskar ids into one id__in request, null for unknown or deleted ids', async () => {
    const ids = live()
      .slice(10, 15)
      .map((r) => r.id);
    const deleted = data().sessions.find((r) => r.deleted)!.id;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const globals = [...ids, unknown, deleted].map((id) => encodeGlobalId('ZenskarCheckout', id));
    const result = await query(NODES, { ids: globals });
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes.map((n: { providerId: string } | null) => n?.providerId ?? null)).toEqual([...ids, null, null]);
    expect(gw.sandboxes.zenskar.log).toHaveLength(1);
    expect(gw.sandboxes.zenskar.log[0]?.query.get('id__in')?.split(',').sort()).toEqual([...ids, unknown, deleted].sort());
  });

  it('customers load in one batched request for a whole page, null for guests', async () => {
    const CUSTOMERS = `query { zenskarCheckouts(first: 80) { edges { node { ... on ZenskarCheckout { providerId customerId
      customer { id externalId customerName email phoneNumber communicationsEnabled autoChargeEnabled customData customAttributes invoiceDetails
        createdAt updatedAt address { line1 city zipCode countryCode } shipToAddress { city } taxInfo { taxType taxId } contacts { id name email } } } } } } }`;
    const result = await query(CUSTOMERS);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const nodes = result.data.zenskarCheckouts.edges.map((e: { node: any }) => e.node);
    const customerIds = new Set(nodes.map((n: any) => n.customerId).filter(Boolean));
    expect(customerIds.size).toBeGreaterThan(5);
    const customerRequests = gw.sandboxes.zenskar.log.filter((r) => r.path.startsWith('/customers'));
    expect(customerRequests).toHaveLength(1);
    expect(customerRequests[0]?.query.get('id__in')?.split(',').sort()).toEqual([...customerIds].sort());
    for (const node of nodes) {
      if (!node.customerId) {
        expect(node.customer).toBeNull();
        continue;
      }
      const c = data().customersById.get(node.customerId)!.customer;
      expect(node.customer).toMatchObject({
        id: c.id,
        externalId: c.external_id ?? null,
        customerName: c.customer_name,
        email: c.email ?? null,
        communicationsEnabled: c.communications_enabled,
        customData: JSON.stringify(c.custom_data),
        invoiceDetails: c.invoice_details ? JSON.stringify(c.invoice_details) : null,
        createdAt: canonical(c.created_at),
        taxInfo: (c.tax_info ?? []).map((x) => ({ taxType: x.tax_type, taxId: x.tax_id })),
      });
    }
  });
});

describe('bad input and failures', () => {
  const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

  it('BAD_USER_INPUT for page sizes, mixed directions, malformed filter ids and codes, zone-less DateTimes', async () => {
    expect(code(await query(IDS, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(code(await query(IDS, { first: 5, last: 5 }))).toBe('BAD_USER_INPUT');
    const badId = await query(IDS, { first: 5, filter: { ids: ['checkout_1'] } });
    expect(code(badId)).toBe('BAD_USER_INPUT');
    expect(badId.errors?.[0]?.message).toContain('filter.ids');
    expect(code(await query(IDS, { first: 5, filter: { currency: ['US,D'] } }))).toBe('BAD_USER_INPUT');
    expect(code(await query(IDS, { first: 5, filter: { createdAt: { gt: '2025-01-01T00:00:00' } } }))).toBe('BAD_USER_INPUT');
    expect(gw.sandboxes.zenskar.log).toHaveLength(0);
  });

  it('a cursor only works with the filter it was issued for', async () => {
    const first = await page({ first: 5, filter: { guestCheckout: true } });
    const misuse = await query(IDS, { first: 5, after: first.pageInfo.endCursor, filter: { guestCheckout: false } });
    expect(code(misuse)).toBe('BAD_USER_INPUT');
    const tampered = await query(IDS, { first: 5, after: `${first.pageInfo.endCursor}x` });
    expect(code(tampered)).toBe('BAD_USER_INPUT');
  });

  it('a malformed upstream payload is UPSTREAM_BAD_RESPONSE', async () => {
    gw.sandboxes.zenskar.knobs.faults.push({ kind: 'response', response: { status: 200, body: { results: [{ id: 1 }], next: null } } });
    const result = await query(IDS, { first: 7, filter: { currency: ['CAD'] } });
    expect(code(result)).toBe('UPSTREAM_BAD_RESPONSE');
    expect(result.errors?.[0]?.extensions?.provider).toBe('ZENSKAR');
  });

  it('ZENSKAR not configured → BAD_USER_INPUT', async () => {
    const other = await createTestGateway({ count: 5, providers: ['stateset'] });
    try {
      const result = await other.query(IDS, { first: 1 });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toBe('ZENSKAR is not enabled on this gateway');
    } finally {
      await other.close();
    }
  });
});

describe('schema', () => {
  it('every Zenskar type, field, argument and enum value has a description', () => {
    const missing: string[] = [];
    const zenskarTypes = Object.values(getSchema().getTypeMap()).filter((t) => t.name.startsWith('Zenskar'));
    expect(zenskarTypes.length).toBeGreaterThan(15);
    for (const type of zenskarTypes) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    const field = getSchema().getQueryType()?.getFields().zenskarCheckouts;
    for (const arg of field?.args ?? []) if (!arg.description) missing.push(`Query.zenskarCheckouts(${arg.name})`);
    if (!field?.description) missing.push('Query.zenskarCheckouts');
    expect(missing).toEqual([]);
  });

  it('ZenskarCheckout implements Checkout and Node', () => {
    const type = getSchema().getType('ZenskarCheckout');
    expect(isObjectType(type)).toBe(true);
    if (isObjectType(type))
      expect(
        type
          .getInterfaces()
          .map((i) => i.name)
          .sort(),
      ).toEqual(['Checkout', 'Node']);
  });
});
