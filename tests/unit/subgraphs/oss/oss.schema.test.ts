import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import type { BuiltSubgraph } from '../../../../subgraphs/kit/build-subgraph';
import { agency } from '../../../../subgraphs/oss';
import { composeWithRegistryStandIn } from '../../../support/registry-stand-in';

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

const OUR_TYPES = ['Business', 'BusinessActivity', 'BusinessLicence'];

describe('oss schema', () => {
  it('declares the module metadata', () => {
    expect(agency).toMatchObject({ name: 'oss', legacySystem: 'OSS-RBA', defaultPorts: { simulator: 4109, subgraph: 4009 } });
  });

  it('extends Citizen @key(fields: "nik") with a nullable list of non-null businesses', () => {
    const citizen = objectType('Citizen');
    expect(citizen.directives?.map((d) => print(d))).toContain('@key(fields: "nik")');
    const field = citizen.fields?.find((f) => f.name.value === 'businesses');
    expect(field && print(field.type)).toBe('[Business!]');
    expect(field && directiveArgument(field, 'source', 'system')).toBe('OSS-RBA');
    expect(field && directiveArgument(field, 'source', 'operation')).toBe('GET /api/v1/nib/pemilik/{nik}');
    expect(field && directiveArgument(field, 'personalData', 'category')).toBe('BUSINESS');
  });

  it('puts @source (OSS-RBA, the one call, a legacy field) and @personalData on every field of its types', () => {
    for (const typeName of OUR_TYPES) {
      for (const field of objectType(typeName).fields ?? []) {
        const coordinate = `${typeName}.${field.name.value}`;
        expect([coordinate, directiveArgument(field, 'source', 'system')]).toEqual([coordinate, 'OSS-RBA']);
        expect([coordinate, directiveArgument(field, 'source', 'operation')]).toEqual([coordinate, 'GET /api/v1/nib/pemilik/{nik}']);
        expect([coordinate, directiveArgument(field, 'source', 'field')]).toEqual([coordinate, expect.stringMatching(/^daftar_nib\[\]\.[a-z_]/)]);
        expect([coordinate, directiveArgument(field, 'personalData', 'category')]).toEqual([
          coordinate,
          ['ownerNik', 'ownerName', 'coOwners'].includes(field.name.value) ? 'IDENTITY' : 'BUSINESS',
        ]);
      }
    }
  });

  it('tags exactly ownerName with @identityClaim(FULL_NAME), and types the fields as agreed', () => {
    const claims = OUR_TYPES.flatMap((typeName) =>
      (objectType(typeName).fields ?? [])
        .filter((f) => directiveArgument(f, 'identityClaim', 'attribute'))
        .map((f) => `${typeName}.${f.name.value}:${directiveArgument(f, 'identityClaim', 'attribute')}`),
    );
    expect(claims).toEqual(['Business.ownerName:FULL_NAME']);
    const types = Object.fromEntries((objectType('Business').fields ?? []).map((f) => [f.name.value, print(f.type)]));
    expect(types).toMatchObject({
      nib: 'String',
      riskLevel: 'BusinessRiskLevel',
      scale: 'BusinessScale',
      kbli: '[BusinessActivity!]!',
      licences: '[BusinessLicence!]!',
      issuedOn: 'Date',
      district: 'String',
      ownerName: 'String',
      ownerNik: 'NIK!',
      coOwners: '[Citizen!]!',
    });
    const licence = Object.fromEntries((objectType('BusinessLicence').fields ?? []).map((f) => [f.name.value, print(f.type)]));
    expect(licence).toMatchObject({ kind: 'BusinessLicenceKind', issuedOn: 'Date', validUntil: 'Date', status: 'BusinessLicenceStatus' });
    expect(built.sdl).toMatch(/enum BusinessRiskLevel \{[^}]*LOW[^}]*MEDIUM_LOW[^}]*MEDIUM_HIGH[^}]*HIGH\s*\}/);
    expect(built.sdl).toMatch(/enum BusinessLicenceStatus \{[^}]*ACTIVE[^}]*REVOKED[^}]*EXPIRED[^}]*\}/);
  });

  it('composes next to the registry stand-in without errors and keeps our directives', () => {
    const composed = composeWithRegistryStandIn('oss', built.sdl);
    expect(composed.errors).toEqual([]);
    expect(composed.supergraphSdl).toContain('@identityClaim(attribute: FULL_NAME)');
    expect(composed.supergraphSdl).toContain('@source(system: "OSS-RBA", operation: "GET /api/v1/nib/pemilik/{nik}", field: "daftar_nib[].kd_wilayah")');
    expect(composed.supergraphSdl).toContain('@personalData(category: BUSINESS)');
  });
});
