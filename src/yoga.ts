/**
 * createApp(deps) → a yoga instance. Tests call `yoga.fetch` without opening a port; server.ts is the only file that
 * listens.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { getOperationAST, getVariableValues, type ExecutionResult } from 'graphql';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type Context, type ContextDeps } from './context.js';
import { DEFAULT_QUERY } from './graphiql.js';
import { useMetrics } from './observability/metrics-plugin.js';
import type { Metrics } from './observability/metrics.js';
import { useTracing } from './observability/trace-plugin.js';
import type { FleetStatus } from './fleet/fleet.js';
import { readinessPlugin } from './readiness.js';
import { getSchema } from './schema/index.js';
import { DEFAULT_SECURITY, type SecurityConfig } from './security/options.js';
import { securityPlugins, securitySummary, securityYogaOptions } from './security/plugins.js';
import { createScrubber, loggableError } from './security/scrub.js';

export type App = YogaServerInstance<Record<string, unknown>, Context>;

/** Appends the errors of providers that failed while others answered (see Context.partialErrors). */
export function partialErrorsPlugin(): Plugin<Context> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          const ctx = args.contextValue as Context;
          if (!ctx.partialErrors?.length || Symbol.asyncIterator in (result as object)) return;
          const single = result as ExecutionResult;
          setResult({ ...single, errors: [...(single.errors ?? []), ...(ctx.partialErrors as never[])] });
        },
      };
    },
  };
}

/**
 * Refuses a request whose variables do not coerce, or whose operation cannot be picked, before graphql-jit runs, with
 * graphql-js's own errors (what yoga's default executor answers: same messages, variable definition nodes, HTTP 400).
 * graphql-jit coerces variables with its own code, which drops a scalar's message ("DateTime needs a time zone") and
 * points at no node. Valid variables are coerced twice (here and in jit): microseconds per request.
 */
export function useGraphQLJsVariables(): Plugin<Context> {
  const refuse = (message: string) => createGraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) {
        const named = args.operationName;
        const several = !named && args.document.definitions.filter((d: { kind: string }) => d.kind === 'OperationDefinition').length > 1;
        setResultAndStopExecution({
          errors: [
            refuse(
              named
                ? `Unknown operation named "${named}".`
                : several
                  ? 'Must provide operation name if query contains multiple operations.'
                  : 'Must provide an operation.',
            ),
          ],
        });
        return;
      }
      if (!operation.variableDefinitions?.length) return;
      const { errors } = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: 50 });
      if (!errors) return;
      for (const error of errors) {
        Object.defineProperty(error, 'extensions', { value: { ...error.extensions, http: { ...(error.extensions?.http as object), status: 400 } } });
      }
      setResultAndStopExecution({ errors });
    },
  };
}

export interface AppOptions {
  /** Limits, persisted operations, introspection and gateway tokens (default: DEFAULT_SECURITY). */
  security?: SecurityConfig;
  /**
   * Credentials (API keys, cursor secret): cut out by value from log lines and from every string of a response.
   * Gateway tokens are added.
   */
  credentials?: readonly (string | null | undefined)[];
  /**
   * Private identifiers that are not credentials (the Zenskar organisation id): cut out of log lines and error
   * messages, and out of data strings that quote them, but not from a data field whose whole value is one (exposed by
   * design).
   */
  privateIdentifiers?: readonly (string | null | undefined)[];
  /** Serves GET /metrics and records GraphQL request metrics; null or absent: neither. */
  metrics?: Metrics | null;
  /** An OpenTelemetry SDK is registered: one server span per request with parse/validate/execute children. */
  tracing?: boolean;
  /** Fleet mode: the fleet's state, shown on /readiness. */
  fleet?: () => FleetStatus;
}

const GRAPHQL_ENDPOINT = '/graphql';

export function createApp(deps: ContextDeps, options: AppOptions = {}): App {
  const security = options.security ?? DEFAULT_SECURITY;
  const credentials = [...(options.credentials ?? []), ...security.gatewayTokens];
  const identifiers = options.privateIdentifiers ?? [];
  const scrubLog = createScrubber([...credentials, ...identifiers]);
  const scrub = {
    errors: createScrubber([...credentials, ...identifiers], { queryParameters: false }),
    data: createScrubber(credentials, { queryParameters: false, embedded: identifiers }),
  };
  deps.logger.info({ security: securitySummary(security) }, 'security settings');
  const contextDeps: ContextDeps = { ...deps, maxNodeIds: security.limits.maxNodeIds };
  return createYoga<Record<string, unknown>, Context>({
    schema: getSchema(),
    context: ({ request }) => createContext(contextDeps, request),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    graphiql: { title: 'checkout-graph', defaultQuery: DEFAULT_QUERY },
    renderGraphiQL,
    maskedErrors: true,
    logging: {
      debug: (...args) => deps.logger.debug({ args }, 'yoga'),
      info: (...args) => deps.logger.info({ args }, 'yoga'),
      warn: (...args) => deps.logger.warn({ args }, 'yoga'),
      // Masked resolver errors land here with their stack; their text is scrubbed of secret values. (Under `error`,
      // not `err`: pino's err serializer would copy every own property of the error back in.)
      error: (...args) => deps.logger.error({ error: loggableError(args[0], scrubLog) }, 'yoga'),
    },
    ...securityYogaOptions(security),
    plugins: [
      ...(options.tracing ? [useTracing()] : []),
      ...(options.metrics ? [useMetrics(options.metrics, GRAPHQL_ENDPOINT)] : []),
      readinessPlugin(deps.providers, options.fleet),
      ...securityPlugins(security, { logger: deps.logger, endpoint: GRAPHQL_ENDPOINT, scrub }),
      partialErrorsPlugin(),
      useGraphQLJsVariables(),
      // Last, so its execute function is the one that runs: each document is compiled to a function once (per parsed
      // document, which yoga's parse cache reuses) instead of being interpreted by graphql-js on every request.
      useGraphQlJit({}, { onError: (result) => deps.logger.warn({ errors: result.errors?.length }, 'graphql-jit could not compile a document') }) as Plugin,
    ],
  });
}
