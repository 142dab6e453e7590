/**
 * Seeded, deterministic Zenskar data for the sandbox: checkout sessions in every status and payment status, several
 * currencies (including zero- and three-decimal ones), guests and customers, plan- and product-based contracts, a
 * few soft-deleted rows, and many equal `created_at` values (minute-rounded ones plus exact copies) so tie-breaks
 * are exercised. Everything is computed from the seed and a fixed reference date, never from the clock.
 *
 * Built for size (100,000 sessions well under 2 s): only what sorting and the common filters need is drawn up front,
 * in one pass that walks back in time so rows come out already sorted (id, created_at, status, currency,
 * soft-deletion); the rest of a session is drawn from its own per-row seed the first time it is read, so serving a page
 * materialises 100 rows, not 100,000 (the row and its drawing are in records.ts). Timestamps are integer microseconds;
 * ids are indexed in a Map.
 */
import { Random, SANDBOX_NEWEST_MS } from '../../../sandbox/random.js';
import {
  ALL_CURRENCIES,
  ALL_STATUSES,
  CURRENCY_WEIGHTS,
  drawCustomer,
  fastUuid,
  DAY,
  HOUR,
  MICROS_PER_MS,
  MINUTE,
  SPAN_SECONDS,
  STATUS_WEIGHTS,
  weighted,
  ZENSKAR_REFERENCE_MS,
  ZenskarSessionRow,
  type Pools,
  type ZenskarCustomerRow,
} from './records.js';
import type { ZenskarCheckoutSessionStatus } from '../types.js';

export { naiveFromMicros, ZenskarSessionRow, ZENSKAR_REFERENCE_MS } from './records.js';
export type { ZenskarCustomerRow, ZenskarSessionTimes } from './records.js';

export interface SandboxData {
  organisationId: string;
  businessEntityIds: string[];
  /** Sorted by (created_at, id) ascending: the order `order=created_at` returns. */
  sessions: ZenskarSessionRow[];
  sessionsById: Map<string, ZenskarSessionRow>;
  /** Sorted by (created_at, id) ascending. */
  customers: ZenskarCustomerRow[];
  customersById: Map<string, ZenskarCustomerRow>;
}

export interface DataOptions {
  count?: number;
  seed?: number;
}

export function createData(options: DataOptions = {}): SandboxData {
  const count = options.count ?? 300;
  const seed = (options.seed ?? 1) >>> 0;
  const r = new Random(seed);
  const organisationId = fastUuid(r);
  const businessEntityIds = [fastUuid(r), fastUuid(r), fastUuid(r)];
  const planIds = Array.from({ length: 6 }, () => fastUuid(r));
  const productIds = Array.from({ length: 8 }, () => fastUuid(r));

  // 1. Customers (a capped pool: sessions reuse them, so emails repeat across sessions as they do in life).
  const customerCount = Math.max(12, Math.min(1000, Math.ceil(count / 6)));
  const customers = Array.from({ length: customerCount }, (_, i) => drawCustomer(r, i));
  customers.sort((a, b) => a.createdMicros - b.createdMicros || (a.customer.id < b.customer.id ? -1 : 1));
  const pools: Pools = { seed, count, organisationId, businessEntityIds, planIds, productIds, customers };

  // 2. Sessions: only the eager fields now, drawn newest first as a walk back in time from the reference date, so
  //    the rows come out already in created_at order (no 100k-row sort). The first rows cover every status and
  //    currency whatever the count.
  const sessions: ZenskarSessionRow[] = new Array(count);
  const meanGapMicros = (SPAN_SECONDS * 1_000_000) / Math.max(1, count);
  // Some sessions fall back to 12:00:00Z of their day, the instant the other sandboxes snap to as well, so the
  // merged list has cross-provider createdAt ties. Rare at scale, where the jumps (12 h on average) would stretch the span.
  const noonRate = Math.min(0.15, (0.03 * meanGapMicros) / (12 * HOUR));
  let created = ZENSKAR_REFERENCE_MS * MICROS_PER_MS;
  for (let i = 0; i < count; i++) {
    const id = fastUuid(r);
    if (i === 0) {
      created = SANDBOX_NEWEST_MS * MICROS_PER_MS; // shared with the other sandboxes: a cross-provider tie
    } else if (!r.chance(0.06)) {
      // Otherwise an exact tie with the previous (newer) session.
      created -= Math.floor(r.next() * 2 * meanGapMicros);
      if (r.chance(0.35))
        created -= created % MINUTE; // minute-rounded: many equal timestamps at scale
      else created -= created % 1_000_000; // whole seconds, as the docs' examples
      if (r.chance(0.12))
        created -= r.int(1, 999_999); // microsecond precision on some rows
      else if (r.chance(noonRate)) created -= (((created - 12 * HOUR) % DAY) + DAY) % DAY; // back to noon UTC
    }
    const status = i < ALL_STATUSES.length ? (ALL_STATUSES[i] as ZenskarCheckoutSessionStatus) : weighted(r, STATUS_WEIGHTS);
    const currency = i < ALL_CURRENCIES.length ? (ALL_CURRENCIES[i] as string) : weighted(r, CURRENCY_WEIGHTS);
    const guest = i % 5 === 1 || r.chance(0.15);
    const free = r.chance(0.08);
    const deleted = r.chance(0.02);
    // Filled from the end: index 0 of the array is the oldest session.
    sessions[count - 1 - i] = new ZenskarSessionRow(pools, i, id, created, status, currency, guest, free, deleted);
  }
  // Equal created_at values are ordered by id (the tie-break); runs are short, so sorting each run is cheap.
  for (let start = 0; start < count; ) {
    let end = start + 1;
    while (end < count && (sessions[end] as ZenskarSessionRow).createdMicros === (sessions[start] as ZenskarSessionRow).createdMicros) end++;
    if (end - start > 1) {
      const run = sessions.slice(start, end).sort((a, b) => (a.id < b.id ? -1 : 1));
      for (let k = 0; k < run.length; k++) sessions[start + k] = run[k] as ZenskarSessionRow;
    }
    start = end;
  }
  const sessionsById = new Map<string, ZenskarSessionRow>();
  for (const row of sessions) sessionsById.set(row.id, row);
  return {
    organisationId,
    businessEntityIds,
    sessions,
    sessionsById,
    customers,
    customersById: new Map(customers.map((row) => [row.customer.id, row])),
  };
}
