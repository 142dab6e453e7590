import { readCheckout, readIncluded, readStore, readVariant } from './read.js';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../errors.js';
import { indexIncluded, lemonProviderStatus, mapCheckout, mapDocumentCheckouts } from './map.js';
import { DOC_CHECKOUT_ID, DOC_PREVIEW, docCheckoutResource, storeResource, variantResource } from './sandbox/fixtures.js';
import type { LemonCheckoutAttributesWire } from './types.js';

const NOW = '2026-11-01T00:00:00.000000Z';
const usdStore = readStore(storeResource(1, 'USD'));
const jpyStore = readStore(storeResource(4, 'JPY'));
const variant999 = readVariant(variantResource(1, 999));

function checkout(overrides: Partial<LemonCheckoutAttributesWire> = {}) {
  return readCheckout(docCheckoutResource(overrides));
}

function checkoutResource(overrides: Partial<LemonCheckoutAttributesWire> = {}) {
  return checkout(overrides).resource();
}

describe('mapCheckout', () => {
  it('maps the document example: open, no email, variant price in the store currency', () => {
    const mapped = mapCheckout(checkout(), usdStore, variant999, NOW);
    expect(mapped).toMatchObject({
      provider: 'LEMON_SQUEEZY',
      providerId: DOC_CHECKOUT_ID,
      status: 'OPEN',
      providerStatus: 'open',
      currency: 'USD',
      email: null,
      total: { amount: '9.99', currency: 'USD', minorUnits: 999 },
      createdAt: '2022-10-14T12:36:27.000000Z',
      updatedAt: '2022-10-14T12:36:27.000000Z',
    });
    expect(mapped.raw.id).toBe(DOC_CHECKOUT_ID);
    expect(mapped.store).toBe(usdStore);
    expect(mapped.variant).toBe(variant999);
  });

  it('prefers custom_price over the variant price', () => {
    const mapped = mapCheckout(checkout({ custom_price: 4999 }), usdStore, variant999, NOW);
    expect(mapped.total).toEqual({ amount: '49.99', currency: 'USD', minorUnits: 4999 });
  });

  it('prices a zero-decimal store currency in whole units', () => {
    const mapped = mapCheckout(checkout({ store_id: 4, custom_price: 3000 }), jpyStore, variant999, NOW);
    expect(mapped.currency).toBe('JPY');
    expect(mapped.total).toEqual({ amount: '3000', currency: 'JPY', minorUnits: 3000 });
  });

  it('upper-cases the store currency', () => {
    const store = readStore(storeResource(1, 'eur'));
    expect(mapCheckout(checkout(), store, variant999, NOW).total).toEqual({ amount: '9.99', currency: 'EUR', minorUnits: 999 });
  });

  it('derives the status from expires_at and the injected clock', () => {
    const expired = mapCheckout(checkout({ expires_at: '2026-10-31T23:59:59.000000Z' }), usdStore, variant999, NOW);
    expect([expired.status, expired.providerStatus]).toEqual(['EXPIRED', 'expired']);
    const atNow = mapCheckout(checkout({ expires_at: NOW }), usdStore, variant999, NOW);
    expect([atNow.status, atNow.providerStatus]).toEqual(['EXPIRED', 'expired']);
    const future = mapCheckout(checkout({ expires_at: '2026-11-01T00:00:00.000001Z' }), usdStore, variant999, NOW);
    expect([future.status, future.providerStatus]).toEqual(['OPEN', 'open']);
    const never = mapCheckout(checkout({ expires_at: null }), usdStore, variant999, NOW);
    expect(never.status).toBe('OPEN');
    // The same checkout changes status as the clock passes its expiry.
    const later = mapCheckout(checkout({ expires_at: '2026-11-01T00:00:00.000001Z' }), usdStore, variant999, '2026-11-01T00:00:01.000000Z');
    expect(later.status).toBe('EXPIRED');
  });

  it('compares expiry instants, not texts, when the upstream uses an offset', () => {
    expect(lemonProviderStatus('2026-11-01T01:00:00+02:00', NOW)).toBe('expired');
    expect(lemonProviderStatus('2026-11-01T01:00:00-02:00', NOW)).toBe('open');
  });

  it('takes the email from checkout_data, empty → null', () => {
    const data = docCheckoutResource().attributes.checkout_data;
    expect(mapCheckout(checkout({ checkout_data: { ...data, email: '' } }), usdStore, variant999, NOW).email).toBeNull();
    expect(mapCheckout(checkout({ checkout_data: { ...data, email: '   ' } }), usdStore, variant999, NOW).email).toBeNull();
    expect(mapCheckout(checkout({ checkout_data: { ...data, email: null } }), usdStore, variant999, NOW).email).toBeNull();
    expect(mapCheckout(checkout({ checkout_data: { ...data, email: ' Ada@Example.com ' } }), usdStore, variant999, NOW).email).toBe('Ada@Example.com');
  });

  it('leaves currency and total null without the store, and total null without any price', () => {
    const noStore = mapCheckout(checkout({ custom_price: 500 }), null, variant999, NOW);
    expect([noStore.currency, noStore.total]).toEqual([null, null]);
    const noVariant = mapCheckout(checkout(), usdStore, null, NOW);
    expect([noVariant.currency, noVariant.total]).toEqual(['USD', null]);
    const customWithoutVariant = mapCheckout(checkout({ custom_price: 500 }), usdStore, null, NOW);
    expect(customWithoutVariant.total?.amount).toBe('5.00');
  });

  it('ignores a related resource that belongs to another checkout', () => {
    const otherStore = readStore(storeResource(2, 'GBP'));
    const otherVariant = readVariant(variantResource(2, 1500));
    const mapped = mapCheckout(checkout(), otherStore, otherVariant, NOW);
    expect([mapped.currency, mapped.total, mapped.store, mapped.variant]).toEqual([null, null, null, null]);
  });
});

describe('raw schemas', () => {
  it('normalises PHP empty maps and the older nulls', () => {
    const empty = checkout().resource();
    expect(empty.attributes.checkout_data?.billing_address).toBeNull();
    expect(empty.attributes.checkout_data?.custom).toEqual({});
    expect(empty.attributes.checkout_data?.variant_quantities).toEqual([]);
    const data = docCheckoutResource().attributes.checkout_data;
    const old = checkoutResource({ checkout_data: { ...data, billing_address: null, custom: null, variant_quantities: null } });
    expect(old.attributes.checkout_data?.billing_address).toBeNull();
    expect(old.attributes.checkout_data?.custom).toEqual({});
    const filled = checkoutResource({
      checkout_data: {
        ...data,
        billing_address: { country: 'US', zip: '10001' },
        custom: { user_id: '123', tags: ['a'] },
        variant_quantities: [{ variant_id: 1, quantity: 3 }],
      },
    });
    expect(filled.attributes.checkout_data?.billing_address).toEqual({ country: 'US', zip: '10001' });
    expect(filled.attributes.checkout_data?.custom).toEqual({ user_id: '123', tags: ['a'] });
    expect(filled.attributes.checkout_data?.variant_quantities).toEqual([{ variant_id: 1, quantity: 3 }]);
  });

  it('accepts preview as absent, false, null or the object of a created checkout', () => {
    expect(checkout().resource().attributes.preview).toBeNull();
    expect(checkout({ preview: false }).resource().attributes.preview).toBeNull();
    expect(checkout({ preview: null }).resource().attributes.preview).toBeNull();
    expect(checkout({ preview: DOC_PREVIEW }).resource().attributes.preview).toMatchObject({ total: 999, total_formatted: '$9.99', currency_rate: 1 });
  });

  it('accepts the varying checkout_options keys and the undocumented confirmation_* options', () => {
    const live = checkoutResource({
      checkout_options: { embed: false, media: true, logo: true, desc: true, discount: true, skip_trial: false, quantity: 1, subscription_preview: true },
      product_options: {
        ...docCheckoutResource().attributes.product_options,
        confirmation_title: 'Thanks!',
        confirmation_message: '',
        confirmation_button_text: '',
      },
    });
    expect(live.attributes.checkout_options?.quantity).toBe(1);
    expect(live.attributes.checkout_options?.dark).toBeUndefined();
    expect(live.attributes.product_options?.confirmation_title).toBe('Thanks!');
  });

  it('rejects what the mapping relies on when it is malformed', () => {
    const bad = (attributes: Record<string, unknown>) => () =>
      readCheckout({ ...docCheckoutResource(), attributes: { ...docCheckoutResource().attributes, ...attributes } });
    expect(bad({ custom_price: '9.99' })).toThrow(/custom_price/);
    expect(bad({ created_at: 'yesterday' })).toThrow(`checkout ${DOC_CHECKOUT_ID} payload: attributes.created_at: not an ISO 8601 timestamp`);
    expect(bad({ store_id: '1' })).toThrow(UpstreamError);
    expect(() => readStore(storeResource(1, 'dollars'))).toThrow(/ISO 4217/);
    expect(() => readVariant(variantResource(1, 9.99))).toThrow();
  });
});

describe('mapDocumentCheckouts', () => {
  it('pairs each checkout with its own included store and variant', () => {
    const doc = {
      data: [docCheckoutResource({ store_id: 4, variant_id: 2 }, '00000000-0000-4000-8000-000000000001'), docCheckoutResource()].map(readCheckout),
      included: readIncluded([
        storeResource(1, 'USD'),
        storeResource(4, 'JPY'),
        { type: 'discounts', id: '9' },
        variantResource(2, 3000),
        variantResource(1, 999),
      ]),
    };
    const { stores, variants } = indexIncluded(doc.included);
    expect([...stores.keys()]).toEqual(['1', '4']);
    expect([...variants.keys()]).toEqual(['2', '1']);
    const [jpy, usd] = mapDocumentCheckouts(doc.data, doc.included, NOW);
    expect(jpy?.total).toEqual({ amount: '3000', currency: 'JPY', minorUnits: 3000 });
    expect(usd?.total).toEqual({ amount: '9.99', currency: 'USD', minorUnits: 999 });
  });
});
