/**
 * What the security layer can be told: query limits, persisted operations, introspection and gateway tokens.
 * config.ts fills it from the environment; tests build it directly.
 */
import { DEFAULT_PAGE_SIZE } from '../pagination/args.js';

export interface QueryLimits {
  /** Deepest field nesting an operation may select (introspection fields not counted). */
  maxDepth: number;
  /** Highest estimated cost (see cost.ts): composite fields count 1, multiplied by the page sizes above them. */
  maxCost: number;
  /** Page size assumed for a connection field given neither `first` nor `last` (the resolvers' own default). */
  defaultPageSize: number;
  /** Aliased fields per operation. */
  maxAliases: number;
  /** Lexical tokens per document, counted while parsing so an oversized document stops early. */
  maxTokens: number;
  /** Bytes of request body; larger bodies get HTTP 413 before they are parsed. */
  maxRequestBodyBytes: number;
  /** Operations per batched request (a JSON array body); 0 turns batching off. */
  maxBatchOperations: number;
  /** Global ids one `nodes(ids:)` may ask for; each is an upstream lookup. */
  maxNodeIds: number;
}

export interface PersistedOperations {
  /** Operation id (the client's `extensions.persistedQuery.sha256Hash`) → document text. */
  operations: ReadonlyMap<string, string>;
  /** When true, a request that carries a `query` instead of an id is refused. */
  only: boolean;
}

export interface SecurityConfig {
  limits: QueryLimits;
  /** When false, `__schema` / `__type` are refused and "Did you mean …" suggestions are masked. */
  introspection: boolean;
  persistedOperations: PersistedOperations | null;
  /** Bearer tokens a request to the GraphQL endpoint must present; empty means no gateway authentication. */
  gatewayTokens: readonly string[];
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxCost: 5_000,
  defaultPageSize: DEFAULT_PAGE_SIZE,
  maxAliases: 15,
  maxTokens: 1_000,
  maxRequestBodyBytes: 100_000,
  maxBatchOperations: 0,
  maxNodeIds: 100,
};

export const DEFAULT_SECURITY: SecurityConfig = {
  limits: DEFAULT_LIMITS,
  introspection: true,
  persistedOperations: null,
  gatewayTokens: [],
};

/** Codes in `extensions.code` of the errors this layer answers with (yoga's own are listed in the README). */
export const SECURITY_ERROR_CODES = {
  depth: 'MAX_DEPTH_EXCEEDED',
  cost: 'MAX_COST_EXCEEDED',
  aliases: 'MAX_ALIASES_EXCEEDED',
  tokens: 'MAX_TOKENS_EXCEEDED',
  csrf: 'CSRF_HEADER_REQUIRED',
  unauthenticated: 'UNAUTHENTICATED',
} as const;
