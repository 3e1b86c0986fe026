import { SubgraphFieldsCache, subgraphFieldsOf } from '../../../../gateway/lineage/subgraph-fields';
import { supergraphFieldsOf } from '../../../../gateway/lineage/supergraph-fields';
import { agencySdl } from '../registry/registry-fixtures';
import { lineageCatalogue } from './lineage-fixtures';

describe("reading a subgraph's own fields and tags", () => {
  const sdl = agencySdl(`type Citizen @key(fields: "nik") {
  nik: NIK!
  fullName: String! @external
  claims: [Claim!] @source(system: "VCLAIM", operation: "GET /peserta", field: "peserta") @requires(fields: "fullName")
}
type Claim @personalData(category: HEALTH) {
  diagnosis: String @source(system: "VCLAIM", operation: "GET /sep", field: "diagnosa")
  holderName: String @personalData(category: IDENTITY) @identityClaim(attribute: FULL_NAME)
}
extend type Claim { clinic: String }
type Registry @external { region: String }
interface Document { number: String! @personalData(category: TRAVEL) }`);

  it('keeps the fields the subgraph resolves, with its tags, and sets @external copies apart', () => {
    const fields = subgraphFieldsOf(sdl);
    expect([...fields.resolved.keys()]).toEqual(['Citizen.nik', 'Citizen.claims', 'Claim.diagnosis', 'Claim.holderName', 'Claim.clinic', 'Document.number']);
    expect([...fields.external].sort()).toEqual(['Citizen.fullName', 'Registry.region']);
    expect(fields.resolved.get('Citizen.claims')).toEqual({ source: { system: 'VCLAIM', operation: 'GET /peserta', field: 'peserta' }, personalDataCategory: null, identityClaim: null });
    // A type-level class applies to fields without one of their own; a field's own class wins.
    expect(fields.resolved.get('Claim.diagnosis')?.personalDataCategory).toBe('HEALTH');
    expect(fields.resolved.get('Claim.holderName')).toEqual({ source: null, personalDataCategory: 'IDENTITY', identityClaim: 'FULL_NAME' });
    expect(fields.resolved.get('Document.number')?.personalDataCategory).toBe('TRAVEL');
  });

  it('caches by hash, parsing once, and forgets the least recently used beyond its capacity', () => {
    const cache = new SubgraphFieldsCache(2);
    const first = cache.add('a', sdl);
    expect(cache.add('a', 'not even parsed: the hash is known')).toBe(first);
    cache.add('b', sdl);
    cache.get('a');
    cache.add('c', sdl);
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.size]).toEqual([true, false, true, 2]);
    expect(() => cache.add('d', 'type {')).toThrow(/Syntax Error/);
    expect(cache.has('d')).toBe(false);
  });
});

describe('reading owners from a supergraph', () => {
  it('names the subgraphs that resolve each field, leaving out @external ones, with URLs and return types', () => {
    const fields = supergraphFieldsOf(lineageCatalogue().supergraph.sdl);
    expect(fields.graphs).toEqual([
      { name: 'dukcapil', url: 'http://127.0.0.1:4101/graphql' },
      { name: 'imigrasi', url: 'http://127.0.0.1:4102/graphql' },
      { name: 'samsat', url: 'http://127.0.0.1:4103/graphql' },
    ]);
    expect(fields.byCoordinate.get('Citizen.fullName')?.owners).toEqual(['dukcapil']);
    expect(fields.byCoordinate.get('Citizen.nik')?.owners).toEqual(['dukcapil', 'imigrasi', 'samsat']);
    expect(fields.byCoordinate.get('Citizen.vehicles')).toMatchObject({ returnType: '[Vehicle!]', returnTypeName: 'Vehicle', owners: ['samsat'], tags: { personalDataCategory: 'VEHICLE' } });
    expect(fields.types.map((type) => type.name)).not.toContain('join__Graph');
  });
});
