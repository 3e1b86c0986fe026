import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toEmploymentInsurance } from '../../../../subgraphs/bpjs-ketenagakerjaan/employment-insurance.mapper';
import { SEED_EMPLOYERS } from '../../../../subgraphs/bpjs-ketenagakerjaan/legacy/sipp-tk.employers';
import { SEED_RATES, buildSippTkRows, jhtBalance, rupiahString, seedSippTkStore } from '../../../../subgraphs/bpjs-ketenagakerjaan/legacy/sipp-tk.seed';
import { loadSippTkStore } from '../../../../subgraphs/bpjs-ketenagakerjaan/legacy/sipp-tk.store';
import { sippTkDateFromIso, type SippTkPeserta } from '../../../../subgraphs/bpjs-ketenagakerjaan/sipp-tk.wire';
import { ageOn } from '../../../../subgraphs/population/dates';
import { generatePopulation, indexByNik } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter, type SeededIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import type { Population } from '../../../../subgraphs/population/person';
import { NO_PLANTS } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';
import type { SeedContext } from '../../../../subgraphs/population/seed-context';

const REFERENCE_DATE = '2026-01-01';
const population: Population = generatePopulation({ citizens: 4000, seed: 'sipp-tk-test', referenceDate: REFERENCE_DATE });

function context(seed: string, options: { agencyDir?: string; exact?: boolean } = {}): { seedContext: SeedContext; planter: SeededIdentityPlanter } {
  const planter = createIdentityPlanter({
    agency: 'bpjs-ketenagakerjaan',
    rng: createRng(seed).fork('#planter/bpjs-ketenagakerjaan'),
    referenceDate: REFERENCE_DATE,
    rates: options.exact ? NO_PLANTS : undefined,
  });
  return {
    planter,
    seedContext: {
      population,
      byNik: indexByNik(population),
      rng: createRng(seed).fork('bpjs-ketenagakerjaan'),
      planter,
      agencyDir: options.agencyDir ?? '/nonexistent',
      referenceDate: REFERENCE_DATE,
    },
  };
}

const adults = population.people.filter((person) => {
  const age = ageOn(person.birthDate, REFERENCE_DATE);
  return age >= 18 && age <= 60;
});
const { seedContext: defaultContext, planter: defaultPlanter } = context('sipp-tk-test');
const rows: SippTkPeserta[] = buildSippTkRows(defaultContext);

describe('SIPP-TK store seed', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes; and the simulator reads it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'satu-sipptk-seed-'));
    try {
      const texts: string[] = [];
      for (const [name, seed] of [['a', 's1'], ['b', 's1'], ['c', 's2']] as const) {
        const agencyDir = join(root, name, 'bpjs-ketenagakerjaan');
        await mkdir(agencyDir, { recursive: true });
        await seedSippTkStore(context(seed, { agencyDir }).seedContext);
        texts.push(await readFile(join(agencyDir, 'kepesertaan.json'), 'utf8'));
      }
      expect(texts[0]).toBe(texts[1]);
      expect(texts[0]).not.toBe(texts[2]);
      const store = await loadSippTkStore(join(root, 'a'));
      expect(store.size).toBeGreaterThan(1000);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('enrols about 40% of adults aged 18-60, nobody outside that range, about 15% of members inactive', () => {
    const share = rows.length / adults.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
    const byNik = indexByNik(population);
    for (const row of rows) {
      const age = ageOn(byNik.get(row.NIK)!.birthDate, REFERENCE_DATE);
      expect(age >= SEED_RATES.minAge && age <= SEED_RATES.maxAge).toBe(true);
    }
    const inactive = rows.filter((row) => row.STATUS_KEPESERTAAN !== 'AKTIF').length / rows.length;
    expect(inactive).toBeGreaterThan(0.1);
    expect(inactive).toBeLessThan(0.21);
    const segments = new Set(rows.map((row) => row.SEGMEN));
    expect([...segments].sort()).toEqual(['BPU', 'JAKON', 'PMI', 'PU']);
    // Wage earners dominate, as they do in BPJS Ketenagakerjaan's membership.
    expect(rows.filter((row) => row.SEGMEN === 'PU').length / rows.length).toBeGreaterThan(0.6);
  });

  it('copies the name and birth date of exactly the members through the planter, and writes its copies', () => {
    expect([...defaultPlanter.copiedNiks('FULL_NAME')].sort()).toEqual(rows.map((row) => row.NIK).sort());
    expect(defaultPlanter.copyCounts()).toMatchObject({ FULL_NAME: rows.length, BIRTH_DATE: rows.length, SEX: 0, BIRTH_PLACE: 0, MOTHER_NAME: 0, ADDRESS: 0 });
    const byNik = new Map(rows.map((row) => [row.NIK, row]));
    expect(defaultPlanter.plants.length).toBeGreaterThan(0);
    for (const plant of defaultPlanter.plants) {
      const row = byNik.get(plant.nik)!;
      if (plant.attribute === 'FULL_NAME') expect(row.NAMA_PESERTA).toBe(plant.agencyValue);
      if (plant.attribute === 'BIRTH_DATE') expect(row.TGL_LAHIR).toBe(sippTkDateFromIso(plant.agencyValue));
    }
    // With an exact planter the copies are the registry's values in SIPP-TK notation.
    const exact = buildSippTkRows(context('sipp-tk-test', { exact: true }).seedContext);
    const people = indexByNik(population);
    for (const row of exact) {
      expect(row.NAMA_PESERTA).toBe(people.get(row.NIK)!.fullName);
      expect(row.TGL_LAHIR).toBe(sippTkDateFromIso(people.get(row.NIK)!.birthDate));
    }
  });

  it('writes SIPP-TK notation the adapter maps without a single warning', () => {
    const warn = jest.fn();
    const kpjs = new Set<string>();
    for (const row of rows) {
      kpjs.add(row.KPJ);
      expect(row.TGL_LAHIR).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      const record = toEmploymentInsurance(row, row.NIK, warn);
      expect(record.status).toBe(row.STATUS_KEPESERTAAN === 'AKTIF' ? 'ACTIVE' : 'INACTIVE');
      expect(record.memberSince! < REFERENCE_DATE).toBe(true);
    }
    expect(warn).not.toHaveBeenCalled();
    expect(kpjs.size).toBe(rows.length);
  });

  it('gives employers to PU and JAKON only, and programmes that fit the segment', () => {
    const npps = new Set(SEED_EMPLOYERS.map((employer) => employer.npp));
    expect(npps.size).toBe(SEED_EMPLOYERS.length);
    for (const row of rows) {
      const codes = row.PROGRAM.split(',');
      expect(codes.slice(0, 2)).toEqual(['JKK', 'JKM']);
      if (row.SEGMEN === 'PU' || row.SEGMEN === 'JAKON') expect(npps.has(row.NPP!)).toBe(true);
      else expect([row.NPP, row.NAMA_PERUSAHAAN]).toEqual([null, null]);
      if (row.SEGMEN !== 'PU') expect(codes.filter((code) => ['JP', 'JKP', 'JPK'].includes(code))).toEqual([]);
      if (row.SEGMEN === 'PU') expect(codes).toContain('JHT');
      if (row.SEGMEN === 'JAKON') expect(codes).toEqual(['JKK', 'JKM']);
      if (codes.includes('JKP')) expect(row.STATUS_KEPESERTAAN).toBe('AKTIF');
      expect(row.SALDO_JHT === null).toBe(!codes.includes('JHT'));
    }
    // The Jamsostek-era quirk is there for the adapter to cope with.
    expect(rows.some((row) => row.PROGRAM.includes('JPK'))).toBe(true);
  });

  it('gives JHT balances that grow with years of membership and wage, within GraphQL Int', () => {
    const balances = rows.filter((row) => row.SALDO_JHT !== null).map((row) => Number(row.SALDO_JHT));
    expect(balances.every((balance) => balance >= 0 && balance < 2_147_483_647)).toBe(true);
    const sorted = [...balances].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(3_000_000);
    expect(median).toBeLessThan(60_000_000);
    // Ten years at Rp5 million a month: 5.7% a month, grown by the development return.
    const tenYears = jhtBalance(5_000_000, 0.057, 120, 0);
    expect(tenYears).toBeGreaterThan(30_000_000);
    expect(tenYears).toBeLessThan(45_000_000);
    expect(jhtBalance(5_000_000, 0.057, 120, 12)).toBeGreaterThan(tenYears);
    expect(rupiahString(1234.5)).toBe('1234.50');
    expect(rupiahString(0.004)).toBe('0.00');
  });
});
