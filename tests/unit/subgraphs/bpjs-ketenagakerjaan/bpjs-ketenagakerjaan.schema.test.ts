import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { agency } from '../../../../subgraphs/bpjs-ketenagakerjaan';
import type { BuiltSubgraph } from '../../../../subgraphs/kit/build-subgraph';
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

describe('bpjs-ketenagakerjaan schema', () => {
  it('declares the module metadata', () => {
    expect(agency).toMatchObject({
      name: 'bpjs-ketenagakerjaan',
      title: 'BPJS Ketenagakerjaan',
      legacySystem: 'SIPP-TK',
      defaultPorts: { simulator: 4106, subgraph: 4006 },
    });
  });

  it('extends Citizen @key(fields: "nik") with a nullable employmentInsurance', () => {
    const citizen = objectType('Citizen');
    expect(citizen.directives?.map((d) => print(d))).toContain('@key(fields: "nik")');
    expect(citizen.fields?.map((f) => f.name.value)).toEqual(['nik', 'employmentInsurance']);
    const field = citizen.fields?.find((f) => f.name.value === 'employmentInsurance');
    expect(field && print(field.type)).toBe('EmploymentInsurance');
    expect(field && directiveArgument(field, 'source', 'system')).toBe('SIPP-TK');
    expect(field && directiveArgument(field, 'source', 'operation')).toBe('POST /api/kepesertaan/batch');
    expect(field && directiveArgument(field, 'personalData', 'category')).toBe('EMPLOYMENT');
  });

  it('puts @source and @personalData on every field of its types: EMPLOYMENT, FINANCIAL for the balance, IDENTITY for holder copies', () => {
    const fields = objectType('EmploymentInsurance').fields ?? [];
    expect(fields.map((f) => f.name.value)).toEqual([
      'status',
      'active',
      'membershipNumber',
      'segment',
      'employer',
      'programmes',
      'oldAgeSavingsBalance',
      'memberSince',
      'holderName',
      'holderBirthDate',
    ]);
    const category = (name: string): string => (name.startsWith('holder') ? 'IDENTITY' : name === 'oldAgeSavingsBalance' ? 'FINANCIAL' : 'EMPLOYMENT');
    for (const field of [...fields, ...(objectType('Employer').fields ?? [])]) {
      const name = field.name.value;
      expect([name, directiveArgument(field, 'source', 'system'), directiveArgument(field, 'source', 'operation')]).toEqual([
        name,
        'SIPP-TK',
        'POST /api/kepesertaan/batch',
      ]);
      expect([name, directiveArgument(field, 'source', 'field')]).toEqual([name, expect.stringMatching(/^data\[\]\.[A-Z_]+/)]);
      expect([name, directiveArgument(field, 'personalData', 'category')]).toEqual([name, ['registrationNumber', 'name'].includes(name) ? 'EMPLOYMENT' : category(name)]);
    }
  });

  it('tags exactly the holder copies with @identityClaim, with the types of the contract', () => {
    const fields = objectType('EmploymentInsurance').fields ?? [];
    const claims = Object.fromEntries(
      fields.filter((f) => directiveArgument(f, 'identityClaim', 'attribute')).map((f) => [f.name.value, directiveArgument(f, 'identityClaim', 'attribute')]),
    );
    expect(claims).toEqual({ holderName: 'FULL_NAME', holderBirthDate: 'BIRTH_DATE' });
    expect(Object.fromEntries(fields.map((f) => [f.name.value, print(f.type)]))).toEqual({
      status: 'EmploymentInsuranceStatus',
      active: 'Boolean!',
      membershipNumber: 'String',
      segment: 'EmploymentInsuranceSegment',
      employer: 'Employer',
      programmes: '[EmploymentProgramme!]',
      oldAgeSavingsBalance: 'Int',
      memberSince: 'Date',
      holderName: 'String',
      holderBirthDate: 'Date',
    });
    expect(Object.fromEntries((objectType('Employer').fields ?? []).map((f) => [f.name.value, print(f.type)]))).toEqual({
      registrationNumber: 'String',
      name: 'String',
    });
    expect(built.sdl).toMatch(/enum EmploymentInsuranceStatus \{[^}]*ACTIVE[^}]*INACTIVE[^}]*NOT_REGISTERED\s+\}/);
    expect(built.sdl).toMatch(/enum EmploymentProgramme \{[^}]*OLD_AGE_SAVINGS[^}]*WORK_ACCIDENT[^}]*DEATH[^}]*PENSION[^}]*JOB_LOSS\s+\}/);
    expect(built.sdl).toMatch(/enum EmploymentInsuranceSegment \{[^}]*WAGE_EARNER[^}]*NON_WAGE_EARNER[^}]*MIGRANT_WORKER[^}]*CONSTRUCTION_WORKER\s+\}/);
  });

  it('composes next to the registry stand-in and keeps our directives', () => {
    const { errors, supergraphSdl } = composeWithRegistryStandIn('bpjs-ketenagakerjaan', built.sdl);
    expect(errors).toEqual([]);
    expect(supergraphSdl).toContain('@identityClaim(attribute: BIRTH_DATE)');
    expect(supergraphSdl).toContain('@personalData(category: FINANCIAL)');
    expect(supergraphSdl).toContain('@source(system: "SIPP-TK", operation: "POST /api/kepesertaan/batch", field: "data[].SALDO_JHT")');
  });
});
