import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGraphQLRequestListener, listen, type RouteHandler } from '../subgraphs/kit/http/graphql-http-server';
import { buildCrosscheckSchema } from './crosscheck/subgraph/crosscheck-schema';
import { CROSSCHECK_SUBGRAPH, identityModelOf } from './crosscheck/subgraph/identity-claims';
import { AgencyDataSource, createSubgraphDispatcher } from './datasource/agency-data-source';
import { CheckRecorder } from './store/check-recorder';
import { openGatewayDatabase } from './store/database';
import { IdentitySyncStore } from './store/identity-sync.store';
import { consistentIdentityPlugin } from './plugins/consistent-identity.plugin';
import { nikInputPlugin } from './plugins/nik-input.plugin';
import { operationUsagePlugin } from './plugins/operation-usage.plugin';
import { probeSubgraphs, type SubgraphProbe } from './readiness';
import type { RegistryStore } from './registry/registry.store';
import { LocalSubgraphs, type LocalSubgraphFactory } from './reload/local-subgraphs';
import type { ReloadStatus } from './reload/reload-status';
import { staticSupergraphSource } from './reload/static-supergraph-source';
import type { SupergraphSource } from './reload/supergraph-source';
import { graphiqlRoutes, sendGraphiqlPage, wantsHtml } from './web/graphiql';
import { lineageRoutes } from './web/lineage/lineage-routes';
import { lineageSubgraphFactory } from './lineage/subgraph/lineage-schema';
import { LINEAGE_SUBGRAPH } from './lineage/subgraph/lineage-sdl';

interface GatewayCommonOptions {
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
  /**
   * In-process subgraphs by name, each built from the current supergraph (and rebuilt when it
   * changes). A supergraph serves a subgraph in-process when its URL is `in-process://<name>`.
   * The crosscheck is always there; an entry of the same name replaces it.
   */
  localSubgraphs?: Readonly<Record<string, LocalSubgraphFactory>>;
  /** Plugins after ours (usage recording, audit...). */
  extraPlugins?: ReadonlyArray<ApolloServerPlugin<BaseContext>>;
  /** Extra HTTP routes by exact path (e.g. `/lineage`); they cannot replace /graphql, /healthz or /readyz. */
  extraRoutes?: Readonly<Record<string, RouteHandler>>;
  /** The schema registry, for plugins and routes that read it; exposed on RunningGateway. */
  registry?: RegistryStore;
  logger: Logger;
}

/** Either one static supergraph SDL, or a source that may change it (the registry). */
export type GatewayOptions = GatewayCommonOptions & ({ supergraphSdl: string; supergraph?: never } | { supergraph: SupergraphSource; supergraphSdl?: never });

export interface RunningGateway {
  url: string;
  port: number;
  /** The subgraphs of the supergraph being served now. */
  readonly subgraphs: ReadonlyArray<{ name: string; url: string }>;
  /** The supergraph being served now (its SDL). */
  supergraphSdl(): string;
  /** Where the served supergraph came from and how following the registry goes (also on /readyz). */
  reloadStatus(): ReloadStatus;
  registry?: RegistryStore;
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
 * The subgraphs of a supergraph SDL, remembered for the few latest SDLs asked about: readiness
 * asks on every probe, and a reload asks about the candidate while the current one is served.
 */
function subgraphListOf(): (supergraphSdl: string) => ReadonlyArray<{ name: string; url: string }> {
  const remembered = new Map<string, ReadonlyArray<{ name: string; url: string }>>();
  return (supergraphSdl) => {
    const known = remembered.get(supergraphSdl);
    if (known) return known;
    const subgraphs = supergraphSdl === '' ? [] : Supergraph.build(supergraphSdl).subgraphsMetadata().map(({ name, url }) => ({ name, url }));
    remembered.set(supergraphSdl, subgraphs);
    if (remembered.size > 3) remembered.delete(remembered.keys().next().value!);
    return subgraphs;
  };
}

/**
 * Apollo Server 5 + ApolloGateway, fully offline: no uplink, no usage or schema reporting, no CDN
 * landing page (GraphiQL comes from local assets). The supergraph is a static SDL or follows the
 * schema registry (gateway/reload/); everything derived from it (subgraph list, guarded
 * mutations, in-process subgraphs) follows the supergraph being served.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const source = options.supergraph ?? staticSupergraphSource(options.supergraphSdl);
  const subgraphsOf = subgraphListOf();
  let currentSdl = '';
  const dispatcher = createSubgraphDispatcher();
  const databaseLocation = options.databaseLocation ?? ':memory:';
  if (databaseLocation === ':memory:') options.logger.warn('no gateway database given: synchronization requests are kept in memory only (set SATU_DATABASE_URL)');
  const database = await openGatewayDatabase(databaseLocation);
  const store = new IdentitySyncStore(database);
  const recorder = new CheckRecorder(store, options.logger);
  const localSubgraphs = new LocalSubgraphs({
    // The crosscheck's requirements come from the identity tags of the supergraph it serves.
    [CROSSCHECK_SUBGRAPH]: (supergraphSdl) => buildCrosscheckSchema(identityModelOf(supergraphSdl), { store, recorder }),
    // Schema lineage for auditors: from the registry when there is one, else from the supergraph alone.
    [LINEAGE_SUBGRAPH]: lineageSubgraphFactory({ registry: options.registry ?? null, logger: options.logger }),
    ...options.localSubgraphs,
  }, (message) => options.logger.warn(message));
  const gateway = new ApolloGateway({
    supergraphSdl: source.manager((supergraphSdl) => localSubgraphs.prepare(supergraphSdl, subgraphsOf(supergraphSdl))),
    buildService: ({ name, url }) =>
      localSubgraphs.serves(name, url)
        ? localSubgraphs.dataSource(name)
        : new AgencyDataSource({
            name,
            url: url ?? '',
            timeoutMs: options.agencyTimeoutOverridesMs?.[name] ?? options.agencyTimeoutMs,
            dispatcher,
            logger: options.logger,
          }),
    // Which supergraph each request was planned on, so in-process subgraphs answer it on the same one.
    experimental_didResolveQueryPlan: ({ requestContext, operationContext }) => localSubgraphs.notePlan(requestContext, operationContext.schema),
  });
  // Registered before the gateway loads, so it sees the first supergraph too.
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    currentSdl = coreSupergraphSdl;
    localSubgraphs.adopt(apiSchema, coreSupergraphSdl, subgraphsOf(coreSupergraphSdl));
  });
  let server: ApolloServer | undefined;
  const apollo = new ApolloServer({
    gateway,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      nikInputPlugin(),
      consistentIdentityPlugin({ server: () => server, refuseOnIncomplete: options.refuseOnIncompleteIdentity }),
      // Which fields operations actually use, for the registry's usage-aware breaking-change check.
      ...(options.registry ? [operationUsagePlugin({ sink: options.registry, logger: options.logger })] : []),
      ...(options.extraPlugins ?? []),
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
      ...options.extraRoutes,
      ...graphiqlRoutes(),
      ...lineageRoutes(),
      '/healthz': (_request, response) => sendJson(response, 200, { status: 'ok' }),
      '/readyz': async (_request, response) => {
        const probes: SubgraphProbe[] = await probeSubgraphs(subgraphsOf(currentSdl), 1000);
        const degraded = probes.filter((probe) => !probe.reachable).map((probe) => probe.name);
        // Ready means the gateway can serve: an agency outage costs only its fields, and a refused
        // reload or an unreachable registry leaves the working supergraph in place (`supergraph` says why).
        sendJson(response, 200, { status: degraded.length === 0 ? 'ready' : 'degraded', unreachable: degraded, subgraphs: probes, supergraph: source.status() });
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
  options.logger.info({ url: running.url, subgraphs: subgraphsOf(currentSdl).map((s) => s.name), supergraph: source.status() }, 'gateway listening');
  return {
    url: running.url,
    port: running.port,
    get subgraphs() {
      return subgraphsOf(currentSdl);
    },
    supergraphSdl: () => currentSdl,
    reloadStatus: () => source.status(),
    registry: options.registry,
    stop: async () => {
      await running.close();
      await apollo.stop();
      await dispatcher.close();
      await recorder.flush();
      await database.destroy();
    },
  };
}
