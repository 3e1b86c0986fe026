import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { agency } from '../../../../subgraphs/djp';
import { composeWithRegistryStandIn } from '../../../support/registry-stand-in';

describe('djp schema', () => {
  let sdl: string;
  let objects: ObjectTypeDefinitionNode[];
  beforeAll(async () => {
    sdl = (await agency.buildSchema()).sdl;
    objects = parse(sdl).definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
  });

  const fieldsOf = (name: string): readonly FieldDefinitionNode[] => objects.find((d) => d.name.value === name)?.fields ?? [];
  const directivesOf = (field: FieldDefinitionNode): string[] => field.directives?.map((d) => d.name.value) ?? [];

  it('extends Citizen by its key and adds a nullable taxProfile', () => {
    expect(sdl).toMatch(/type Citizen @key\(fields: "nik"\)/);
    expect(sdl).toMatch(/taxProfile: TaxProfile @source\(system: "DJP-EXPORT", operation: "EXPORT_WP_OP", field: "NIK"\) @personalData\(category: FINANCIAL\)/);
  });

  it('puts @source on every field of its types, and @personalData on every personal one', () => {
    expect(fieldsOf('TaxProfile').map((f) => f.name.value)).toEqual([
      'status', 'npwp15', 'nikAsNpwp', 'registeredOn', 'taxOffice', 'lastAnnualReturn',
      'taxpayerName', 'taxpayerBirthDate', 'taxpayerAddress', 'asOf',
    ]);
    for (const type of ['TaxProfile', 'TaxOffice', 'TaxAnnualReturn']) {
      for (const field of fieldsOf(type)) {
        const personal = !(type === 'TaxProfile' && field.name.value === 'asOf');
        expect([type, field.name.value, directivesOf(field).includes('source'), directivesOf(field).includes('personalData')]).toEqual([
          type, field.name.value, true, personal,
        ]);
      }
    }
    expect(fieldsOf('TaxOffice').map((f) => f.name.value)).toEqual(['code', 'name']);
    expect(fieldsOf('TaxAnnualReturn').map((f) => f.name.value)).toEqual(['year', 'status', 'filedOn']);
  });

  it('tags DJP\'s identity copies and uses the Date scalar and domain-prefixed enums', () => {
    expect(sdl).toMatch(/taxpayerName: String @source\([^)]*"NAMA_WP"\) @personalData\(category: IDENTITY\) @identityClaim\(attribute: FULL_NAME\)/);
    expect(sdl).toMatch(/taxpayerBirthDate: Date @source\([^)]*"TGL_LAHIR"\) @personalData\(category: IDENTITY\) @identityClaim\(attribute: BIRTH_DATE\)/);
    expect(sdl).toMatch(/taxpayerAddress: String @source\([^)]*"ALAMAT"\) @personalData\(category: CONTACT\) @identityClaim\(attribute: ADDRESS\)/);
    expect((sdl.match(/@identityClaim\(attribute: [A-Z_]+\)/g) ?? []).length).toBe(3);
    expect(sdl).toMatch(/filedOn: Date /);
    expect(sdl).toMatch(/registeredOn: Date /);
    expect(sdl).toMatch(/enum TaxpayerStatus \{[^}]*ACTIVE[^}]*NON_EFFECTIVE[^}]*NOT_REGISTERED[^}]*\}/);
    expect(sdl).toMatch(/enum TaxAnnualReturnStatus \{[^}]*FILED[^}]*LATE[^}]*NOT_FILED[^}]*\}/);
  });

  it('composes with the registry stand-in into a supergraph that keeps our directives', () => {
    const composed = composeWithRegistryStandIn('djp', sdl);
    expect(composed.errors).toEqual([]);
    expect(composed.supergraphSdl).toContain('@identityClaim(attribute: BIRTH_DATE)');
    expect(composed.supergraphSdl).toContain('field: "THN_SPT,STATUS_SPT,TGL_SPT"');
  });

  it('names itself as the design says', () => {
    expect([agency.name, agency.legacySystem, agency.defaultPorts]).toEqual(['djp', 'DJP-EXPORT', { simulator: 4107, subgraph: 4007 }]);
  });
});
