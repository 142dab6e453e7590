/**
 * Reading Lemon Squeezy resources: the essentials strictly (an unreadable one fails the page, naming the resource and
 * the path), the descriptive attributes tolerantly. Checkouts defer their descriptive part to first use; the few
 * stores and variants of a page are read whole.
 */
import { readEssential, readTolerant } from '../tolerant.js';
import {
  checkoutAttributesReader,
  checkoutEssentialSchema,
  relationshipsReader,
  storeAttributesReader,
  storeEssentialSchema,
  variantAttributesReader,
  variantEssentialSchema,
  type LemonCheckoutEssentials,
  type LemonCheckoutResource,
  type LemonStoreResource,
  type LemonVariantResource,
} from './types.js';

const PROVIDER = 'LEMON_SQUEEZY' as const;

/** A checkout resource: essentials read, the whole resource read on first use. */
export interface LemonCheckoutRead {
  essentials: LemonCheckoutEssentials;
  resource(): LemonCheckoutResource;
}

interface ResourceJson {
  id?: unknown;
  type?: unknown;
  attributes?: unknown;
  relationships?: unknown;
}

/** PHP writes an empty map as `[]`. */
const phpMap = (value: unknown): unknown => (Array.isArray(value) && value.length === 0 ? {} : value);

export function readCheckout(json: unknown): LemonCheckoutRead {
  const resource = (json ?? {}) as ResourceJson;
  const essentials = readEssential(PROVIDER, 'checkout', checkoutEssentialSchema, json, resource.id);
  let read: LemonCheckoutResource | undefined;
  return {
    essentials,
    resource() {
      if (!read) {
        const { checkout_data: _data, ...own } = essentials.attributes;
        const attributes = readTolerant(PROVIDER, checkoutAttributesReader, phpMap(resource.attributes), ['attributes']);
        read = { type: 'checkouts', id: essentials.id, attributes: { ...attributes, ...own } };
        if (resource.relationships !== undefined) {
          read.relationships = readTolerant(PROVIDER, relationshipsReader, phpMap(resource.relationships), ['relationships']);
        }
      }
      return read;
    },
  };
}

export function readStore(json: unknown): LemonStoreResource {
  const resource = (json ?? {}) as ResourceJson;
  const { id, attributes } = readEssential(PROVIDER, 'store', storeEssentialSchema, json, resource.id);
  const rest = readTolerant(PROVIDER, storeAttributesReader, phpMap(resource.attributes), ['store', 'attributes']);
  return { type: 'stores', id, attributes: { ...rest, currency: attributes.currency } };
}

export function readVariant(json: unknown): LemonVariantResource {
  const resource = (json ?? {}) as ResourceJson;
  const { id, attributes } = readEssential(PROVIDER, 'variant', variantEssentialSchema, json, resource.id);
  const rest = readTolerant(PROVIDER, variantAttributesReader, phpMap(resource.attributes), ['variant', 'attributes']);
  return { type: 'variants', id, attributes: { ...rest, price: attributes.price } };
}

/** The stores and variants of a document's `included`; resources of other types are not ours to read. */
export function readIncluded(included: readonly unknown[] | null | undefined): (LemonStoreResource | LemonVariantResource)[] {
  const out: (LemonStoreResource | LemonVariantResource)[] = [];
  for (const json of included ?? []) {
    const type = (json as ResourceJson | null)?.type;
    if (type === 'stores') out.push(readStore(json));
    else if (type === 'variants') out.push(readVariant(json));
  }
  return out;
}
