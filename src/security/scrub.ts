/**
 * A last line of defence for free text: logger.ts redacts secrets by key, but an error message or stack, or an
 * upstream's error body quoted in a message, is free text, so known secret values and URL credentials are cut out
 * of it by value.
 */

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi;
const SECRET_QUERY_PARAMETERS = /([?&](?:api[_-]?key|access[_-]?token|token|key|secret|password|organisation)=)[^&\s"'<>]+/gi;
/** Shorter values would redact ordinary words; every real credential here is longer. */
export const MIN_SECRET_LENGTH = 8;

export interface Scrub {
  (text: string): string;
  /**
   * False only when this scrubber would cut nothing out of any string held in `text`, which may be JSON text (a
   * serialised response): lets a caller search a whole answer once instead of calling the scrubber per string.
   * Conservative: true whenever a secret value would look different JSON-escaped.
   */
  touches?: (text: string) => boolean;
}

export interface ScrubOptions {
  /** Also cut the values of query parameters named like credentials (`api_key=`, `token=` …): right for logs, too
   * eager for response data, where a checkout URL may carry a `token` of its own. */
  queryParameters?: boolean;
  /**
   * Values cut only where they are quoted inside longer text (an upstream's error message), left alone where they
   * are the whole text (a data field that exposes the value by design).
   */
  embedded?: readonly (string | null | undefined)[];
}

function usable(values: readonly (string | null | undefined)[]): string[] {
  return (
    [...new Set(values.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))]
      // Longest first, so a secret that contains another is cut whole.
      .sort((a, b) => b.length - a.length)
  );
}

/**
 * A superset of URL_CREDENTIALS' matches without the regex (which, over a whole answer, tries every word start): some
 * `://` whose run of characters up to the first whitespace, `/`, `@`, quote or angle bracket ends at an `@`.
 */
function mayHoldUrlCredentials(text: string): boolean {
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    const run = /[\s/@"'<>]/g;
    run.lastIndex = at + 3;
    const stop = run.exec(text);
    if (stop && stop[0] === '@' && stop.index > at + 3) return true;
  }
  return false;
}

export function createScrubber(secrets: readonly (string | null | undefined)[], options: ScrubOptions = {}): Scrub {
  const queryParameters = options.queryParameters ?? true;
  const values = usable(secrets);
  const embedded = usable(options.embedded ?? []);
  // Cheap `includes` checks first, regexes and rebuilds only when needed.
  const scrub: Scrub = (text) => {
    let out = text.includes('@') ? text.replace(URL_CREDENTIALS, '$1[redacted]@') : text;
    if (queryParameters && out.includes('=')) out = out.replace(SECRET_QUERY_PARAMETERS, '$1[redacted]');
    for (const value of values) if (out.includes(value)) out = out.split(value).join('[redacted]');
    for (const value of embedded) if (out !== value && out.includes(value)) out = out.split(value).join('[redacted]');
    return out;
  };
  // Inside JSON text a string's characters may be escaped; the patterns' runs stop at `"` and whitespace in both
  // forms, and an escape sequence only adds word characters, so a match in a string is a match in its JSON text.
  const queryParameter = new RegExp(SECRET_QUERY_PARAMETERS.source, 'i');
  const plain = (value: string) => JSON.stringify(value) === `"${value}"`;
  const allPlain = [...values, ...embedded].every(plain);
  scrub.touches = (text) =>
    !allPlain ||
    mayHoldUrlCredentials(text) ||
    (queryParameters && text.includes('=') && queryParameter.test(text)) ||
    values.some((value) => text.includes(value)) ||
    embedded.some((value) => text.includes(value));
  return scrub;
}

/**
 * What a log line keeps of a thrown value: its type, code and scrubbed message and stack, and the same of the error
 * it wraps (a GraphQLError's stack is already its original error's), but none of its other own properties.
 */
export function loggableError(value: unknown, scrub: Scrub, withStack = true): Record<string, unknown> {
  if (!(value instanceof Error)) return { message: scrub(String(value)) };
  const extensions = (value as { extensions?: { code?: unknown } }).extensions;
  const code = (value as { code?: unknown }).code ?? extensions?.code;
  const original = (value as { originalError?: unknown }).originalError;
  return {
    type: value.name,
    message: scrub(value.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(withStack && value.stack ? { stack: scrub(value.stack) } : {}),
    ...(original instanceof Error && original !== value ? { originalError: loggableError(original, scrub, false) } : {}),
  };
}
