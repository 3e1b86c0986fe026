import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { agency } from '../../../../subgraphs/kua';
import { composeWithRegistryStandIn } from '../../../support/registry-stand-in';

describe('kua schema', () => {
  let sdl: string;
  let objects: ObjectTypeDefinitionNode[];
  beforeAll(async () => {
    sdl = (await agency.buildSchema()).sdl;
    objects = parse(sdl).definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
  });

  const directivesOf = (type: string, field: string): string[] =>
    objects.find((d) => d.name.value === type)?.fields?.find((f) => f.name.value === field)?.directives?.map((d) => d.name.value) ?? [];

  it('extends Citizen by its key with a nullable list of marriages, sourced and classified', () => {
    expect(sdl).toMatch(/type Citizen @key\(fields: "nik"\)/);
    expect(sdl).toMatch(/marriages: \[MarriageRecord!\] @source\(system: "SIMKAH", operation: "EKSPOR_NIKAH", field: "NIK_SUAMI,NIK_ISTRI"\) @personalData\(category: RELIGION\)/);
    // The description says why [] does not mean unmarried.
    expect(sdl).toMatch(/Only Muslim marriages are registered at KUA[^"]*Disdukcapil/);
  });

  it('puts @source and @personalData on every field of MarriageRecord', () => {
    const record = objects.find((d) => d.name.value === 'MarriageRecord');
    expect(record?.fields?.map((f) => f.name.value)).toEqual([
      'certificateNumber', 'certificateFormat', 'marriedOn', 'venue', 'place', 'kuaCode', 'kuaOffice', 'role',
      'status', 'spouseNik', 'spouseName', 'holderName', 'holderBirthDate', 'spouse',
    ]);
    for (const field of record?.fields ?? []) {
      const directives = directivesOf('MarriageRecord', field.name.value);
      expect([field.name.value, directives.includes('source'), directives.includes('personalData')]).toEqual([field.name.value, true, true]);
    }
  });

  it("tags the holder's copies as identity claims, types dates and NIKs, and makes spouse a Citizen reference", () => {
    expect(sdl).toMatch(/holderName: String @source\([^)]*"NAMA_SUAMI\|NAMA_ISTRI"\) @personalData\(category: IDENTITY\) @identityClaim\(attribute: FULL_NAME\)/);
    expect(sdl).toMatch(/holderBirthDate: Date @source\([^)]*"TGL_LAHIR_SUAMI\|TGL_LAHIR_ISTRI"\) @personalData\(category: IDENTITY\) @identityClaim\(attribute: BIRTH_DATE\)/);
    expect(directivesOf('MarriageRecord', 'spouseName')).not.toContain('identityClaim');
    expect(sdl).toMatch(/marriedOn: Date /);
    expect(sdl).toMatch(/spouseNik: NIK /);
    expect(sdl).toMatch(/spouse: Citizen @source/);
    expect(sdl).toMatch(/role: MarriageRole! /);
    for (const name of ['MarriageCertificateFormat', 'MarriageRole', 'MarriageStatus', 'MarriageVenue']) expect(sdl).toContain(`enum ${name} {`);
  });

  it('composes with the registry stand-in and keeps our directives', () => {
    const composed = composeWithRegistryStandIn('kua', sdl);
    expect(composed.errors).toEqual([]);
    expect(composed.supergraphSdl).toContain('@identityClaim(attribute: BIRTH_DATE)');
    expect(composed.supergraphSdl).toContain('field: "NIK_ISTRI|NIK_SUAMI"');
  });

  it('names itself as the design says', () => {
    expect([agency.name, agency.legacySystem, agency.defaultPorts]).toEqual(['kua', 'SIMKAH', { simulator: 4110, subgraph: 4010 }]);
  });
});
