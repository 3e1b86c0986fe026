import { composeServices } from '@apollo/composition';
import { parse, print, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, Kind } from 'graphql';
import { agency } from '../../../../subgraphs/imigrasi';
import { federationHeader, satuDefinitions } from '../../../../subgraphs/kit/directives';
import { composeWithRegistryStandIn } from '../../../support/registry-stand-in';

function objectType(document: DocumentNode, name: string): ObjectTypeDefinitionNode {
  const found = document.definitions.find(
    (definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === name,
  );
  if (!found) throw new Error(`no type ${name}`);
  return found;
}

function fieldOf(document: DocumentNode, type: string, field: string): FieldDefinitionNode {
  const found = objectType(document, type).fields?.find((candidate) => candidate.name.value === field);
  if (!found) throw new Error(`no field ${type}.${field}`);
  return found;
}

/** `@name(arg: value, ...)` of a field as printed SDL, in order. */
function directivesOf(field: FieldDefinitionNode): string[] {
  return (field.directives ?? []).map((directive) => print(directive));
}

describe('imigrasi schema', () => {
  it('builds, carries @key, and composes (alone, it has no Query: a stub root subgraph stands in for dukcapil)', async () => {
    const built = await agency.buildSchema();
    expect(built.name).toBe('imigrasi');
    expect(built.sdl).toContain('type Citizen @key(fields: "nik")');
    const root = `${federationHeader()}
scalar NIK
type Query { citizen(nik: NIK!): Citizen }
type Citizen @key(fields: "nik") { nik: NIK! }
${satuDefinitions()}`;
    const composed = composeServices([
      { name: 'root', typeDefs: parse(root), url: 'http://127.0.0.1:4001/graphql' },
      { name: 'imigrasi', typeDefs: parse(built.sdl), url: 'http://127.0.0.1:4002/graphql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.supergraphSdl).toContain('@identityClaim(attribute: FULL_NAME)');
    expect(composed.supergraphSdl).toContain('passports: [Passport!]');
  });

  it('@source on every field of its types, @personalData on every Passport field, @identityClaim on the holder copies', async () => {
    const document = parse((await agency.buildSchema()).sdl);
    const objects = new Map(
      document.definitions
        .filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION)
        .map((definition) => [definition.name.value, definition]),
    );
    const directivesOf = (type: string, field: string): string[] =>
      objects
        .get(type)!
        .fields!.find((candidate) => candidate.name.value === field)!
        .directives!.map((directive) => directive.name.value);

    const passportFields = objects.get('Passport')!.fields!.map((field) => field.name.value);
    expect(passportFields).toEqual([
      'number',
      'type',
      'issueDate',
      'expiryDate',
      'issuingOffice',
      'status',
      'holderName',
      'holderBirthDate',
      'holderBirthPlace',
      'holderSex',
    ]);
    for (const field of passportFields) {
      expect(directivesOf('Passport', field)).toEqual(expect.arrayContaining(['source', 'personalData']));
    }
    expect(directivesOf('Citizen', 'passports')).toEqual(expect.arrayContaining(['source', 'personalData']));

    const claims = Object.fromEntries(
      objects
        .get('Passport')!
        .fields!.flatMap((field) =>
          field.directives!.filter((directive) => directive.name.value === 'identityClaim').map((directive) => [field.name.value, directive.arguments![0]!.value]),
        )
        .map(([field, value]) => [field, (value as { value: string }).value]),
    );
    expect(claims).toEqual({ holderName: 'FULL_NAME', holderBirthDate: 'BIRTH_DATE', holderBirthPlace: 'BIRTH_PLACE', holderSex: 'SEX' });
  });

  it('uses the shared Date and Sex types', async () => {
    const { sdl } = await agency.buildSchema();
    expect(sdl).toMatch(/issueDate: Date /);
    expect(sdl).toMatch(/holderBirthDate: Date /);
    expect(sdl).toMatch(/holderSex: Sex /);
    expect(sdl).toMatch(/enum Sex \{\s+MALE\s+FEMALE\s+\}/);
  });
});

describe('imigrasi schema: passport applications', () => {
  it('applyForPassport(nik: NIK!, passportType: PassportType!, office: String): PassportApplication! is guarded and traced', async () => {
    const document = parse((await agency.buildSchema()).sdl);
    const mutation = fieldOf(document, 'Mutation', 'applyForPassport');
    expect(mutation.arguments!.map((argument) => `${argument.name.value}: ${print(argument.type)}`)).toEqual([
      'nik: NIK!',
      'passportType: PassportType!',
      'office: String',
    ]);
    expect(print(mutation.type)).toBe('PassportApplication!');
    expect(directivesOf(mutation)).toEqual([
      '@requiresConsistentIdentity(nikArgument: "nik")',
      '@source(system: "SIMKIM", operation: "ajukanPermohonanPaspor", field: "return/permohonan")',
      '@personalData(category: TRAVEL)',
    ]);
  });

  it('PassportApplication: the fields asked for, @source and @personalData on each, no identity claim; Citizen.passportApplications', async () => {
    const document = parse((await agency.buildSchema()).sdl);
    const fields = objectType(document, 'PassportApplication').fields!;
    expect(fields.map((field) => `${field.name.value}: ${print(field.type)}`)).toEqual([
      'applicationNumber: String!',
      'status: PassportApplicationStatus!',
      'submittedOn: Date!',
      'passportType: PassportType!',
      'office: String',
    ]);
    for (const field of fields) {
      const names = (field.directives ?? []).map((directive) => directive.name.value);
      expect(names).toEqual(['source', 'personalData']);
      expect(directivesOf(field)[0]).toContain('operation: "getPermohonanByNik"');
    }
    const citizenField = fieldOf(document, 'Citizen', 'passportApplications');
    expect(print(citizenField.type)).toBe('[PassportApplication!]');
    expect(directivesOf(citizenField)).toEqual([
      '@source(system: "SIMKIM", operation: "getPermohonanByNik", field: "return/permohonan")',
      '@personalData(category: TRAVEL)',
      '@access(scopes: ["passport:read"])',
    ]);
  });

  it('composes with the registry stand-in and the supergraph keeps @requiresConsistentIdentity on the mutation for the gateway', async () => {
    const { errors, supergraphSdl } = composeWithRegistryStandIn('imigrasi', (await agency.buildSchema()).sdl);
    expect(errors).toEqual([]);
    const supergraph = parse(supergraphSdl);
    expect(directivesOf(fieldOf(supergraph, 'Mutation', 'applyForPassport'))).toContain('@requiresConsistentIdentity(nikArgument: "nik")');
    expect(print(fieldOf(supergraph, 'Citizen', 'passportApplications').type)).toBe('[PassportApplication!]');
  });
});
