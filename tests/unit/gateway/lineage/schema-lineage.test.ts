import { LineageInputError } from '../../../../gateway/lineage/lineage-input-error';
import { SchemaLineage } from '../../../../gateway/lineage/schema-lineage';
import type { RegistryStore } from '../../../../gateway/registry/registry.store';
import { composeSupergraph, withSubgraphUrls } from '../../../../schema/compose';
import { BACKENDS } from '../registry/registry-fixtures';
import { IMIGRASI_V2, IMIGRASI_V2_AT, OVERRIDE_REASON, SAMSAT_V2_AT, SAMSAT_V3, SAMSAT_V3_AT, SEED_PUBLISHER, SEEDED_AT, lineageCatalogue, openLineageRegistry } from './lineage-fixtures';

const SAMSAT_SOURCE = { system: 'SAMSAT-RIAU', operation: 'EXPORT_KENDARAAN' };

describe.each(BACKENDS)('schema lineage on a $name registry', (backend) => {
  let store: RegistryStore;
  let close: () => Promise<void>;
  let supergraphSdl: string;

  beforeAll(async () => {
    ({ store, close } = await openLineageRegistry(backend));
    supergraphSdl = (await store.currentSupergraph())!.sdl;
  });

  afterAll(async () => {
    await close?.();
  });

  function lineage(sdl = supergraphSdl): SchemaLineage {
    return new SchemaLineage({ registry: store, supergraphSdl: () => sdl });
  }

  it('gives a field its owner, legacy source, classification, introduction and every change', async () => {
    const answer = await lineage().field('Citizen.vehicles');
    expect(answer).toMatchObject({
      coordinate: 'Citizen.vehicles',
      returnType: '[Vehicle!]',
      owners: [{ subgraph: 'samsat', agency: 'samsat', agencyTitle: 'SAMSAT Riau', source: { ...SAMSAT_SOURCE, field: 'NIK_PEMILIK' }, personalDataCategory: 'VEHICLE', identityClaim: null }],
      introducedIn: { subgraph: 'samsat', sequence: 1, publishedAt: SEEDED_AT, publisher: SEED_PUBLISHER, overrideReason: null },
      notes: [],
    });
    // The argument added in version 2 (under the field) and the description given to its return type in version 3.
    expect(answer.changes.map((change) => [change.version.sequence, change.scope, change.changeType, change.coordinate, change.relation])).toEqual([
      [2, 'SUBGRAPH', 'FIELD_ARGUMENT_ADDED', 'Citizen.vehicles.active', 'ARGUMENT_OR_DIRECTIVE'],
      [2, 'API', 'FIELD_ARGUMENT_ADDED', 'Citizen.vehicles.active', 'ARGUMENT_OR_DIRECTIVE'],
      [3, 'SUBGRAPH', 'TYPE_DESCRIPTION_ADDED', 'Vehicle', 'RETURN_TYPE'],
      [3, 'API', 'TYPE_DESCRIPTION_ADDED', 'Vehicle', 'RETURN_TYPE'],
    ]);
    expect(answer.changes[0]!.version).toEqual({ subgraph: 'samsat', sequence: 2, publishedAt: SAMSAT_V2_AT, publisher: 'Budi (samsat)', overrideReason: OVERRIDE_REASON });
    expect(answer.changes[2]!.version).toMatchObject({ sequence: 3, publishedAt: SAMSAT_V3_AT, overrideReason: null });
  });

  it('dates a later field to the version that added it, with the override and the privacy change it needed', async () => {
    const answer = await lineage().field('Vehicle.taxStatus');
    expect(answer.introducedIn).toEqual({ subgraph: 'samsat', sequence: 2, publishedAt: SAMSAT_V2_AT, publisher: 'Budi (samsat)', overrideReason: OVERRIDE_REASON });
    expect(answer.owners[0]).toMatchObject({ source: { ...SAMSAT_SOURCE, field: 'TGL_JT_PKB,TUNGGAKAN_PKB' }, personalDataCategory: 'FINANCIAL' });
    expect(answer.changes).toContainEqual(expect.objectContaining({ scope: 'PRIVACY', criticality: 'DANGEROUS', changeType: 'PERSONAL_DATA_ADDED', coordinate: 'Vehicle.taxStatus', relation: 'FIELD' }));
    expect(answer.changes).toContainEqual(expect.objectContaining({ scope: 'API', changeType: 'FIELD_ADDED', relation: 'FIELD' }));
    expect(answer.changes).toContainEqual(expect.objectContaining({ coordinate: 'Vehicle', relation: 'PARENT_TYPE', version: expect.objectContaining({ sequence: 3 }) }));
    // Oldest first.
    const times = answer.changes.map((change) => change.version.publishedAt);
    expect(times).toEqual([...times].sort());
    expect(await lineage().field('Passport.office')).toMatchObject({ introducedIn: { subgraph: 'imigrasi', sequence: 2, publishedAt: IMIGRASI_V2_AT, publisher: 'Rina (imigrasi)' } });
  });

  it("keeps each owner's own tags for a field several subgraphs resolve, and leaves out @external copies", async () => {
    const nik = await lineage().field('Citizen.nik');
    expect(nik.owners).toEqual([
      { subgraph: 'dukcapil', agency: 'dukcapil', agencyTitle: 'Disdukcapil Kota Pekanbaru', source: { system: 'SIAK', operation: 'CALL_NIK_BATCH', field: 'NIK' }, personalDataCategory: 'IDENTITY', identityClaim: null },
      { subgraph: 'imigrasi', agency: 'imigrasi', agencyTitle: 'Direktorat Jenderal Imigrasi', source: null, personalDataCategory: null, identityClaim: null },
      { subgraph: 'samsat', agency: 'samsat', agencyTitle: 'SAMSAT Riau', source: null, personalDataCategory: null, identityClaim: null },
    ]);
    // Every owner has it from version 1; the tie is settled by name, so the answer never depends on query order.
    expect(nik.introducedIn).toMatchObject({ subgraph: 'dukcapil', sequence: 1 });
    // samsat declares fullName @external to @requires it: not an owner.
    expect((await lineage().field('Citizen.fullName')).owners.map((owner) => owner.subgraph)).toEqual(['dukcapil']);
    expect((await lineage().field('Vehicle.ownerName')).owners[0]).toMatchObject({ personalDataCategory: 'IDENTITY', identityClaim: 'FULL_NAME' });
  });

  it('refuses malformed and unknown coordinates with close matches', async () => {
    await expect(lineage().field('Citizen.vehicle')).rejects.toMatchObject({ message: 'the graph has no field Citizen.vehicle; did you mean Citizen.vehicles?', suggestions: ['Citizen.vehicles'] });
    await expect(lineage().field('citizen.Vehicles')).rejects.toMatchObject({ suggestions: ['Citizen.vehicles'] });
    await expect(lineage().field('Vehicle.colour')).rejects.toThrow(/Vehicle has no field colour nor one close to it; its fields are Vehicle\.plateNumber, Vehicle\.ownerName, Vehicle\.taxStatus/);
    await expect(lineage().field('Pdam.meter')).rejects.toThrow(/the graph has no type Pdam and nothing close to Pdam\.meter/);
    await expect(lineage().field('Citizen')).rejects.toThrow(/Citizen is a type, not a field/);
    await expect(lineage().field('Query.citizen.nik')).rejects.toMatchObject({ message: expect.stringMatching(/names an argument.*ask for Query\.citizen/), suggestions: ['Query.citizen'] });
    await expect(lineage().field('Citizen vehicles')).rejects.toThrow(/"Citizen vehicles" is not a field coordinate: give Type\.field/);
    await expect(lineage().field('  ')).rejects.toBeInstanceOf(LineageInputError);
  });

  it("lists a subgraph's versions, oldest first, with their changes and override reasons", async () => {
    const history = await lineage().history(' samsat ');
    expect(history.registryAvailable).toBe(true);
    expect(history.versions.map((version) => [version.sequence, version.publishedAt, version.publisher, version.overrideReason])).toEqual([
      [1, SEEDED_AT, SEED_PUBLISHER, null],
      [2, SAMSAT_V2_AT, 'Budi (samsat)', OVERRIDE_REASON],
      [3, SAMSAT_V3_AT, 'Budi (samsat)', null],
    ]);
    expect(history.versions[0]!.changes).toEqual([]);
    expect(history.versions[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(history.versions[1]!.changes.map((change) => change.changeType)).toEqual(expect.arrayContaining(['FIELD_ARGUMENT_ADDED', 'FIELD_ADDED', 'PERSONAL_DATA_ADDED']));
    expect(history.versions[2]!.changes.map((change) => [change.scope, change.changeType, change.coordinate, change.relation])).toEqual([
      ['SUBGRAPH', 'TYPE_DESCRIPTION_ADDED', 'Vehicle', null],
      ['API', 'TYPE_DESCRIPTION_ADDED', 'Vehicle', null],
    ]);
    await expect(lineage().history('samsad')).rejects.toMatchObject({ message: 'no subgraph "samsad"; did you mean samsat? known subgraphs: dukcapil, imigrasi, samsat', suggestions: ['dukcapil', 'imigrasi', 'samsat'] });
  });

  it('gives the overview: agencies, their subgraphs at their current version, and the fields each resolves', async () => {
    const overview = await lineage().overview();
    expect(overview).toMatchObject({ registryAvailable: true, supergraphSequence: 4, composedAt: SAMSAT_V3_AT, notes: [] });
    expect(overview.agencies.map((agency) => [agency.name, agency.legalBasis, agency.subgraphs.map((subgraph) => [subgraph.name, subgraph.currentVersion])])).toEqual([
      ['dukcapil', 'UU 24/2013', [['dukcapil', 1]]],
      ['imigrasi', 'UU 6/2011', [['imigrasi', 2]]],
      ['samsat', 'Perpres 5/2015', [['samsat', 3]]],
    ]);
    expect(overview.agencies[1]).toMatchObject({ title: 'Direktorat Jenderal Imigrasi', contact: 'simkim@imigrasi.example' });
    const samsat = overview.agencies[2]!.subgraphs[0]!;
    expect(samsat.url).toBe('http://127.0.0.1:4103/graphql');
    expect(samsat.types.map((type) => [type.name, type.fields.map((field) => field.name)])).toEqual([
      ['Citizen', ['nik', 'vehicles', 'ownsVehicleUnderRegisteredName']],
      ['Vehicle', ['plateNumber', 'ownerName', 'taxStatus']],
    ]);
    expect(samsat.types[1]!.fields[1]).toEqual({
      coordinate: 'Vehicle.ownerName',
      name: 'ownerName',
      returnType: 'String',
      source: { ...SAMSAT_SOURCE, field: 'NAMA_PEMILIK' },
      personalDataCategory: 'IDENTITY',
      identityClaim: 'FULL_NAME',
    });
  });

  it('fetches and parses each stored SDL once, also for questions asked at the same moment', async () => {
    const asked: string[][] = [];
    const counting = Object.create(store) as RegistryStore;
    counting.sdlsByHash = async (hashes) => {
      asked.push([...hashes]);
      return store.sdlsByHash(hashes);
    };
    const cached = new SchemaLineage({ registry: counting, supergraphSdl: () => supergraphSdl });
    // Two questions at once: the introduction needs every version of the three owners, the tags their members.
    await Promise.all([cached.field('Citizen.nik'), cached.overview(), cached.field('Vehicle.taxStatus')]);
    // Each hash fetched at most once, in-flight fetches shared.
    const first = asked.flat();
    expect(new Set(first).size).toBe(first.length);
    expect(first.length).toBe((await store.versionSummaries(['dukcapil', 'imigrasi', 'samsat'])).length);
    asked.length = 0;
    await cached.field('Citizen.nik');
    await cached.overview();
    expect(asked.flat()).toEqual([]);
  });

  it("recognises the registry's supergraph served at other subgraph URLs (the demo's ports)", async () => {
    const rewritten = withSubgraphUrls(supergraphSdl, { samsat: 'http://127.0.0.1:39999/graphql' });
    const overview = await lineage(rewritten).overview();
    expect(overview).toMatchObject({ registryAvailable: true, supergraphSequence: 4, notes: [] });
    expect(overview.agencies[2]!.subgraphs[0]).toMatchObject({ url: 'http://127.0.0.1:39999/graphql', currentVersion: 3 });
  });

  it("reads tags from the registry's current versions for a supergraph it never composed, and says so", async () => {
    // Composed by hand with a field imigrasi never published: the registry cannot vouch for this graph.
    const catalogue = lineageCatalogue();
    const unpublished = composeSupergraph([
      catalogue.subgraphs[0]!,
      { ...catalogue.subgraphs[1]!, sdl: IMIGRASI_V2.replace('office: String', 'office: String  visaType: String @personalData(category: TRAVEL)') },
      { ...catalogue.subgraphs[2]!, sdl: SAMSAT_V3 },
    ]).supergraphSdl;
    const taxStatus = await lineage(unpublished).field('Vehicle.taxStatus');
    expect(taxStatus.owners[0]).toMatchObject({ personalDataCategory: 'FINANCIAL', source: { field: 'TGL_JT_PKB,TUNGGAKAN_PKB' } });
    expect(taxStatus.notes).toEqual([expect.stringMatching(/not one the registry composed: tags and versions are those of the registry's current supergraph 4/)]);
    const visa = await lineage(unpublished).field('Passport.visaType');
    expect(visa).toMatchObject({ owners: [{ subgraph: 'imigrasi', personalDataCategory: 'TRAVEL' }], introducedIn: null, changes: [] });
    expect(visa.notes).toEqual([expect.stringMatching(/registry's current supergraph 4/), "imigrasi's published SDL does not define Passport.visaType as its own: its tags are the supergraph's"]);
    expect(await lineage(unpublished).overview()).toMatchObject({ registryAvailable: true, supergraphSequence: null, composedAt: null, notes: [expect.stringMatching(/not one the registry composed/)] });
  });

  it('finds the served supergraph in the registry with or without its final newline', async () => {
    const withNewline = `${supergraphSdl.trimEnd()}\n`;
    expect(await lineage(withNewline).overview()).toMatchObject({ supergraphSequence: 4, notes: [] });
    expect(await lineage(supergraphSdl.trimEnd()).overview()).toMatchObject({ supergraphSequence: 4, notes: [] });
  });
});

describe('schema lineage without a registry', () => {
  const supergraphSdl = lineageCatalogue().supergraph.sdl;
  const lineage = new SchemaLineage({ registry: null, supergraphSdl: () => supergraphSdl });

  it('still gives owners, source and classification, with no history and a note', async () => {
    const answer = await lineage.field('Vehicle.ownerName');
    expect(answer).toMatchObject({
      owners: [{ subgraph: 'samsat', agency: 'samsat', agencyTitle: 'samsat', source: { ...SAMSAT_SOURCE, field: 'NAMA_PEMILIK' }, personalDataCategory: 'IDENTITY', identityClaim: 'FULL_NAME' }],
      introducedIn: null,
      changes: [],
      notes: [expect.stringMatching(/registry is not available/)],
    });
    // The supergraph keeps one merged copy of a shared field's tags: shown for each owner, and said.
    const nik = await lineage.field('Citizen.nik');
    expect(nik.owners.map((owner) => [owner.subgraph, owner.source?.system])).toEqual([
      ['dukcapil', 'SIAK'],
      ['imigrasi', 'SIAK'],
      ['samsat', 'SIAK'],
    ]);
    expect(nik.notes).toEqual([expect.stringMatching(/registry is not available/), expect.stringMatching(/3 subgraphs resolve Citizen\.nik; the supergraph keeps one merged copy/)]);
  });

  it('gives the overview from the supergraph alone and an empty history for a known subgraph', async () => {
    const overview = await lineage.overview();
    expect(overview).toMatchObject({ registryAvailable: false, supergraphSequence: null, composedAt: null });
    expect(overview.notes[0]).toMatch(/registry is not available/);
    expect(overview.agencies.map((agency) => [agency.name, agency.title, agency.legalBasis, agency.subgraphs.map((subgraph) => [subgraph.name, subgraph.currentVersion])])).toEqual([
      ['dukcapil', 'dukcapil', null, [['dukcapil', null]]],
      ['imigrasi', 'imigrasi', null, [['imigrasi', null]]],
      ['samsat', 'samsat', null, [['samsat', null]]],
    ]);
    expect(await lineage.history('imigrasi')).toEqual({ versions: [], registryAvailable: false, notes: [expect.stringMatching(/registry is not available/)] });
    await expect(lineage.history('pdam')).rejects.toThrow(/no subgraph "pdam"; known subgraphs: dukcapil, imigrasi, samsat/);
  });
});

describe('schema lineage when the registry fails', () => {
  it('logs, answers from the supergraph and says the registry could not be read', async () => {
    const { store, close } = await openLineageRegistry(BACKENDS[0]!);
    const supergraphSdl = (await store.currentSupergraph())!.sdl;
    await close();
    const warnings: unknown[] = [];
    const lineage = new SchemaLineage({ registry: store, supergraphSdl: () => supergraphSdl, logger: { warn: (...args: unknown[]) => void warnings.push(args) } });
    const answer = await lineage.field('Citizen.vehicles');
    expect(answer).toMatchObject({ introducedIn: null, changes: [], owners: [{ subgraph: 'samsat', personalDataCategory: 'VEHICLE' }] });
    expect(answer.notes[0]).toMatch(/^the schema registry could not be read \(the gateway log says why\): owners and tags come from the supergraph alone/);
    expect((await lineage.overview()).registryAvailable).toBe(false);
    // The reason is logged, once per question.
    expect(warnings).toEqual([
      [{ err: expect.any(String) }, expect.stringMatching(/registry could not be read/)],
      [{ err: expect.any(String) }, expect.stringMatching(/registry could not be read/)],
    ]);
  });
});
