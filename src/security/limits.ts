/**
 * Size limits checked while parsing and validating, from graphql-armor: token count (stops the lexer early), field
 * depth and aliases. Each refusal gets a specific `extensions.code` and is answered like a validation error (400 for
 * application/graphql-response+json, 200 for application/json, never a 500).
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { SECURITY_ERROR_CODES, type QueryLimits } from './options.js';

/**
 * armor words every refusal as a syntax error and throws it out of the parser or validator, past yoga's own
 * marking of validation errors: drop the prefix, name the limit in the code and mark it as a request error.
 */
function relabel(code: string) {
  return (_context: unknown, error: GraphQLError) => {
    error.message = error.message.replace(/^Syntax Error: /, '');
    Object.assign(error.extensions, { code, http: { spec: true, status: 400 } });
  };
}

export function queryLimitPlugins(limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxTokens'>): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens, onReject: [relabel(SECURITY_ERROR_CODES.tokens)] }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, onReject: [relabel(SECURITY_ERROR_CODES.depth)] }) as Plugin,
    maxAliasesPlugin({ n: limits.maxAliases, onReject: [relabel(SECURITY_ERROR_CODES.aliases)] }) as Plugin,
  ];
}

/** With introspection off, "Did you mean …?" in validation errors would still spell the schema out field by field. */
export function hideFieldSuggestions(): Plugin {
  return blockFieldSuggestionsPlugin({ mask: '' }) as Plugin;
}
