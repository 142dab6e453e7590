/**
 * Fixtures for the Lemon Squeezy unit tests, built from the examples in `/work/shared/upstreams/lemonsqueezy.md`
 * (§3.1 document shape, §5 attributes: the example id, `2022-10-14T12:36:27.000000Z` timestamps, `#7047EB`,
 * `"$9.99"`, PHP's `[]` for empty maps).
 */
import type { LemonCheckoutAttributesWire, LemonStoreAttributesWire, LemonVariantAttributesWire } from '../types.js';

export const DOC_CHECKOUT_ID = 'ac470bd4-7c41-474d-b6cd-0f296f5be02a';
const API = 'https://api.lemonsqueezy.com/v1';

/** The list example of §5: a default checkout, nothing pre-filled, no custom price, never expires. */
export function docCheckoutAttributes(overrides: Partial<LemonCheckoutAttributesWire> = {}): LemonCheckoutAttributesWire {
  return {
    store_id: 1,
    variant_id: 1,
    custom_price: null,
    product_options: {
      name: '',
      description: '',
      media: [],
      redirect_url: '',
      receipt_button_text: '',
      receipt_link_url: '',
      receipt_thank_you_note: '',
      enabled_variants: [],
    },
    checkout_options: {
      embed: false,
      media: true,
      logo: true,
      desc: true,
      discount: true,
      dark: false,
      subscription_preview: true,
      button_color: '#7047EB',
    },
    checkout_data: {
      email: '',
      name: '',
      billing_address: [],
      tax_number: '',
      discount_code: '',
      custom: [],
      variant_quantities: [],
    },
    expires_at: null,
    created_at: '2022-10-14T12:36:27.000000Z',
    updated_at: '2022-10-14T12:36:27.000000Z',
    test_mode: false,
    url: `https://my-store.lemonsqueezy.com/checkout/custom/${DOC_CHECKOUT_ID}?signature=8cf1f9c3b4c5a0a3d7b02d0e6e1d2b4f6a8c0e2d4f6b8a0c2e4d6f8b0a2c4e6d`,
    ...overrides,
  };
}

export function docCheckoutResource(overrides: Partial<LemonCheckoutAttributesWire> = {}, id = DOC_CHECKOUT_ID) {
  const self = `${API}/checkouts/${id}`;
  return {
    type: 'checkouts' as const,
    id,
    attributes: docCheckoutAttributes(overrides),
    relationships: {
      store: { links: { related: `${self}/store`, self: `${self}/relationships/store` } },
      variant: { links: { related: `${self}/variant`, self: `${self}/relationships/variant` } },
    },
    links: { self },
  };
}

/** The `preview` object a checkout created with `preview: true` carries (§5). */
export const DOC_PREVIEW = {
  currency: 'USD',
  currency_rate: 1,
  subtotal: 999,
  discount_total: 0,
  tax: 0,
  total: 999,
  setup_fee: 0,
  subtotal_usd: 999,
  discount_total_usd: 0,
  tax_usd: 0,
  total_usd: 999,
  setup_fee_usd: 0,
  subtotal_formatted: '$9.99',
  discount_total_formatted: '$0.00',
  setup_fee_formatted: '$0.00',
  tax_formatted: '$0.00',
  total_formatted: '$9.99',
};

export function storeResource(id: number, currency: string, overrides: Partial<LemonStoreAttributesWire> = {}) {
  return {
    type: 'stores' as const,
    id: String(id),
    attributes: {
      name: 'My Store',
      slug: 'my-store',
      domain: 'my-store.lemonsqueezy.com',
      url: 'https://my-store.lemonsqueezy.com',
      avatar_url: 'https://app.lemonsqueezy.com/storage/avatars/my-store.png',
      plan: 'fresh',
      country: 'US',
      country_nicename: 'United States',
      currency,
      total_sales: 29,
      total_revenue: 138_300,
      thirty_day_sales: 3,
      thirty_day_revenue: 14_700,
      created_at: '2021-05-24T14:15:06.000000Z',
      updated_at: '2022-10-14T12:36:27.000000Z',
      ...overrides,
    },
    links: { self: `${API}/stores/${id}` },
  };
}

export function variantResource(id: number, price: number, overrides: Partial<LemonVariantAttributesWire> = {}) {
  return {
    type: 'variants' as const,
    id: String(id),
    attributes: {
      product_id: 1,
      name: 'Default',
      slug: 'default',
      description: '',
      price,
      is_subscription: false,
      interval: null,
      interval_count: null,
      has_free_trial: false,
      trial_interval: 'day',
      trial_interval_count: 30,
      pay_what_you_want: false,
      min_price: 0,
      suggested_price: 0,
      has_license_keys: false,
      license_activation_limit: 5,
      is_license_limit_unlimited: false,
      license_length_value: 1,
      license_length_unit: 'years',
      is_license_length_unlimited: false,
      links: [],
      sort: 1,
      status: 'pending',
      status_formatted: 'Pending',
      created_at: '2021-05-24T14:15:06.000000Z',
      updated_at: '2021-06-24T14:44:38.000000Z',
      test_mode: false,
      ...overrides,
    },
    links: { self: `${API}/variants/${id}` },
  };
}
