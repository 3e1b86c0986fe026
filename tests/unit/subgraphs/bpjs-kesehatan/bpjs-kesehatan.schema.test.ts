import { composeServices } from '@apollo/composition';
import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { agency } from '../../../../subgraphs/bpjs-kesehatan';
import type { BuiltSubgraph } from '../../../../subgraphs/kit/build-subgraph';

let built: BuiltSubgraph;
let document: DocumentNode;

beforeAll(async () => {
  built = await agency.buildSchema();
  document = parse(built.sdl);
});

function objectType(name: string): ObjectTypeDefinitionNode {
  const found = document.definitions.find(
    (definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === name,
  );
  if (!found) throw new Error(`no type ${name} in the SDL`);
  return found;
}

function directiveArgument(field: FieldDefinitionNode, directive: string, argument: string): string | undefined {
  const node = field.directives?.find((d) => d.name.value === directive)?.arguments?.find((a) => a.name.value === argument);
  return node ? print(node.value).replace(/"/g, '') : undefined;
}

describe('bpjs-kesehatan schema', () => {
  it('declares the module metadata', () => {
    expect(agency).toMatchObject({ name: 'bpjs-kesehatan', legacySystem: 'VCLAIM', defaultPorts: { simulator: 4104, subgraph: 4004 } });
  });

  it('extends Citizen @key(fields: "nik") with a nullable healthInsurance', () => {
    const citizen = objectType('Citizen');
    expect(citizen.directives?.map((d) => print(d))).toContain('@key(fields: "nik")');
    const field = citizen.fields?.find((f) => f.name.value === 'healthInsurance');
    expect(field && print(field.type)).toBe('HealthInsurance');
    expect(field && directiveArgument(field, 'source', 'system')).toBe('VCLAIM');
    expect(field && directiveArgument(field, 'personalData', 'category')).toBe('HEALTH');
  });

  it('puts @source and @personalData on every HealthInsurance field, HEALTH for membership and IDENTITY for holder copies', () => {
    const fields = objectType('HealthInsurance').fields ?? [];
    expect(fields.map((f) => f.name.value)).toEqual([
      'status',
      'active',
      'cardNumber',
      'class',
      'memberType',
      'primaryCareProvider',
      'arrears',
      'holderName',
      'holderBirthDate',
      'holderSex',
    ]);
    for (const field of fields) {
      expect([field.name.value, directiveArgument(field, 'source', 'system')]).toEqual([field.name.value, 'VCLAIM']);
      expect(directiveArgument(field, 'source', 'field')).toMatch(/peserta\./);
      const category = field.name.value.startsWith('holder') ? 'IDENTITY' : 'HEALTH';
      expect([field.name.value, directiveArgument(field, 'personalData', 'category')]).toEqual([field.name.value, category]);
    }
  });

  it('tags exactly the holder copies with @identityClaim, typed Date and Sex', () => {
    const fields = objectType('HealthInsurance').fields ?? [];
    const claims = Object.fromEntries(
      fields.filter((f) => directiveArgument(f, 'identityClaim', 'attribute')).map((f) => [f.name.value, directiveArgument(f, 'identityClaim', 'attribute')]),
    );
    expect(claims).toEqual({ holderName: 'FULL_NAME', holderBirthDate: 'BIRTH_DATE', holderSex: 'SEX' });
    const types = Object.fromEntries(fields.map((f) => [f.name.value, print(f.type)]));
    expect(types).toMatchObject({
      status: 'HealthInsuranceStatus!',
      active: 'Boolean!',
      cardNumber: 'String',
      class: 'HealthInsuranceClass',
      memberType: 'HealthInsuranceMemberType',
      arrears: 'Int',
      holderBirthDate: 'Date',
      holderSex: 'Sex',
    });
    expect(built.sdl).toMatch(/enum Sex \{\s+MALE\s+FEMALE\s+\}/);
    expect(built.sdl).toMatch(/enum HealthInsuranceStatus \{[^}]*ACTIVE\s+INACTIVE\s+NOT_REGISTERED\s+\}/);
  });

  it('has no root fields of its own: composition alone fails only for want of a Query root', () => {
    const composed = composeServices([{ name: 'bpjs-kesehatan', typeDefs: parse(built.sdl), url: 'http://127.0.0.1:4004/graphql' }]);
    expect((composed.errors ?? []).map((error) => error.message)).toEqual([
      'No queries found in any subgraph: a supergraph must have a query root type.',
    ]);
  });

  it('composes next to a stand-in for the registry (which owns Query.citizen) and keeps our directives', () => {
    // The smallest stand-in for dukcapil: the entity's owner and a root field to reach it.
    const registryStandIn = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      scalar NIK
      type Query { citizen(nik: NIK!): Citizen }
      type Citizen @key(fields: "nik") { nik: NIK! }
    `);
    const composed = composeServices([
      { name: 'registry', typeDefs: registryStandIn, url: 'http://127.0.0.1:4001/graphql' },
      { name: 'bpjs-kesehatan', typeDefs: parse(built.sdl), url: 'http://127.0.0.1:4004/graphql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.supergraphSdl).toContain('@identityClaim(attribute: SEX)');
    expect(composed.supergraphSdl).toContain('@source(system: "VCLAIM", operation: "GET /peserta/nik/{nik}/tglSEP/{tglSEP}", field: "peserta.noKartu")');
  });
});
