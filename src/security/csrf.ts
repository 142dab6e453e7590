/**
 * CSRF prevention where it protects something. A browser can send a GET, or a POST with a form or text/plain body, to
 * another origin without a CORS preflight. A GET only ever runs a query here (yoga refuses mutations over GET, and the
 * schema has none), and the gateway authenticates with an `Authorization` header a cross-site page cannot add, not with
 * cookies — so a forged GET can neither change anything nor read the answer. GETs are therefore served as they are,
 * which is what urql's and other clients' defaults send. A POST whose body a form could have produced
 * (form-urlencoded, multipart, text/plain, or no content type) must still carry `x-graphql-yoga-csrf`, a header a page
 * cannot set without a preflight: such a POST is the one shape that could run an operation of any kind.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { SECURITY_ERROR_CODES } from './options.js';

export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/** Content types a browser sends cross-site without a preflight (the Fetch standard's CORS-safelisted ones). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** True when a cross-site page could have sent this request without a preflight and it may run an operation. */
export function needsCsrfHeader(method: string, contentType: string | null): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' || SIMPLE_CONTENT_TYPES.includes(type);
}

export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      if (!needsCsrfHeader(request.method.toUpperCase(), request.headers.get('content-type'))) return;
      if (request.headers.has(CSRF_HEADER)) return;
      throw createGraphQLError(
        `A POST with a form or text/plain body (or none declared) must carry the \`${CSRF_HEADER}\` header (CSRF prevention); send JSON, or a GET.`,
        { extensions: { code: SECURITY_ERROR_CODES.csrf, http: { status: 403 } } },
      );
    },
  };
}
