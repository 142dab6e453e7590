/**
 * A last line of defence for responses: an upstream that echoes a credential back in an error body (it happens:
 * "invalid key sk_…") must not get it in front of a client through a provider's error message. Before a result is
 * serialised, error messages and extensions go through the full scrubber, and every string of `data` (where a
 * provider's failure is also reported, in `sources`) through one that leaves a field whose whole value is a private
 * identifier (exposed by design) as it is.
 */
import type { Plugin } from 'graphql-yoga';
import { withChanges } from './error-codes.js';
import type { Scrub } from './scrub.js';

function scrubInPlace(value: unknown, scrub: Scrub, seen: Set<object>): unknown {
  if (typeof value === 'string') return scrub(value);
  if (!value || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = scrubInPlace(value[i], scrub, seen);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = scrubInPlace(record[key], scrub, seen);
  return value;
}

interface Result {
  data?: unknown;
  errors?: readonly unknown[];
  stringify?: (result: unknown) => string;
}

function scrubResult(result: Result, scrub: { errors: Scrub; data: Scrub }): void {
  const errors = result.errors as unknown[] | undefined;
  for (let i = 0; i < (errors?.length ?? 0); i++) {
    const error = errors![i];
    if (!(error instanceof Error)) continue;
    const message = scrub.errors(error.message);
    // graphql-jit's errors have a read-only message: withChanges puts a copy in their place.
    if (message !== error.message) errors![i] = withChanges(error, { message });
    const extensions = (error as { extensions?: unknown }).extensions;
    if (extensions) scrubInPlace(extensions, scrub.errors, new Set());
  }
  if (!result.data) return;
  const touches = scrub.data.touches;
  if (!touches) {
    scrubInPlace(result.data, scrub.data, new Set());
    return;
  }
  // `data` is searched once, in the JSON text yoga writes anyway: the result's serialiser (yoga's
  // jsonStringifyResultWithoutInternals calls `result.stringify` for JSON, SSE and multipart answers alike) is wrapped
  // so that every string of `data` is scrubbed, and the answer serialised again, only when that text holds something
  // the scrubber cuts. Most answers hold nothing, and pay one search per secret instead of a call per string.
  const serialise = result.stringify ?? JSON.stringify;
  result.stringify = (value) => {
    const text = serialise(value);
    if (!touches(text)) return text;
    scrubInPlace((value as Result).data, scrub.data, new Set());
    return serialise(value);
  };
}

export function useResponseScrubbing(scrub: { errors: Scrub; data: Scrub }): Plugin {
  return {
    onResultProcess({ result }) {
      // Streams (subscriptions, @defer) are not served by this schema; plain and batched results are.
      if (!result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      for (const single of Array.isArray(result) ? result : [result]) scrubResult(single as Result, scrub);
    },
  };
}
