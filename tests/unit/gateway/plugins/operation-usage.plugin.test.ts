import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequest } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import pino from 'pino';
import { operationUsagePlugin, type OperationUsagePluginOptions, type UsageSink } from '../../../../gateway/plugins/operation-usage.plugin';
import { checkSubgraph } from '../../../../gateway/registry/check';
import { publishSubgraph } from '../../../../gateway/registry/publish';
import type { RegistryStore, UsageEntry } from '../../../../gateway/registry/registry.store';
import { composeSupergraph } from '../../../../schema/compose';
import { waitFor } from '../../../support/wait-for';
import { BACKENDS, imigrasiWith, openSeededRegistry } from '../registry/registry-fixtures';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

const PEOPLE_SDL = `${FEDERATION}
type Query { citizen(nik: String!, format: NameFormat): Citizen  citizens(filter: CitizenFilter, first: Int): [Citizen!]! }
enum NameFormat { FULL SHORT }
enum Sex { MALE FEMALE }
input CitizenFilter { district: String  sex: Sex }
type Citizen @key(fields: "nik") { nik: String!  fullName: String! }`;

const PASSPORTS_SDL = `${FEDERATION}
type Citizen @key(fields: "nik") { nik: String!  passports: [Passport!]! }
type Passport { number: String!  expiresOn: String }`;

/** The passports subgraph after a release that renamed the type behind `Citizen.passports`. */
const PASSPORTS_RENAMED_SDL = `${FEDERATION}
type Citizen @key(fields: "nik") { nik: String!  passports: [TravelDocument!]! }
type TravelDocument { number: String!  expiresOn: String }`;

const citizen = (nik: string) => ({ nik, fullName: `CITIZEN ${nik}` });
const RESOLVERS: Record<string, object> = {
  people: { Query: { citizen: (_: unknown, args: { nik: string }) => citizen(args.nik), citizens: () => [citizen('1'), citizen('2')] } },
  passports: { Citizen: { __resolveReference: (reference: { nik: string }) => ({ ...reference, passports: [{ number: `P${reference.nik}`, expiresOn: '2030-01-01' }] }) } },
};

function subgraphSchema(name: string, sdl: string): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: RESOLVERS[name] as never }]);
}

function supergraphOf(sdls: Record<string, string>): string {
  return composeSupergraph(Object.entries(sdls).map(([name, sdl]) => ({ name, url: `http://127.0.0.1:1/${name}`, sdl }))).supergraphSdl;
}

/** A sink that keeps every batch and can be told to fail. */
class RecordingSink implements UsageSink {
  readonly batches: UsageEntry[][] = [];
  failures = 0;

  async recordUsage(entries: readonly UsageEntry[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('registry database unavailable');
    }
    this.batches.push([...entries]);
  }

  /** Every entry written so far, as "client hash coordinate count" lines, sorted. */
  lines(): string[] {
    return this.batches.flat().map((entry) => `${entry.client} ${entry.operationHash.slice(0, 8)} ${entry.coordinate} ${entry.count}`).sort();
  }

  coordinates(client?: string): string[] {
    return [...new Set(this.batches.flat().filter((entry) => client === undefined || entry.client === client).map((entry) => entry.coordinate))].sort();
  }
}

/** pino writing into an array, so tests read what was logged. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string; [key: string]: unknown }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Refuses operations named "Refused" before execution, as the NIK and identity plugins refuse theirs. */
const refusingPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName }) {
        if (operationName === 'Refused') throw new GraphQLError('refused by policy', { extensions: { code: 'FORBIDDEN' } });
      },
    };
  },
};

interface Harness {
  server: ApolloServer<BaseContext>;
  sink: RecordingSink;
  plugin: ReturnType<typeof operationUsagePlugin<BaseContext>>;
  logs: ReturnType<typeof capturingLogger>['lines'];
  run(query: string, options?: { client?: string; apolloClient?: string; operationName?: string; variables?: Record<string, unknown> }): Promise<{ data?: unknown; errors?: readonly unknown[] }>;
  /** Swaps the passports subgraph for another SDL, as a registry reload would. */
  reload(passportsSdl: string): Promise<void>;
  stop(): Promise<void>;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** An ApolloServer + ApolloGateway over the two subgraphs, in process (local data sources), with the plugin. */
async function startHarness(options: Partial<OperationUsagePluginOptions<BaseContext>> = {}): Promise<Harness> {
  const sdls: Record<string, string> = { people: PEOPLE_SDL, passports: PASSPORTS_SDL };
  let update: ((supergraphSdl: string) => void) | undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: async (hooks) => {
      update = hooks.update;
      return { supergraphSdl: supergraphOf(sdls) };
    },
    buildService: ({ name }) => new LocalGraphQLDataSource(subgraphSchema(name, sdls[name]!)),
  });
  const sink = new RecordingSink();
  const { logger, lines } = capturingLogger();
  const plugin = operationUsagePlugin<BaseContext>({ sink, logger, flushIntervalMs: 60_000, ...options });
  const server = new ApolloServer<BaseContext>({ gateway, plugins: [plugin, refusingPlugin], logger });
  await server.start();
  let stopped = false;
  return {
    server,
    sink,
    plugin,
    logs: lines,
    async run(query, { client, apolloClient, operationName, variables } = {}) {
      const headers = new HeaderMap([['content-type', 'application/json']]);
      if (client !== undefined) headers.set('x-satu-client', client);
      if (apolloClient !== undefined) headers.set('apollographql-client-name', apolloClient);
      const request: GraphQLRequest = { query, operationName, variables, http: { method: 'POST', headers, search: '', body: {} } };
      const response = await server.executeOperation(request);
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    },
    async reload(passportsSdl) {
      sdls.passports = passportsSdl;
      update!(supergraphOf(sdls));
      // The gateway swaps schemas on its own schedule: wait (bounded) until the API schema has the new SDL's types.
      const firstNewType = /^type (?!Citizen|Query)(\w+)/m.exec(passportsSdl)![1]!;
      for (let attempt = 0; attempt < 50; attempt++) {
        const answer = await server.executeOperation({ query: `{ __type(name: "${firstNewType}") { name } }` });
        if (answer.body.kind === 'single' && (answer.body.singleResult.data as { __type: unknown } | undefined)?.__type) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`the gateway did not load the new supergraph (no type ${firstNewType})`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

const COUNTER_DOCUMENT = `query Counter($nik: String!) {
  citizen(nik: $nik, format: SHORT) { __typename ...Identity passports { ... on Passport { number } } }
}
query Other {
  citizens(filter: { district: "SENAPELAN", sex: FEMALE }) { ...Travel }
}
fragment Identity on Citizen { nik ...Name }
fragment Name on Citizen { fullName }
fragment Travel on Citizen { passports { expiresOn } }`;

describe('operation usage plugin on a gateway over two subgraphs', () => {
  let harness: Harness;

  afterEach(async () => {
    await harness?.stop();
  });

  it('records the coordinates an operation reads, fragments and given arguments included, with its hash and count', async () => {
    harness = await startHarness();
    for (let run = 0; run < 3; run++) {
      const result = await harness.run(COUNTER_DOCUMENT, { operationName: 'Counter', variables: { nik: '7' }, client: 'kiosk' });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ citizen: { __typename: 'Citizen', nik: '7', fullName: 'CITIZEN 7', passports: [{ number: 'P7' }] } });
    }
    await harness.plugin.flush();
    const hash = sha256(COUNTER_DOCUMENT);
    expect(harness.sink.batches).toHaveLength(1);
    // Not Query.citizens nor Passport.expiresOn (the other operation's), not `first` (not given), not __typename.
    expect(harness.sink.batches[0]!.sort((a, b) => a.coordinate.localeCompare(b.coordinate))).toEqual(
      ['Citizen.fullName', 'Citizen.nik', 'Citizen.passports', 'NameFormat.SHORT', 'Passport.number', 'Query.citizen', 'Query.citizen.format', 'Query.citizen.nik'].map((coordinate) => ({
        operationHash: hash,
        coordinate,
        client: 'kiosk',
        count: 3,
      })),
    );

    // The same document's other operation: literal input-object fields and enum values count too.
    await harness.run(COUNTER_DOCUMENT, { operationName: 'Other', client: 'kiosk' });
    await harness.plugin.flush();
    expect(harness.sink.batches[1]!.map((entry) => `${entry.coordinate} ${entry.count}`).sort()).toEqual([
      'Citizen.passports 1',
      'CitizenFilter.district 1',
      'CitizenFilter.sex 1',
      'Passport.expiresOn 1',
      'Query.citizens 1',
      'Query.citizens.filter 1',
      'Sex.FEMALE 1',
    ]);
    expect(new Set(harness.sink.batches[1]!.map((entry) => entry.operationHash))).toEqual(new Set([hash]));
  });

  it('counts per client: x-satu-client, else apollographql-client-name, else anonymous', async () => {
    harness = await startHarness();
    const query = '{ citizen(nik: "1") { fullName } }';
    await harness.run(query, { client: 'kiosk', apolloClient: 'ignored-when-ours-is-given' });
    await harness.run(query, { client: 'kiosk' });
    await harness.run(query, { apolloClient: 'web-portal' });
    await harness.run(query, { client: '   ' });
    await harness.run(query);
    await harness.run(query, { client: `counter\u0007-${'x'.repeat(100)}` });
    await harness.plugin.flush();
    const counts = Object.fromEntries(
      harness.sink.batches[0]!.filter((entry) => entry.coordinate === 'Citizen.fullName').map((entry) => [entry.client, entry.count]),
    );
    expect(counts).toEqual({ kiosk: 2, 'web-portal': 1, anonymous: 2, [`counter-${'x'.repeat(56)}`]: 1 });
  });

  it('takes the client from the clientOf option when given (the authenticated client id, later)', async () => {
    const clientOf = jest.fn((request: GraphQLRequest) => `jwt:${request.http?.headers.get('x-satu-client') ?? 'none'}`);
    harness = await startHarness({ clientOf });
    await harness.run('{ citizen(nik: "1") { nik } }', { client: 'frontend-a' });
    await harness.plugin.flush();
    expect(harness.sink.coordinates('jwt:frontend-a')).toEqual(['Citizen.nik', 'Query.citizen', 'Query.citizen.nik']);
    expect(clientOf).toHaveBeenCalledTimes(1);
  });

  it('does not count operations that fail to parse or validate, that a plugin refuses, or that only introspect', async () => {
    harness = await startHarness();
    expect((await harness.run('{ citizen(nik: "1") { fullName }')).errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_PARSE_FAILED' }) })]);
    expect((await harness.run('{ citizen(nik: "1") { shoeSize } }')).errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
    expect((await harness.run('query Refused { citizen(nik: "1") { fullName } }')).errors).toEqual([expect.objectContaining({ message: 'refused by policy' })]);
    expect((await harness.run('{ __schema { types { name } } __typename }')).errors).toBeUndefined();
    await harness.plugin.flush();
    expect(harness.sink.batches).toEqual([]);

    await harness.run('{ citizen(nik: "1") { fullName } }');
    await harness.plugin.flush();
    expect(harness.sink.coordinates()).toEqual(['Citizen.fullName', 'Query.citizen', 'Query.citizen.nik']);
  });

  it('keeps the counts when a flush fails, logs it, and writes them with the next flush', async () => {
    harness = await startHarness();
    const query = '{ citizen(nik: "1") { fullName } }';
    await harness.run(query, { client: 'kiosk' });
    await harness.run(query, { client: 'kiosk' });
    harness.sink.failures = 1;
    await harness.plugin.flush();
    expect(harness.sink.batches).toEqual([]);
    expect(harness.logs).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/could not be written; the counts are kept/), operations: 1, executions: 2 }));

    await harness.run(query, { client: 'kiosk' });
    await harness.plugin.flush();
    expect(harness.sink.batches).toHaveLength(1);
    expect(harness.sink.lines()).toEqual(
      ['Citizen.fullName', 'Query.citizen', 'Query.citizen.nik'].map((coordinate) => `kiosk ${sha256(query).slice(0, 8)} ${coordinate} 3`),
    );
  });

  it('holds a bounded number of operations while the sink is down, dropping (and logging) the excess', async () => {
    harness = await startHarness({ maxPendingOperations: 2 });
    harness.sink.failures = 2;
    await harness.run('{ citizen(nik: "1") { nik } }', { client: 'a' });
    await harness.run('{ citizen(nik: "1") { fullName } }', { client: 'a' });
    await harness.plugin.flush();
    // The counter is full (two pairs kept from the failed flush): a third pair is not held.
    await harness.run('{ citizens { nik } }', { client: 'a' });
    await harness.run('{ citizen(nik: "1") { nik } }', { client: 'a' });
    await harness.plugin.flush();
    expect(harness.logs).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringMatching(/some executions were not counted/), dropped: 1, maxPendingOperations: 2 }));
    await harness.plugin.flush();
    expect(harness.sink.batches).toHaveLength(1);
    // Rows are per operation: the two citizen documents each keep their own count; `citizens` is absent.
    const byNik = sha256('{ citizen(nik: "1") { nik } }').slice(0, 8);
    const byName = sha256('{ citizen(nik: "1") { fullName } }').slice(0, 8);
    expect(harness.sink.lines()).toEqual(
      [`a ${byName} Citizen.fullName 1`, `a ${byNik} Citizen.nik 2`, `a ${byName} Query.citizen 1`, `a ${byNik} Query.citizen 2`, `a ${byName} Query.citizen.nik 1`, `a ${byNik} Query.citizen.nik 2`].sort(),
    );
  });

  it('flushes on its interval without being asked', async () => {
    harness = await startHarness({ flushIntervalMs: 50 });
    await harness.run('{ citizen(nik: "1") { nik } }', { client: 'kiosk' });
    await waitFor(() => harness.sink.batches.length === 1, 2000);
    expect(harness.sink.coordinates('kiosk')).toContain('Citizen.nik');
  });

  it('flushes what is left when the server stops', async () => {
    harness = await startHarness();
    await harness.run('{ citizen(nik: "1") { passports { number } } }', { client: 'kiosk' });
    expect(harness.sink.batches).toEqual([]);
    await harness.stop();
    expect(harness.sink.coordinates('kiosk')).toEqual(['Citizen.passports', 'Passport.number', 'Query.citizen', 'Query.citizen.nik']);
  });

  it('logs at stop the counts it could not write', async () => {
    harness = await startHarness();
    await harness.run('{ citizen(nik: "1") { nik } }');
    harness.sink.failures = 1;
    await harness.stop();
    expect(harness.logs).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/before the gateway stopped and are lost/), operations: 1 }));
  });

  it('reads coordinates against the schema in force for the request, so it follows a supergraph reload', async () => {
    harness = await startHarness();
    const query = '{ citizen(nik: "1") { passports { number } } }';
    await harness.run(query, { client: 'kiosk' });
    await harness.plugin.flush();
    await harness.reload(PASSPORTS_RENAMED_SDL);
    // The same document, so the same hash: the cache must not hand back the old schema's coordinates.
    const result = await harness.run(query, { client: 'kiosk' });
    expect(result.errors).toBeUndefined();
    await harness.plugin.flush();
    expect(harness.sink.batches.map((batch) => batch.map((entry) => entry.coordinate).filter((coordinate) => coordinate.endsWith('.number')))).toEqual([['Passport.number'], ['TravelDocument.number']]);
  });
});

describe('operation usage plugin options', () => {
  const base = { sink: new RecordingSink(), logger: pino({ level: 'silent' }) };
  it.each([
    [{ flushIntervalMs: 0 }, 'flushIntervalMs must be a whole number from 1 to 3600000, not 0'],
    [{ flushIntervalMs: 2.5 }, 'flushIntervalMs must be a whole number from 1 to 3600000, not 2.5'],
    [{ flushIntervalMs: 2 ** 31 }, `flushIntervalMs must be a whole number from 1 to 3600000, not ${2 ** 31}`],
    [{ maxPendingOperations: 0 }, 'maxPendingOperations must be a whole number above 0, not 0'],
    [{ coordinateCacheSize: -1 }, 'coordinateCacheSize must be a whole number above 0, not -1'],
  ])('refuses %j', (options, message) => {
    expect(() => operationUsagePlugin({ ...base, ...options })).toThrow(new RangeError(`operationUsagePlugin: ${message}`));
  });
});

describe.each(BACKENDS)('recorded usage drives the registry check on $name', (backend) => {
  let store: RegistryStore;
  let close: () => Promise<void>;
  const NOW = new Date();

  beforeEach(async () => {
    ({ store, close } = await openSeededRegistry(backend));
  });

  afterEach(async () => {
    await close();
  });

  /** The registry's current supergraph, served in process, with the plugin writing to the registry. */
  async function gatewayOnRegistry(): Promise<ApolloServer<BaseContext>> {
    const snapshot = await store.snapshot();
    const sdls = Object.fromEntries(snapshot.subgraphs.map((subgraph) => [subgraph.name, subgraph.version!.sdl]));
    const gateway = new ApolloGateway({
      supergraphSdl: snapshot.supergraph!.sdl,
      buildService: ({ name }) => new LocalGraphQLDataSource(buildSubgraphSchema([{ typeDefs: parse(sdls[name]!) }])),
    });
    const server = new ApolloServer<BaseContext>({ gateway, plugins: [operationUsagePlugin({ sink: store, logger: pino({ level: 'silent' }) })] });
    await server.start();
    return server;
  }

  it('fails removing a field an operation used, and passes removing one nobody used', async () => {
    const withOffice = imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String');
    expect((await publishSubgraph(store, { subgraph: 'imigrasi', sdl: withOffice, credential: { agency: 'imigrasi', publisher: 'Rina' }, now: NOW })).status).toBe('PUBLISHED');

    const server = await gatewayOnRegistry();
    const response = await server.executeOperation({
      query: '{ citizen(nik: "1471100405960001") { nik passports { number expiresOn } } }',
      http: { method: 'POST', headers: new HeaderMap([['x-satu-client', 'kiosk']]), search: '', body: {} },
    });
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined();
    await server.stop(); // flushes into the registry

    const withoutExpiry = await checkSubgraph(store, { subgraph: 'imigrasi', sdl: imigrasiWith('number: String! @personalData(category: TRAVEL)  office: String'), now: NOW });
    expect(withoutExpiry.passed).toBe(false);
    expect(withoutExpiry.failures).toEqual([expect.stringMatching(/^breaking change to Passport\.expiresOn, used 1 time in the last 30 days by kiosk/)]);

    const withoutOffice = await checkSubgraph(store, { subgraph: 'imigrasi', sdl: imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String'), now: NOW });
    expect(withoutOffice.passed).toBe(true);
    expect(withoutOffice.notes).toContainEqual(expect.stringMatching(/breaking change to Passport\.office passes: no recorded operation used it/));
  });
});
