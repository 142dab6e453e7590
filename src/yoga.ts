/**
 * createApp(deps) → a yoga instance. Tests call `yoga.fetch` without opening a port; server.ts is the only file that
 * listens.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { ExecutionResult } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type Context, type ContextDeps } from './context.js';
import { DEFAULT_QUERY } from './graphiql.js';
import { schema } from './schema/index.js';

export type App = YogaServerInstance<Record<string, unknown>, Context>;

/** Appends the errors of providers that failed while others answered (see Context.partialErrors). */
function partialErrorsPlugin(): Plugin<Context> {
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

export function createApp(deps: ContextDeps): App {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: ({ request }) => createContext(deps, request),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'checkout-graph', defaultQuery: DEFAULT_QUERY },
    renderGraphiQL,
    maskedErrors: true,
    logging: {
      debug: (...args) => deps.logger.debug({ args }, 'yoga'),
      info: (...args) => deps.logger.info({ args }, 'yoga'),
      warn: (...args) => deps.logger.warn({ args }, 'yoga'),
      error: (...args) => deps.logger.error({ err: args[0] }, 'yoga'),
    },
    plugins: [partialErrorsPlugin()],
  });
}
