/**
 * Seeded, deterministic Lemon Squeezy data for the sandbox and for tests' brute-force truth.
 *
 * Over the catalogue of records.ts (five stores, five currencies, fifteen variants): `count` checkouts spread
 * over ~2 years before a fixed "now" (2026-11-01), generated newest first so
 * the list is born in upstream order (created_at descending, insertion sequence descending on ties) and never needs
 * sorting. About one checkout in eight shares its created_at with the one before it (second precision, as in the
 * document's examples), and some sit at noon UTC, an instant other providers' data can share. Attributes are stored in wire form, PHP's `[]` for empty maps included.
 *
 * 100,000 checkouts take well under a second; ids are indexed in a Map and per-store / per-variant lists are built
 * once, so the sandbox serves any page by slicing, without copying or filtering per request.
 */
import { createHmac } from 'node:crypto';
import type { Instant } from '../../../domain.js';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, Random, SANDBOX_NEWEST_MS } from '../../../sandbox/random.js';
import {
  buildStores,
  buildVariants,
  DAY_MS,
  iso,
  LEMON_DATA_NOW,
  NOW_MS,
  STORE_WEIGHTS,
  type LemonStoreRecord,
  type LemonVariantRecord,
} from './records.js';
import type { LemonCheckoutAttributesWire } from '../types.js';

export { LEMON_DATA_NOW, type LemonStoreRecord, type LemonVariantRecord } from './records.js';

const SPAN_MS = 730 * DAY_MS;
const TIE_RATE = 0.12;

/** Key the sandbox signs checkout URLs with (a stand-in for Lemon Squeezy's own URL signing). */
export const LEMON_URL_SIGNING_KEY = 'lemonsqueezy-sandbox-url-signing-key';

/**
 * One checkout. The walk fixes what orders and indexes the list; `attributes` (wire form) are drawn from the
 * record's own seed on first read and kept, so 100,000 records cost little more than their ids until served.
 */
export class LemonCheckoutRecord {
  #attributes: LemonCheckoutAttributesWire | undefined;

  constructor(
    /** UUID. */
    readonly id: string,
    /** Insertion sequence: higher is newer; breaks created_at ties (descending), as the upstream's internal id does. */
    readonly seq: number,
    readonly createdMs: number,
    readonly store: LemonStoreRecord,
    readonly variant: LemonVariantRecord,
    readonly seed: number,
  ) {}

  get attributes(): LemonCheckoutAttributesWire {
    return (this.#attributes ??= checkoutAttributes(this));
  }
}

export interface SandboxData {
  now: Instant;
  stores: LemonStoreRecord[];
  variants: LemonVariantRecord[];
  /** Upstream order: created_at descending, then seq descending. */
  checkouts: LemonCheckoutRecord[];
  checkoutsById: Map<string, LemonCheckoutRecord>;
  storesById: Map<string, LemonStoreRecord>;
  variantsById: Map<string, LemonVariantRecord>;
  /** Checkouts of one store / one variant, in upstream order. */
  byStore: Map<number, LemonCheckoutRecord[]>;
  byVariant: Map<number, LemonCheckoutRecord[]>;
}

const COUNTRIES = [
  ['US', '10001'],
  ['GB', 'SW1A 1AA'],
  ['DE', '10115'],
  ['JP', '100-0001'],
  ['CA', 'M5V 2T6'],
  ['FR', '75001'],
  ['NL', '1012 AB'],
] as const;
const COLOURS = ['#7047EB', '#111827', '#F59E0B', '#10B981', '#EF4444', '#FFFFFF'] as const;
const THEME_COLOURS = {
  background_color: '#FFFFFF',
  headings_color: '#111827',
  primary_text_color: '#111827',
  secondary_text_color: '#6B7280',
  links_color: '#7047EB',
  borders_color: '#E5E7EB',
  checkbox_color: '#7047EB',
  active_state_color: '#7047EB',
  button_text_color: '#FFFFFF',
  terms_privacy_color: '#6B7280',
} as const;
const DISCOUNT_CODES = ['LAUNCH10', 'BLACKFRIDAY', 'SPRING25'] as const;
const SOURCES = ['newsletter', 'pricing-page', 'in-app', 'partner'] as const;

/** Signs a checkout URL the way Laravel signs URLs: HMAC-SHA256 over the URL without its signature. */
export function signCheckoutUrl(storeSlug: string, id: string, expiresAtMs: number | null): string {
  const base = `https://${storeSlug}.lemonsqueezy.com/checkout/custom/${id}`;
  const unsigned = expiresAtMs === null ? base : `${base}?expires=${Math.floor(expiresAtMs / 1000)}`;
  const signature = createHmac('sha256', LEMON_URL_SIGNING_KEY).update(unsigned).digest('hex');
  return `${unsigned}${expiresAtMs === null ? '?' : '&'}signature=${signature}`;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A v4-shaped UUID from four 32-bit draws (the shared `Random.uuid` draws 33 times, too slow for 100,000 ids). */
function uuid(rnd: Random): string {
  const a = Math.floor(rnd.next() * 0x1_0000_0000);
  const b = Math.floor(rnd.next() * 0x1_0000_0000);
  const c = Math.floor(rnd.next() * 0x1_0000_0000);
  const d = Math.floor(rnd.next() * 0x1_0000_0000);
  const h = (word: number, shift: number) => HEX_BYTES[(word >>> shift) & 0xff]!;
  return (
    h(a, 24) + h(a, 16) + h(a, 8) + h(a, 0) + '-' +
    h(b, 24) + h(b, 16) + '-' +
    HEX_BYTES[0x40 | ((b >>> 8) & 0x0f)]! + h(b, 0) + '-' +
    HEX_BYTES[0x80 | ((c >>> 24) & 0x3f)]! + h(c, 16) + '-' +
    h(c, 8) + h(c, 0) + h(d, 24) + h(d, 16) + h(d, 8) + h(d, 0)
  );
}

/**
 * The attributes of one checkout, drawn from its own seed. Everything that fixes the list's shape (id, created_at,
 * store, variant) is decided by the main walk; the rest only when first read.
 */
function checkoutAttributes(record: LemonCheckoutRecord): LemonCheckoutAttributesWire {
  const rnd = new Random(record.seed);
  const { store, variant, createdMs } = record;
  const { currency, slug } = store.attributes;
  const blankOr = (probability: number, value: string) => (rnd.chance(probability) ? value : '');
  const createdIso = iso(createdMs);

  const updatedMs = rnd.chance(0.7) ? createdMs : Math.min(NOW_MS, createdMs + rnd.int(60, 30 * 86_400) * 1000);
  let expiresMs: number | null = null;
  const expiry = rnd.next();
  if (expiry < 0.25) expiresMs = createdMs + rnd.int(3600, 14 * 86_400) * 1000;
  else if (expiry < 0.4) expiresMs = createdMs + rnd.int(30, 90) * DAY_MS;
  else if (expiry < 0.55) expiresMs = createdMs + rnd.int(365, 3 * 365) * DAY_MS;

  const minor = currency === 'JPY' ? rnd.int(5, 200) * 100 : rnd.int(3, 600) * 100 - rnd.pick([0, 1, 5]);
  const hasEmail = rnd.chance(0.6);
  const first = rnd.pick(FIRST_NAMES);
  const last = rnd.pick(LAST_NAMES);
  const email = `${first}.${last}@${rnd.pick(EMAIL_DOMAINS)}`;
  const [country, zip] = rnd.pick(COUNTRIES);
  const product = variant.attributes.name;

  return {
    store_id: store.id,
    variant_id: variant.id,
    custom_price: rnd.chance(0.35) ? minor : null,
    product_options: {
      name: blankOr(0.2, `${product} — special offer`),
      description: blankOr(0.1, '<p>Includes a year of updates.</p>'),
      media: rnd.chance(0.1) ? [`https://cdn.${slug}.example.com/media/${record.seq % 50}.png`] : [],
      redirect_url: blankOr(0.25, `https://app.${slug}.example.com/welcome`),
      receipt_button_text: blankOr(0.15, 'Open the app'),
      receipt_link_url: blankOr(0.15, `https://app.${slug}.example.com/`),
      receipt_thank_you_note: blankOr(0.1, 'Thanks for your purchase!'),
      enabled_variants: rnd.chance(0.2) ? [variant.id] : [],
      confirmation_title: blankOr(0.1, 'Thanks!'),
      confirmation_message: blankOr(0.1, 'Your licence is on its way.'),
      confirmation_button_text: blankOr(0.1, 'Back to the app'),
    },
    checkout_options: {
      embed: rnd.chance(0.2),
      media: rnd.chance(0.9),
      logo: rnd.chance(0.9),
      desc: rnd.chance(0.9),
      discount: rnd.chance(0.8),
      skip_trial: rnd.chance(0.1),
      quantity: 1,
      subscription_preview: rnd.chance(0.9),
      // Keys vary between responses (document §7.3): the deprecated `dark` and the colours appear only sometimes.
      ...(rnd.chance(0.3) ? { dark: rnd.chance(0.3) } : {}),
      ...(rnd.chance(0.25) ? { button_color: rnd.pick(COLOURS) } : {}),
      ...(rnd.chance(0.1) ? THEME_COLOURS : {}),
    },
    checkout_data: {
      email: hasEmail ? (rnd.chance(0.2) ? email : email.toLowerCase()) : '',
      name: hasEmail || rnd.chance(0.1) ? `${first} ${last}` : '',
      billing_address: rnd.chance(0.35) ? { country, zip } : [],
      tax_number: rnd.chance(0.1) ? `${country}${rnd.int(100_000_000, 999_999_999)}` : '',
      discount_code: rnd.chance(0.1) ? rnd.pick(DISCOUNT_CODES) : '',
      custom: rnd.chance(0.25) ? { user_id: String(rnd.int(1, 99_999)), source: rnd.pick(SOURCES) } : [],
      variant_quantities: rnd.chance(0.1) ? [{ variant_id: variant.id, quantity: rnd.int(1, 5) }] : [],
    },
    preview: false,
    expires_at: expiresMs === null ? null : iso(expiresMs),
    created_at: createdIso,
    updated_at: updatedMs === createdMs ? createdIso : iso(updatedMs),
    test_mode: rnd.chance(0.3),
    url: signCheckoutUrl(slug, record.id, expiresMs),
  };
}

/** The latest 12:00:00Z at or before `ms`. */
function previousNoon(ms: number): number {
  return ms - ((((ms - DAY_MS / 2) % DAY_MS) + DAY_MS) % DAY_MS);
}

export function createData(options: { count?: number; seed?: number } = {}): SandboxData {
  const count = options.count ?? 300;
  const rnd = new Random(options.seed ?? 20261101);
  const stores = buildStores();
  const variants = buildVariants(stores);
  const weighted = STORE_WEIGHTS.flatMap((weight, i) => Array.from({ length: weight }, () => i));
  // Ties add no gap, so the others stretch to keep the whole span near two years.
  const averageGap = SPAN_MS / Math.max(count, 1) / (1 - TIE_RATE);

  const checkouts: LemonCheckoutRecord[] = new Array(count);
  rnd.int(60, 6 * 3600); // keeps the seeded sequence as it was before the shared newest instant
  let createdMs = SANDBOX_NEWEST_MS; // shared with the other sandboxes: a cross-provider tie
  // Some checkouts fall back to 12:00:00Z of their day, an instant other sandboxes can share (cross-provider ties for
  // the merged list). Rare enough at scale that the jumps (12 h on average) do not stretch the two-year span.
  const noonRate = Math.min(0.15, (0.03 * averageGap) / (12 * 3_600_000));
  for (let i = 0; i < count; i++) {
    // Walking back in time: about one in eight shares the previous created_at exactly.
    if (i > 0 && !rnd.chance(TIE_RATE)) {
      createdMs -= Math.max(1, Math.round((rnd.next() * 2 * averageGap) / 1000)) * 1000;
      if (rnd.chance(noonRate)) createdMs = previousNoon(createdMs);
    }
    const s = rnd.pick(weighted);
    const variant = variants[s * 3 + rnd.int(0, 2)]!;
    checkouts[i] = new LemonCheckoutRecord(uuid(rnd), count - i, createdMs, stores[s]!, variant, Math.floor(rnd.next() * 0x1_0000_0000));
  }

  const byStore = new Map<number, LemonCheckoutRecord[]>(stores.map((store) => [store.id, []]));
  const byVariant = new Map<number, LemonCheckoutRecord[]>(variants.map((variant) => [variant.id, []]));
  const checkoutsById = new Map<string, LemonCheckoutRecord>();
  for (const checkout of checkouts) {
    checkoutsById.set(checkout.id, checkout);
    byStore.get(checkout.store.id)!.push(checkout);
    byVariant.get(checkout.variant.id)!.push(checkout);
  }
  return {
    now: LEMON_DATA_NOW,
    stores,
    variants,
    checkouts,
    checkoutsById,
    storesById: new Map(stores.map((store) => [String(store.id), store])),
    variantsById: new Map(variants.map((variant) => [String(variant.id), variant])),
    byStore,
    byVariant,
  };
}
