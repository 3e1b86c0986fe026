import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agency } from '../../../../subgraphs/djp';
import { DjpExportClient } from '../../../../subgraphs/djp/djp-export.client';
import { DETAIL_LAYOUT } from '../../../../subgraphs/djp/djp-export.layout';
import {
  DJP_SEED_RATES,
  buildDjpExportRecords,
  formatTaxpayerAddress,
  lastDueTaxYear,
  luhnDigit,
  occupationGroup,
} from '../../../../subgraphs/djp/legacy/djp-export.seed';
import { ageOn } from '../../../../subgraphs/population/dates';
import { generatePopulation, indexByNik } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import type { Person } from '../../../../subgraphs/population/person';
import { DEFAULT_PLANT_RATES, NO_PLANTS, type PlantRates } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';
import type { IdentityPlanter, SeedContext } from '../../../../subgraphs/population/seed-context';

const SEED = 'djp-seed';
const REFERENCE_DATE = '2026-01-01';
const POPULATION = generatePopulation({ citizens: 4000, seed: SEED, referenceDate: REFERENCE_DATE });
const BY_NIK = indexByNik(POPULATION);

/** The real planter, counting which copies were asked for. */
function countingPlanter(rates: PlantRates): IdentityPlanter & { calls: Record<string, string[]>; plants: () => number } {
  const planter = createIdentityPlanter({ agency: 'djp', rng: createRng(SEED).fork('#planter/djp'), referenceDate: REFERENCE_DATE, rates });
  const calls: Record<string, string[]> = { name: [], birthDate: [], address: [] };
  const refuse = (): never => {
    throw new Error('djp does not copy this attribute');
  };
  return {
    agency: 'djp',
    calls,
    plants: () => planter.plants.length,
    copyFullName: (person) => (calls.name!.push(person.nik), planter.copyFullName(person)),
    copyBirthDate: (person) => (calls.birthDate!.push(person.nik), planter.copyBirthDate(person)),
    copyAddress: (person) => (calls.address!.push(person.nik), planter.copyAddress(person)),
    copySex: refuse,
    copyBirthPlace: refuse,
    copyMotherName: refuse,
  };
}

function context(agencyDir = '', rates: PlantRates = DEFAULT_PLANT_RATES): SeedContext & { planter: ReturnType<typeof countingPlanter> } {
  return {
    population: POPULATION,
    byNik: BY_NIK,
    rng: createRng(SEED).fork('djp'),
    planter: countingPlanter(rates),
    agencyDir,
    referenceDate: REFERENCE_DATE,
  };
}

const fromExport = (date: string): string => `${date.slice(4)}-${date.slice(2, 4)}-${date.slice(0, 2)}`;
const share = (part: number, whole: number): number => part / whole;

describe('djp seed', () => {
  const exact = context('', NO_PLANTS);
  const records = buildDjpExportRecords(exact);
  const taxpayerNiks = [...new Set(records.map((record) => record.NIK))];
  /** The record the adapter serves: the last one of a NIK is always the current registration. */
  const current = new Map(records.map((record) => [record.NIK, record]));
  const adults = POPULATION.people.filter((person) => ageOn(person.birthDate, REFERENCE_DATE) >= DJP_SEED_RATES.adultAge);
  const dueYear = lastDueTaxYear(REFERENCE_DATE);

  it('is deterministic: same context, same bytes', async () => {
    const directories = [fs.mkdtempSync(path.join(os.tmpdir(), 'djp-seed-')), fs.mkdtempSync(path.join(os.tmpdir(), 'djp-seed-'))];
    for (const directory of directories) await agency.seed(context(directory));
    const [first, second] = directories.map((directory) => fs.readFileSync(path.join(directory, 'EXPORT_WP_OP.TXT')));
    expect(first!.equals(second!)).toBe(true);
    for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('registers about 45% of adults, most employees and business owners, adults only', () => {
    for (const nik of taxpayerNiks) expect(ageOn(BY_NIK.get(nik)!.birthDate, REFERENCE_DATE)).toBeGreaterThanOrEqual(18);
    const registered = new Set(taxpayerNiks);
    expect(share(registered.size, adults.length)).toBeGreaterThan(0.41);
    expect(share(registered.size, adults.length)).toBeLessThan(0.49);
    const rateOf = (test: (person: Person) => boolean): number => {
      const group = adults.filter(test);
      return share(group.filter((person) => registered.has(person.nik)).length, group.length);
    };
    expect(rateOf((person) => ['GOVERNMENT', 'EMPLOYEE'].includes(occupationGroup(person.occupation)))).toBeGreaterThan(0.7);
    expect(rateOf((person) => occupationGroup(person.occupation) === 'BUSINESS')).toBeGreaterThan(0.4);
    expect(rateOf((person) => occupationGroup(person.occupation) === 'OTHER')).toBeLessThan(0.15);
  });

  it('sets about 10% non-effective; gives most an old NPWP and a validated NIK; NIK-only taxpayers registered from 2024', () => {
    const served = [...current.values()];
    expect(share(served.filter((record) => record.STATUS_WP === 'N').length, served.length)).toBeGreaterThan(0.07);
    expect(share(served.filter((record) => record.STATUS_WP === 'N').length, served.length)).toBeLessThan(0.13);
    const withOld = served.filter((record) => record.NPWP15 !== '');
    expect(share(withOld.length, served.length)).toBeGreaterThan(0.8);
    expect(share(withOld.filter((record) => record.FLAG_NIK_NPWP === 'Y').length, withOld.length)).toBeGreaterThan(0.8);
    expect(share(withOld.filter((record) => record.FLAG_NIK_NPWP === 'Y').length, withOld.length)).toBeLessThan(0.9);
    for (const record of served) {
      const registeredOn = fromExport(record.TGL_DAFTAR);
      const person = BY_NIK.get(record.NIK)!;
      expect(ageOn(person.birthDate, registeredOn)).toBeGreaterThanOrEqual(18);
      expect(registeredOn < REFERENCE_DATE).toBe(true);
      if (record.NPWP15 === '') expect([registeredOn >= '2024-01-01', record.FLAG_NIK_NPWP]).toEqual([true, 'Y']);
      else expect(registeredOn < '2024-01-01').toBe(true);
    }
  });

  it('writes unique 15-digit NPWPs ending in the KPP code and branch 000, with a Luhn check digit', () => {
    const npwps = records.map((record) => record.NPWP15).filter((npwp) => npwp !== '');
    expect(new Set(npwps).size).toBe(npwps.length);
    for (const record of records.filter((r) => r.NPWP15 !== '')) {
      expect(record.NPWP15).toMatch(/^0[4-9]\d{7}\d{3}000$/);
      expect(record.NPWP15.slice(9, 12)).toBe(record.KD_KPP);
      expect(Number(record.NPWP15[8])).toBe(luhnDigit(record.NPWP15.slice(0, 8)));
    }
    expect(luhnDigit('7992739871')).toBe(3); // the textbook Luhn example
  });

  it('files the last due return (tax year 2024, in 2025) at the documented rates, with dates that fit the status', () => {
    expect(dueYear).toBe(2024);
    expect(lastDueTaxYear('2025-04-01')).toBe(2024);
    expect(lastDueTaxYear('2025-03-31')).toBe(2023);
    const owing = [...current.values()].filter((record) => record.STATUS_WP === 'A' && fromExport(record.TGL_DAFTAR) <= '2024-12-31');
    const status = (code: string) => share(owing.filter((record) => record.STATUS_SPT === code).length, owing.length);
    expect(status('S')).toBeGreaterThan(0.7);
    expect(status('S')).toBeLessThan(0.8);
    expect(status('T')).toBeGreaterThan(0.06);
    expect(status('T')).toBeLessThan(0.14);
    expect(status('B')).toBeGreaterThan(0.11);
    expect(status('B')).toBeLessThan(0.19);
    for (const record of owing) {
      expect(record.THN_SPT).toBe('2024');
      const filed = record.TGL_SPT === '' ? '' : fromExport(record.TGL_SPT);
      if (record.STATUS_SPT === 'S') expect(filed >= '2025-01-02' && filed <= '2025-03-31').toBe(true);
      if (record.STATUS_SPT === 'T') expect(filed >= '2025-04-01' && filed < REFERENCE_DATE).toBe(true);
      if (record.STATUS_SPT === 'B') expect(filed).toBe('');
    }
    const registeredLater = [...current.values()].filter((record) => record.STATUS_WP === 'A' && fromExport(record.TGL_DAFTAR) > '2024-12-31');
    expect(registeredLater.length).toBeGreaterThan(0);
    for (const record of registeredLater) expect(record.THN_SPT).toBe('');
    for (const record of [...current.values()].filter((r) => r.STATUS_WP === 'N' && r.THN_SPT !== '')) {
      expect(Number(record.THN_SPT)).toBeLessThan(dueYear);
    }
  });

  it('writes a few double registrations: an older NE record before the current one, with the same copies', () => {
    const counts = new Map<string, number>();
    for (const record of records) counts.set(record.NIK, (counts.get(record.NIK) ?? 0) + 1);
    const doubles = [...counts].filter(([, count]) => count === 2).map(([nik]) => nik);
    expect(doubles.length).toBeGreaterThan(0);
    expect(share(doubles.length, taxpayerNiks.length)).toBeLessThan(0.04);
    for (const nik of doubles) {
      const [older, newer] = records.filter((record) => record.NIK === nik);
      expect(older!.STATUS_WP).toBe('N');
      expect(fromExport(older!.TGL_DAFTAR) < fromExport(newer!.TGL_DAFTAR)).toBe(true);
      expect([older!.NAMA_WP, older!.TGL_LAHIR, older!.ALAMAT]).toEqual([newer!.NAMA_WP, newer!.TGL_LAHIR, newer!.ALAMAT]);
    }
  });

  it('asks the planter once per taxpayer for the name, birth date and address, and writes them as given', () => {
    expect(exact.planter.calls.name).toEqual(taxpayerNiks);
    expect(exact.planter.calls.birthDate).toEqual(taxpayerNiks);
    expect(exact.planter.calls.address).toEqual(taxpayerNiks);
    for (const record of current.values()) {
      const person = BY_NIK.get(record.NIK)!;
      expect([record.NAMA_WP, fromExport(record.TGL_LAHIR), record.ALAMAT]).toEqual([person.fullName, person.birthDate, formatTaxpayerAddress(person.address)]);
    }
    expect(formatTaxpayerAddress(POPULATION.people[0]!.address)).toMatch(/^.+, RT \d{3}\/RW \d{3}, KEL\. .+, KEC\. .+, .+, RIAU \d{5}$/);
  });

  it('with the default rates, plants differences in DJP copies (recorded by the planter), and never cuts a copy', () => {
    const planted = context();
    const rows = buildDjpExportRecords(planted);
    expect(planted.planter.plants()).toBeGreaterThan(0);
    expect(rows.some((row, i) => row.NAMA_WP !== records[i]?.NAMA_WP || row.ALAMAT !== records[i]?.ALAMAT)).toBe(true);
    const width = (name: string) => DETAIL_LAYOUT.find((field) => field.name === name)!.length;
    for (const row of rows) {
      expect(row.NAMA_WP.length).toBeLessThanOrEqual(width('NAMA_WP'));
      expect(row.ALAMAT.length).toBeLessThanOrEqual(width('ALAMAT'));
    }
  });

  it('reads back through the adapter with every record usable and no value null that the seed wrote', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'djp-seed-'));
    await agency.seed(context(directory));
    const client = new DjpExportClient({ path: path.join(directory, 'EXPORT_WP_OP.TXT'), timeoutMs: 1000, maxWarnings: 0 });
    try {
      expect(await client.start()).toBe('loaded');
      expect(client.status()).toMatchObject({ records: records.length, taxpayers: taxpayerNiks.length, skippedRecords: 0, exportedOn: REFERENCE_DATE });
      const profiles = [...(await client.findTaxProfiles(taxpayerNiks)).values()];
      for (const profile of profiles) {
        expect(profile.status === 'ACTIVE' || profile.status === 'NON_EFFECTIVE').toBe(true);
        expect([profile.nikAsNpwp, profile.registeredOn, profile.taxOffice, profile.taxpayerName, profile.taxpayerBirthDate, profile.taxpayerAddress].includes(null)).toBe(false);
        expect(profile.taxOffice!.name).toMatch(/^KPP PRATAMA /);
        if (profile.lastAnnualReturn) expect(profile.lastAnnualReturn.status).not.toBeNull();
      }
      expect(profiles.filter((profile) => profile.status === 'ACTIVE').length).toBe([...current.values()].filter((record) => record.STATUS_WP === 'A').length);
    } finally {
      await client.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
