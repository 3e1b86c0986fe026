import { RegistryError } from '../../../../gateway/registry/errors';
import { openRegistry, sha256, type PublishRecord, type RegistryStore } from '../../../../gateway/registry/registry.store';
import { BACKENDS, IMIGRASI_SDL, openSeededRegistry, smallCatalogue } from './registry-fixtures';

describe.each(BACKENDS)('registry store on $name', (backend) => {
  let store: RegistryStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, close } = await openSeededRegistry(backend));
  });

  afterAll(async () => {
    await close?.();
  });

  async function publishRecord(overrides: Partial<PublishRecord> = {}): Promise<PublishRecord> {
    const snapshot = await store.snapshot();
    const imigrasi = snapshot.subgraphs.find((subgraph) => subgraph.name === 'imigrasi')!;
    const members = Object.fromEntries(snapshot.subgraphs.filter((subgraph) => subgraph.name !== 'imigrasi').map((subgraph) => [subgraph.name, subgraph.version!.id]));
    return {
      subgraph: 'imigrasi',
      sdl: `${IMIGRASI_SDL}# v${Math.random()}\n`,
      url: 'http://10.0.0.2:4102/graphql',
      publisher: 'Rina (imigrasi)',
      checkResults: { passed: true },
      overrideReason: null,
      expectedPreviousVersionId: imigrasi.version!.id,
      expectedSupergraphId: snapshot.supergraph!.id,
      changes: [{ scope: 'SUBGRAPH', criticality: 'SAFE', changeType: 'FIELD_ADDED', coordinate: 'Passport.office', message: 'added' }],
      supergraph: { sdl: 'supergraph sdl', apiSdl: 'api sdl', members },
      ...overrides,
    };
  }

  it('seeds a fresh registry once: agencies, subgraphs at version 1 and supergraph 1 made of them', async () => {
    expect((await store.agencies()).map((agency) => agency.name)).toEqual(['dukcapil', 'imigrasi', 'samsat']);
    expect(await store.agencies()).toContainEqual({ name: 'imigrasi', title: 'Imigrasi', contact: 'simkim@imigrasi.example', legalBasis: 'UU 6/2011' });
    const snapshot = await store.snapshot();
    expect(snapshot.subgraphs.map((subgraph) => [subgraph.name, subgraph.agency, subgraph.version?.sequence])).toEqual([
      ['dukcapil', 'dukcapil', 1],
      ['imigrasi', 'imigrasi', 1],
      ['samsat', 'samsat', 1],
    ]);
    const imigrasi = snapshot.subgraphs[1]!.version!;
    expect(imigrasi).toMatchObject({ hash: sha256(IMIGRASI_SDL), sdl: IMIGRASI_SDL, publishedAt: '2026-12-01T00:00:00.000Z', overrideReason: null });
    expect(snapshot.supergraph).toMatchObject({ sequence: 1, members: { dukcapil: snapshot.subgraphs[0]!.version!.id, imigrasi: imigrasi.id, samsat: snapshot.subgraphs[2]!.version!.id } });
    expect(await store.seed(smallCatalogue())).toBe(false);
    expect(await store.supergraphCount()).toBe(1);
  });

  it('stores a version with its changes and supergraph, and moves the subgraph URL', async () => {
    const record = await publishRecord({ overrideReason: 'DPO sign-off #12', checkResults: { passed: false, failures: ['x'] } });
    const { version, supergraph } = await store.publish(record);
    expect(version).toMatchObject({ subgraph: 'imigrasi', sequence: 2, hash: sha256(record.sdl), overrideReason: 'DPO sign-off #12', checkResults: { passed: false, failures: ['x'] } });
    expect(supergraph).toMatchObject({ sequence: 2, members: { ...record.supergraph.members, imigrasi: version.id } });
    expect(await store.changes(version.id)).toEqual(record.changes);
    expect((await store.currentSupergraph())?.id).toBe(supergraph.id);
    expect((await store.subgraph('imigrasi'))?.url).toBe('http://10.0.0.2:4102/graphql');
    expect((await store.versions('imigrasi')).map((v) => v.sequence)).toEqual([1, 2]);
  });

  it('refuses a publish based on an old version or an old supergraph, and stores nothing', async () => {
    const stale = await publishRecord();
    await store.publish(await publishRecord());
    const before = { versions: (await store.versions('imigrasi')).length, supergraphs: await store.supergraphCount() };
    await expect(store.publish(stale)).rejects.toMatchObject({ code: 'STALE', message: expect.stringMatching(/run the check again/) });
    // A samsat publish checked against the supergraph imigrasi has just replaced.
    const samsat = (await store.snapshot()).subgraphs.find((subgraph) => subgraph.name === 'samsat')!;
    await expect(store.publish({ ...stale, subgraph: 'samsat', expectedPreviousVersionId: samsat.version!.id })).rejects.toBeInstanceOf(RegistryError);
    expect({ versions: (await store.versions('imigrasi')).length, supergraphs: await store.supergraphCount() }).toEqual(before);
    expect((await store.versions('samsat')).length).toBe(1);
  });

  it('lets exactly one of two simultaneous publishes of a subgraph through', async () => {
    const [a, b] = [await publishRecord(), await publishRecord()];
    const before = await store.supergraphCount();
    const outcomes = await Promise.allSettled([store.publish(a), store.publish(b)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'STALE' });
    const sequences = (await store.versions('imigrasi')).map((version) => version.sequence);
    expect(sequences).toEqual(sequences.map((_, index) => index + 1));
    expect(await store.supergraphCount()).toBe(before + 1);
  });

  it('adds up operation usage per coordinate and client, within a time window', async () => {
    await store.recordUsage([{ operationHash: 'op1', coordinate: 'Passport.expiresOn', client: 'web' }], '2026-11-01T00:00:00.000Z');
    await store.recordUsage(
      [
        { operationHash: 'op1', coordinate: 'Passport.expiresOn', client: 'web', count: 4 },
        { operationHash: 'op2', coordinate: 'Passport.expiresOn', client: 'kiosk' },
        { operationHash: 'op2', coordinate: 'Citizen.passports', client: 'kiosk' },
      ],
      '2026-12-10T00:00:00.000Z',
    );
    await store.recordUsage([{ operationHash: 'old', coordinate: 'Vehicle.plate', client: 'web' }], '2026-01-01T00:00:00.000Z');
    const usage = await store.usageSince('2026-11-15T00:00:00.000Z');
    expect([...usage.keys()]).toEqual(['Citizen.passports', 'Passport.expiresOn']);
    expect(usage.get('Passport.expiresOn')).toEqual({ coordinate: 'Passport.expiresOn', count: 6, clients: ['kiosk', 'web'], lastUsedAt: '2026-12-10T00:00:00.000Z' });
  });
});

describe('opening the registry', () => {
  it('says what to give when the location is empty', async () => {
    await expect(openRegistry(' ')).rejects.toThrow(/SQLite file path or a postgres:\/\/ URL/);
  });
});
