import { toInstant } from '../../../instant.js';
/** What the Lemon Squeezy type files share: the enabled adapter, the missing-related rule, blank strings. */
import type { Context } from '../../../context.js';
import { BadUserInputError, UpstreamError } from '../../../errors.js';
import type { LemonSqueezyProvider } from '../index.js';

/** The adapter, or BAD_USER_INPUT when this gateway has no Lemon Squeezy credentials. */
export function lemonSqueezy(ctx: Context): LemonSqueezyProvider {
  const provider = ctx.providers.lemonsqueezy;
  if (!provider) throw new BadUserInputError('LEMON_SQUEEZY is not enabled on this gateway');
  return provider;
}

/** A checkout names its store and variant, so one the upstream cannot find is an upstream inconsistency. */
export function orMissing<T>(what: string, ids: readonly string[], results: (T | null)[]): (T | Error)[] {
  return results.map(
    (result, i) => result ?? new UpstreamError('LEMON_SQUEEZY', 'UPSTREAM_BAD_RESPONSE', `the ${what} ${ids[i]} of a checkout does not exist upstream`),
  );
}

/** Upstream strings are `""` when unset; GraphQL says null. */
export const blank = (text: string | null | undefined): string | null => (text === undefined || text === null || text === '' ? null : text);

/** A timestamp the tolerant reader kept (already readable), or null when it was not. */
export function instantOrNull(text: string | null | undefined): string | null {
  return typeof text === 'string' ? toInstant(text) : null;
}
