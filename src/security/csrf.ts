/**
 * CSRF prevention (yoga's plugin): a browser can send a GET, or a POST with a form or text/plain body, to another
 * origin without a CORS preflight, carrying the victim's cookies. Such requests must carry a header a page cannot set
 * without a preflight (`x-graphql-yoga-csrf`); a JSON POST, which GraphiQL sends, is preflighted already and passes.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { SECURITY_ERROR_CODES } from './options.js';

export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export function useCsrfPrevention(): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse(payload) {
      try {
        return inner.onRequestParse?.(payload);
      } catch {
        // The plugin's own error has no code; answer the same 403 with one and with what to do.
        throw createGraphQLError(
          `Requests without a JSON body (GET, forms, text/plain) must carry the \`${CSRF_HEADER}\` header (CSRF prevention).`,
          { extensions: { code: SECURITY_ERROR_CODES.csrf, http: { status: 403 } } },
        );
      }
    },
  };
}
