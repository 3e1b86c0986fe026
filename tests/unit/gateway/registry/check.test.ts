import { checkResultJson, checkSubgraph, renderCheckText, usageHit } from '../../../../gateway/registry/check';
import type { RegistryStore } from '../../../../gateway/registry/registry.store';
import { BACKENDS, IMIGRASI_SDL, imigrasiWith, openSeededRegistry } from './registry-fixtures';

const NOW = new Date('2026-12-15T00:00:00.000Z');
const SQLITE = BACKENDS[0]!;

describe('checking a candidate subgraph schema', () => {
  let store: RegistryStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openSeededRegistry(SQLITE));
  });

  afterEach(async () => {
    await close();
  });

  it('passes a safe addition and lists it with its criticality', async () => {
    const result = await checkSubgraph(store, { subgraph: 'imigrasi', sdl: imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String'), now: NOW });
    expect(result).toMatchObject({ passed: true, agency: 'imigrasi', composition: { ok: true, errors: [] }, failures: [], basedOn: { versionSequence: 1, supergraphSequence: 1 } });
    expect(result.apiChanges).toEqual([expect.objectContaining({ criticality: 'SAFE', type: 'FIELD_ADDED', coordinate: 'Passport.office' })]);
    expect(result.subgraphChanges).toEqual([expect.objectContaining({ criticality: 'SAFE', coordinate: 'Passport.office' })]);
    expect(result.composed?.apiSdl).toContain('office: String');
  });

  it('fails a candidate that does not compose with the other subgraphs, with the composer\'s errors', async () => {
    // samsat already owns Vehicle.plate as String!, not shareable.
    const result = await checkSubgraph(store, { subgraph: 'imigrasi', sdl: imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  vehicle: Vehicle') + 'type Vehicle { plate: Int! }\n', now: NOW });
    expect(result.passed).toBe(false);
    expect(result.composition.ok).toBe(false);
    expect(result.composition.errors.join('\n')).toMatch(/Vehicle\.plate/);
    expect(result.failures[0]).toMatch(/does not compose .* cannot be overridden/);
    expect(result.composed).toBeNull();
    expect(renderCheckText(result)).toMatch(/^FAIL {2}imigrasi[\s\S]*Composition errors:\n {2}- .*Vehicle\.plate/);
  });

  it('lets a breaking change through when no operation used the field in the window, with a note', async () => {
    await store.recordUsage([{ operationHash: 'old-op', coordinate: 'Passport.expiresOn', client: 'web' }], '2026-10-01T00:00:00.000Z');
    const result = await checkSubgraph(store, { subgraph: 'imigrasi', sdl: imigrasiWith('number: String! @personalData(category: TRAVEL)'), now: NOW });
    expect(result.passed).toBe(true);
    expect(result.apiChanges).toEqual([expect.objectContaining({ criticality: 'BREAKING', type: 'FIELD_REMOVED', coordinate: 'Passport.expiresOn', usage: [] })]);
    expect(result.notes).toContainEqual(expect.stringMatching(/Passport\.expiresOn passes: no recorded operation used it in the last 30 days/));
  });

  it('fails a breaking change to a field operations used in the window, naming the clients', async () => {
    await store.recordUsage([{ operationHash: 'op', coordinate: 'Passport.expiresOn', client: 'kiosk', count: 7 }], '2026-12-10T00:00:00.000Z');
    const result = await checkSubgraph(store, { subgraph: 'imigrasi', sdl: imigrasiWith('number: String! @personalData(category: TRAVEL)'), now: NOW });
    expect(result.passed).toBe(false);
    expect(result.failures).toEqual([expect.stringMatching(/breaking change to Passport\.expiresOn, used 7 times in the last 30 days by kiosk/)]);
    // A shorter window no longer sees that use.
    expect((await checkSubgraph(store, { subgraph: 'imigrasi', sdl: imigrasiWith('number: String! @personalData(category: TRAVEL)'), now: NOW, usageDays: 2 })).passed).toBe(true);
  });

  it('flags new and removed personal data as a privacy change needing sign-off', async () => {
    const result = await checkSubgraph(store, {
      subgraph: 'imigrasi',
      sdl: imigrasiWith('number: String!  expiresOn: String  holderName: String @personalData(category: IDENTITY)'),
      now: NOW,
    });
    expect(result.passed).toBe(false);
    expect(result.privacyChanges).toEqual([
      expect.objectContaining({ kind: 'ADDED', coordinate: 'Passport.holderName', after: 'IDENTITY' }),
      expect.objectContaining({ kind: 'REMOVED', coordinate: 'Passport.number', before: 'TRAVEL' }),
    ]);
    expect(result.failures).toContainEqual(expect.stringMatching(/2 personal-data changes need the data protection officer's sign-off/));
    const json = checkResultJson(result);
    expect(json).not.toHaveProperty('composed');
    expect(JSON.parse(JSON.stringify(json))).toMatchObject({ passed: false, privacyChanges: [{ kind: 'ADDED' }, { kind: 'REMOVED' }] });
  });

  it('notes an unchanged candidate and passes it', async () => {
    const result = await checkSubgraph(store, { subgraph: 'imigrasi', sdl: IMIGRASI_SDL, now: NOW });
    expect(result).toMatchObject({ passed: true, unchanged: true, apiChanges: [], subgraphChanges: [], privacyChanges: [] });
  });

  it.each([
    ['SDL that does not parse', { subgraph: 'imigrasi', sdl: 'type Passport { number: String!! }' }, /does not parse at line 1, column 32: Syntax Error/],
    ['truncated SDL', { subgraph: 'imigrasi', sdl: IMIGRASI_SDL.slice(0, IMIGRASI_SDL.indexOf('expiresOn')) }, /does not parse .*<EOF>.*looks truncated/],
    ['an empty schema', { subgraph: 'imigrasi', sdl: '  \n' }, /is empty/],
    ['an unknown subgraph', { subgraph: 'pdam', sdl: IMIGRASI_SDL }, /no subgraph "pdam" in the registry; registered subgraphs: dukcapil, imigrasi, samsat/],
    ['a URL that is not http(s)', { subgraph: 'imigrasi', sdl: IMIGRASI_SDL, url: 'ftp://10.0.0.2/graphql' }, /must be http or https, not ftp/],
    ['a URL that is not a URL', { subgraph: 'imigrasi', sdl: IMIGRASI_SDL, url: 'imigrasi:4102' }, /must be http or https|is not a URL/],
  ])('refuses %s as bad input', async (_name, input, message) => {
    await expect(checkSubgraph(store, { ...input, now: NOW })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) });
  });
});

describe('which recorded usage a change hits', () => {
  const usage = new Map(
    ['Passport.expiresOn', 'Query.citizen'].map((coordinate) => [coordinate, { coordinate, count: 1, clients: ['web'], lastUsedAt: '2026-12-01T00:00:00.000Z' }]),
  );
  it.each([
    ['Passport.expiresOn', ['Passport.expiresOn']],
    ['Passport', ['Passport.expiresOn']],
    ['Query.citizen.nik', ['Query.citizen']],
    ['Passport.number', []],
    ['Pass', []],
  ])('%s hits %j', (coordinate, expected) => {
    expect(usageHit(coordinate, usage).map((hit) => hit.coordinate)).toEqual(expected);
  });
});
