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
import type { Instant } from '../../../domain.js';
import { Random, SANDBOX_NEWEST_MS } from '../../../sandbox/random.js';
import {
  buildStores,
  buildVariants,
  DAY_MS,
  LEMON_DATA_NOW,
  LemonCheckoutRecord,
  STORE_WEIGHTS,
  type LemonStoreRecord,
  type LemonVariantRecord,
} from './records.js';

export {
  LEMON_DATA_NOW,
  LEMON_URL_SIGNING_KEY,
  LemonCheckoutRecord,
  signCheckoutUrl,
  type LemonStoreRecord,
  type LemonVariantRecord,
} from './records.js';

const SPAN_MS = 730 * DAY_MS;
const TIE_RATE = 0.12;

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

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A v4-shaped UUID from four 32-bit draws (the shared `Random.uuid` draws 33 times, too slow for 100,000 ids). */
function uuid(rnd: Random): string {
  const a = Math.floor(rnd.next() * 0x1_0000_0000);
  const b = Math.floor(rnd.next() * 0x1_0000_0000);
  const c = Math.floor(rnd.next() * 0x1_0000_0000);
  const d = Math.floor(rnd.next() * 0x1_0000_0000);
  const h = (word: number, shift: number) => HEX_BYTES[(word >>> shift) & 0xff]!;
  return (
    h(a, 24) +
    h(a, 16) +
    h(a, 8) +
    h(a, 0) +
    '-' +
    h(b, 24) +
    h(b, 16) +
    '-' +
    HEX_BYTES[0x40 | ((b >>> 8) & 0x0f)]! +
    h(b, 0) +
    '-' +
    HEX_BYTES[0x80 | ((c >>> 24) & 0x3f)]! +
    h(c, 16) +
    '-' +
    h(c, 8) +
    h(c, 0) +
    h(d, 24) +
    h(d, 16) +
    h(d, 8) +
    h(d, 0)
  );
}

/** The latest 12:00:00Z at or before `ms`. */
function previousNoon(ms: number): number {
  return ms - ((((ms - DAY_MS / 2) % DAY_MS) + DAY_MS) % DAY_MS);
}

export interface DataOptions {
  count?: number;
  seed?: number;
}

export function createData(options: DataOptions = {}): SandboxData {
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
