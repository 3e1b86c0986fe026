import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import type { BuiltSubgraph } from '../../../../subgraphs/kit/build-subgraph';
import { agency } from '../../../../subgraphs/polri';
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

function argument(field: FieldDefinitionNode, directive: string, name: string): string | undefined {
  const node = field.directives?.find((d) => d.name.value === directive)?.arguments?.find((a) => a.name.value === name);
  return node ? print(node.value).replace(/"/g, '') : undefined;
}

function summary(typeName: string): Record<string, { type: string; source?: string; category?: string; claim?: string }> {
  return Object.fromEntries(
    (objectType(typeName).fields ?? []).map((field) => [
      field.name.value,
      {
        type: print(field.type),
        source: argument(field, 'source', 'system') && `${argument(field, 'source', 'operation')} ${argument(field, 'source', 'field')}`,
        category: argument(field, 'personalData', 'category'),
        claim: argument(field, 'identityClaim', 'attribute'),
      },
    ]),
  );
}

describe('polri schema', () => {
  it('declares the module metadata', () => {
    expect(agency).toMatchObject({ name: 'polri', legacySystem: 'POLRI-SIM', defaultPorts: { simulator: 4105, subgraph: 4005 } });
  });

  it('extends Citizen @key(fields: "nik") with nullable drivingLicenses and policeClearance', () => {
    const citizen = objectType('Citizen');
    expect(citizen.directives?.map((d) => print(d))).toContain('@key(fields: "nik")');
    expect(summary('Citizen')).toEqual({
      nik: { type: 'NIK!' },
      drivingLicenses: { type: '[DrivingLicense!]', source: 'POST /api/v1/sim/search data', category: 'IDENTITY' },
      policeClearance: { type: 'PoliceClearance', source: 'GET /api/v1/skck data', category: 'CRIMINAL_RECORD' },
    });
  });

  it('puts @source on every DrivingLicense field and @identityClaim on exactly the holder copies', () => {
    const search = 'POST /api/v1/sim/search';
    expect(summary('DrivingLicense')).toEqual({
      number: { type: 'String', source: `${search} no_sim`, category: 'IDENTITY' },
      class: { type: 'DrivingLicenseClass', source: `${search} gol_sim`, category: 'IDENTITY' },
      publicTransport: { type: 'Boolean', source: `${search} gol_sim`, category: 'IDENTITY' },
      issueDate: { type: 'Date', source: `${search} tgl_terbit`, category: 'IDENTITY' },
      expiryDate: { type: 'Date', source: `${search} tgl_berlaku`, category: 'IDENTITY' },
      status: { type: 'DrivingLicenseStatus', source: `${search} tgl_berlaku`, category: 'IDENTITY' },
      issuingOffice: { type: 'String', source: `${search} satpas`, category: 'IDENTITY' },
      holderName: { type: 'String', source: `${search} nama`, category: 'IDENTITY', claim: 'FULL_NAME' },
      holderBirthPlace: { type: 'String', source: `${search} tempat_lahir`, category: 'IDENTITY', claim: 'BIRTH_PLACE' },
      holderBirthDate: { type: 'Date', source: `${search} tgl_lahir`, category: 'IDENTITY', claim: 'BIRTH_DATE' },
      holderSex: { type: 'Sex', source: `${search} jenis_kelamin`, category: 'IDENTITY', claim: 'SEX' },
    });
  });

  it('marks the SKCK as criminal-record data, the holder name as an identity claim', () => {
    const skck = 'GET /api/v1/skck';
    expect(summary('PoliceClearance')).toEqual({
      status: { type: 'PoliceClearanceStatus', source: `${skck} tgl_berlaku`, category: 'CRIMINAL_RECORD' },
      number: { type: 'String', source: `${skck} no_skck`, category: 'CRIMINAL_RECORD' },
      issueDate: { type: 'Date', source: `${skck} tgl_terbit`, category: 'CRIMINAL_RECORD' },
      expiryDate: { type: 'Date', source: `${skck} tgl_berlaku`, category: 'CRIMINAL_RECORD' },
      purpose: { type: 'String', source: `${skck} keperluan`, category: 'CRIMINAL_RECORD' },
      issuingOffice: { type: 'String', source: `${skck} kesatuan`, category: 'CRIMINAL_RECORD' },
      holderName: { type: 'String', source: `${skck} nama`, category: 'IDENTITY', claim: 'FULL_NAME' },
    });
  });

  it('declares the enums with domain-prefixed names and the shared Sex', () => {
    expect(built.sdl).toMatch(/enum DrivingLicenseClass \{[^}]*\bA\s[^}]*\bB_I\s[^}]*\bB_II\s[^}]*\bC\s[^}]*\bC_I\s[^}]*\bC_II\s[^}]*\bD\s+\}/);
    expect(built.sdl).toMatch(/enum DrivingLicenseStatus \{\s+VALID\s+EXPIRED\s+\}/);
    expect(built.sdl).toMatch(/enum PoliceClearanceStatus \{\s+VALID\s+EXPIRED\s+NONE\s+\}/);
    expect(built.sdl).toMatch(/enum Sex \{\s+MALE\s+FEMALE\s+\}/);
  });

  it('composes next to the registry stand-in and keeps our directives in the supergraph', () => {
    const composed = composeWithRegistryStandIn('polri', built.sdl);
    expect(composed.errors).toEqual([]);
    expect(composed.supergraphSdl).toContain('@identityClaim(attribute: BIRTH_PLACE)');
    expect(composed.supergraphSdl).toContain('@personalData(category: CRIMINAL_RECORD)');
    expect(composed.supergraphSdl).toContain('@source(system: "POLRI-SIM", operation: "POST /api/v1/sim/search", field: "gol_sim")');
  });
});
