/**
 * A bench-local copy of src/yoga.ts `createApp` with switches the real one does not expose: graphql-jit
 * (`@envelop/graphql-jit`), yoga's parse/validation cache, and a plugin that counts real parses and validations (to
 * confirm the cache works under the security plugins). Same schema, context, plugins and options otherwise; the
 * fast-path benchmark runs it with every switch at its default next to the real `createApp`, so drift between the two
 * shows up as a difference in that row.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, type Plugin } from 'graphql-yoga';
import { createContext, type Context, type ContextDeps } from '../../src/context.js';
import { getSchema } from '../../src/schema/index.js';
import { DEFAULT_SECURITY } from '../../src/security/options.js';
import { securityPlugins, securityYogaOptions } from '../../src/security/plugins.js';
import { createScrubber } from '../../src/security/scrub.js';
import { partialErrorsPlugin } from '../../src/yoga.js';

export interface AppSwitches {
  jit?: boolean;
  /** yoga's parser and validation cache (yoga's default: on). */
  parserCache?: boolean;
}

export interface EngineCounters {
  parses: number;
  validations: number;
}

/** Wraps the parse and validate functions last in line, so a cache hit (which skips them) is not counted. */
function countingPlugin(counters: EngineCounters): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((...args: Parameters<typeof parseFn>) => {
        counters.parses++;
        return parseFn(...args);
      });
    },
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((...args: Parameters<typeof validateFn>) => {
        counters.validations++;
        return validateFn(...args);
      });
    },
  };
}

export function createBenchApp(
  deps: ContextDeps,
  credentials: readonly (string | null | undefined)[],
  privateIdentifiers: readonly (string | null | undefined)[],
  switches: AppSwitches,
  counters: EngineCounters,
) {
  const security = DEFAULT_SECURITY;
  const scrub = {
    errors: createScrubber([...credentials, ...privateIdentifiers], { queryParameters: false }),
    data: createScrubber(credentials, { queryParameters: false, embedded: privateIdentifiers }),
  };
  return createYoga<Record<string, unknown>, Context>({
    schema: getSchema(),
    context: ({ request }) => createContext(deps, request),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    maskedErrors: true,
    logging: false,
    parserAndValidationCache: switches.parserCache ?? true,
    ...securityYogaOptions(security),
    plugins: [
      ...securityPlugins(security, { logger: deps.logger, endpoint: '/graphql', scrub }),
      partialErrorsPlugin(),
      ...(switches.jit ? [useGraphQlJit() as Plugin] : []),
      countingPlugin(counters),
    ],
  });
}
