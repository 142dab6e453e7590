/**
 * A last line of defence for free text: logger.ts redacts secrets by key, but an error message or stack, or an
 * upstream's error body quoted in a message, is free text, so known secret values and URL credentials are cut out
 * of it by value.
 */

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi;
const SECRET_QUERY_PARAMETERS = /([?&](?:api[_-]?key|access[_-]?token|token|key|secret|password|organisation)=)[^&\s"'<>]+/gi;
/** Shorter values would redact ordinary words; every real credential here is longer. */
export const MIN_SECRET_LENGTH = 8;

export type Scrub = (text: string) => string;

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

export function createScrubber(secrets: readonly (string | null | undefined)[], options: ScrubOptions = {}): Scrub {
  const queryParameters = options.queryParameters ?? true;
  const values = usable(secrets);
  const embedded = usable(options.embedded ?? []);
  // Runs over every string of every response: cheap `includes` checks first, regexes and rebuilds only when needed.
  return (text) => {
    let out = text.includes('@') ? text.replace(URL_CREDENTIALS, '$1[redacted]@') : text;
    if (queryParameters && out.includes('=')) out = out.replace(SECRET_QUERY_PARAMETERS, '$1[redacted]');
    for (const value of values) if (out.includes(value)) out = out.split(value).join('[redacted]');
    for (const value of embedded) if (out !== value && out.includes(value)) out = out.split(value).join('[redacted]');
    return out;
  };
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
