import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGraphQLRequestListener, listen } from '../subgraphs/kit/http/graphql-http-server';
import { buildCrosscheckSchema } from './crosscheck/subgraph/crosscheck-schema';
import { CROSSCHECK_SUBGRAPH, identityModelOf } from './crosscheck/subgraph/identity-claims';
import { AgencyDataSource, createSubgraphDispatcher } from './datasource/agency-data-source';
import { CheckRecorder } from './store/check-recorder';
import { openGatewayDatabase } from './store/database';
import { IdentitySyncStore } from './store/identity-sync.store';
import { consistentIdentityPlugin } from './plugins/consistent-identity.plugin';
import { nikInputPlugin } from './plugins/nik-input.plugin';
import { probeSubgraphs, type SubgraphProbe } from './readiness';
import { graphiqlRoutes, sendGraphiqlPage, wantsHtml } from './web/graphiql';

export interface GatewayOptions {
  supergraphSdl: string;
  host: string;
  port: number;
  /** Time allowed for one fetch to an agency subgraph, unless overridden per agency. */
  agencyTimeoutMs: number;
  agencyTimeoutOverridesMs?: Readonly<Record<string, number>>;
  /** Largest request body accepted. @default 1 MiB */
  maxBodyBytes?: number;
  /** Refuse guarded mutations also when the identity check is INCOMPLETE. @default false */
  refuseOnIncompleteIdentity?: boolean;
  /** The gateway's database: a SQLite file path or a postgres:// URL. @default ":memory:" (nothing kept) */
  databaseLocation?: string;
  logger: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  subgraphs: ReadonlyArray<{ name: string; url: string }>;
  /** Stops accepting, drains in-flight requests, closes agency connections. */
  stop(): Promise<void>;
}

/**
 * The gateway tags subgraph errors with `serviceName`, an internal name clients have no use
 * for; our own `agency` says which agency failed. Drop it and any other internal extension.
 */
function withoutInternalExtensions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('serviceName' in formatted.extensions)) return formatted;
  const { serviceName: _serviceName, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Apollo Server 5 + ApolloGateway on a static supergraph, fully offline: no uplink,
 * no usage or schema reporting, no CDN landing page (GraphiQL comes from local assets).
 * Works on any Federation 2 supergraph; subgraph URLs come from the file.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const subgraphs = Supergraph.build(options.supergraphSdl).subgraphsMetadata().map(({ name, url }) => ({ name, url }));
  const dispatcher = createSubgraphDispatcher();
  const databaseLocation = options.databaseLocation ?? ':memory:';
  if (databaseLocation === ':memory:') options.logger.warn('no gateway database given: synchronization requests are kept in memory only (set SATU_DATABASE_URL)');
  const database = await openGatewayDatabase(databaseLocation);
  const store = new IdentitySyncStore(database);
  const recorder = new CheckRecorder(store, options.logger);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      // The crosscheck runs in this process; its requirements come from the supergraph's tags.
      name === CROSSCHECK_SUBGRAPH
        ? new LocalGraphQLDataSource(buildCrosscheckSchema(identityModelOf(options.supergraphSdl), { store, recorder }))
        : new AgencyDataSource({
        name,
        url: url ?? '',
        timeoutMs: options.agencyTimeoutOverridesMs?.[name] ?? options.agencyTimeoutMs,
        dispatcher,
        logger: options.logger,
      }),
  });
  let server: ApolloServer | undefined;
  const apollo = new ApolloServer({
    gateway,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      nikInputPlugin(),
      consistentIdentityPlugin({ supergraphSdl: options.supergraphSdl, server: () => server, refuseOnIncomplete: options.refuseOnIncompleteIdentity }),
    ],
    includeStacktraceInErrorResponses: false,
    // Our CLIs own SIGINT/SIGTERM and drain in order; Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: withoutInternalExtensions,
    logger: options.logger,
  });
  await apollo.start();
  server = apollo;

  const graphqlListener = createGraphQLRequestListener({
    apollo,
    context: async () => ({}),
    graphqlPaths: ['/graphql'],
    maxBodyBytes: options.maxBodyBytes,
    routes: {
      ...graphiqlRoutes(),
      '/healthz': (_request, response) => sendJson(response, 200, { status: 'ok' }),
      '/readyz': async (_request, response) => {
        const probes: SubgraphProbe[] = await probeSubgraphs(subgraphs, 1000);
        const degraded = probes.filter((probe) => !probe.reachable).map((probe) => probe.name);
        // Ready means the gateway can serve: an agency outage costs only its fields.
        sendJson(response, 200, { status: degraded.length === 0 ? 'ready' : 'degraded', unreachable: degraded, subgraphs: probes });
      },
    },
  });
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    if (wantsHtml(request) && (request.url === '/' || request.url?.startsWith('/graphql'))) {
      sendGraphiqlPage(response);
      return;
    }
    graphqlListener(request, response);
  };
  const running = await listen(listener, options.host, options.port, '/graphql');
  options.logger.info({ url: running.url, subgraphs: subgraphs.map((s) => s.name) }, 'gateway listening');
  return {
    url: running.url,
    port: running.port,
    subgraphs,
    stop: async () => {
      await running.close();
      await apollo.stop();
      await dispatcher.close();
      await recorder.flush();
      await database.destroy();
    },
  };
}
