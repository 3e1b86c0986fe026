import { composeServices } from '@apollo/composition';
import { parse, type ObjectTypeDefinitionNode, Kind } from 'graphql';
import { agency } from '../../../../subgraphs/samsat';

describe('samsat schema', () => {
  let sdl: string;
  beforeAll(async () => {
    sdl = (await agency.buildSchema()).sdl;
  });

  it('extends Citizen by its key and adds vehicles', () => {
    expect(sdl).toMatch(/type Citizen @key\(fields: "nik"\)/);
    expect(sdl).toMatch(/vehicles: \[Vehicle!\] @source\(system: "SAMSAT-RIAU", operation: "EXPORT_KENDARAAN", field: "NIK_PEMILIK"\)/);
  });

  it('puts @source and @personalData on every field of Vehicle and on Citizen.vehicles', () => {
    const document = parse(sdl);
    const objects = document.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
    const vehicle = objects.find((d) => d.name.value === 'Vehicle');
    expect(vehicle?.fields?.map((f) => f.name.value)).toEqual([
      'plateNumber', 'category', 'brand', 'model', 'manufactureYear', 'color', 'registrationExpiry',
      'taxDueDate', 'annualTax', 'taxArrears', 'ownerName', 'ownerAddress', 'taxStatus',
    ]);
    for (const field of vehicle?.fields ?? []) {
      const directives = field.directives?.map((d) => d.name.value) ?? [];
      expect([field.name.value, directives.includes('source'), directives.includes('personalData')]).toEqual([field.name.value, true, true]);
    }
    const citizen = objects.find((d) => d.name.value === 'Citizen');
    const vehicles = citizen?.fields?.find((f) => f.name.value === 'vehicles');
    expect(vehicles?.directives?.map((d) => d.name.value)).toEqual(expect.arrayContaining(['source', 'personalData']));
  });

  it('tags the owner copies as identity claims and uses the Date scalar', () => {
    expect(sdl).toMatch(/ownerName: String @source\([^)]*NAMA_PEMILIK"\) @personalData\(category: IDENTITY\) @identityClaim\(attribute: FULL_NAME\)/);
    expect(sdl).toMatch(/ownerAddress: String @source\([^)]*ALAMAT_PEMILIK"\) @personalData\(category: CONTACT\) @identityClaim\(attribute: ADDRESS\)/);
    expect(sdl).toMatch(/registrationExpiry: Date /);
    expect(sdl).toMatch(/taxDueDate: Date /);
    expect(sdl).toMatch(/enum VehicleCategory \{/);
    expect(sdl).toMatch(/enum VehicleTaxStatus \{/);
  });

  it('composes into a supergraph that keeps our directives', () => {
    // A supergraph needs a query root, which the civil registry owns: a minimal stand-in for it.
    const registry = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      scalar NIK
      type Query { citizen(nik: NIK!): Citizen }
      type Citizen @key(fields: "nik") { nik: NIK! }`;
    const composed = composeServices([
      { name: 'registry-stub', typeDefs: parse(registry), url: 'http://127.0.0.1:4001/graphql' },
      { name: 'samsat', typeDefs: parse(sdl), url: 'http://127.0.0.1:4003/graphql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.supergraphSdl).toContain('@identityClaim(attribute: ADDRESS)');
    expect(composed.supergraphSdl).toContain('field: "TGL_JT_PKB,TUNGGAKAN_PKB"');
  });

  it('names itself as the design says', () => {
    expect([agency.name, agency.legacySystem, agency.defaultPorts]).toEqual(['samsat', 'SAMSAT-RIAU', { simulator: 4103, subgraph: 4003 }]);
  });
});
