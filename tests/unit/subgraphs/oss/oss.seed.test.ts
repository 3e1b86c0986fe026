import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBusinesses } from '../../../../subgraphs/oss/business.mapper';
import { OSS_SEED_RATES, buildOssRecords, seedOssStore } from '../../../../subgraphs/oss/legacy/oss.seed';
import { loadOssStore } from '../../../../subgraphs/oss/legacy/oss.store';
import { regionOfId } from '../../../../subgraphs/oss/region-id.mapper';
import type { OssNibRecord } from '../../../../subgraphs/oss/oss-rba.wire';
import { ageOn } from '../../../../subgraphs/population/dates';
import { generatePopulation, indexByNik } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter, type SeededIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import type { Population } from '../../../../subgraphs/population/person';
import { createRng } from '../../../../subgraphs/population/rng';
import type { SeedContext } from '../../../../subgraphs/population/seed-context';

const REFERENCE_DATE = '2026-01-01';
const population: Population = generatePopulation({ citizens: 5000, seed: 'oss-seed-test', referenceDate: REFERENCE_DATE });
const byNik = indexByNik(population);

function context(seed: string, agencyDir = '/nonexistent', referenceDate = REFERENCE_DATE): { seedContext: SeedContext; planter: SeededIdentityPlanter } {
  const planter = createIdentityPlanter({ agency: 'oss', rng: createRng(seed).fork('#planter/oss'), referenceDate });
  return { seedContext: { population, byNik, rng: createRng(seed).fork('oss'), planter, agencyDir, referenceDate }, planter };
}

const adults = population.people.filter((person) => ageOn(person.birthDate, REFERENCE_DATE) >= 18);
const { seedContext: mainContext, planter: mainPlanter } = context('s1');
const records: OssNibRecord[] = buildOssRecords(mainContext);

describe('OSS store seed', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes; and the simulator reads it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'satu-oss-seed-'));
    try {
      const texts: string[] = [];
      for (const [name, seed] of [['a', 's1'], ['b', 's1'], ['c', 's2']] as const) {
        const agencyDir = join(root, name, 'oss');
        await mkdir(agencyDir, { recursive: true });
        await seedOssStore(context(seed, agencyDir).seedContext);
        texts.push(await readFile(join(agencyDir, 'nib.json'), 'utf8'));
      }
      expect(texts[0]).toBe(texts[1]);
      expect(texts[0]).not.toBe(texts[2]);
      const store = await loadOssStore(join(root, 'a'));
      expect(store.records).toBe(records.length);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it(`gives about ${OSS_SEED_RATES.microOwner * 100}% of adults a micro business and about ${OSS_SEED_RATES.smeOwner * 100}% a small or medium one`, () => {
    const byOwner = new Map<string, string[]>();
    for (const record of records) {
      const owner = record.penanggung_jawab[0]!.nik;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), record.skala_usaha]);
    }
    const micro = [...byOwner.values()].filter((scales) => scales.includes('MIKRO')).length / adults.length;
    const sme = [...byOwner.values()].filter((scales) => scales.some((scale) => scale !== 'MIKRO')).length / adults.length;
    expect(micro).toBeGreaterThan(0.1);
    expect(micro).toBeLessThan(0.14);
    expect(sme).toBeGreaterThan(0.01);
    expect(sme).toBeLessThan(0.03);
    for (const record of records) {
      for (const person of record.penanggung_jawab) expect(ageOn(byNik.get(person.nik)!.birthDate, REFERENCE_DATE)).toBeGreaterThanOrEqual(18);
    }
  });

  it('takes every name from the planter, and no other identity attribute', () => {
    const named = new Set<string>();
    for (const record of records) {
      for (const person of record.penanggung_jawab) {
        named.add(person.nik);
        expect(person.nama).toBe(mainPlanter.copyFullName(byNik.get(person.nik)!));
      }
    }
    expect(mainPlanter.copiedNiks('FULL_NAME')).toEqual(named);
    expect(mainPlanter.copiedNiks()).toEqual(named);
    expect(mainPlanter.plants.length).toBeGreaterThan(0);
    expect(new Set(mainPlanter.plants.map((plant) => plant.attribute))).toEqual(new Set(['FULL_NAME']));
  });

  it('writes what the adapter reads without a single warning, for every responsible person', () => {
    const warn = jest.fn();
    const owners = new Set(records.flatMap((record) => record.penanggung_jawab.map((person) => person.nik)));
    for (const nik of owners) {
      const own = records.filter((record) => record.penanggung_jawab.some((person) => person.nik === nik));
      const businesses = toBusinesses({ nik, jumlah_nib: own.length, daftar_nib: own }, nik, warn);
      for (const business of businesses) expect(business.riskLevel).not.toBeNull();
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('follows risk-based licensing: SS for medium risk, Izin for high, PB-UMKU expired after its validity', () => {
    const levels = new Set<string>();
    for (const record of records) {
      const kinds = record.data_izin.map((izin) => izin.jenis_izin);
      expect(kinds[0]).toBe('NIB');
      expect(record.data_izin[0]!.nomor_izin).toBe(record.nib);
      for (const activity of record.data_kbli) {
        levels.add(activity.tingkat_risiko);
        const forActivity = record.data_izin.filter((izin) => izin.kbli === activity.kbli && izin.jenis_izin !== 'PB_UMKU').map((izin) => izin.jenis_izin);
        const expected = { Rendah: [], 'Menengah Rendah': ['SS'], 'Menengah Tinggi': ['SS'], Tinggi: ['IZIN'] }[activity.tingkat_risiko];
        expect([record.nib, activity.kbli, forActivity]).toEqual([record.nib, activity.kbli, expected]);
      }
      for (const izin of record.data_izin.filter((entry) => entry.jenis_izin === 'PB_UMKU')) {
        const expired = (izin.tgl_berlaku_sampai ?? '9999') < REFERENCE_DATE;
        expect(izin.status_izin).toBe(expired ? 'KEDALUWARSA' : record.data_izin[0]!.status_izin === 'DICABUT' ? 'DICABUT' : 'AKTIF');
      }
    }
    expect(levels).toEqual(new Set(['Rendah', 'Menengah Rendah', 'Menengah Tinggi', 'Tinggi']));
  });

  it('writes OSS 1.1 records with a dotted district and a bare date, OSS-RBA ones with a village id and a time', () => {
    let migrated = 0;
    for (const record of records) {
      expect(record.nib).toMatch(/^[89][0-9]{12}$/);
      expect(regionOfId(record.kd_wilayah)).toBeDefined();
      if (record.nib.startsWith('8')) {
        migrated += 1;
        expect(record.kd_wilayah).toMatch(/^\d{2}\.\d{2}\.\d{2}$/);
        expect(record.tgl_terbit_nib).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(record.tgl_terbit_nib < '2021-08-04').toBe(true);
      } else {
        expect(record.kd_wilayah).toMatch(/^\d{10}$/);
        expect(record.tgl_terbit_nib).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        expect(record.tgl_terbit_nib >= '2021-08-04').toBe(true);
      }
      expect(record.tgl_terbit_nib.slice(0, 10) < REFERENCE_DATE).toBe(true);
    }
    expect(migrated / records.length).toBeGreaterThan(0.1);
    expect(migrated / records.length).toBeLessThan(0.35);
  });

  it('gives partnerships and companies co-owners (family first), and sole traders none', () => {
    const shared = records.filter((record) => record.penanggung_jawab.length > 1);
    expect(shared.length).toBeGreaterThan(0);
    for (const record of records) {
      const niks = record.penanggung_jawab.map((person) => person.nik);
      expect(new Set(niks).size).toBe(niks.length);
      if (record.jenis_badan_usaha === 'CV' || record.jenis_badan_usaha === 'PT') expect(niks.length).toBeGreaterThan(1);
      else expect(niks).toHaveLength(1);
    }
    const sameCard = shared.filter((record) => {
      const [owner, partner] = record.penanggung_jawab.map((person) => byNik.get(person.nik)!);
      return owner!.familyCardNumber === partner!.familyCardNumber;
    });
    expect(sameCard.length / shared.length).toBeGreaterThan(0.3);
  });

  it('writes nothing when the reference date is before OSS existed', () => {
    expect(buildOssRecords(context('s1', '/nonexistent', '2018-01-01').seedContext)).toEqual([]);
  });
});
