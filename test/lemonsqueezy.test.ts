/**
 * `Query.lemonSqueezyCheckouts`, `LemonSqueezyCheckout` and its store/variant end to end: yoga.fetch → pagination
 * engine → Lemon Squeezy adapter → sandbox. The truth is the sandbox's seeded data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantFromDate } from '../src/instant.js';
import type { LemonCheckoutRecord } from '../src/providers/lemonsqueezy/sandbox/data.js';
import { createSandboxHandler } from '../src/providers/lemonsqueezy/sandbox/server.js';
import { createTestGateway, type TestGateway } from './helpers.js';

const CHECKOUT_FIELDS = `
  id provider providerId status providerStatus currency email createdAt updatedAt
  total { amount currency minorUnits }
  ... on LemonSqueezyCheckout {
    storeId variantId customPrice customPriceMoney { amount currency minorUnits } expiresAt testMode url
    productOptions { name description media redirectUrl receiptButtonText receiptLinkUrl receiptThankYouNote enabledVariants
      confirmationTitle confirmationMessage confirmationButtonText }
    checkoutOptions { embed media logo desc discount skipTrial subscriptionPreview dark quantity buttonColor backgroundColor
      headingsColor primaryTextColor secondaryTextColor linksColor bordersColor checkboxColor activeStateColor buttonTextColor
      termsPrivacyColor }
    checkoutData { email name billingAddress { country zip } taxNumber discountCode custom variantQuantities { variantId quantity } }
    preview { total }
  }`;

const LIST = `query List($first: Int, $after: String, $last: Int, $before: String, $filter: LemonSqueezyCheckoutFilter) {
  lemonSqueezyCheckouts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${CHECKOUT_FIELDS} } }
  }
}`;

const RELATED = `query Related($first: Int, $filter: LemonSqueezyCheckoutFilter) {
  lemonSqueezyCheckouts(first: $first, filter: $filter) {
    edges { node {
      providerId
      store { id name slug currency country totalRevenue createdAt }
      variant { id productId name price isSubscription interval payWhatYouWant links { title url } status createdAt }
    } }
  }
}`;

type Conn = {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: any }[];
};

const blank = (text: string | null | undefined) => (text ? text : null);

/** The node as the normalisation contract and the field descriptions say it must look, from the raw record. */
function expected(record: LemonCheckoutRecord, now: string) {
  const a = record.attributes;
  const currency = record.store.attributes.currency;
  const minor = a.custom_price ?? record.variant.attributes.price;
  const expired = a.expires_at !== null && a.expires_at <= now;
  const o = a.checkout_options as Record<string, unknown>;
  const p = a.product_options!;
  const d = a.checkout_data!;
  return {
    provider: 'LEMON_SQUEEZY',
    providerId: record.id,
    status: expired ? 'EXPIRED' : 'OPEN',
    providerStatus: expired ? 'expired' : 'open',
    currency,
    email: blank(d.email),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    total: { amount: currency === 'JPY' ? String(minor) : (minor / 100).toFixed(2), currency, minorUnits: minor },
    storeId: record.store.id,
    variantId: record.variant.id,
    customPrice: a.custom_price,
    customPriceMoney:
      a.custom_price === null
        ? null
        : { amount: currency === 'JPY' ? String(a.custom_price) : (a.custom_price / 100).toFixed(2), currency, minorUnits: a.custom_price },
    expiresAt: a.expires_at,
    testMode: a.test_mode,
    url: a.url,
    productOptions: {
      name: blank(p.name),
      description: blank(p.description),
      media: p.media,
      redirectUrl: blank(p.redirect_url),
      receiptButtonText: blank(p.receipt_button_text),
      receiptLinkUrl: blank(p.receipt_link_url),
      receiptThankYouNote: blank(p.receipt_thank_you_note),
      enabledVariants: p.enabled_variants,
      confirmationTitle: blank(p.confirmation_title),
      confirmationMessage: blank(p.confirmation_message),
      confirmationButtonText: blank(p.confirmation_button_text),
    },
    checkoutOptions: {
      embed: o.embed,
      media: o.media,
      logo: o.logo,
      desc: o.desc,
      discount: o.discount,
      skipTrial: o.skip_trial,
      subscriptionPreview: o.subscription_preview,
      dark: o.dark ?? null,
      quantity: o.quantity,
      buttonColor: o.button_color ?? null,
      backgroundColor: o.background_color ?? null,
      headingsColor: o.headings_color ?? null,
      primaryTextColor: o.primary_text_color ?? null,
      secondaryTextColor: o.secondary_text_color ?? null,
      linksColor: o.links_color ?? null,
      bordersColor: o.borders_color ?? null,
      checkboxColor: o.checkbox_color ?? null,
      activeStateColor: o.active_state_color ?? null,
      buttonTextColor: o.button_text_color ?? null,
      termsPrivacyColor: o.terms_privacy_color ?? null,
    },
    checkoutData: {
      email: blank(d.email),
      name: blank(d.name),
      billingAddress: Array.isArray(d.billing_address) ? null : d.billing_address,
      taxNumber: blank(d.tax_number),
      discountCode: blank(d.discount_code),
      custom: JSON.stringify(Array.isArray(d.custom) ? {} : d.custom),
      variantQuantities: (d.variant_quantities ?? []).map((q) => ({ variantId: q.variant_id, quantity: q.quantity })),
    },
    preview: null,
  };
}

describe('Lemon Squeezy through GraphQL', () => {
  let gw: TestGateway;
  let records: LemonCheckoutRecord[];
  const lemonRequests = (path: RegExp) => gw.sandboxes.lemonsqueezy.log.filter((r) => path.test(r.path)).length;

  async function list(variables: Record<string, unknown>): Promise<Conn> {
    const { data, errors } = await gw.query(LIST, variables);
    expect(errors).toBeUndefined();
    return data.lemonSqueezyCheckouts as Conn;
  }

  async function walk(filter: Record<string, unknown> | undefined, size: number, direction: 'forward' | 'backward') {
    const nodes: any[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const conn: Conn = await list(direction === 'forward' ? { first: size, after: cursor, filter } : { last: size, before: cursor, filter });
      const page = conn.edges.map((e) => e.node);
      if (direction === 'forward') nodes.push(...page);
      else nodes.unshift(...page);
      const more = direction === 'forward' ? conn.pageInfo.hasNextPage : conn.pageInfo.hasPreviousPage;
      if (!more) return { nodes, last: conn };
      cursor = direction === 'forward' ? conn.pageInfo.endCursor : conn.pageInfo.startCursor;
    }
    throw new Error('walk did not end');
  }

  beforeAll(async () => {
    gw = await createTestGateway({ count: 250, providers: ['lemonsqueezy'] });
    records = gw.sandboxes.lemonsqueezy.data.checkouts;
  });
  afterAll(() => gw?.close());

  it('walks the connection forward to the end, every field matching the upstream object', async () => {
    const now = instantFromDate(new Date());
    const { nodes, last } = await walk(undefined, 100, 'forward');
    expect(nodes.map((n) => n.providerId)).toEqual(records.map((r) => r.id));
    nodes.forEach((node, i) => {
      expect(node).toEqual({ id: expect.any(String), ...expected(records[i]!, now) });
    });
    expect(last.totalCount).toBe(250);
    expect(new Set(nodes.map((n) => n.status))).toEqual(new Set(['OPEN', 'EXPIRED']));
    expect(new Set(nodes.map((n) => n.currency))).toEqual(new Set(['USD', 'EUR', 'GBP', 'JPY', 'CAD']));
  });

  it('walks backward from the end to the start in pages of 30', async () => {
    const { nodes } = await walk(undefined, 30, 'backward');
    expect(nodes.map((n) => n.providerId)).toEqual(records.map((r) => r.id));
  });

  it('resumes exactly from any edge cursor in both directions', async () => {
    const page = await list({ first: 100, after: null });
    const cursor = page.edges[57]!.cursor;
    const after = await list({ first: 10, after: cursor });
    expect(after.edges.map((e) => e.node.providerId)).toEqual(records.slice(58, 68).map((r) => r.id));
    expect(after.pageInfo.hasPreviousPage).toBe(true);
    const before = await list({ last: 10, before: cursor });
    expect(before.edges.map((e) => e.node.providerId)).toEqual(records.slice(47, 57).map((r) => r.id));
    const tail = await list({ last: 7 });
    expect(tail.edges.map((e) => e.node.providerId)).toEqual(records.slice(-7).map((r) => r.id));
    expect(tail.pageInfo.hasNextPage).toBe(false);
  });

  it('applies storeId and variantId upstream, with exact totals', async () => {
    const { stores, variants } = gw.sandboxes.lemonsqueezy.data;
    const jpy = stores.find((s) => s.attributes.currency === 'JPY')!;
    const byStore = await walk({ storeId: jpy.id }, 100, 'forward');
    const storeTruth = records.filter((r) => r.store.id === jpy.id);
    expect(byStore.nodes.map((n) => n.providerId)).toEqual(storeTruth.map((r) => r.id));
    expect(byStore.last.totalCount).toBe(storeTruth.length);
    expect(byStore.nodes.every((n) => n.total.currency === 'JPY' && !n.total.amount.includes('.'))).toBe(true);
    expect(gw.sandboxes.lemonsqueezy.log.at(-1)!.query.get('filter[store_id]')).toBe(String(jpy.id));

    const variant = variants[0]!;
    const byVariant = await walk({ variantId: variant.id }, 100, 'backward');
    expect(byVariant.nodes.map((n) => n.providerId)).toEqual(records.filter((r) => r.variant.id === variant.id).map((r) => r.id));
    const both = await list({ first: 5, filter: { storeId: jpy.id, variantId: variant.id } });
    expect([both.totalCount, both.edges]).toEqual([0, []]);
  });

  it('resolves store and variant from the page’s included objects at no extra upstream cost', async () => {
    const stores = lemonRequests(/^\/v1\/(stores|variants)\//);
    const pages = lemonRequests(/^\/v1\/checkouts$/);
    const { data, errors } = await gw.query(RELATED, { first: 100, filter: { variantId: gw.sandboxes.lemonsqueezy.data.variants[3]!.id } });
    expect(errors).toBeUndefined();
    const nodes = data.lemonSqueezyCheckouts.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const record = gw.sandboxes.lemonsqueezy.data.checkoutsById.get(node.providerId)!;
      expect(node.store).toEqual({
        id: String(record.store.id),
        name: record.store.attributes.name,
        slug: record.store.attributes.slug,
        currency: record.store.attributes.currency,
        country: record.store.attributes.country,
        totalRevenue: record.store.attributes.total_revenue,
        createdAt: record.store.attributes.created_at,
      });
      expect(node.variant).toMatchObject({ id: String(record.variant.id), price: record.variant.attributes.price, name: record.variant.attributes.name });
    }
    expect(lemonRequests(/^\/v1\/(stores|variants)\//)).toBe(stores);
    expect(lemonRequests(/^\/v1\/checkouts$/)).toBe(pages + 1);
  });

  it('loads stores and variants once per distinct id when a page comes without included objects', async () => {
    const data = gw.sandboxes.lemonsqueezy.data;
    const store = data.stores[1]!;
    // The next upstream answer is the same page without `included`, as if the upstream ignored `include`.
    const bare = createSandboxHandler(data)(
      {
        method: 'GET',
        path: '/v1/checkouts',
        query: new URLSearchParams({ 'filter[store_id]': String(store.id), 'page[number]': '1', 'page[size]': '100' }),
        headers: { authorization: `Bearer ${gw.sandboxes.lemonsqueezy.config.apiKey}` },
      },
      { origin: gw.sandboxes.lemonsqueezy.origin },
    );
    expect((bare.body as { included?: unknown }).included).toBeUndefined();
    gw.sandboxes.lemonsqueezy.knobs.faults.push({ kind: 'response', response: bare });
    const before = gw.sandboxes.lemonsqueezy.log.length;
    const result = await gw.query(
      `query($filter: LemonSqueezyCheckoutFilter) { lemonSqueezyCheckouts(first: 100, filter: $filter) {
        edges { node { providerId currency total { amount } customPriceMoney { amount currency } store { id currency } variant { id price } } } } }`,
      { filter: { storeId: store.id } },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data.lemonSqueezyCheckouts.edges.map((e: any) => e.node);
    const truth = data.byStore.get(store.id)!;
    expect(nodes.map((n: any) => n.providerId)).toEqual(truth.map((r) => r.id));
    // Without the included store the normalised currency and total are unknown, but the relationship still resolves.
    expect(nodes.every((n: any) => n.currency === null && n.total === null && n.store.currency === store.attributes.currency)).toBe(true);
    const withCustom = nodes.find((n: any) => n.customPriceMoney !== null);
    expect(withCustom.customPriceMoney.currency).toBe(store.attributes.currency);
    const requests = gw.sandboxes.lemonsqueezy.log.slice(before).map((r) => r.path);
    const distinctVariants = new Set(truth.map((r) => r.variant.id));
    expect(requests.filter((p) => p === '/v1/checkouts')).toHaveLength(1);
    expect(requests.filter((p) => p.startsWith('/v1/stores/'))).toEqual([`/v1/stores/${store.id}`]);
    expect(requests.filter((p) => p.startsWith('/v1/variants/')).sort()).toEqual([...distinctVariants].map((id) => `/v1/variants/${id}`).sort());
  });

  it('round-trips node and nodes through the global id, batched and deduplicated', async () => {
    const page = await list({ first: 3 });
    const [a, b] = page.edges.map((e) => e.node);
    const now = instantFromDate(new Date());
    const before = gw.sandboxes.lemonsqueezy.log.length;
    const one = await gw.query(
      `query($id: ID!) { node(id: $id) { id ... on LemonSqueezyCheckout { ${CHECKOUT_FIELDS} store { currency } variant { price } } } }`,
      { id: a.id },
    );
    expect(one.errors).toBeUndefined();
    const record = gw.sandboxes.lemonsqueezy.data.checkoutsById.get(a.providerId)!;
    expect(one.data.node).toEqual({
      id: a.id,
      ...expected(record, now),
      store: { currency: record.store.attributes.currency },
      variant: { price: record.variant.attributes.price },
    });
    // One retrieve with include: the store and variant come with it.
    const retrieves = gw.sandboxes.lemonsqueezy.log.slice(before);
    expect(retrieves.map((r) => r.path)).toEqual([`/v1/checkouts/${a.providerId}`]);
    expect(retrieves[0]!.query.get('include')).toBe('store,variant');

    const missing = Buffer.from('LemonSqueezyCheckout:00000000-0000-4000-8000-000000000000').toString('base64');
    const many = await gw.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on LemonSqueezyCheckout { providerId storeId } } }`, {
      ids: [b.id, a.id, b.id, missing],
    });
    expect(many.errors).toBeUndefined();
    expect(many.data.nodes.map((n: any) => n?.providerId ?? null)).toEqual([b.providerId, a.providerId, b.providerId, null]);
  });

  it('reports bad input as BAD_USER_INPUT', async () => {
    const code = async (query: string, variables: Record<string, unknown>) => {
      const { errors } = await gw.query(query, variables);
      return errors?.map((e) => e.extensions?.code);
    };
    expect(await code(LIST, { first: 101 })).toEqual(['BAD_USER_INPUT']);
    expect(await code(LIST, { first: 5, last: 5 })).toEqual(['BAD_USER_INPUT']);
    expect(await code(LIST, { first: 5, after: 'not-a-cursor' })).toEqual(['BAD_USER_INPUT']);
    expect(await code(LIST, { first: 5, filter: { storeId: 0 } })).toEqual(['BAD_USER_INPUT']);
    const page = await list({ first: 2, filter: { storeId: gw.sandboxes.lemonsqueezy.data.stores[0]!.id } });
    // A cursor is bound to the filter it was issued for.
    expect(await code(LIST, { first: 2, after: page.pageInfo.endCursor })).toEqual(['BAD_USER_INPUT']);
    expect(await code(`query { node(id: "bm9wZQ==") { id } }`, {})).toEqual(['BAD_USER_INPUT']);
  });

  it('surfaces an upstream failure with its typed code', async () => {
    gw.sandboxes.lemonsqueezy.knobs.faults.push({
      kind: 'response',
      response: { status: 500, body: { jsonapi: { version: '1.0' }, errors: [{ detail: 'Server Error', status: '500', title: 'Internal Server Error' }] } },
    });
    const { errors } = await gw.query(LIST, { first: 5, filter: { variantId: gw.sandboxes.lemonsqueezy.data.variants[14]!.id } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'LEMON_SQUEEZY', upstreamStatus: 500 });
  });

  it('serves the merged connection with every filter part applied in the gateway', async () => {
    const now = instantFromDate(new Date());
    const createdBefore = records[40]!.attributes.created_at;
    const createdAfter = records[200]!.attributes.created_at;
    const filter = { providers: ['LEMON_SQUEEZY'], currency: ['USD', 'JPY'], status: ['OPEN'], createdBefore, createdAfter };
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const { data, errors }: { data?: any; errors?: unknown } = await gw.query(
        `query($after: String, $filter: CheckoutFilter) { checkouts(first: 7, after: $after, filter: $filter) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { providerId } } } }`,
        { after: cursor, filter },
      );
      expect(errors).toBeUndefined();
      expect(data.checkouts.totalCount).toBeNull();
      seen.push(...data.checkouts.edges.map((e: any) => e.node.providerId));
      if (!data.checkouts.pageInfo.hasNextPage) break;
      cursor = data.checkouts.pageInfo.endCursor;
    }
    const truth = records.filter((r) => {
      const a = r.attributes;
      const open = a.expires_at === null || a.expires_at > now;
      return open && ['USD', 'JPY'].includes(r.store.attributes.currency) && a.created_at < createdBefore && a.created_at > createdAfter;
    });
    expect(truth.length).toBeGreaterThan(10);
    expect(seen).toEqual(truth.map((r) => r.id));
  });
});

describe('Lemon Squeezy disabled', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway({ count: 5, providers: ['stateset'] });
  });
  afterAll(() => gw?.close());

  it('rejects the connection with BAD_USER_INPUT', async () => {
    const { data, errors } = await gw.query(LIST, { first: 1 });
    expect(data).toBeNull();
    expect(errors?.[0]?.message).toBe('LEMON_SQUEEZY is not enabled on this gateway');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
