import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, execute, parse, print, type ExecutionResult, type GraphQLSchema, type ObjectTypeDefinitionNode } from 'graphql';
import pino from 'pino';
import { buildLineageSubgraphSchema, lineageSubgraphFactory } from '../../../../gateway/lineage/subgraph/lineage-schema';
import { LINEAGE_READ_SCOPE, LINEAGE_SUBGRAPH, lineageSdl } from '../../../../gateway/lineage/subgraph/lineage-sdl';
import type { RegistryStore } from '../../../../gateway/registry/registry.store';
import { BACKENDS } from '../registry/registry-fixtures';
import { OVERRIDE_REASON, SAMSAT_V2_AT, lineageCatalogue, openLineageRegistry } from './lineage-fixtures';

const logger = pino({ enabled: false });

const FIELD_LINEAGE = /* GraphQL */ `
  query Field($coordinate: String!) {
    schemaLineage(coordinate: $coordinate) {
      coordinate
      returnType
      owners { subgraph agency agencyTitle source { system operation field } personalDataCategory identityClaim }
      introducedIn { subgraph sequence publishedAt publisher overrideReason }
      changes { version { subgraph sequence publishedAt publisher overrideReason } scope criticality changeType message coordinate relation }
      notes
    }
  }`;

const OVERVIEW = /* GraphQL */ `
  {
    lineageOverview {
      registryAvailable supergraphSequence composedAt notes
      agencies { name title legalBasis contact subgraphs { name url currentVersion types { name fields { coordinate name returnType personalDataCategory identityClaim source { system operation field } } } } }
    }
  }`;

const HISTORY = /* GraphQL */ `
  query History($subgraph: String!) {
    schemaHistory(subgraph: $subgraph) { subgraph sequence hash url publishedAt publisher overrideReason changes { scope changeType coordinate relation } }
  }`;

describe('the lineage subgraph', () => {
  let store: RegistryStore;
  let close: () => Promise<void>;
  let supergraphSdl: string;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    ({ store, close } = await openLineageRegistry(BACKENDS[0]!, { withLineageSubgraph: true }));
    supergraphSdl = (await store.currentSupergraph())!.sdl;
    schema = buildLineageSubgraphSchema({ registry: store, supergraphSdl: () => supergraphSdl, logger });
  });

  afterAll(async () => {
    await close?.();
  });

  async function run(query: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> {
    return (await execute({ schema, document: parse(query), variableValues })) as ExecutionResult;
  }

  it("declares the auditors' contract, each root field behind the lineage:read scope, and composes", () => {
    const sdl = lineageSdl();
    for (const root of ['lineageOverview: LineageOverview!', 'schemaLineage(', 'schemaHistory(']) expect(sdl).toContain(root);
    expect(sdl.match(new RegExp(`@access\\(scopes: \\["${LINEAGE_READ_SCOPE}"\\]\\)`, 'g'))).toHaveLength(3);
    // The composed supergraph keeps the @access tags, so the gateway's access rules can enforce them.
    const query = parse(supergraphSdl).definitions.find((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Query')!;
    const lineageRoots = (query.fields ?? []).filter((field) => ['lineageOverview', 'schemaLineage', 'schemaHistory'].includes(field.name.value));
    expect(lineageRoots.map((field) => [field.name.value, field.directives?.filter((directive) => directive.name.value !== 'join__field').map((directive) => print(directive))])).toEqual([
      ['lineageOverview', ['@access(scopes: ["lineage:read"])']],
      ['schemaLineage', ['@access(scopes: ["lineage:read"])']],
      ['schemaHistory', ['@access(scopes: ["lineage:read"])']],
    ]);
    expect(supergraphSdl).toContain('@join__graph(name: "lineage", url: "in-process://lineage")');
  });

  it('answers schemaLineage with owners, introduction and changes', async () => {
    const result = await run(FIELD_LINEAGE, { coordinate: 'Vehicle.taxStatus' });
    expect(result.errors).toBeUndefined();
    const lineage = (result.data as { schemaLineage: Record<string, unknown> }).schemaLineage;
    expect(lineage).toMatchObject({
      coordinate: 'Vehicle.taxStatus',
      returnType: 'String',
      owners: [{ subgraph: 'samsat', agency: 'samsat', agencyTitle: 'SAMSAT Riau', source: { system: 'SAMSAT-RIAU', operation: 'EXPORT_KENDARAAN', field: 'TGL_JT_PKB,TUNGGAKAN_PKB' }, personalDataCategory: 'FINANCIAL', identityClaim: null }],
      introducedIn: { subgraph: 'samsat', sequence: 2, publishedAt: SAMSAT_V2_AT, publisher: 'Budi (samsat)', overrideReason: OVERRIDE_REASON },
      notes: [],
    });
    expect(lineage.changes).toContainEqual(expect.objectContaining({ scope: 'PRIVACY', criticality: 'DANGEROUS', changeType: 'PERSONAL_DATA_ADDED', coordinate: 'Vehicle.taxStatus', relation: 'FIELD' }));
  });

  it('answers BAD_USER_INPUT naming close matches for an unknown or malformed coordinate', async () => {
    const unknown = await run(FIELD_LINEAGE, { coordinate: 'Citizen.vehicle' });
    expect(unknown.data).toBeNull();
    expect(unknown.errors?.[0]).toMatchObject({ message: 'the graph has no field Citizen.vehicle; did you mean Citizen.vehicles?', path: ['schemaLineage'], extensions: { code: 'BAD_USER_INPUT', suggestions: ['Citizen.vehicles'] } });
    const malformed = await run(FIELD_LINEAGE, { coordinate: 'Citizen' });
    expect(malformed.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Citizen is a type, not a field/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it("answers schemaHistory, and BAD_USER_INPUT listing the known subgraphs for an unknown one", async () => {
    const result = await run(HISTORY, { subgraph: 'samsat' });
    const versions = (result.data as { schemaHistory: Array<Record<string, unknown>> }).schemaHistory;
    expect(versions.map((version) => [version.sequence, version.publisher, version.overrideReason])).toEqual([
      [1, 'satu-seed (the catalogue in code)', null],
      [2, 'Budi (samsat)', OVERRIDE_REASON],
      [3, 'Budi (samsat)', null],
    ]);
    expect(versions[2]!.changes).toEqual([
      { scope: 'SUBGRAPH', changeType: 'TYPE_DESCRIPTION_ADDED', coordinate: 'Vehicle', relation: null },
      { scope: 'API', changeType: 'TYPE_DESCRIPTION_ADDED', coordinate: 'Vehicle', relation: null },
    ]);
    const unknown = await run(HISTORY, { subgraph: 'pdam' });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'no subgraph "pdam"; known subgraphs: dukcapil, imigrasi, lineage, samsat',
      extensions: { code: 'BAD_USER_INPUT', suggestions: ['dukcapil', 'imigrasi', 'lineage', 'samsat'] },
    });
  });

  it('answers lineageOverview, the mall owning the lineage subgraph itself', async () => {
    const result = await run(OVERVIEW);
    expect(result.errors).toBeUndefined();
    const overview = (result.data as { lineageOverview: { agencies: Array<{ name: string; subgraphs: Array<{ name: string; url: string; types: Array<{ name: string; fields: Array<{ name: string }> }> }> }> } & Record<string, unknown> }).lineageOverview;
    expect(overview).toMatchObject({ registryAvailable: true, supergraphSequence: 4, notes: [] });
    expect(overview.agencies.map((agency) => agency.name)).toEqual(['dukcapil', 'imigrasi', 'mpp', 'samsat']);
    const mall = overview.agencies[2]!.subgraphs[0]!;
    expect(mall).toMatchObject({ name: LINEAGE_SUBGRAPH, url: 'in-process://lineage' });
    expect(mall.types.find((type) => type.name === 'Query')?.fields.map((field) => field.name)).toEqual(['lineageOverview', 'schemaLineage', 'schemaHistory']);
  });

  it('answers without a registry, saying it is not available', async () => {
    const staticSdl = lineageCatalogue({ withLineageSubgraph: true }).supergraph.sdl;
    const staticSchema = buildLineageSubgraphSchema({ registry: null, supergraphSdl: () => staticSdl, logger });
    const result = (await execute({ schema: staticSchema, document: parse(OVERVIEW) })) as ExecutionResult<{ lineageOverview: { registryAvailable: boolean; supergraphSequence: number | null; notes: string[] } }>;
    expect(result.data?.lineageOverview).toMatchObject({ registryAvailable: false, supergraphSequence: null, notes: [expect.stringMatching(/registry is not available/), expect.any(String)] });
  });

  it('builds one schema per loaded supergraph from a factory, sharing parsed SDLs across reloads', async () => {
    const fetched: string[] = [];
    const counting = Object.create(store) as RegistryStore;
    counting.sdlsByHash = async (hashes) => {
      fetched.push(...hashes);
      return store.sdlsByHash(hashes);
    };
    const build = lineageSubgraphFactory({ registry: counting, logger });
    const overviewOf = async (built: GraphQLSchema) =>
      ((await execute({ schema: built, document: parse(OVERVIEW) })) as ExecutionResult<{ lineageOverview: { supergraphSequence: number | null } }>).data?.lineageOverview;
    expect(await overviewOf(build(supergraphSdl))).toMatchObject({ supergraphSequence: 4 });
    const afterFirst = fetched.length;
    expect(afterFirst).toBeGreaterThan(0);
    // A reload to the same supergraph: a new schema, no SDL fetched again.
    expect(await overviewOf(build(supergraphSdl))).toMatchObject({ supergraphSequence: 4 });
    expect(fetched.length).toBe(afterFirst);
    // Each schema describes the supergraph it was built for: the seed's is supergraph 1.
    expect(await overviewOf(build(lineageCatalogue({ withLineageSubgraph: true }).supergraph.sdl))).toMatchObject({ supergraphSequence: 1 });
  });

  it('serves the same answers through a gateway that composes it with the agencies', async () => {
    const catalogue = lineageCatalogue({ withLineageSubgraph: true });
    const agencySchemas = new Map(catalogue.subgraphs.filter((subgraph) => subgraph.name !== LINEAGE_SUBGRAPH).map((subgraph) => [subgraph.name, buildSubgraphSchema(parse(subgraph.sdl))]));
    const gateway = new ApolloGateway({
      supergraphSdl,
      buildService: ({ name }) => new LocalGraphQLDataSource(name === LINEAGE_SUBGRAPH ? schema : agencySchemas.get(name)!),
    });
    const server = new ApolloServer({ gateway, logger });
    await server.start();
    try {
      const answer = await server.executeOperation({ query: FIELD_LINEAGE, variables: { coordinate: 'Citizen.vehicles' } });
      const single = answer.body.kind === 'single' ? answer.body.singleResult : null;
      expect(single?.errors).toBeUndefined();
      expect(single?.data).toMatchObject({ schemaLineage: { owners: [{ subgraph: 'samsat', personalDataCategory: 'VEHICLE' }], introducedIn: { sequence: 1 } } });
      const refused = await server.executeOperation({ query: FIELD_LINEAGE, variables: { coordinate: 'Citizen.vehicle' } });
      const refusal = refused.body.kind === 'single' ? refused.body.singleResult : null;
      expect(refusal?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/did you mean Citizen\.vehicles/), extensions: { code: 'BAD_USER_INPUT' } });
    } finally {
      await server.stop();
    }
  });
});
