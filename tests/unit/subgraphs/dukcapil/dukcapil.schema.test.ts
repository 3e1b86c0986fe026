import { composeServices } from '@apollo/composition';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { agency } from '../../../../subgraphs/dukcapil';
import type { BuiltSubgraph } from '../../../../subgraphs/kit/build-subgraph';
import { federationHeader, satuDefinitions } from '../../../../subgraphs/kit/directives';

let built: BuiltSubgraph;
beforeAll(async () => {
  built = await agency.buildSchema();
});

function objectTypes(sdl: string): ObjectTypeDefinitionNode[] {
  return parse(sdl).definitions.filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION);
}

function directiveNames(type: ObjectTypeDefinitionNode, field: string): string[] {
  return type.fields?.find((f) => f.name.value === field)?.directives?.map((d) => d.name.value) ?? [];
}

describe('dukcapil schema', () => {
  it('exports the module facts', () => {
    expect(agency).toMatchObject({ name: 'dukcapil', legacySystem: 'SIAK', defaultPorts: { simulator: 4101, subgraph: 4001 } });
  });

  it('keeps the public contract: root fields, Citizen @key and its non-null identity fields', () => {
    const types = objectTypes(built.sdl);
    const query = types.find((type) => type.name.value === 'Query')!;
    const citizen = types.find((type) => type.name.value === 'Citizen')!;
    expect(citizen.directives?.map((d) => d.name.value)).toContain('key');
    expect(built.sdl).toContain('type Citizen @key(fields: "nik")');
    expect(built.sdl).toMatch(/citizen\(nik: NIK!\): Citizen @source/);
    expect(built.sdl).toMatch(/citizens\(niks: \[NIK!\]!\): \[Citizen\]! @source/);
    expect(query.fields?.map((f) => f.name.value)).toEqual(['citizen', 'citizens']);
    for (const [field, type] of [
      ['nik', 'NIK!'],
      ['fullName', 'String!'],
      ['birthDate', 'Date!'],
      ['birthPlace', 'String!'],
      ['sex', 'Sex!'],
      ['familyCard', 'FamilyCard'],
      ['maritalStatus', 'MaritalStatus'],
      ['religion', 'Religion'],
      ['familyRelation', 'FamilyRelation'],
      ['address', 'Address'],
      ['motherName', 'String'],
      ['ektpStatus', 'EktpStatus'],
    ]) {
      expect(built.sdl).toMatch(new RegExp(`\\n  ${field}: ${type.replace(/[!]/g, '\\!')} @source`));
    }
    expect(built.sdl).toMatch(/members: \[Citizen!\]! @source/);
    expect(built.sdl).toMatch(/enum Sex \{\s+MALE\s+FEMALE\s+\}/);
    expect(built.sdl).toMatch(/enum MaritalStatus \{[^}]*BELUM_KAWIN[^}]*KAWIN[^}]*CERAI_HIDUP[^}]*CERAI_MATI[^}]*\}/);
  });

  it('puts @source on every field, @personalData on every registry field, and no @identityClaim (the registry is the reference)', () => {
    const types = objectTypes(built.sdl);
    expect(types.map((type) => type.name.value).sort()).toEqual(['Address', 'Citizen', 'FamilyCard', 'Query']);
    for (const type of types) {
      for (const field of type.fields ?? []) {
        const names = directiveNames(type, field.name.value);
        expect({ field: `${type.name.value}.${field.name.value}`, source: names.includes('source') }).toEqual({
          field: `${type.name.value}.${field.name.value}`,
          source: true,
        });
        if (type.name.value !== 'Query') expect(names).toContain('personalData');
        expect(names).not.toContain('identityClaim');
      }
    }
    expect(built.sdl).toContain('@source(system: "SIAK", operation: "CALL_NIK_BATCH", field: "NAMA_LGKP")');
    expect(built.sdl).toContain('@source(system: "SIAK", operation: "CALL_KK", field: "NO_KK")');
  });

  it('composes alone, keeping our directives in the supergraph', () => {
    const composed = composeServices([{ name: 'dukcapil', typeDefs: parse(built.sdl), url: 'http://127.0.0.1:4001/graphql' }]);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.supergraphSdl).toContain('@source(system: "SIAK", operation: "CALL_NIK_BATCH", field: "TGL_LHR")');
    expect(composed.supergraphSdl).toContain('@personalData(category: RELIGION)');
  });

  it('composes with another agency extending Citizen with its own identity copy and Sex enum', () => {
    const other = `${federationHeader()}
type Citizen @key(fields: "nik") {
  nik: NIK! @source(system: "OTHER", operation: "get", field: "NIK")
  otherRecord: OtherRecord @source(system: "OTHER", operation: "get", field: "REC")
}
type OtherRecord {
  holderSex: Sex @source(system: "OTHER", operation: "get", field: "JK") @personalData(category: IDENTITY) @identityClaim(attribute: SEX)
}
enum Sex { MALE FEMALE }
scalar NIK
${satuDefinitions()}
`;
    const composed = composeServices([
      { name: 'dukcapil', typeDefs: parse(built.sdl), url: 'http://127.0.0.1:4001/graphql' },
      { name: 'other', typeDefs: parse(other), url: 'http://127.0.0.1:4002/graphql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);
  });
});
