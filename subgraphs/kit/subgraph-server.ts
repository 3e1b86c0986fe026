import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { BuiltSubgraph } from './build-subgraph';
import { ERROR_CATALOGUE } from './errors';
import { createGraphQLRequestListener, listen } from './http/graphql-http-server';
import { createLogger } from './logger';

export interface RunningService {
  name: string;
  /** Where to reach it: an http URL, or for file-based legacy systems the file path. */
  url: string;
  stop(): Promise<void>;
}

export interface StartSubgraphServerOptions<TContext extends BaseContext> {
  built: BuiltSubgraph;
  host: string;
  port: number;
  /** A fresh context per request: loaders must never be shared between requests. */
  createContext: () => TContext;
}

const KNOWN_CODES = new Set<string>([
  ...Object.keys(ERROR_CATALOGUE),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Errors with one of our codes pass as they are; anything else (a bug, a library's
 * message that may carry legacy details) is logged and replaced by a generic error.
 */
export function maskSubgraphError(agency: string, logError: (error: GraphQLFormattedError) => void) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) return formatted;
    logError(formatted);
    return { message: `${agency}: internal error`, path: formatted.path, extensions: { code: 'AGENCY_BAD_RESPONSE', agency } };
  };
}

/** Serves a built subgraph over HTTP on loopback (POST / and /graphql, GET /healthz). */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: StartSubgraphServerOptions<TContext>,
): Promise<RunningService> {
  const logger = createLogger(`subgraph:${options.built.name}`);
  const apollo = new ApolloServer<TContext>({
    schema: options.built.schema,
    // No landing page: the default one loads assets from a CDN, and we are offline.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
    // Our CLIs own SIGINT/SIGTERM and drain in order; Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: maskSubgraphError(options.built.name, (error) => logger.error({ err: error.message }, 'unexpected error')),
  });
  await apollo.start();
  const listener = createGraphQLRequestListener<TContext>({
    apollo,
    context: async () => options.createContext(),
    graphqlPaths: ['/', '/graphql'],
    routes: {
      '/healthz': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'ok', subgraph: options.built.name }));
      },
    },
  });
  const running = await listen(listener, options.host, options.port, '/graphql');
  logger.info({ url: running.url }, 'subgraph listening');
  return {
    name: options.built.name,
    url: running.url,
    stop: async () => {
      await running.close();
      await apollo.stop();
    },
  };
}
