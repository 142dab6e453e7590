/**
 * Pure mapping of a Lemon Squeezy checkout resource (plus its included store and variant) to a domain Checkout.
 *
 * A Lemon Squeezy "checkout" is a custom checkout link, not a purchase session: it has no status, buyer or totals
 * of its own. The normalisation contract derives them:
 * - status: `expires_at` set and not in the future → EXPIRED (`expired`), else OPEN (`open`). "Now" is an argument,
 *   so the mapping stays pure and testable.
 * - email: `checkout_data.email`, empty → null.
 * - currency: the store's `currency` (null when the store is unknown).
 * - total: `custom_price`, else the variant's `price` (both minor units), in the store's currency; null when either
 *   the currency or the amount is unknown.
 */
import type { Checkout, Instant } from '../../domain.js';
import { toInstant } from '../../instant.js';
import { moneyFromMinor } from '../../money.js';
import { withLazyRaw } from '../tolerant.js';
import type { LemonCheckoutRead } from './read.js';
import type { LemonCheckoutResource, LemonStoreResource, LemonVariantResource } from './types.js';

export const PROVIDER = 'LEMON_SQUEEZY' as const;

/**
 * A Lemon Squeezy domain checkout: `raw` is the checkout resource; `store` and `variant` are the related resources
 * when the response included them (the GraphQL layer primes its per-request loaders with them), else null.
 */
export type LemonSqueezyCheckout = Checkout<typeof PROVIDER, LemonCheckoutResource> & {
  store: LemonStoreResource | null;
  variant: LemonVariantResource | null;
};

export type LemonProviderStatus = 'open' | 'expired';

/** `expires_at` set and not in the future (at or before `now`) → expired. */
export function lemonProviderStatus(expiresAt: string | null, now: Instant): LemonProviderStatus {
  return expiresAt !== null && toInstant(expiresAt) <= now ? 'expired' : 'open';
}

function blankToNull(text: string | null | undefined): string | null {
  return text === undefined || text === null || text.trim() === '' ? null : text;
}

export function mapCheckout(
  read: LemonCheckoutRead,
  store: LemonStoreResource | null,
  variant: LemonVariantResource | null,
  now: Instant,
): LemonSqueezyCheckout {
  const a = read.essentials.attributes;
  // Guard against a caller pairing the wrong related resource: a mismatch would silently price in another currency.
  const ownStore = store && store.id === String(a.store_id) ? store : null;
  const ownVariant = variant && variant.id === String(a.variant_id) ? variant : null;
  const currency = ownStore ? ownStore.attributes.currency.toUpperCase() : null;
  const minor = a.custom_price ?? ownVariant?.attributes.price ?? null;
  const providerStatus = lemonProviderStatus(a.expires_at ?? null, now);
  return withLazyRaw(
    {
      provider: PROVIDER,
      providerId: read.essentials.id,
      status: providerStatus === 'expired' ? ('EXPIRED' as const) : ('OPEN' as const),
      providerStatus,
      currency,
      email: blankToNull(a.checkout_data?.email)?.trim() ?? null,
      total: currency !== null && minor !== null ? moneyFromMinor(minor, currency) : null,
      createdAt: toInstant(a.created_at),
      updatedAt: toInstant(a.updated_at),
      store: ownStore,
      variant: ownVariant,
    },
    () => read.resource(),
  );
}

/** Indexes a document's `included` array by type and id, for `mapCheckout`'s store/variant arguments. */
export function indexIncluded(included: readonly (LemonStoreResource | LemonVariantResource)[] | undefined): {
  stores: Map<string, LemonStoreResource>;
  variants: Map<string, LemonVariantResource>;
} {
  const stores = new Map<string, LemonStoreResource>();
  const variants = new Map<string, LemonVariantResource>();
  for (const resource of included ?? []) {
    if (resource.type === 'stores') stores.set(resource.id, resource);
    else variants.set(resource.id, resource);
  }
  return { stores, variants };
}

/** Maps every checkout of a document with the related resources the document included. */
export function mapDocumentCheckouts(
  data: readonly LemonCheckoutRead[],
  included: readonly (LemonStoreResource | LemonVariantResource)[] | undefined,
  now: Instant,
): LemonSqueezyCheckout[] {
  const { stores, variants } = indexIncluded(included);
  return data.map((read) =>
    mapCheckout(
      read,
      stores.get(String(read.essentials.attributes.store_id)) ?? null,
      variants.get(String(read.essentials.attributes.variant_id)) ?? null,
      now,
    ),
  );
}
