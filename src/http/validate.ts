/**
 * Upstream payloads are validated at the boundary: a body that does not match its schema becomes a precise
 * UPSTREAM_BAD_RESPONSE naming the provider and what was wrong, never a crash deep inside a resolver.
 */
import type { z } from 'zod';
import type { ProviderName } from '../domain.js';
import { UpstreamError } from '../errors.js';

export function validatePayload<S extends z.ZodType>(provider: ProviderName, what: string, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = result.error.issues.length > 3 ? ` (+${result.error.issues.length - 3} more)` : '';
  throw new UpstreamError(provider, 'UPSTREAM_BAD_RESPONSE', `unexpected ${what} payload: ${issues.join('; ')}${more}`);
}
