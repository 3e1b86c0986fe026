import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, buildSchema } from 'graphql';
import { ConfigError } from '../../../../gateway/config';
import { DEFAULT_PURPOSES } from '../../../../gateway/access/purpose-defaults';
import {
  buildPurposeConfig,
  defaultPurposeConfig,
  isAllowedByPurpose,
  loadPurposeFile,
  readPurpose,
  readPurposeConfig,
  unknownPurposeCoordinates,
  type Purpose,
  type PurposeConfig,
} from '../../../../gateway/access/purpose';
import type { RequestHeaders } from '../../../../gateway/access/request-headers';
import { tempDir } from './access-fixtures';

const files = tempDir('purpose');
afterAll(() => files.remove());
const defaults = defaultPurposeConfig();

function purpose(config: PurposeConfig, code: string): Purpose {
  const found = config.purposes.get(code);
  if (!found) throw new Error(`no purpose ${code}`);
  return found;
}

function forbiddenMessage(headers: RequestHeaders, config: PurposeConfig = defaults): string {
  try {
    readPurpose(headers, config);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('FORBIDDEN');
    return (error as GraphQLError).message;
  }
  throw new Error('the purpose was accepted');
}

function problemsOf(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the purposes were accepted');
}

describe('the embedded purposes', () => {
  it('are the mall\'s services', () => {
    expect([...defaults.purposes.keys()]).toEqual([
      'passport-application', 'vehicle-tax', 'social-assistance', 'driving-licence', 'land-transfer',
      'business-licensing', 'marriage-registration', 'health-insurance-service', 'pemadanan-data', 'crosscheck-quality-evaluation', 'counter-service', 'audit',
    ]);
  });

  it('name only types and fields that exist in the client-facing schema', () => {
    const schema = buildSchema(readFileSync(path.join(__dirname, '../../../../schema/api.graphql'), 'utf8'));
    expect(unknownPurposeCoordinates(defaults, schema)).toEqual([]);
  });

  it('vehicle-tax may read vehicles, Vehicle.* and identity basics, not the health record', () => {
    const vehicleTax = purpose(defaults, 'vehicle-tax');
    const allowed = ['Citizen.vehicles', 'Vehicle.plateNumber', 'Vehicle.taxStatus', 'Citizen.nik', 'Citizen.fullName', 'Citizen.address', 'Address.street', 'Citizen.hasActiveHealthInsurance'];
    const refused = ['Citizen.healthInsurance', 'HealthInsurance.status', 'Citizen.religion', 'Citizen.landParcels', 'Citizen.taxProfile', 'PassportApplication.status'];
    expect(allowed.filter((coordinate) => !isAllowedByPurpose(vehicleTax, coordinate))).toEqual([]);
    expect(refused.filter((coordinate) => isAllowedByPurpose(vehicleTax, coordinate))).toEqual([]);
  });

  it('root fields are not restricted by the matrix; the fields selected under them are', () => {
    const vehicleTax = purpose(defaults, 'vehicle-tax');
    expect(isAllowedByPurpose(vehicleTax, 'Query.citizen')).toBe(true);
    expect(isAllowedByPurpose(vehicleTax, 'Mutation.applyForPassport')).toBe(true);
    expect(isAllowedByPurpose(vehicleTax, 'PassportApplication.applicationNumber')).toBe(false);
  });

  it('a purpose without a field list restricts nothing', () => {
    const audit = purpose(defaults, 'audit');
    expect(audit.fields).toBeNull();
    expect(isAllowedByPurpose(audit, 'HealthInsurance.status')).toBe(true);
  });
});

describe('readPurpose', () => {
  it('returns the code from X-Satu-Purpose (any header case, surrounding spaces trimmed)', () => {
    expect(readPurpose({ 'x-satu-purpose': 'vehicle-tax' }, defaults)).toBe('vehicle-tax');
    expect(readPurpose({ 'X-Satu-Purpose': ' land-transfer ' }, defaults)).toBe('land-transfer');
    expect(readPurpose(new Headers({ 'X-Satu-Purpose': 'audit' }), defaults)).toBe('audit');
  });

  it('missing: FORBIDDEN listing every valid code with its description', () => {
    const message = forbiddenMessage({});
    expect(message).toMatch(/^X-Satu-Purpose is missing: an operation that reads personal data must name its purpose\. Valid codes: passport-application \(Passport application or renewal at imigrasi\); vehicle-tax/);
    for (const code of defaults.purposes.keys()) expect(message).toContain(code);
  });

  it('empty: treated as missing', () => {
    expect(forbiddenMessage({ 'x-satu-purpose': '   ' })).toMatch(/^X-Satu-Purpose is missing/);
  });

  it('unknown: FORBIDDEN naming the code sent and the valid ones', () => {
    const message = forbiddenMessage({ 'x-satu-purpose': 'curiosity' });
    expect(message).toMatch(/^X-Satu-Purpose "curiosity" is not a known purpose\. Valid codes: passport-application/);
  });

  it('unknown and hostile: only a short printable prefix is echoed', () => {
    const message = forbiddenMessage({ 'x-satu-purpose': `vehicle-tax\u0000<script>${'x'.repeat(500)}` });
    // 40 characters: the 20 of "vehicle-tax?<script>" (NUL shown as ?) and 20 of the padding.
    expect(message).toContain(`"vehicle-tax?<script>${'x'.repeat(20)}"`);
    expect(message).not.toContain('x'.repeat(21));
    expect(message).not.toContain('\u0000');
  });

  it('a code in the wrong case is unknown (codes are exact)', () => {
    expect(forbiddenMessage({ 'x-satu-purpose': 'Vehicle-Tax' })).toMatch(/^X-Satu-Purpose "Vehicle-Tax" is not a known purpose/);
  });

  it('sent twice: refused', () => {
    expect(forbiddenMessage({ 'x-satu-purpose': ['vehicle-tax', 'audit'] })).toMatch(/^X-Satu-Purpose was sent more than once; send one purpose/);
  });
});

describe('a purposes file', () => {
  it('replaces the defaults', () => {
    const file = files.file('ok.json', JSON.stringify({ purposes: [{ code: 'census', description: 'Population census', fields: ['Citizen.nik', 'Address.*'] }] }));
    const config = readPurposeConfig(file);
    expect([...config.purposes.keys()]).toEqual(['census']);
    expect(isAllowedByPurpose(purpose(config, 'census'), 'Address.village')).toBe(true);
    expect(isAllowedByPurpose(purpose(config, 'census'), 'Citizen.fullName')).toBe(false);
    expect(forbiddenMessage({ 'x-satu-purpose': 'vehicle-tax' }, config)).toBe('X-Satu-Purpose "vehicle-tax" is not a known purpose. Valid codes: census (Population census)');
  });

  it.each([
    ['not JSON', '{purposes:', /is not readable JSON/],
    ['without "purposes"', '{"codes":[]}', /must be an object \{ "purposes": \[/],
    ['a list at the top', '[]', /must be an object \{ "purposes": \[/],
  ])('%s is refused', (_name, content, message) => {
    expect(() => loadPurposeFile(files.file('bad.json', content))).toThrow(message);
  });

  it.each([
    ['an empty list', [], ['the test file: the purpose list is empty; name at least one purpose']],
    ['a duplicate code', [{ code: 'a', description: 'A' }, { code: 'a', description: 'A again' }], ['the test file, purpose 1: duplicate code "a"']],
    ['a bad coordinate', [{ code: 'a', description: 'A', fields: ['Citizen'] }], ['the test file, purpose 0 ("a"): "Citizen" is not a field coordinate; write "Type.field" or "Type.*" (e.g. "Citizen.vehicles", "Vehicle.*")']],
    ['a coordinate with an argument', [{ code: 'a', description: 'A', fields: ['Query.citizen(nik:)'] }], ['the test file, purpose 0 ("a"): "Query.citizen(nik:)" is not a field coordinate; write "Type.field" or "Type.*" (e.g. "Citizen.vehicles", "Vehicle.*")']],
    ['an empty field list', [{ code: 'a', description: 'A', fields: [] }], ['the test file, purpose 0 ("a"): "fields" must be a non-empty list of coordinates, or left out for no field restriction']],
    ['a code with spaces', [{ code: 'vehicle tax', description: 'A' }], ['the test file, purpose 0: "code" must be lower-case letters, digits and dashes (e.g. "vehicle-tax"), got "vehicle tax"']],
    ['no description', [{ code: 'a' }], ['the test file, purpose 0 ("a"): "description" must be a non-empty string']],
    ['an entry that is not an object', ['vehicle-tax'], ['the test file, purpose 0 must be an object { "code", "description", "fields"? }']],
  ])('with %s is refused', (_name, purposes, problems) => {
    expect(problemsOf(() => buildPurposeConfig(purposes, 'the test file'))).toEqual(problems);
  });

  it('reports several problems at once', () => {
    const problems = problemsOf(() => buildPurposeConfig([{ code: 'a', description: '', fields: ['x', 'Vehicle.*', 'y.'] }], 'f'));
    expect(problems).toHaveLength(3);
  });

  it('a typo in a coordinate is found against the schema', () => {
    const schema = buildSchema('type Query { citizen: Citizen } type Citizen { nik: String vehicles: [Vehicle] } type Vehicle { plate: String }');
    const config = buildPurposeConfig([{ code: 'a', description: 'A', fields: ['Citizen.vehicle', 'Vehical.*', 'Vehicle.*'] }], 'f');
    expect(unknownPurposeCoordinates(config, schema)).toEqual([
      'purpose a: Citizen.vehicle names no field of Citizen',
      'purpose a: Vehical.* names no object or interface type Vehical',
    ]);
  });

  it('the embedded list passes its own validation', () => {
    expect(() => buildPurposeConfig(DEFAULT_PURPOSES, 'defaults')).not.toThrow();
  });
});
