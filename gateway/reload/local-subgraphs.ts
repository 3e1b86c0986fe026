import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { graphql, type GraphQLSchema } from 'graphql';
import { sha256 } from '../registry/registry.store';
import { IN_PROCESS_URL_PREFIX } from './verify-subgraphs';

/** Builds an in-process subgraph's executable schema for a given supergraph (the crosscheck derives its requirements from it). */
export type LocalSubgraphFactory = (supergraphSdl: string) => GraphQLSchema;

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * One in-process subgraph, as the gateway's data source for it. ApolloGateway builds a data
 * source once per (name, URL) and keeps it across supergraph updates, and an in-process URL never
 * changes, so the schema cannot be fixed at construction: it follows the supergraph. Each
 * supergraph's schema is remembered against that supergraph's API schema object, and a fetch
 * runs on the schema of the supergraph its query plan was made from, so a request planned
 * before a reload finishes with the requirements it was planned with.
 */
class FollowingLocalDataSource implements GraphQLDataSource {
  private latest: GraphQLSchema | undefined;
  private readonly byApiSchema = new WeakMap<object, GraphQLSchema>();
  /** The in-process subgraph's own context per incoming request, so its per-request state is never the gateway's (STYLE.md pitfall 6). */
  private readonly contexts = new WeakMap<object, Record<string, unknown>>();

  constructor(
    private readonly name: string,
    private readonly planSchemaOf: (requestContext: object) => object | undefined,
  ) {}

  follow(apiSchema: object, schema: GraphQLSchema): void {
    this.byApiSchema.set(apiSchema, schema);
    this.latest = schema;
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayResponse> {
    let schema = this.latest;
    let contextValue: Record<string, unknown> = {};
    // Only fetches of an incoming operation carry its request context (the enum is not exported).
    if ('incomingRequestContext' in options) {
      const planSchema = this.planSchemaOf(options.incomingRequestContext);
      schema = (planSchema && this.byApiSchema.get(planSchema)) ?? this.latest;
      const incoming: unknown = options.context;
      if (typeof incoming === 'object' && incoming !== null) {
        contextValue = this.contexts.get(incoming) ?? {};
        this.contexts.set(incoming, contextValue);
      }
    }
    if (!schema) throw new Error(`the in-process ${this.name} subgraph has no schema yet: the gateway has not loaded a supergraph`);
    const { request } = options;
    return (await graphql({ schema, source: request.query ?? '', variableValues: request.variables, operationName: request.operationName, contextValue })) as GatewayResponse;
  }
}

/**
 * The gateway's in-process subgraphs (crosscheck, and any other registered by name). A supergraph
 * names a subgraph in-process by its URL (`in-process://<name>`); its schema is built from the
 * supergraph before the supergraph is accepted (`prepare`, which throws when it cannot be) and
 * handed to the data source when the gateway switches (`adopt`).
 */
export class LocalSubgraphs {
  private readonly sources = new Map<string, FollowingLocalDataSource>();
  private prepared: { hash: string; schemas: Map<string, GraphQLSchema> } | undefined;
  /** Which supergraph (by its API schema object) each in-flight request was planned on. */
  private readonly planSchemas = new WeakMap<object, object>();

  private readonly warnedUnknown = new Set<string>();

  constructor(
    private readonly factories: Readonly<Record<string, LocalSubgraphFactory>>,
    private readonly onUnknown: (message: string) => void,
  ) {}

  static isInProcess(url: string | undefined): boolean {
    return url?.startsWith(IN_PROCESS_URL_PREFIX) ?? false;
  }

  /** True when this gateway serves `name` in-process for a supergraph that gives it `url`. */
  serves(name: string, url: string | undefined): boolean {
    return LocalSubgraphs.isInProcess(url) && name in this.factories;
  }

  /**
   * Builds the in-process subgraphs a supergraph names; throws, naming the subgraph, when one
   * fails to build (the supergraph is then refused). A name this gateway has no factory for is
   * only warned about: its fields fail like an unreachable agency's, which no other supergraph
   * would fix (this gateway's code lacks it).
   */
  prepare(supergraphSdl: string, subgraphs: ReadonlyArray<{ name: string; url: string }>): void {
    const schemas = new Map<string, GraphQLSchema>();
    for (const subgraph of subgraphs.filter((candidate) => LocalSubgraphs.isInProcess(candidate.url))) {
      const factory = this.factories[subgraph.name];
      if (!factory) {
        if (!this.warnedUnknown.has(subgraph.name)) {
          this.warnedUnknown.add(subgraph.name);
          this.onUnknown(`the supergraph serves ${subgraph.name} in-process (${subgraph.url}), but this gateway has no in-process subgraph of that name (it has: ${Object.keys(this.factories).join(', ') || 'none'}); its fields will fail as unavailable`);
        }
        continue;
      }
      try {
        schemas.set(subgraph.name, factory(supergraphSdl));
      } catch (error) {
        throw new Error(`cannot build the in-process ${subgraph.name} subgraph for this supergraph: ${(error as Error).message}`);
      }
    }
    this.prepared = { hash: sha256(supergraphSdl), schemas };
  }

  /** The gateway switched to `supergraphSdl` (its API schema object is `apiSchema`): in-process subgraphs follow. */
  adopt(apiSchema: object, supergraphSdl: string, subgraphs: ReadonlyArray<{ name: string; url: string }>): void {
    if (this.prepared?.hash !== sha256(supergraphSdl)) this.prepare(supergraphSdl, subgraphs);
    for (const [name, schema] of this.prepared!.schemas) this.dataSource(name).follow(apiSchema, schema);
  }

  /** Remembers the supergraph a request's query plan was made on (ApolloGateway's experimental_didResolveQueryPlan). */
  notePlan(requestContext: object, apiSchema: object): void {
    this.planSchemas.set(requestContext, apiSchema);
  }

  /** The data source for an in-process subgraph: one per name for the gateway's lifetime. */
  dataSource(name: string): FollowingLocalDataSource {
    let source = this.sources.get(name);
    if (!source) {
      source = new FollowingLocalDataSource(name, (requestContext) => this.planSchemas.get(requestContext));
      this.sources.set(name, source);
    }
    return source;
  }
}
