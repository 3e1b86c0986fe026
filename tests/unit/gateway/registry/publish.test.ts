import { publishSubgraph, type PublishInput } from '../../../../gateway/registry/publish';
import type { RegistryStore } from '../../../../gateway/registry/registry.store';
import { BACKENDS, imigrasiWith, openSeededRegistry, SAMSAT_SDL, withPublishBarrier } from './registry-fixtures';

const NOW = new Date('2026-12-15T00:00:00.000Z');
const IMIGRASI_PUBLISHER = { agency: 'imigrasi', publisher: 'Rina (SIMKIM team)' };
const WITH_OFFICE = imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String');
const WITHOUT_EXPIRY = imigrasiWith('number: String! @personalData(category: TRAVEL)');

describe.each(BACKENDS)('publishing a subgraph on $name', (backend) => {
  let store: RegistryStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openSeededRegistry(backend));
  });

  afterEach(async () => {
    await close();
  });

  function publish(overrides: Partial<PublishInput> = {}, registry: RegistryStore = store) {
    return publishSubgraph(registry, { subgraph: 'imigrasi', sdl: WITH_OFFICE, credential: IMIGRASI_PUBLISHER, now: NOW, ...overrides });
  }

  async function state() {
    const snapshot = await store.snapshot();
    return { supergraphs: await store.supergraphCount(), versions: snapshot.subgraphs.map((subgraph) => `${subgraph.name}@${subgraph.version?.sequence}`), url: (await store.subgraph('imigrasi'))?.url };
  }

  it('stores the version, its change list and the newly composed supergraph', async () => {
    const outcome = await publish({ url: 'https://imigrasi.mpp.example/graphql' });
    expect(outcome.status).toBe('PUBLISHED');
    if (outcome.status !== 'PUBLISHED') return;
    expect(outcome.version).toMatchObject({ subgraph: 'imigrasi', sequence: 2, publisher: 'Rina (SIMKIM team) (imigrasi)', url: 'https://imigrasi.mpp.example/graphql', overrideReason: null, publishedAt: NOW.toISOString() });
    expect(outcome.version.checkResults).toMatchObject({ passed: true, subgraph: 'imigrasi' });
    expect(await store.changes(outcome.version.id)).toEqual([
      { scope: 'SUBGRAPH', criticality: 'SAFE', changeType: 'FIELD_ADDED', coordinate: 'Passport.office', message: expect.any(String) },
      { scope: 'API', criticality: 'SAFE', changeType: 'FIELD_ADDED', coordinate: 'Passport.office', message: expect.any(String) },
    ]);
    const current = await store.currentSupergraph();
    expect(current).toMatchObject({ id: outcome.supergraph.id, sequence: 2 });
    expect(current!.members.imigrasi).toBe(outcome.version.id);
    expect(current!.sdl).toContain('https://imigrasi.mpp.example/graphql');
    expect(current!.apiSdl).toContain('office: String');
    expect(await state()).toEqual({ supergraphs: 2, versions: ['dukcapil@1', 'imigrasi@2', 'samsat@1'], url: 'https://imigrasi.mpp.example/graphql' });
  });

  it('refuses a breaking change in use unless overridden with a reason, which it records', async () => {
    await store.recordUsage([{ operationHash: 'op', coordinate: 'Passport.expiresOn', client: 'kiosk' }], '2026-12-14T00:00:00.000Z');
    const before = await state();
    const refused = await publish({ sdl: WITHOUT_EXPIRY });
    expect(refused).toMatchObject({ status: 'REFUSED', reason: expect.stringMatching(/--override/) });
    expect(await state()).toEqual(before);
    await expect(publish({ sdl: WITHOUT_EXPIRY, overrideReason: '  ' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/--override needs a reason/) });

    const overridden = await publish({ sdl: WITHOUT_EXPIRY, overrideReason: 'kiosk app 2.3 no longer reads expiresOn; agreed with MPP ops 2026-12-14' });
    expect(overridden).toMatchObject({ status: 'PUBLISHED', overridden: true, version: { overrideReason: 'kiosk app 2.3 no longer reads expiresOn; agreed with MPP ops 2026-12-14' } });
    if (overridden.status !== 'PUBLISHED') return;
    expect(await store.changes(overridden.version.id)).toContainEqual(expect.objectContaining({ scope: 'API', criticality: 'BREAKING', coordinate: 'Passport.expiresOn' }));
  });

  it('never overrides a composition failure', async () => {
    const before = await state();
    const outcome = await publish({ sdl: WITH_OFFICE + 'type Vehicle { plate: Int! }\nextend type Passport { vehicle: Vehicle }\n', overrideReason: 'please' });
    expect(outcome).toMatchObject({ status: 'REFUSED', reason: expect.stringMatching(/cannot be overridden/) });
    expect(await state()).toEqual(before);
  });

  it("refuses another agency's publisher, and stores nothing", async () => {
    const before = await state();
    await expect(publish({ credential: { agency: 'samsat', publisher: 'Budi' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Budi publishes for samsat, but subgraph imigrasi belongs to imigrasi: only a imigrasi publisher may publish it',
    });
    expect(await state()).toEqual(before);
  });

  it('refuses bad input before touching the registry', async () => {
    const before = await state();
    await expect(publish({ subgraph: 'pdam' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/no subgraph "pdam"/) });
    await expect(publish({ url: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/http or https/) });
    await expect(publish({ sdl: WITH_OFFICE.slice(0, -40) })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/truncated/) });
    expect(await state()).toEqual(before);
  });

  it('stores nothing for an unchanged schema and URL', async () => {
    expect((await publish({ sdl: (await store.currentVersion('imigrasi'))!.sdl })).status).toBe('UNCHANGED');
    expect((await state()).supergraphs).toBe(1);
  });

  it('lets one of two simultaneous publishes win; the other is told to re-check and nothing interleaves', async () => {
    const racing = withPublishBarrier(store, 2);
    const outcomes = await Promise.allSettled([
      publish({ sdl: WITH_OFFICE }, racing),
      publish({ sdl: imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  issuedOn: String') }, racing),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'STALE', message: expect.stringMatching(/nothing was stored: run the check again/) });
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof publish>>>).value;
    expect(winner.status).toBe('PUBLISHED');
    expect(await state()).toMatchObject({ supergraphs: 2, versions: ['dukcapil@1', 'imigrasi@2', 'samsat@1'] });
    const current = await store.currentSupergraph();
    const version = (await store.currentVersion('imigrasi'))!;
    expect(current!.members.imigrasi).toBe(version.id);
    // The supergraph holds the winner's field and not the loser's.
    const winnerField = version.sdl.includes('office') ? 'office' : 'issuedOn';
    const loserField = winnerField === 'office' ? 'issuedOn' : 'office';
    expect(current!.apiSdl).toContain(`${winnerField}: String`);
    expect(current!.apiSdl).not.toContain(`${loserField}: String`);
  });

  it('serializes publishes of two different subgraphs, so neither supergraph drops the other', async () => {
    const samsatWithColour = SAMSAT_SDL.replace('type Vehicle { plate: String! }', 'type Vehicle { plate: String!  colour: String }');
    const racing = withPublishBarrier(store, 2);
    const outcomes = await Promise.allSettled([publish({}, racing), publishSubgraph(racing, { subgraph: 'samsat', sdl: samsatWithColour, credential: { agency: 'samsat', publisher: 'Budi' }, now: NOW })]);
    // Both checks composed against supergraph 1; the second to store is told to re-check (no automatic re-base).
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'STALE' });
    expect(await store.supergraphCount()).toBe(2);
    const current = (await store.currentSupergraph())!;
    const snapshot = await store.snapshot();
    for (const subgraph of snapshot.subgraphs) expect(current.members[subgraph.name]).toBe(subgraph.version!.id);
  });
});
