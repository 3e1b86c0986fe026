import { sha256, type RegistryStore, type StoredChange } from '../../../../gateway/registry/registry.store';
import { BACKENDS, IMIGRASI_SDL, openSeededRegistry } from '../registry/registry-fixtures';

/** The registry reads schema lineage added to the store, on both databases. */
describe.each(BACKENDS)('registry reads for lineage on $name', (backend) => {
  let store: RegistryStore;
  let close: () => Promise<void>;
  const V2_SDL = `${IMIGRASI_SDL}# version 2\n`;
  const change = (coordinate: string | null, message = coordinate ?? 'none'): StoredChange => ({ scope: 'SUBGRAPH', criticality: 'SAFE', changeType: 'FIELD_ADDED', coordinate, message });
  const CHANGES = [
    change('Passport'),
    change('Passport.number'),
    change('Passport.number.filter'),
    change('Passport.numberOfPages'),
    change('Pass_port.office'),
    change('PassXport.office'),
    change(null),
  ];

  beforeAll(async () => {
    ({ store, close } = await openSeededRegistry(backend));
    const snapshot = await store.snapshot();
    const members = Object.fromEntries(snapshot.subgraphs.map((subgraph) => [subgraph.name, subgraph.version!.id]));
    await store.publish({
      subgraph: 'imigrasi',
      sdl: V2_SDL,
      url: 'http://127.0.0.1:4102/graphql',
      publisher: 'Rina (imigrasi)',
      checkResults: { passed: false },
      overrideReason: 'DPO sign-off #3',
      expectedPreviousVersionId: members.imigrasi!,
      expectedSupergraphId: snapshot.supergraph!.id,
      changes: CHANGES,
      supergraph: { sdl: 'supergraph two', apiSdl: 'api two', members },
      at: '2026-12-05T00:00:00.000Z',
    });
  });

  afterAll(async () => {
    await close?.();
  });

  it('lists versions without SDL, by subgraph then sequence, for some subgraphs or all', async () => {
    const all = await store.versionSummaries();
    expect(all.map((version) => [version.subgraph, version.sequence])).toEqual([
      ['dukcapil', 1],
      ['imigrasi', 1],
      ['imigrasi', 2],
      ['samsat', 1],
    ]);
    expect(all[2]).toEqual({ id: expect.any(String), subgraph: 'imigrasi', sequence: 2, hash: sha256(V2_SDL), url: 'http://127.0.0.1:4102/graphql', publishedAt: '2026-12-05T00:00:00.000Z', publisher: 'Rina (imigrasi)', overrideReason: 'DPO sign-off #3' });
    expect(all[2]).not.toHaveProperty('sdl');
    expect((await store.versionSummaries(['samsat', 'imigrasi', 'samsat'])).map((version) => [version.subgraph, version.sequence])).toEqual([
      ['imigrasi', 1],
      ['imigrasi', 2],
      ['samsat', 1],
    ]);
    expect(await store.versionSummaries(['pdam'])).toEqual([]);
    expect((await store.versionSummariesById([all[2]!.id, 'no-such-id'])).map((version) => version.sequence)).toEqual([2]);
  });

  it('gives SDLs by hash, once each, leaving out hashes nobody published', async () => {
    const sdls = await store.sdlsByHash([sha256(V2_SDL), sha256(IMIGRASI_SDL), sha256(V2_SDL), 'f'.repeat(64)]);
    expect([...sdls.keys()].sort()).toEqual([sha256(IMIGRASI_SDL), sha256(V2_SDL)].sort());
    expect(sdls.get(sha256(V2_SDL))).toBe(V2_SDL);
  });

  it('finds changes at exact coordinates and strictly under others, taking _ literally', async () => {
    const found = await store.changesAtCoordinates(['Passport'], ['Passport.number', 'Pass_port']);
    expect(found.map((entry) => entry.coordinate)).toEqual(['Passport', 'Passport.number.filter', 'Pass_port.office']);
    expect(found[0]).toMatchObject({ position: 0, version: { subgraph: 'imigrasi', sequence: 2, publisher: 'Rina (imigrasi)', overrideReason: 'DPO sign-off #3' } });
    expect(await store.changesAtCoordinates([], [])).toEqual([]);
    expect((await store.changesAtCoordinates(['Passport.number'])).map((entry) => entry.message)).toEqual(['Passport.number']);
  });

  it("lists a subgraph's changes in recorded order, those without a coordinate too", async () => {
    const changes = await store.changesOfSubgraph('imigrasi');
    expect(changes.map((entry) => entry.coordinate)).toEqual(CHANGES.map((entry) => entry.coordinate));
    expect(await store.changesOfSubgraph('samsat')).toEqual([]);
  });

  it('finds a supergraph by the hash of its SDL, with its members', async () => {
    const found = await store.supergraphByHash(['0'.repeat(64), sha256('supergraph two')]);
    expect(found).toMatchObject({ sequence: 2, sdl: 'supergraph two', members: { imigrasi: (await store.currentVersion('imigrasi'))!.id } });
    expect(await store.supergraphByHash(['0'.repeat(64)])).toBeNull();
    expect(await store.supergraphByHash([])).toBeNull();
  });
});
