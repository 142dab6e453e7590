/**
 * The Lemon Squeezy sandbox's JSON:API vocabulary: response and error documents (§3.1, §6.1), query-parameter
 * parsing with PHP's habits (the last of repeated keys wins), upstream-style link encoding, and the resources.
 */
import type { SandboxResponse } from '../../../sandbox/harness.js';
import type { LemonCheckoutRecord, LemonStoreRecord, LemonVariantRecord } from './data.js';

export const JSON_API = 'application/vnd.api+json';
export const JSONAPI_MEMBER = { version: '1.0' };
const INCLUDES = new Set(['store', 'variant']);
const STORE_RELATIONSHIPS = ['products', 'orders', 'subscriptions', 'discounts', 'license-keys', 'webhooks'];
const VARIANT_RELATIONSHIPS = ['product', 'files', 'price-model'];

export type Resource = Record<string, unknown>;

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function respond(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': JSON_API, ...headers }, body };
}

export function error(status: number, title: string, detail: string, parameter?: string, headers?: Record<string, string>): SandboxResponse {
  const entry: Record<string, unknown> = { detail };
  if (parameter !== undefined) entry.source = { parameter };
  entry.status = String(status);
  entry.title = title;
  return respond(status, { jsonapi: JSONAPI_MEMBER, errors: [entry] }, headers);
}

export const badRequest = (detail: string, parameter: string) => error(400, 'Bad Request', detail, parameter);
export const notFound = (detail: string) => error(404, 'Not Found', detail);

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
    throw new ParamError(
      max === Number.MAX_SAFE_INTEGER ? `The ${name} must be at least ${min}.` : `The ${name} must be between ${min} and ${max}.`,
      name,
    );
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

export function storeResource(store: LemonStoreRecord, base: string): Resource {
  const self = `${base}/stores/${store.id}`;
  return {
    type: 'stores',
    id: String(store.id),
    attributes: store.attributes,
    relationships: Object.fromEntries(
      STORE_RELATIONSHIPS.map((name) => [name, { links: { related: `${self}/${name}`, self: `${self}/relationships/${name}` } }]),
    ),
    links: { self },
  };
}

export function variantResource(variant: LemonVariantRecord, base: string): Resource {
  const self = `${base}/variants/${variant.id}`;
  return {
    type: 'variants',
    id: String(variant.id),
    attributes: variant.attributes,
    relationships: Object.fromEntries(
      VARIANT_RELATIONSHIPS.map((name) => [name, { links: { related: `${self}/${name}`, self: `${self}/relationships/${name}` } }]),
    ),
    links: { self },
  };
}

/** A checkout resource; relationship linkage (`data`) only for included relationships (§5 assumption). */
export function checkoutResource(checkout: LemonCheckoutRecord, base: string, include: Set<string>): Resource {
  const self = `${base}/checkouts/${checkout.id}`;
  const relationship = (name: 'store' | 'variant', type: string, id: number) => ({
    links: { related: `${self}/${name}`, self: `${self}/relationships/${name}` },
    ...(include.has(name) ? { data: { type, id: String(id) } } : {}),
  });
  return {
    type: 'checkouts',
    id: checkout.id,
    attributes: checkout.attributes,
    relationships: {
      store: relationship('store', 'stores', checkout.attributes.store_id),
      variant: relationship('variant', 'variants', checkout.attributes.variant_id),
    },
    links: { self },
  };
}

/** Stores, then variants, each once, in order of first mention. */
export function includedFor(checkouts: readonly LemonCheckoutRecord[], include: Set<string>, base: string): Resource[] {
  const stores = new Map<number, Resource>();
  const variants = new Map<number, Resource>();
  for (const checkout of checkouts) {
    const { store, variant } = checkout;
    if (include.has('store') && !stores.has(store.id)) stores.set(store.id, storeResource(store, base));
    if (include.has('variant') && !variants.has(variant.id)) variants.set(variant.id, variantResource(variant, base));
  }
  return [...stores.values(), ...variants.values()];
}
