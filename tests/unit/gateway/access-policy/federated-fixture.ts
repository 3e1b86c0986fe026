import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Caller, RequestIdentity, Role } from '../../../../gateway/access/caller';
import { composeSupergraph } from '../../../../schema/compose';
import { createGraphQLRequestListener, listen, type RunningHttpServer } from '../../../../subgraphs/kit/http/graphql-http-server';

/**
 * A small federated graph on loopback for the access and limits tests: three subgraphs (a civil
 * registry, a health insurer, a vehicle registry) served over HTTP, each counting the
 * operations it receives, and a gateway (Apollo Server + ApolloGateway) with the plugins under
 * test. The caller comes from test headers, as the HTTP layer will build it from a token.
 */

const HEADER = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  @link(url: "https://specs.satu.go.id/satu/v0.1", import: ["@access"])
  @composeDirective(name: "@access")
directive @access(scopes: [String!]!) on FIELD_DEFINITION | OBJECT`;

export const REGISTRY_SDL = `${HEADER}
type Query {
  citizen(nik: String!): Citizen
  citizens(niks: [String!]!): [Citizen]!
  documents: [Document!]!
  search(text: String): [SearchResult!]!
  registryNote: String @access(scopes: ["audit:read"])
  secret: Secret
}
type Citizen @key(fields: "nik") {
  nik: String!
  fullName: String! @access(scopes: ["identity:read"])
  birthPlace: String @access(scopes: ["identity:read"])
  family: [Citizen!]! @access(scopes: ["identity:read"])
  address: Address @access(scopes: ["identity:read"])
}
type Address { street: String  city: String }
interface Document { id: ID!  number: String }
type IdCard implements Document { id: ID!  number: String @access(scopes: ["identity:read"])  issuedIn: String }
type Licence implements Document { id: ID!  number: String  licenceClass: String }
union SearchResult = IdCard | Licence
type Secret @access(scopes: ["secret:read"]) { code: String }`;

export const HEALTH_SDL = `${HEADER}
type Citizen @key(fields: "nik") {
  nik: String!
  healthInsurance: HealthInsurance @access(scopes: ["health:read"])
  hasActiveHealthInsurance: Boolean @access(scopes: ["health:read"])
}
type HealthInsurance { status: String!  insurerClass: String }`;

export const VEHICLES_SDL = `${HEADER}
type Citizen @key(fields: "nik") {
  nik: String!
  vehicles: [Vehicle!]
}
type Vehicle { plate: String! }`;

const citizen = (nik: string) => ({ nik });
const RESOLVERS: Record<string, object> = {
  registry: {
    Query: {
      citizen: (_: unknown, { nik }: { nik: string }) => citizen(nik),
      citizens: (_: unknown, { niks }: { niks: string[] }) => niks.map(citizen),
      documents: () => [
        { __typename: 'IdCard', id: 'd1', number: 'KTP-1', issuedIn: 'PEKANBARU' },
        { __typename: 'Licence', id: 'd2', number: 'SIM-2', licenceClass: 'C' },
      ],
      search: () => [
        { __typename: 'IdCard', id: 'd1', number: 'KTP-1', issuedIn: 'PEKANBARU' },
        { __typename: 'Licence', id: 'd2', number: 'SIM-2', licenceClass: 'C' },
      ],
      registryNote: () => 'note',
      secret: () => ({ code: 'S3CRET' }),
    },
    Citizen: {
      __resolveReference: (reference: { nik: string }) => citizen(reference.nik),
      fullName: ({ nik }: { nik: string }) => `NAME ${nik}`,
      birthPlace: () => 'PEKANBARU',
      family: ({ nik }: { nik: string }) => [citizen(`${nik}-a`), citizen(`${nik}-b`)],
      address: () => ({ street: 'JL. SUDIRMAN 1', city: 'PEKANBARU' }),
    },
    Document: { __resolveType: (value: { __typename: string }) => value.__typename },
    SearchResult: { __resolveType: (value: { __typename: string }) => value.__typename },
  },
  health: {
    Citizen: {
      __resolveReference: (reference: { nik: string }) => ({
        ...reference,
        healthInsurance: { status: 'ACTIVE', insurerClass: 'KELAS_1' },
        hasActiveHealthInsurance: true,
      }),
    },
  },
  vehicles: {
    Citizen: { __resolveReference: (reference: { nik: string }) => ({ ...reference, vehicles: [{ plate: `BM ${reference.nik}` }] }) },
  },
};

export const SUBGRAPH_SDLS: Record<string, string> = { registry: REGISTRY_SDL, health: HEALTH_SDL, vehicles: VEHICLES_SDL };

/** The per-request context the gateway's HTTP layer will build (issue 6 contract). */
export interface TestContext extends BaseContext {
  identity?: RequestIdentity;
}

export interface SubgraphCalls {
  /** Operations each subgraph received, in order. */
  readonly operations: Record<string, string[]>;
  total(): number;
  reset(): void;
}

export interface FederatedFixture {
  gatewayUrl: string;
  supergraphSdl: string;
  calls: SubgraphCalls;
  /** POSTs a GraphQL body to the gateway as a caller with these scopes (none = anonymous). */
  post(body: unknown, caller?: TestCaller, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: GraphQLBody }>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestCaller {
  clientId?: string;
  role?: Role;
  scopes: readonly string[];
  via?: Caller['via'];
  purpose?: string;
}

function callerFrom(request: IncomingMessage): RequestIdentity | undefined {
  const raw = request.headers['x-test-caller'];
  if (typeof raw !== 'string') return undefined;
  const parsed = JSON.parse(raw) as TestCaller;
  return {
    caller: { clientId: parsed.clientId ?? 'test-client', role: parsed.role ?? 'frontend', scopes: new Set(parsed.scopes), agency: null, via: parsed.via ?? 'jwt' },
    purpose: parsed.purpose ?? null,
    requestId: 'test-request',
  };
}

export interface FixtureOptions {
  plugins: ReadonlyArray<ApolloServerPlugin<TestContext>>;
  /** Extra Apollo Server options (parseOptions, allowBatchedHttpRequests, ...). */
  apollo?: Partial<Pick<ApolloServerOptions<TestContext>, 'parseOptions' | 'allowBatchedHttpRequests' | 'introspection' | 'persistedQueries'>>;
}

async function startSubgraph(name: string, calls: Record<string, string[]>): Promise<RunningHttpServer> {
  const schema = buildSubgraphSchema([{ typeDefs: parse(SUBGRAPH_SDLS[name]!), resolvers: RESOLVERS[name] as never }]);
  const recorder: ApolloServerPlugin<BaseContext> = {
    async requestDidStart({ request }) {
      calls[name]!.push(request.query ?? '');
    },
  };
  const apollo = new ApolloServer<BaseContext>({ schema, plugins: [recorder, ApolloServerPluginInlineTraceDisabled()], stopOnTerminationSignals: false });
  await apollo.start();
  const running = await listen(createGraphQLRequestListener({ apollo, context: async () => ({}) }), '127.0.0.1', 0);
  return { ...running, close: async () => { await running.close(); await apollo.stop(); } };
}

export async function startFederatedFixture(options: FixtureOptions): Promise<FederatedFixture> {
  const operations: Record<string, string[]> = { registry: [], health: [], vehicles: [] };
  const subgraphs: Record<string, RunningHttpServer> = {};
  const stops: Array<() => Promise<void>> = [];
  try {
    for (const name of Object.keys(SUBGRAPH_SDLS)) {
      subgraphs[name] = await startSubgraph(name, operations);
      stops.push(subgraphs[name].close);
    }
    const { supergraphSdl } = composeSupergraph(Object.entries(SUBGRAPH_SDLS).map(([name, sdl]) => ({ name, url: subgraphs[name]!.url, sdl })));
    const gateway = new ApolloGateway({ supergraphSdl });
    const apollo = new ApolloServer<TestContext>({ gateway, plugins: [...options.plugins], stopOnTerminationSignals: false, includeStacktraceInErrorResponses: false, ...options.apollo });
    await apollo.start();
    stops.push(() => apollo.stop());
    const running = await listen(createGraphQLRequestListener<TestContext>({ apollo, context: async (request) => ({ identity: callerFrom(request) }) }), '127.0.0.1', 0);
    stops.push(running.close);
    const calls: SubgraphCalls = {
      operations,
      total: () => Object.values(operations).reduce((sum, list) => sum + list.length, 0),
      reset: () => {
        for (const list of Object.values(operations)) list.splice(0);
      },
    };
    return {
      gatewayUrl: running.url,
      supergraphSdl,
      calls,
      async post(body, caller, headers = {}) {
        const response = await fetch(running.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(caller ? { 'x-test-caller': JSON.stringify(caller) } : {}), ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
        return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
      },
      async stop() {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop();
    throw error;
  }
}

/** The caller of a fixture request, as the plugins under test read it. */
export const callerOf = (context: TestContext): Caller | undefined => context.identity?.caller;
