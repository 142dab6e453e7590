/**
 * Seeded, deterministic StateSet checkout sessions for the sandbox and for tests' brute-force truth.
 *
 * `count` sessions over ~2 years before a fixed "now" (2026-11-01), generated newest first, so the list is born in
 * upstream order (created_at DESC); runs of equal timestamps (about one session in nine shares its second with the
 * previous one) are then ordered by id DESC, the documented-assumption tie-break. Every status, eight currencies
 * (JPY zero-decimal), buyers who come back (same email, sometimes in another letter case), one-off guests and
 * buyer-less sessions; shipping and digital fulfilment; info and error messages; completed sessions with `order_id`
 * and `payment`. Objects are in wire form: lower-case currency, integer minor units, `YYYY-MM-DDTHH:MM:SSZ`.
 *
 * 100,000 sessions take a few hundred milliseconds: what the list needs (id, created_at, status, currency, buyer) is
 * drawn up front, the rest of each object from its own seed the first time it is read (`checkouts` is a lazily
 * filled array), so the data is the same whatever is read first. Ids are indexed in a Map and per-status /
 * per-email position lists (ascending, so in list order) are built once: the sandbox answers any query with binary
 * searches and slices, never sorting or copying the whole list per request.
 */
import type { Instant } from '../../../domain.js';
import { parseInstant } from '../../../instant.js';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, Random, SANDBOX_NEWEST_MS } from '../../../sandbox/random.js';
import { alnum, DAY_S, session, type CurrencyRow, type Skeleton } from './records.js';
import type { StateSetWireBuyer, StateSetWireCheckout, StateSetStatus } from '../types.js';

/** The fixed "now" the data is generated around (never `Date.now()`, so the data is the same every run). */
export const STATESET_DATA_NOW: Instant = '2026-11-01T00:00:00.000000Z';
const SPAN_S = 730 * DAY_S;
const TIE_RATE = 0.11;

export interface SandboxData {
  /** List order: created_at DESC, then id DESC. Wire objects, served as they are. */
  checkouts: StateSetWireCheckout[];
  /** `created_at` of each checkout in microseconds since the epoch, parallel to `checkouts` (binary searches). */
  createdMicros: Float64Array;
  /** id → position in `checkouts`. */
  positionById: Map<string, number>;
  /** Positions of each status, ascending (so in list order). */
  byStatus: Map<StateSetStatus, number[]>;
  /** Positions per lower-cased buyer email, ascending. */
  byEmail: Map<string, number[]>;
}

const STATUS_WEIGHTS: [StateSetStatus, number][] = [
  ['not_ready_for_payment', 14],
  ['ready_for_payment', 24],
  ['in_progress', 9],
  ['completed', 38],
  ['canceled', 15],
];

/** Lower-case ISO 4217, weight, rough value of 1 USD, tax rate. */
const CURRENCIES: CurrencyRow[] = [
  ['usd', 40, 1, 0.0825],
  ['eur', 18, 0.92, 0.19],
  ['gbp', 12, 0.79, 0.2],
  ['cad', 8, 1.36, 0.13],
  ['aud', 7, 1.52, 0.1],
  ['jpy', 7, 150, 0.1],
  ['chf', 4, 0.88, 0.081],
  ['sek', 4, 10.5, 0.25],
];

/** Picks by weight (`entries[i][1]`), from cumulative weights computed once. */
function picker<E extends [unknown, number, ...unknown[]]>(entries: E[]): (rnd: Random) => E {
  const cumulative: number[] = [];
  let total = 0;
  for (const entry of entries) {
    total += entry[1];
    cumulative.push(total);
  }
  return (rnd) => {
    const pick = rnd.next() * total;
    let i = 0;
    while (i < cumulative.length - 1 && pick >= (cumulative[i] as number)) i++;
    return entries[i] as E;
  };
}

const pickStatus = picker(STATUS_WEIGHTS);
const pickCurrency = picker(CURRENCIES);

/** A returning buyer: both buyer objects are shared by the customer's sessions (read-only once generated). */
interface Customer {
  buyer: StateSetWireBuyer;
  /** The same buyer with the address typed in another case, e.g. `Ada.Lovelace3@Example.com`. */
  recased: StateSetWireBuyer;
}

function customers(rnd: Random, count: number): Customer[] {
  return Array.from({ length: count }, (_, i) => {
    const first = rnd.pick(FIRST_NAMES);
    const last = rnd.pick(LAST_NAMES);
    const email = `${first}.${last}${i}@${rnd.pick(EMAIL_DOMAINS)}`.toLowerCase();
    const buyer: StateSetWireBuyer = { first_name: first, last_name: last, email };
    if (rnd.chance(0.6)) buyer.phone_number = `+1${rnd.int(200, 999)}555${String(rnd.int(0, 9999)).padStart(4, '0')}`;
    return { buyer, recased: { ...buyer, email: recased(email) } };
  });
}

function recased(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const cap = (s: string) => s.replace(/(^|[.-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  return `${cap(local)}@${cap(domain)}`;
}

const byIdDescending = (a: Skeleton, b: Skeleton) => (a.id < b.id ? 1 : -1);

export interface DataOptions {
  count?: number | undefined;
  seed?: number | undefined;
}

export function createData(options: DataOptions = {}): SandboxData {
  const count = options.count ?? 300;
  const rnd = new Random(options.seed ?? 38_086_917);
  const pool = customers(rnd, Math.max(12, Math.ceil(count / 6)));
  const averageGap = SPAN_S / Math.max(count, 1) / (1 - TIE_RATE);

  const skeletons: Skeleton[] = new Array(count);
  rnd.int(60, 6 * 3600); // keeps the seeded sequence as it was before the shared newest instant
  let created = SANDBOX_NEWEST_MS / 1000; // shared with the other sandboxes: a cross-provider tie
  for (let i = 0; i < count; i++) {
    if (i > 0 && !rnd.chance(TIE_RATE)) created -= Math.max(1, Math.round(rnd.next() * 2 * averageGap));
    // 14–24 characters of 62: a repeat is as likely as guessing an 80-bit key (the index refuses one anyway).
    const id = `checkout_${alnum(rnd, rnd.int(14, 24))}`;
    const status = pickStatus(rnd)[0];
    skeletons[i] = { id, created, status, currency: pickCurrency(rnd), buyer: buyerFor(rnd, status, pool), seed: rnd.int(0, 0x7fffffff) };
  }
  // Runs of equal created_at: id DESC (the list's tie-break), by plain string order.
  for (let start = 0; start < count; ) {
    let end = start + 1;
    while (end < count && skeletons[end]!.created === skeletons[start]!.created) end++;
    if (end - start > 1) {
      const run = skeletons.slice(start, end).sort(byIdDescending);
      for (let k = 0; k < run.length; k++) skeletons[start + k] = run[k]!;
    }
    start = end;
  }

  const index = new Indexer(count);
  skeletons.forEach((k, i) => {
    index.add(i, k.id, k.status, k.created * 1e6, k.buyer?.email);
  });
  return { ...index.result(), checkouts: lazyArray(skeletons, session) };
}

/**
 * Data from hand-made sessions (tests: heavy ties, odd timestamps): sorted into list order (created_at DESC, id DESC)
 * and indexed like generated data.
 */
export function stateSetDataFrom(sessions: StateSetWireCheckout[]): SandboxData {
  const keyed = sessions.map((c) => ({ c, micros: instantMicros(parseInstant(c.created_at) as Instant) }));
  keyed.sort((a, b) => (a.micros !== b.micros ? b.micros - a.micros : a.c.id < b.c.id ? 1 : -1));
  const index = new Indexer(keyed.length);
  keyed.forEach((k, i) => {
    index.add(i, k.c.id, k.c.status, k.micros, k.c.buyer?.email);
  });
  return { ...index.result(), checkouts: keyed.map((k) => k.c) };
}

/** Microseconds since the epoch of a canonical Instant (exact: < 2^53 until the year 2255). */
export function instantMicros(instant: Instant): number {
  return Date.parse(`${instant.slice(0, 19)}Z`) * 1000 + Number(instant.slice(20, 26));
}

class Indexer {
  private readonly createdMicros: Float64Array;
  private readonly positionById = new Map<string, number>();
  private readonly byStatus = new Map<StateSetStatus, number[]>();
  private readonly byEmail = new Map<string, number[]>();

  constructor(count: number) {
    this.createdMicros = new Float64Array(count);
  }

  add(i: number, id: string, status: StateSetStatus, micros: number, email: string | undefined): void {
    this.createdMicros[i] = micros;
    const size = this.positionById.size;
    if (this.positionById.set(id, i).size === size) throw new Error(`duplicate checkout id ${id}`);
    let statusList = this.byStatus.get(status);
    if (!statusList) {
      statusList = [];
      this.byStatus.set(status, statusList);
    }
    statusList.push(i);
    if (email) {
      const key = email.toLowerCase();
      let emailList = this.byEmail.get(key);
      if (!emailList) {
        emailList = [];
        this.byEmail.set(key, emailList);
      }
      emailList.push(i);
    }
  }

  result(): Omit<SandboxData, 'checkouts'> {
    return { createdMicros: this.createdMicros, positionById: this.positionById, byStatus: this.byStatus, byEmail: this.byEmail };
  }
}

/**
 * An array whose elements are built on first read (and kept): a plain array to every reader (index access,
 * iteration, `map`/`filter`, JSON, deep equality), while building 100,000 nested objects up front would spend
 * most of the time in the garbage collector.
 */
function lazyArray<S, T>(sources: S[], build: (source: S) => T): T[] {
  const built = new Array<T | undefined>(sources.length).fill(undefined);
  return new Proxy(built as T[], {
    get(target, prop, receiver) {
      if (typeof prop === 'string') {
        const i = prop.length > 0 && prop.charCodeAt(0) >= 48 && prop.charCodeAt(0) <= 57 ? Number(prop) : -1;
        if (Number.isInteger(i) && i >= 0 && i < sources.length) {
          target[i] ??= build(sources[i] as S);
          return target[i];
        }
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Buyers: none yet (early sessions mostly), a returning customer (sometimes typed in another case), or a guest. */
function buyerFor(rnd: Random, status: StateSetStatus, pool: Customer[]): StateSetWireBuyer | undefined {
  const who = rnd.next();
  if ((status === 'not_ready_for_payment' && who < 0.6) || who < 0.12) return undefined;
  if (who < 0.7) {
    const c = rnd.pick(pool);
    return rnd.chance(0.15) ? c.recased : c.buyer;
  }
  return {
    first_name: rnd.pick(FIRST_NAMES),
    last_name: rnd.pick(LAST_NAMES),
    email: `guest+${alnum(rnd, 6).toLowerCase()}@${rnd.pick(EMAIL_DOMAINS)}`,
  };
}
