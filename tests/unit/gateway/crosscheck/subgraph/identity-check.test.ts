import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkIdentity } from '../../../../../gateway/crosscheck/subgraph/identity-check';
import { identityModelOf } from '../../../../../gateway/crosscheck/subgraph/identity-claims';

const model = identityModelOf(readFileSync(path.resolve(__dirname, '../../../../../schema/supergraph.graphql'), 'utf8'));

/** A citizen as @requires delivers it: registry values plus every agency's records. */
function citizen(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nik: '1471080703850001',
    fullName: 'MUHAMMAD RIZKI',
    birthDate: '1985-03-07',
    birthPlace: 'PEKANBARU',
    sex: 'MALE',
    motherName: 'SITI AMINAH',
    maritalStatus: 'KAWIN',
    address: { street: 'JL. SUDIRMAN NO. 12', rt: '003', rw: '007', village: 'SIMPANG BARU', district: 'BINAWIDYA', regency: 'PEKANBARU' },
    healthInsurance: { holderName: 'MUHAMMAD RIZKI', holderBirthDate: '1985-03-07', holderSex: 'MALE' },
    employmentInsurance: { holderName: null, holderBirthDate: null },
    landParcels: [],
    taxProfile: { taxpayerName: null, taxpayerBirthDate: null, taxpayerAddress: null },
    passports: [{ holderName: 'MUHAMMAD RIZKI', holderBirthDate: '1985-03-07', holderBirthPlace: 'PEKANBARU', holderSex: 'MALE' }],
    marriages: [],
    businesses: [],
    drivingLicenses: [],
    policeClearance: { holderName: null },
    vehicles: [
      { ownerName: 'MUHAMMAD RIZKI', ownerAddress: 'JL. SUDIRMAN NO. 12 RT 003 RW 007, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU' },
      { ownerName: 'MUHAMMAD RIZKI', ownerAddress: 'JL. SUDIRMAN NO. 12 RT 003 RW 007, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU' },
    ],
    ...overrides,
  };
}

describe('identity model from the supergraph', () => {
  it('finds every agency copy tagged @identityClaim and the registry fields', () => {
    const agencies = new Set(model.claims.map((claim) => claim.agency));
    expect([...agencies].sort()).toEqual(['bpjs-kesehatan', 'bpjs-ketenagakerjaan', 'bpn', 'djp', 'imigrasi', 'kua', 'oss', 'polri', 'samsat']);
    expect(model.claims).toContainEqual(expect.objectContaining({ agency: 'imigrasi', citizenField: 'passports', claimField: 'holderName', attribute: 'FULL_NAME' }));
    expect(model.claims).toContainEqual(expect.objectContaining({ agency: 'samsat', citizenField: 'vehicles', claimField: 'ownerAddress', attribute: 'ADDRESS' }));
    expect(model.registry.map((field) => field.attribute).sort()).toEqual(['ADDRESS', 'BIRTH_DATE', 'BIRTH_PLACE', 'FULL_NAME', 'MARITAL_STATUS', 'MOTHER_NAME', 'SEX']);
  });
});

describe('checkIdentity', () => {
  it('is CONSISTENT when every copy matches, and lists the agencies compared (not those holding none)', () => {
    const result = checkIdentity(model, citizen());
    expect(result).toMatchObject({ status: 'CONSISTENT', discrepancies: [], comparedAgencies: ['bpjs-kesehatan', 'imigrasi', 'samsat'], unreachableAgencies: [] });
    // Every compared copy is observed (for data quality), matches included, once per agency and attribute.
    expect(result.observations.map((o) => `${o.agency}/${o.attribute}/${o.verdict}`).sort()).toEqual([
      'bpjs-kesehatan/BIRTH_DATE/MATCH',
      'bpjs-kesehatan/FULL_NAME/MATCH',
      'bpjs-kesehatan/SEX/MATCH',
      'imigrasi/BIRTH_DATE/MATCH',
      'imigrasi/BIRTH_PLACE/MATCH',
      'imigrasi/FULL_NAME/MATCH',
      'imigrasi/SEX/MATCH',
      'samsat/ADDRESS/MATCH',
      'samsat/FULL_NAME/MATCH',
    ]);
  });

  it('is VARIANT when the worst difference is benign, and reports each copy once even on two records', () => {
    const result = checkIdentity(
      model,
      citizen({
        vehicles: [
          { ownerName: 'MUH. RIZKI', ownerAddress: 'JL. SUDIRMAN NO. 12 RT 003 RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU' },
          { ownerName: 'MUH. RIZKI', ownerAddress: 'JL. SUDIRMAN NO. 12 RT 003 RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU' },
        ],
      }),
    );
    expect(result.status).toBe('VARIANT');
    expect(result.discrepancies.map((d) => [d.agency, d.attribute, d.severity])).toEqual([
      ['samsat', 'FULL_NAME', 'VARIANT'],
      ['samsat', 'ADDRESS', 'VARIANT'],
    ]);
  });

  it('is MISMATCH for a day/month swap, naming where to correct it', () => {
    const result = checkIdentity(model, citizen({ healthInsurance: { holderName: 'MUHAMMAD RIZKI', holderBirthDate: '1985-07-03', holderSex: 'MALE' } }));
    expect(result.status).toBe('MISMATCH');
    expect(result.discrepancies).toEqual([
      expect.objectContaining({ attribute: 'BIRTH_DATE', agency: 'bpjs-kesehatan', registryValue: '1985-03-07', agencyValue: '1985-07-03', severity: 'MISMATCH' }),
    ]);
    expect(result.discrepancies[0]?.reason).toMatch(/bpjs-kesehatan/);
    expect(result.discrepancies[0]?.reason).toMatch(/civil registry/);
  });

  it('is INCOMPLETE when an agency could not answer (its field is null), and names it', () => {
    const result = checkIdentity(model, citizen({ passports: null }));
    expect(result).toMatchObject({ status: 'INCOMPLETE', unreachableAgencies: ['imigrasi'], discrepancies: [] });
    expect(result.comparedAgencies).not.toContain('imigrasi');
  });

  it('lets MISMATCH outrank INCOMPLETE', () => {
    const result = checkIdentity(model, citizen({ passports: null, healthInsurance: { holderName: 'MUHAMMAD RIZKI', holderBirthDate: '1985-03-07', holderSex: 'FEMALE' } }));
    expect(result.status).toBe('MISMATCH');
    expect(result.unreachableAgencies).toEqual(['imigrasi']);
  });

  it('reports a copy in an unknown notation as INCOMPLETE, never as a silent MATCH', () => {
    const result = checkIdentity(model, citizen({ healthInsurance: { holderName: 'MUHAMMAD RIZKI', holderBirthDate: 'tujuh maret', holderSex: 'MALE' } }));
    expect(result.status).toBe('INCOMPLETE');
    expect(result.discrepancies).toEqual([expect.objectContaining({ attribute: 'BIRTH_DATE', severity: 'INCOMPLETE' })]);
  });

  it('reports a NIK whose encoded birth date or sex differs from the registry as VARIANT (the NIK is never reissued)', () => {
    const result = checkIdentity(model, citizen({ birthDate: '1985-03-08', healthInsurance: null, passports: [], vehicles: [] }));
    expect(result.discrepancies).toEqual([expect.objectContaining({ attribute: 'BIRTH_DATE', agency: 'dukcapil', severity: 'VARIANT', agencyValue: '1985-03-07' })]);
    const woman = checkIdentity(model, citizen({ sex: 'FEMALE', healthInsurance: { holderName: null, holderBirthDate: null, holderSex: null }, passports: [], vehicles: [] }));
    expect(woman.discrepancies).toEqual([expect.objectContaining({ attribute: 'SEX', agency: 'dukcapil', severity: 'VARIANT' })]);
  });

  it('does not call a century-ambiguous NIK date a difference', () => {
    const result = checkIdentity(model, citizen({ nik: '1471080703250001', birthDate: '1925-03-07', healthInsurance: null, passports: [], vehicles: [] }));
    expect(result.discrepancies).toEqual([]);
  });
});
