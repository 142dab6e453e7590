/** Validation of Relay connection arguments, shared by every connection field. */
import { BadUserInputError } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageRequest {
  direction: 'forward' | 'backward';
  size: number;
  cursor: string | null;
  /** The argument the cursor came from, for error messages. */
  argument: 'after' | 'before';
}

function checkSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new BadUserInputError(`\`${name}\` must be a non-negative integer, got ${value}`, { argument: name });
  if (value > MAX_PAGE_SIZE) throw new BadUserInputError(`\`${name}\` must be at most ${MAX_PAGE_SIZE}, got ${value}`, { argument: name });
  return value;
}

/**
 * Forward paging is `first`/`after`, backward is `last`/`before`. Mixing the two directions in one request is
 * rejected rather than given a surprising meaning.
 */
export function parseConnectionArgs(args: ConnectionArgs, options: { backward: boolean } = { backward: true }): PageRequest {
  const { first, after, last, before } = args;
  const has = (v: unknown) => v !== null && v !== undefined;
  if (has(first) && has(last)) throw new BadUserInputError('Pass either `first` or `last`, not both', { argument: 'last' });
  if (has(after) && has(before)) throw new BadUserInputError('Pass either `after` or `before`, not both', { argument: 'before' });
  if (!options.backward && (has(last) || has(before))) {
    throw new BadUserInputError('This connection pages forward only: use `first` and `after`', { argument: has(last) ? 'last' : 'before' });
  }
  if (has(last) || has(before)) {
    if (has(first)) throw new BadUserInputError('`first` cannot be combined with `before`; use `last` with `before`', { argument: 'first' });
    return { direction: 'backward', size: has(last) ? checkSize('last', last as number) : DEFAULT_PAGE_SIZE, cursor: before ?? null, argument: 'before' };
  }
  return { direction: 'forward', size: has(first) ? checkSize('first', first as number) : DEFAULT_PAGE_SIZE, cursor: after ?? null, argument: 'after' };
}
