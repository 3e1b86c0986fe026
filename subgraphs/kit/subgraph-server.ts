import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { BuiltSubgraph } from './build-subgraph';
import { ERROR_CATALOGUE } from './errors';
import {
  GATEWAY_CONTEXT_HEADER,
  GatewayContextRefusal,
  createGatewayContextVerifier,
  currentGatewayContext,
  runWithGatewayContext,
  type GatewayCallContext,
  type GatewayContextRequirement,
  type GatewayContextVerifier,
} from './gateway-context';
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
  /**
   * Require the gateway's signed context (X-Satu-Context, addressed to this subgraph) on every call
   * but the health check; calls without a valid one are refused with UNAUTHENTICATED before anything
   * runs. Unset, every call is accepted: for unit tests and local work only, production must set it.
   */
  gatewayContext?: GatewayContextRequirement;
}

/** What every subgraph resolver finds in its context besides the agency's own: the verified gateway context. */
export interface GatewayAwareContext {
  /** Undefined when the subgraph does not require gateway contexts. */
  gateway?: GatewayCallContext;
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

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

function refuse(response: ServerResponse, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  response.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(body);
}

/**
 * Lets a call through to `listener` only with a valid gateway context, and runs it inside that
 * context (currentGatewayContext()). The check comes before the body is read: a refused call costs
 * one signature check and reaches neither Apollo nor any legacy system.
 */
function requireGatewayContext(listener: Listener, verifier: GatewayContextVerifier, openPaths: ReadonlySet<string>, logger: Logger): Listener {
  return (request, response) => {
    const url = request.url ?? '/';
    const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
    if (openPaths.has(path)) {
      listener(request, response);
      return;
    }
    const header = request.headers[GATEWAY_CONTEXT_HEADER];
    verifier.verify(Array.isArray(header) ? header.join(', ') : header).then(
      (context) => {
        // The signed request id is the one this request's log lines carry, whatever X-Request-Id said.
        request.headers['x-request-id'] = context.requestId;
        runWithGatewayContext(context, () => listener(request, response));
      },
      (error: unknown) => {
        // Only a refusal's own words go back to a caller nobody vouches for; anything else is a bug, logged.
        const refusal = error instanceof GatewayContextRefusal ? error : new GatewayContextRefusal('the context could not be verified');
        if (refusal !== error) logger.error({ err: error }, 'gateway context check failed');
        logger.warn({ reason: refusal.reason, remote: request.socket.remoteAddress, path }, 'call refused: no valid gateway context');
        request.resume();
        refuse(response, refusal.message);
      },
    );
  };
}

/** Serves a built subgraph over HTTP on loopback (POST / and /graphql, GET /healthz). */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: StartSubgraphServerOptions<TContext>,
): Promise<RunningService> {
  const logger = createLogger(`subgraph:${options.built.name}`);
  const apollo = new ApolloServer<TContext & GatewayAwareContext>({
    schema: options.built.schema,
    // No landing page: the default one loads assets from a CDN, and we are offline.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
    // Our CLIs own SIGINT/SIGTERM and drain in order; Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: maskSubgraphError(options.built.name, (error) => logger.error({ err: error.message }, 'unexpected error')),
  });
  await apollo.start();
  const routes = {
    '/healthz': (_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok', subgraph: options.built.name }));
    },
  };
  const listener = createGraphQLRequestListener<TContext & GatewayAwareContext>({
    apollo,
    context: async () => ({ ...options.createContext(), gateway: currentGatewayContext() }),
    graphqlPaths: ['/', '/graphql'],
    routes,
  });
  const served = options.gatewayContext
    ? requireGatewayContext(listener, createGatewayContextVerifier(options.gatewayContext, options.built.name), new Set(Object.keys(routes)), logger)
    : listener;
  const running = await listen(served, options.host, options.port, '/graphql');
  logger.info({ url: running.url, gatewayContext: options.gatewayContext ? 'required' : 'not required' }, 'subgraph listening');
  return {
    name: options.built.name,
    url: running.url,
    stop: async () => {
      await running.close();
      await apollo.stop();
    },
  };
}
