/**
 * Query handling of the Lemon Squeezy sandbox's `GET /v1/checkouts`, with PHP's habits (the last of repeated keys
 * wins): `filter[store_id]`, `filter[variant_id]`, `page[number]`, `page[size]`, `include` and `sort`, parsed into a
 * ListQuery or refused with a ParamError (→ 400 with `source.parameter`); the selection and page it stands for, served
 * from the data's prebuilt per-store and per-variant lists without copying; and upstream-style link encoding.
 */
import type { LemonCheckoutRecord, SandboxData } from './data.js';

const INCLUDES = new Set(['store', 'variant']);
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;
const FILTERS = new Set(['filter[store_id]', 'filter[variant_id]']);

/** PHP reads the last of repeated query keys. */
export function param(query: URLSearchParams, name: string): string | undefined {
  return query.getAll(name).at(-1);
}

export class ParamError extends Error {
  constructor(
    readonly detail: string,
    readonly parameter: string,
  ) {
    super(detail);
  }
}

export function integerParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = param(query, name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new ParamError(`The ${name} must be an integer.`, name);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ParamError(max === Number.MAX_SAFE_INTEGER ? `The ${name} must be at least ${min}.` : `The ${name} must be between ${min} and ${max}.`, name);
  }
  return value;
}

export function includeParam(query: URLSearchParams): Set<string> {
  const raw = param(query, 'include');
  if (raw === undefined || raw === '') return new Set();
  const paths = raw.split(',').map((p) => p.trim());
  for (const path of paths) {
    if (!INCLUDES.has(path)) throw new ParamError(`Include path ${path} is not allowed; include accepts store, variant.`, 'include');
  }
  return new Set(paths);
}

/** Query string in the upstream's own order, brackets and commas percent-encoded (§3.1). */
export function encodeQuery(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

export interface ListQuery {
  storeId: number | undefined;
  variantId: number | undefined;
  /** Page number, from 1. */
  number: number;
  size: number;
  include: Set<string>;
  sort: '-createdAt' | 'createdAt';
}

/** The list query, checked in the upstream's order; throws ParamError on the first bad parameter. */
export function parseListQuery(query: URLSearchParams): ListQuery {
  for (const key of query.keys()) {
    if (key.startsWith('filter[') && !FILTERS.has(key)) throw new ParamError(`The filter ${key} is not allowed.`, key);
  }
  const storeId = integerParam(query, 'filter[store_id]', 0, Number.MAX_SAFE_INTEGER);
  const variantId = integerParam(query, 'filter[variant_id]', 0, Number.MAX_SAFE_INTEGER);
  const number = integerParam(query, 'page[number]', 1, Number.MAX_SAFE_INTEGER) ?? 1;
  const size = integerParam(query, 'page[size]', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const include = includeParam(query);
  const sort = param(query, 'sort') ?? '-createdAt';
  if (sort !== '-createdAt' && sort !== 'createdAt') throw new ParamError(`Sort ${sort} is not allowed.`, 'sort');
  return { storeId, variantId, number, size, include, sort };
}

/** The checkouts matching the filters, in upstream order; shared arrays, never copied. */
export function select(data: SandboxData, storeId: number | undefined, variantId: number | undefined): readonly LemonCheckoutRecord[] {
  if (variantId !== undefined) {
    const list = data.byVariant.get(variantId) ?? [];
    if (storeId === undefined) return list;
    return data.variantsById.get(String(variantId))?.storeId === storeId ? list : [];
  }
  if (storeId !== undefined) return data.byStore.get(storeId) ?? [];
  return data.checkouts;
}

export interface ListPage {
  page: LemonCheckoutRecord[];
  total: number;
  lastPage: number;
  /** Positions of the page in the selection: [start, end). */
  start: number;
  end: number;
}

/** The page `q` asks for, in the order it asks for (`createdAt` reads the selection backwards). */
export function pageOf(data: SandboxData, q: ListQuery): ListPage {
  const list = select(data, q.storeId, q.variantId);
  const total = list.length;
  const lastPage = Math.max(1, Math.ceil(total / q.size));
  const start = Math.min((q.number - 1) * q.size, total);
  const end = Math.min(start + q.size, total);
  const page: LemonCheckoutRecord[] = [];
  for (let i = start; i < end; i++) page.push(q.sort === 'createdAt' ? list[total - 1 - i]! : list[i]!);
  return { page, total, lastPage, start, end };
}
