import { codeCatalogue, CODE_SYNC_PUBLISHER, syncRegistryWithCode } from '../../../../gateway/registry/code-sync';
import { openRegistry, sha256, type RegistryStore, type SeedInput } from '../../../../gateway/registry/registry.store';
import { AGENCIES } from '../../../../subgraphs/catalog';
import { BACKENDS, IMIGRASI_SDL, imigrasiWith, SAMSAT_SDL, smallCatalogue } from '../registry/registry-fixtures';

const NOW = () => new Date('2026-12-20T00:00:00.000Z');
const WITH_OFFICE = imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String');

/** The small catalogue as "the code", with `edit` applied to one subgraph. */
function codeWith(edit: Partial<Record<string, { sdl?: string; url?: string }>> = {}): SeedInput {
  const catalogue = smallCatalogue();
  return { ...catalogue, subgraphs: catalogue.subgraphs.map((subgraph) => ({ ...subgraph, ...edit[subgraph.name] })) };
}

describe.each(BACKENDS)('bringing the registry in step with the code on $name', (backend) => {
  let store: RegistryStore;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await backend.open();
    store = await openRegistry(opened.location);
    cleanup = async () => {
      await store.close();
      await opened.cleanup();
    };
  });

  afterEach(async () => {
    await cleanup();
  });

  async function versions(): Promise<string[]> {
    return (await store.snapshot()).subgraphs.map((subgraph) => `${subgraph.name}@${subgraph.version?.sequence ?? '-'}`);
  }

  it('seeds a fresh registry with the code: every subgraph at version 1, one supergraph, published by start-up', async () => {
    const code = codeWith();
    const outcome = await syncRegistryWithCode(store, code, NOW);
    expect(outcome).toEqual({ seeded: true, registered: ['dukcapil', 'imigrasi', 'samsat'], published: [], supergraphSequence: 1 });
    expect(await versions()).toEqual(['dukcapil@1', 'imigrasi@1', 'samsat@1']);
    const imigrasi = await store.currentVersion('imigrasi');
    expect(imigrasi).toMatchObject({ publisher: CODE_SYNC_PUBLISHER, url: 'http://127.0.0.1:4102/graphql', hash: sha256(IMIGRASI_SDL), publishedAt: NOW().toISOString() });
    expect((await store.currentSupergraph())?.sdl).toBe(code.supergraph.sdl);
  });

  it('publishes nothing when the code is what the registry has', async () => {
    await syncRegistryWithCode(store, codeWith(), NOW);
    const outcome = await syncRegistryWithCode(store, codeWith(), NOW);
    expect(outcome).toEqual({ seeded: false, registered: [], published: [], supergraphSequence: 1 });
    expect(await store.supergraphCount()).toBe(1);
    expect(await versions()).toEqual(['dukcapil@1', 'imigrasi@1', 'samsat@1']);
  });

  it('publishes a new version, with no schema change, when a subgraph moved to another URL', async () => {
    await syncRegistryWithCode(store, codeWith(), NOW);
    const outcome = await syncRegistryWithCode(store, codeWith({ imigrasi: { url: 'http://127.0.0.1:55002/graphql' } }), NOW);
    expect(outcome).toEqual({ seeded: false, registered: [], published: [{ subgraph: 'imigrasi', sequence: 2, reasons: ['the URL moved from http://127.0.0.1:4102/graphql to http://127.0.0.1:55002/graphql'] }], supergraphSequence: 2 });
    const version = (await store.currentVersion('imigrasi'))!;
    expect(version).toMatchObject({ sequence: 2, hash: sha256(IMIGRASI_SDL), url: 'http://127.0.0.1:55002/graphql', publisher: CODE_SYNC_PUBLISHER, checkResults: { codeSync: true, reasons: outcome.published[0]!.reasons } });
    expect(await store.changes(version.id)).toEqual([]);
    const supergraph = (await store.currentSupergraph())!;
    expect(supergraph.sdl).toContain('url: "http://127.0.0.1:55002/graphql"');
    expect(supergraph.members.imigrasi).toBe(version.id);
    expect((await store.subgraph('imigrasi'))?.url).toBe('http://127.0.0.1:55002/graphql');
  });

  it('publishes a new version with its change list when the SDL in the code changed', async () => {
    await syncRegistryWithCode(store, codeWith(), NOW);
    const outcome = await syncRegistryWithCode(store, codeWith({ imigrasi: { sdl: WITH_OFFICE } }), NOW);
    expect(outcome.published).toEqual([{ subgraph: 'imigrasi', sequence: 2, reasons: ['the SDL in the code differs from version 1'] }]);
    const version = (await store.currentVersion('imigrasi'))!;
    expect(version).toMatchObject({ sdl: WITH_OFFICE, url: 'http://127.0.0.1:4102/graphql' });
    expect(await store.changes(version.id)).toEqual([
      { scope: 'SUBGRAPH', criticality: 'SAFE', changeType: 'FIELD_ADDED', coordinate: 'Passport.office', message: expect.any(String) },
      { scope: 'API', criticality: 'SAFE', changeType: 'FIELD_ADDED', coordinate: 'Passport.office', message: expect.any(String) },
    ]);
    expect((await store.currentSupergraph())?.apiSdl).toContain('office: String');
  });

  it('publishes one version per changed subgraph, the last supergraph holding all of them', async () => {
    await syncRegistryWithCode(store, codeWith(), NOW);
    const samsatMoved = SAMSAT_SDL.replace('plate: String!', 'plate: String!  colour: String');
    const outcome = await syncRegistryWithCode(store, codeWith({ imigrasi: { sdl: WITH_OFFICE }, samsat: { sdl: samsatMoved, url: 'http://127.0.0.1:55003/graphql' } }), NOW);
    expect(outcome.published.map((entry) => `${entry.subgraph}@${entry.sequence}`)).toEqual(['imigrasi@2', 'samsat@2']);
    expect(outcome.supergraphSequence).toBe(3);
    const supergraph = (await store.currentSupergraph())!;
    expect(supergraph.apiSdl).toContain('office: String');
    expect(supergraph.apiSdl).toContain('colour: String');
    expect(supergraph.sdl).toContain('http://127.0.0.1:55003/graphql');
  });

  it('registers a subgraph the registry does not know, with its agency, and publishes its first version', async () => {
    await syncRegistryWithCode(store, codeWith(), NOW);
    const code = codeWith();
    const kua = imigrasiWith('number: String!').replace(/passports: \[Passport!\][^}]*/, 'marriages: [Marriage!] ').replace('type Passport', 'type Marriage');
    code.subgraphs = [...code.subgraphs, { name: 'kua', agency: 'kua', url: 'http://127.0.0.1:4110/graphql', sdl: kua }];
    code.agencies = [...code.agencies, { name: 'kua', title: 'Kantor Urusan Agama', contact: null, legalBasis: 'UU 1/1974' }];
    const outcome = await syncRegistryWithCode(store, code, NOW);
    expect(outcome).toMatchObject({ registered: ['kua'], published: [{ subgraph: 'kua', sequence: 1, reasons: ['no version in the registry yet'] }] });
    expect(await store.subgraph('kua')).toEqual({ name: 'kua', agency: 'kua', url: 'http://127.0.0.1:4110/graphql' });
    expect(await store.agencies()).toContainEqual({ name: 'kua', title: 'Kantor Urusan Agama', contact: null, legalBasis: 'UU 1/1974' });
  });

  it('refuses, with the composition errors, code that does not compose with the registry, storing nothing', async () => {
    await syncRegistryWithCode(store, codeWith(), NOW);
    // Citizen.nik as a String clashes with the registry's NIK.
    const clash = IMIGRASI_SDL.replace('nik: NIK!', 'nik: String!');
    await expect(syncRegistryWithCode(store, codeWith({ imigrasi: { sdl: clash } }), NOW)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/^the code in this checkout does not compose with the registry's other subgraphs.*imigrasi: .*Citizen\.nik/),
    });
    expect(await versions()).toEqual(['dukcapil@1', 'imigrasi@1', 'samsat@1']);
    expect(await store.supergraphCount()).toBe(1);
  });
});

describe("the demo's code catalogue", () => {
  it('points every subgraph at the URL it got and gives the in-process ones to the mall (mpp)', async () => {
    const urls = { dukcapil: 'http://127.0.0.1:51001/graphql', imigrasi: 'http://127.0.0.1:51002/graphql' };
    const code = await codeCatalogue(AGENCIES.filter((agency) => ['dukcapil', 'imigrasi'].includes(agency.name)), urls);
    const byName = new Map(code.subgraphs.map((subgraph) => [subgraph.name, subgraph]));
    expect(byName.get('dukcapil')).toMatchObject({ agency: 'dukcapil', url: urls.dukcapil });
    expect(byName.get('imigrasi')).toMatchObject({ agency: 'imigrasi', url: urls.imigrasi });
    expect(byName.get('crosscheck')).toMatchObject({ agency: 'mpp', url: 'in-process://crosscheck' });
    expect(code.supergraph.sdl).toContain(`url: "${urls.imigrasi}"`);
    expect(code.supergraph.sdl).not.toContain('127.0.0.1:4002');
    expect(code.agencies.map((agency) => agency.name)).toContain('mpp');
  });
});
