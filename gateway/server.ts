import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { Supergraph } from '@apollo/federation-internals';
import type { Logger } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGraphQLRequestListener, listen, urlCarriesNik, type RouteHandler } from '../subgraphs/kit/http/graphql-http-server';
import { createErrorHygiene, type ErrorHygieneConfig } from './errors';
import { buildCrosscheckSchema } from './crosscheck/subgraph/crosscheck-schema';
import { CROSSCHECK_SUBGRAPH, identityModelOf } from './crosscheck/subgraph/identity-claims';
import { AgencyDataSource, createSubgraphDispatcher } from './datasource/agency-data-source';
import type { ContextSigner } from './context-signing/context-signer';
import { CheckRecorder } from './store/check-recorder';
import { openGatewayDatabase } from './store/database';
import { IdentitySyncStore } from './store/identity-sync.store';
import { consistentIdentityPlugin } from './plugins/consistent-identity.plugin';
import { nikInputPlugin } from './plugins/nik-input.plugin';
import { operationUsagePlugin } from './plugins/operation-usage.plugin';
import { OperationCoordinatesCache } from './usage/operation-coordinates-cache';
import type { AccessControl } from './access/access-control';
import { AccessLedger } from './audit/access-ledger';
import { auditKeyDirectory } from './audit/audit-cli-support';
import { LedgerReader } from './audit/ledger-reader';
import { loadOrCreateLedgerSigner } from './audit/ledger-signing-key';
import { accessLedgerPlugin } from './audit/plugin/access-ledger.plugin';
import { PlannedAgencies } from './audit/plugin/query-plan-agencies';
import { AUDIT_SUBGRAPH } from './audit/subgraph/audit-sdl';
import { buildAuditSubgraphSchema } from './audit/subgraph/audit-schema';
import { isAllowedByPurpose } from './access/purpose';
import { purposePlugin } from './access/purpose.plugin';
import { internalIdentityFor, satuContextBuilder, type SatuContext } from './access/satu-context';
import { KNOWN_SCOPES } from './access/scopes';
import { accessPolicyFromSupergraph, fieldAccessPlugin, SupergraphAccessPolicy } from './access-policy';
import {
  CachedSafelistStore,
  introspectionPlugin,
  limitsParseOptions,
  limitsPlugin,
  memoryRateLimiter,
  openSafelistStore,
  rateLimitPlugin,
  safelistPlugin,
  type LimitsConfig,
} from './limits';
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
  /** Who may ask what: always explicit, so switching access control off is a visible decision. */
  access: GatewayAccess;
  /**
   * Signs the context every subgraph fetch carries (X-Satu-Context: caller, purpose, request id);
   * subgraphs given its public key refuse calls without one. @default none: no context is sent
   */
  contextSigner?: ContextSigner;
  logger: Logger;
}

/** Access control and query limits (issue 6). */
export interface GatewayAccess {
  /** Credentials, purposes and demo keys (gateway/access); a development one lets everything through. */
  control: AccessControl;
  limits: LimitsConfig;
  /** Refuse a whole operation that asks for a field the caller may not read, instead of nulling that field. @default false */
  rejectWholeOperation?: boolean;
  /** Stack traces and "Did you mean" in client errors (gateway/errors). @default both off */
  errors?: ErrorHygieneConfig;
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
  // The access ledger shares the gateway's database connection (two SQLite connections in one
  // process would wait on each other); PostgreSQL serves several gateways on one chain.
  const ledger = await AccessLedger.open({ db: database, signer: loadOrCreateLedgerSigner(auditKeyDirectory(databaseLocation, process.env)), logger: options.logger });
  const plannedAgencies = new PlannedAgencies();
  const localSubgraphs = new LocalSubgraphs({
    // Who read which citizen, for auditors (accessLog, fieldUsage).
    [AUDIT_SUBGRAPH]: () => buildAuditSubgraphSchema({ reader: new LedgerReader(database) }),
    // The crosscheck's requirements come from the identity tags of the supergraph it serves.
    [CROSSCHECK_SUBGRAPH]: (supergraphSdl) => buildCrosscheckSchema(identityModelOf(supergraphSdl), { store, recorder }),
    // Schema lineage for auditors: from the registry when there is one, else from the supergraph alone.
    [LINEAGE_SUBGRAPH]: lineageSubgraphFactory({ registry: options.registry ?? null, logger: options.logger }),
    ...options.localSubgraphs,
  }, (message) => options.logger.warn(message));
  // @apollo/gateway 2.14 sends usage metrics to Apollo's cloud, after probing cloud metadata
  // addresses, unless this is set before it is constructed. The mall runs offline: never.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const hygiene = createErrorHygiene(options.access.errors ?? { debugErrors: false, fieldSuggestions: false }, { logger: options.logger });
  const gateway = new ApolloGateway({
    supergraphSdl: source.manager((supergraphSdl) => localSubgraphs.prepare(supergraphSdl, subgraphsOf(supergraphSdl))),
    buildService: ({ name, url }) =>
      localSubgraphs.serves(name, url)
        ? localSubgraphs.dataSource(name)
        : // Every agency answer is checked against the types the plan expects (a wrong type is an error, never a silent null).
          hygiene.guard(
            name,
            new AgencyDataSource({
              name,
              url: url ?? '',
              timeoutMs: options.agencyTimeoutOverridesMs?.[name] ?? options.agencyTimeoutMs,
              dispatcher,
              logger: options.logger,
              contextSigning: options.contextSigner && { signer: options.contextSigner, contextOf: (context) => (context as Partial<SatuContext>).identity },
            }),
          ),
    // Which supergraph each request was planned on, so in-process subgraphs answer it on the same one.
    // (and which agencies it reaches, for the access ledger).
    experimental_didResolveQueryPlan: ({ requestContext, operationContext, queryPlan }) => {
      localSubgraphs.notePlan(requestContext, operationContext.schema);
      plannedAgencies.note(requestContext.context, queryPlan);
    },
  });
  // Registered before the gateway loads, so it sees the first supergraph too.
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    currentSdl = coreSupergraphSdl;
    localSubgraphs.adopt(apiSchema, coreSupergraphSdl, subgraphsOf(coreSupergraphSdl));
    hygiene.adopt(coreSupergraphSdl);
  });
  // The access rules of the supergraph being served, read again on every reload.
  const accessPolicy = new SupergraphAccessPolicy();
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => accessPolicy.update(coreSupergraphSdl));
  const { control, limits } = options.access;
  // Field coordinates per operation, walked once for the purpose check, the usage recorder and the ledger.
  const coordinates = new OperationCoordinatesCache();
  const safelist = new CachedSafelistStore(await openSafelistStore(database));
  let server: ApolloServer<SatuContext> | undefined;
  const apollo = new ApolloServer<SatuContext>({
    gateway,
    // Tokens are counted by the parser itself, before any plugin runs (limits README).
    parseOptions: limitsParseOptions(limits),
    // Introspection is decided per caller by introspectionPlugin (Apollo would switch it off by NODE_ENV alone).
    introspection: true,
    // Registration of operations is the safelist's job, with its own rules per mode.
    persistedQueries: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      safelistPlugin<SatuContext>({ store: safelist, mode: limits.safelist, registrantOf: (context) => context.identity.caller.clientId }),
      rateLimitPlugin<SatuContext>({
        limiter: memoryRateLimiter(limits.rateLimit),
        consumerOf: (context) => (context.identity?.caller.via === 'internal' ? undefined : context.identity?.caller.clientId),
        onLimiterError: (error) => options.logger.warn({ err: error }, 'rate limiter store failed; requests let through'),
      }),
      limitsPlugin<SatuContext>(limits),
      introspectionPlugin<SatuContext>({ mayIntrospect: (context) => context.identity?.caller.scopes.has('schema:read') === true }),
      purposePlugin({ purposes: control.purposes, policy: () => accessPolicy.current() ?? accessPolicyFromSupergraph(currentSdl), coordinates }),
      fieldAccessPlugin<SatuContext>({
        policy: () => accessPolicy.current(),
        callerOf: (context) => context.identity?.caller,
        purposeFilterOf: (context) => {
          const purpose = context.identity?.purpose ? control.purposes.purposes.get(context.identity.purpose) : undefined;
          return purpose ? (coordinate: string) => isAllowedByPurpose(purpose, coordinate) : undefined;
        },
        rejectWholeOperation: options.access.rejectWholeOperation,
      }),
      // Before the ledger, so the errors it records include values the gateway dropped.
      hygiene.plugin<SatuContext>(),
      accessLedgerPlugin({ ledger, plannedAgencies, coordinates, logger: options.logger }),
      nikInputPlugin(),
      consistentIdentityPlugin({
        server: () => server as unknown as ApolloServer<BaseContext> | undefined,
        refuseOnIncomplete: options.refuseOnIncompleteIdentity,
        // The gateway reads every agency's identity copy on the caller's behalf.
        internalContextOf: (context) => ({ identity: internalIdentityFor((context as Partial<SatuContext>).identity, KNOWN_SCOPES) }),
      }),
      // Which fields operations actually use, for the registry's usage-aware breaking-change check.
      // The client is the authenticated caller, never a self-declared header.
      ...(options.registry ? [operationUsagePlugin<SatuContext>({ sink: options.registry, logger: options.logger, coordinates, clientOf: (_request, context) => context.identity?.caller.clientId ?? 'anonymous' })] : []),
      ...(options.extraPlugins ?? []),
    ],
    // Our CLIs own SIGINT/SIGTERM and drain in order; Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
    // formatError (nothing from inside an agency reaches a client), stack traces, suggestions.
    ...hygiene.apolloOptions,
    logger: options.logger,
  });
  await apollo.start();
  server = apollo;

  const graphqlListener = createGraphQLRequestListener({
    apollo,
    context: satuContextBuilder({ authenticator: control.authenticator, purposes: control.purposes }),
    graphqlPaths: ['/graphql'],
    maxBodyBytes: options.maxBodyBytes,
    // Operations read personal data: never over GET, where variables (a NIK) travel in the URL.
    refuseGetOperations: true,
    logger: options.logger,
    routes: {
      ...options.extraRoutes,
      ...graphiqlRoutes(),
      ...lineageRoutes(),
      '/healthz': (_request, response) => sendJson(response, 200, { status: 'ok' }),
      '/readyz': async (_request, response) => {
        const signer = options.contextSigner;
        const probes: SubgraphProbe[] = await probeSubgraphs(subgraphsOf(currentSdl), 1000, signer && ((subgraph) => signer.internalContextFor(subgraph, 'readiness')));
        const degraded = probes.filter((probe) => !probe.reachable).map((probe) => probe.name);
        // Ready means the gateway can serve: an agency outage costs only its fields, and a refused
        // reload or an unreachable registry leaves the working supergraph in place (`supergraph` says why).
        sendJson(response, 200, { status: degraded.length === 0 ? 'ready' : 'degraded', unreachable: degraded, subgraphs: probes, supergraph: source.status() });
      },
    },
  });
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    // A browser URL carrying a NIK gets the refusal, not the GraphiQL page.
    if (wantsHtml(request) && (request.url === '/' || request.url?.startsWith('/graphql')) && !urlCarriesNik(request.url)) {
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
      await ledger.close();
      await database.destroy();
    },
  };
}
