import { GraphQLError, Kind } from 'graphql';
import { parseInstant } from '../instant.js';
import { builder } from './builder.js';

const DESCRIPTION =
  'A UTC instant in ISO 8601: `2024-09-30T10:00:00.000000Z` (always `Z`, six fractional digits). As input, ' +
  'any ISO 8601 date-time with an offset or `Z` is accepted and converted to UTC.';

function parse(value: unknown) {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO 8601 string', { extensions: { code: 'BAD_USER_INPUT' } });
  if (!/(Z|z|[+-]\d{2}:?\d{2})$/.test(value.trim())) {
    throw new GraphQLError(`DateTime needs a time zone (Z or an offset): ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const instant = parseInstant(value);
  if (instant === null) throw new GraphQLError(`not an ISO 8601 date-time: ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return instant;
}

export const DateTime = builder.scalarType('DateTime', {
  description: DESCRIPTION,
  serialize: (value) => value,
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string literal', { extensions: { code: 'BAD_USER_INPUT' } });
    return parse(ast.value);
  },
});
