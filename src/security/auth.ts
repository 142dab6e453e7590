/**
 * Optional gateway authentication: with tokens configured, every request to the GraphQL endpoint must carry
 * `Authorization: Bearer <token>` naming one of them, or it gets a 401 with a GraphQL-shaped error and a
 * `WWW-Authenticate` challenge (RFC 6750). GraphiQL's HTML page is served by yoga before this hook runs, so a person
 * can still open it and put the header in its headers pane.
 *
 * Tokens are compared by their SHA-256 digests with timingSafeEqual, against every configured token without
 * stopping at a match, so neither a token's content nor its length nor its position in the list shows in timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { SECURITY_ERROR_CODES } from './options.js';

const REALM = 'checkout-graph';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** The token of an `Authorization: Bearer …` header, or null (the scheme is case-insensitive, RFC 7235). */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

export function createTokenCheck(tokens: readonly string[]): (candidate: string) => boolean {
  const digests = tokens.map(digest);
  return (candidate) => {
    const presented = digest(candidate);
    let matched = false;
    for (const expected of digests) matched = timingSafeEqual(presented, expected) || matched;
    return matched;
  };
}

function unauthenticated(presented: boolean) {
  const challenge = presented ? `Bearer realm="${REALM}", error="invalid_token"` : `Bearer realm="${REALM}"`;
  return createGraphQLError(
    presented ? 'The gateway token is not valid.' : 'This gateway needs a token: send `Authorization: Bearer <token>` (in GraphiQL, in the Headers pane).',
    { extensions: { code: SECURITY_ERROR_CODES.unauthenticated, http: { status: 401, headers: { 'WWW-Authenticate': challenge } } } },
  );
}

export function useGatewayAuth(tokens: readonly string[]): Plugin {
  const accepts = createTokenCheck(tokens);
  return {
    // onRequestParse runs for the GraphQL endpoint only, after GraphiQL and CORS preflights were answered and
    // before the body is read: an unauthenticated request costs no parsing.
    onRequestParse({ request }) {
      const header = request.headers.get('authorization');
      const token = bearerToken(header);
      if (token === null || !accepts(token)) throw unauthenticated(header !== null);
    },
  };
}
