/**
 * The domain model every provider adapter maps into, and the port each adapter implements.
 * Nothing here knows GraphQL or HTTP.
 */

/**
 * A provider's name as the registry knows it (`providers/registry.ts`), e.g. the `CheckoutProvider` enum value. The
 * registry, not this type, lists the providers: one registered outside this repository is a ProviderName too.
 */
export type ProviderName = string;

/** `UNKNOWN` is the fallback for an upstream status value this gateway does not know (a new one): never a failure. */
export const CHECKOUT_STATUSES = ['OPEN', 'PROCESSING', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'UNKNOWN'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

/** An amount of money: `amount` is a decimal string in major units with the currency's own exponent. */
export interface Money {
  amount: string;
  currency: string;
  /** The same amount as an integer count of the currency's minor unit (cents for USD, yen for JPY). */
  minorUnits: number;
}

/**
 * A UTC instant in canonical form `YYYY-MM-DDTHH:MM:SS.ffffffZ` (always six fractional digits), so that
 * plain string comparison orders instants and upstream microseconds are never lost.
 */
export type Instant = string;

/** Normalised fields shared by every provider's checkout (the public contract of the `Checkout` interface). */
export interface CheckoutCommon {
  provider: ProviderName;
  /** The upstream's own id. */
  providerId: string;
  status: CheckoutStatus;
  /** The raw upstream status value. */
  providerStatus: string;
  /** Upper-case ISO 4217, or null when unknown. */
  currency: string | null;
  email: string | null;
  total: Money | null;
  createdAt: Instant;
  updatedAt: Instant;
}

/** A domain checkout: the normalised fields plus the provider's raw object, kept whole for provider-specific fields. */
export interface Checkout<P extends ProviderName = ProviderName, Raw = unknown> extends CheckoutCommon {
  provider: P;
  raw: Raw;
}

/** An opaque reference to one upstream page in the upstream's own terms; null is the first page. */
export type PageRef = string | null;

/** One page of an upstream list, already mapped to domain checkouts in the upstream's order (newest first). */
export interface UpstreamPage<C extends Checkout = Checkout> {
  ref: PageRef;
  items: C[];
  /** The reference of the page after this one, or null on the last page. */
  next: PageRef | undefined | null;
  /**
   * The reference of the page before this one: null when this is the first page, undefined when the upstream
   * cannot say (StateSet pages forward only).
   */
  prev: PageRef | undefined | null;
  /** Number of items matching the query across all pages, when the upstream reports it. */
  totalCount: number | null;
}

/** The normalised filter of the merged connection (`CheckoutFilter`). All parts are ANDed. */
export interface CheckoutFilter {
  providers?: ProviderName[] | null;
  status?: CheckoutStatus[] | null;
  /** Upper-case ISO 4217 codes. */
  currency?: string[] | null;
  /** Case-insensitive exact match. */
  email?: string | null;
  /** Strict: createdAt > createdAfter. */
  createdAfter?: Instant | null;
  /** Strict: createdAt < createdBefore. */
  createdBefore?: Instant | null;
}

/**
 * A place between two items of one upstream list, in the upstream's own terms: the page `r` (as `page(r)` fetches
 * it) and how many of that page's items lie before the place. `{ r: null, o: 0 }` is the start of the list.
 * Positions go into cursors, so refs must stay valid for as long as the upstream honours them.
 */
export interface Position {
  r: PageRef;
  o: number;
  /**
   * The anchor: the upstream id of the item right before the place (the page's item `o - 1`), or a short tag of it
   * (`pagination/position.ts`). When the page fetched again has moved (an item was added or removed above the place),
   * the read finds the anchor in the page and starts after it, so no item repeats and none is skipped. Absent at a
   * page start, and for positions an adapter makes itself.
   */
  a?: string;
  /**
   * At a page start (`o` 0), the id (or tag) of the item right after the place instead: new items created above it
   * then stay behind the walk.
   */
  b?: string;
}

export const START: Position = { r: null, o: 0 };

/**
 * One provider's checkout list for one query, as the pagination layer reads it (the port every adapter implements).
 * Pages have a fixed upstream size; references are the upstream's own (cursor, starting_after id, page number).
 */
export interface PagedList<C extends Checkout = Checkout> {
  provider: ProviderName;
  /** Fetch one page (null: the first). Cached and de-duplicated below, so asking twice is cheap. */
  page(ref: PageRef, signal?: AbortSignal): Promise<UpstreamPage<C>>;
  /**
   * For upstreams whose pages cannot name the page before them (`prev` undefined): the page of items that come
   * right before `item` (or, for null, the last page of the list). Its `ref` must fetch a page starting at the same
   * first item, so positions inside it are valid forward positions.
   */
  pageBefore?(item: C | null, signal?: AbortSignal): Promise<UpstreamPage<C>>;
  /** The position after the last item of the list (for `last` without `before`). */
  end(signal?: AbortSignal): Promise<Position>;
  /** Where forward reading starts when not at the list's start (e.g. a jump past items a filter excludes). */
  start?(signal?: AbortSignal): Promise<Position>;
  /** Gateway-side predicate for filter parts the upstream cannot apply; absent when every part is pushed down. */
  residual?(item: C): boolean;
  /** True when totals reported by the upstream count exactly the items this list yields. */
  exactTotal: boolean;
}

/**
 * How a list reads its upstream pages. `fresh`: every page this list reads must come from a load started after the
 * list was made (joining an identical in-flight load is fine), for pages read without a cursor; without it, pages
 * loaded within the cache TTL are reused (continuation pages of a walk).
 */
export interface ListOptions {
  fresh?: boolean;
  /**
   * A read without a cursor that needs at most this many items from the list's start (page size + 1, to know whether
   * there is a next page). A list whose page refs do not depend on the page size may then ask its upstream for only
   * that many on the first page (later pages stay full, so walks still cost about Σ⌈n/100⌉ requests).
   */
  firstPageSize?: number;
}

/** What every provider adapter offers the gateway; each adapter adds its own provider-specific methods. */
export interface ProviderAdapter<C extends Checkout = Checkout> {
  name: ProviderName;
  /** The list for the merged connection's filter: native parts pushed down, the rest left in `residual`. */
  list(filter: CheckoutFilter, options?: ListOptions): PagedList<C>;
  /**
   * Checkouts by upstream id, in the order asked, null where the upstream has none, an Error where that id's lookup
   * failed. Batched where it can be.
   */
  getMany(ids: readonly string[], signal?: AbortSignal): Promise<(C | null | Error)[]>;
  /** The upstream's circuit state (for readiness and per-provider status). */
  health(): { state: 'CLOSED' | 'OPEN' | 'HALF_OPEN'; consecutiveFailures: number; retryAt: number | null };
  /** Releases connection pools. */
  close(): Promise<void>;
}
