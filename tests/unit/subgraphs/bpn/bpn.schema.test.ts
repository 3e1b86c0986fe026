import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { agency } from '../../../../subgraphs/bpn';
import { composeWithRegistryStandIn } from '../../../support/registry-stand-in';

describe('bpn schema', () => {
  let sdl: string;
  let objects: ObjectTypeDefinitionNode[];
  beforeAll(async () => {
    sdl = (await agency.buildSchema()).sdl;
    objects = parse(sdl).definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
  });

  it('extends Citizen by its key with a nullable list of land parcels', () => {
    expect(sdl).toMatch(/type Citizen @key\(fields: "nik"\)/);
    expect(sdl).toMatch(/landParcels: \[LandParcel!\] @source\(system: "BPN-KKP", operation: "v_bidang_tanah_pemilik", field: "nik_pemilik"\) @personalData\(category: PROPERTY\)/);
  });

  it('puts @source and @personalData on every field of LandParcel', () => {
    const parcel = objects.find((d) => d.name.value === 'LandParcel');
    expect(parcel?.fields?.map((f) => f.name.value)).toEqual([
      'certificateNumber', 'parcelId', 'rightType', 'areaSquareMeters', 'village', 'district', 'regency',
      'registeredOn', 'rightExpiresOn', 'ownershipShare', 'ownerName', 'coOwners',
    ]);
    for (const field of parcel?.fields ?? []) {
      const directives = field.directives?.map((d) => d.name.value) ?? [];
      expect([field.name.value, directives.includes('source'), directives.includes('personalData')]).toEqual([field.name.value, true, true]);
    }
  });

  it('tags the holder name as an identity claim, uses Date, and makes co-owners Citizen references', () => {
    expect(sdl).toMatch(/ownerName: String @source\([^)]*"nama_pemilik"\) @personalData\(category: IDENTITY\) @identityClaim\(attribute: FULL_NAME\)/);
    expect(sdl).toMatch(/registeredOn: Date /);
    expect(sdl).toMatch(/rightExpiresOn: Date /);
    expect(sdl).toMatch(/areaSquareMeters: Int /);
    expect(sdl).toMatch(/rightType: LandRightType /);
    expect(sdl).toMatch(/coOwners: \[Citizen!\]! @source/);
    expect(sdl).toMatch(/enum LandRightType \{\s+"""[^"]*"""\s+HM/);
    expect(sdl.match(/@identityClaim\(attribute: [A-Z_]+\)/g)).toEqual(['@identityClaim(attribute: FULL_NAME)']);
  });

  it('composes next to the registry stand-in, keeping our directives', () => {
    const composed = composeWithRegistryStandIn('bpn', sdl);
    expect(composed.errors).toEqual([]);
    expect(composed.supergraphSdl).toContain('@identityClaim(attribute: FULL_NAME)');
    expect(composed.supergraphSdl).toContain('field: "tgl_berakhir_hak"');
  });

  it('names itself as the design says', () => {
    expect([agency.name, agency.legacySystem, agency.defaultPorts]).toEqual(['bpn', 'BPN-KKP', { simulator: 4108, subgraph: 4008 }]);
  });
});
