import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agency } from '../../../../subgraphs/kua';
import { KUA_SEED_RATES, buildKuaExportRows, kuaOfficeAt } from '../../../../subgraphs/kua/legacy/kua-export.seed';
import { KuaExportClient } from '../../../../subgraphs/kua/kua-export.client';
import type { MarriageRecord } from '../../../../subgraphs/kua/kua.records';
import { addYears } from '../../../../subgraphs/population/dates';
import { generatePopulation } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import type { Person } from '../../../../subgraphs/population/person';
import { NO_PLANTS } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';
import type { IdentityPlanter, SeedContext } from '../../../../subgraphs/population/seed-context';

const REFERENCE_DATE = '2026-01-01';
const POPULATION = generatePopulation({ citizens: 4000, seed: 'kua-seed', referenceDate: REFERENCE_DATE });
const BY_NIK = new Map(POPULATION.people.map((person) => [person.nik, person]));

/** The real planter (default rates unless told), recording each call and the copy it gave. */
function recordingPlanter(exact = false): IdentityPlanter & { calls: Array<[string, string, string]> } {
  const inner = createIdentityPlanter({ agency: 'kua', rng: createRng('kua-seed').fork('#planter/kua'), referenceDate: REFERENCE_DATE, rates: exact ? NO_PLANTS : undefined });
  const calls: Array<[string, string, string]> = [];
  const refuse = (): never => {
    throw new Error('kua does not copy this attribute');
  };
  return {
    agency: 'kua',
    calls,
    copyFullName: (person) => {
      const copy = inner.copyFullName(person);
      calls.push(['FULL_NAME', person.nik, copy]);
      return copy;
    },
    copyBirthDate: (person) => {
      const copy = inner.copyBirthDate(person);
      calls.push(['BIRTH_DATE', person.nik, copy]);
      return copy;
    },
    copySex: refuse,
    copyBirthPlace: refuse,
    copyMotherName: refuse,
    copyAddress: refuse,
  };
}

function context(agencyDir = '', exact = false): SeedContext & { planter: ReturnType<typeof recordingPlanter> } {
  return { population: POPULATION, byNik: BY_NIK, rng: createRng('kua-seed').fork('kua'), planter: recordingPlanter(exact), agencyDir, referenceDate: REFERENCE_DATE };
}

const isoOf = (written: string): string => (written.includes(' ') ? written.slice(0, 10) : written.split('-').reverse().join('-'));

describe('kua seed', () => {
  const seeded = context();
  const rows = buildKuaExportRows(seeded);
  const person = (nik: string): Person | undefined => (nik === '' ? undefined : BY_NIK.get(nik));

  /** Married Muslim couples on one card: the head and the ISTRI (or SUAMI). */
  const couples = POPULATION.families.flatMap((card) => {
    const head = BY_NIK.get(card.headNik)!;
    if (head.maritalStatus !== 'KAWIN' || head.religion !== 'ISLAM') return [];
    const spouse = card.memberNiks.map((nik) => BY_NIK.get(nik)!).find((member) => member.familyRelation === (head.sex === 'MALE' ? 'ISTRI' : 'SUAMI'));
    return spouse ? [{ card, husband: head.sex === 'MALE' ? head : spouse, wife: head.sex === 'MALE' ? spouse : head }] : [];
  });
  const rowByCouple = new Map(rows.map((row) => [`${row.NIK_SUAMI}/${row.NIK_ISTRI}`, row]));
  const stale = rows.filter((row) => person(row.NIK_SUAMI)?.maritalStatus === 'BELUM KAWIN' && person(row.NIK_ISTRI)?.maritalStatus === 'BELUM KAWIN');

  it('is deterministic: same context, same bytes', async () => {
    const directories = [fs.mkdtempSync(path.join(os.tmpdir(), 'kua-seed-')), fs.mkdtempSync(path.join(os.tmpdir(), 'kua-seed-'))];
    for (const directory of directories) await agency.seed(context(directory));
    const [first, second] = directories.map((directory) => fs.readFileSync(path.join(directory, 'SIMKAH_EKSPOR_NIKAH.csv')));
    expect(first!.equals(second!)).toBe(true);
    expect(first!.subarray(0, 3).toString('hex')).toBe('efbbbf'); // the BOM SIMKAH writes
    for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('records married Muslim couples at the documented rate, and only Muslims', () => {
    const recorded = couples.filter(({ husband, wife }) => rowByCouple.has(`${husband.nik}/${wife.nik}`)).length / couples.length;
    expect(couples.length).toBeGreaterThan(500);
    expect(recorded).toBeGreaterThan(KUA_SEED_RATES.coupleRecorded - 0.03);
    expect(recorded).toBeLessThan(Math.min(1, KUA_SEED_RATES.coupleRecorded + 0.03));
    for (const row of rows) {
      for (const nik of [row.NIK_SUAMI, row.NIK_ISTRI]) if (nik !== '') expect(person(nik)?.religion).toBe('ISLAM');
      expect(person(row.NIK_SUAMI)?.sex ?? 'MALE').toBe('MALE');
      expect(person(row.NIK_ISTRI)?.sex ?? 'FEMALE').toBe('FEMALE');
    }
  });

  it('dates each marriage after both 19th birthdays, before the eldest child and the family card, not after the reference date', () => {
    for (const { card, husband, wife } of couples) {
      const row = rowByCouple.get(`${husband.nik}/${wife.nik}`);
      if (!row) continue;
      const marriedOn = isoOf(row.TGL_AKAD);
      expect(marriedOn >= addYears(husband.birthDate, 19) && marriedOn >= addYears(wife.birthDate, 19)).toBe(true);
      expect(marriedOn < REFERENCE_DATE).toBe(true);
      // Before the card that shows them married; except where the generator issued a wife-headed card
      // before her 19th birthday (it dates such cards from the head's 17th): the 19-year rule wins.
      const later19th = [addYears(husband.birthDate, 19), addYears(wife.birthDate, 19)].sort()[1]!;
      if (card.issuedOn > later19th) expect(marriedOn < card.issuedOn).toBe(true);
      else expect(marriedOn).toBe(later19th);
      const eldest = card.memberNiks.map((nik) => BY_NIK.get(nik)!).filter((member) => member.familyRelation === 'ANAK' && member.motherNik === wife.nik);
      for (const child of eldest) expect(marriedOn <= child.birthDate).toBe(true);
    }
  });

  it('numbers marriages since October 2022 with 16 digits and older ones in free text, serials per KUA', () => {
    const newRows = rows.filter((row) => isoOf(row.TGL_AKAD) >= '2022-10-01');
    const oldRows = rows.filter((row) => isoOf(row.TGL_AKAD) < '2022-10-01');
    expect(newRows.length).toBeGreaterThan(10);
    expect(oldRows.length).toBeGreaterThan(500);
    for (const row of newRows) {
      const marriedOn = isoOf(row.TGL_AKAD);
      expect(row.NO_AKTA).toMatch(/^\d{16}$/);
      expect(row.NO_AKTA.slice(0, 13)).toBe(`${row.KODE_KUA}${marriedOn.slice(5, 7)}${marriedOn.slice(0, 4)}`);
    }
    for (const row of oldRows) expect(row.NO_AKTA).toMatch(/\//);
    expect(new Set(rows.map((row) => row.NO_AKTA)).size).toBe(rows.length);
    expect(oldRows.some((row) => /^\d{4}\/\d{2}\/[IVX]+\/\d{4}$/.test(row.NO_AKTA))).toBe(true);
    expect(oldRows.some((row) => /^Kk\.04\.2\.\d{2}\/PW\.01\/\d{4}\/\d{4}$/.test(row.NO_AKTA))).toBe(true);
  });

  it('names the KUA as it was on the day: districts renamed or split in 2021 under their former office', () => {
    expect(kuaOfficeAt('147113', '2015-05-01')).toEqual({ code: '1471081', name: 'TAMPAN', number: '08' });
    expect(kuaOfficeAt('147108', '2023-05-01')).toEqual({ code: '1471081', name: 'BINAWIDYA', number: '08' });
    expect(kuaOfficeAt('147112', '2019-01-01').name).toBe('RUMBAI PESISIR');
    expect(rows.some((row) => row.NAMA_KUA === 'KUA KECAMATAN TAMPAN')).toBe(true);
    expect(rows.some((row) => row.NAMA_KUA === 'KUA KECAMATAN BINAWIDYA')).toBe(true);
    expect(rows.filter((row) => row.TEMPAT_AKAD === 'KANTOR').every((row) => row.LOKASI_AKAD === `BALAI NIKAH ${row.NAMA_KUA.replace('KECAMATAN', 'KEC.')}`)).toBe(true);
  });

  it('plants the stale-marital-status case: recent couples both still BELUM KAWIN on different cards', () => {
    const recordedCouples = rows.filter((row) => person(row.NIK_SUAMI) && person(row.NIK_ISTRI)).length - stale.length;
    expect(stale.length).toBe(Math.round(recordedCouples * KUA_SEED_RATES.staleCouples));
    expect(stale.length).toBeGreaterThan(0);
    for (const row of stale) {
      const [husband, wife] = [person(row.NIK_SUAMI)!, person(row.NIK_ISTRI)!];
      expect(husband.familyCardNumber).not.toBe(wife.familyCardNumber);
      const marriedOn = isoOf(row.TGL_AKAD);
      expect(marriedOn >= '2025-05-06' && marriedOn <= '2025-12-18').toBe(true); // 14-240 days before the reference date
      expect(row.STATUS_NIKAH).toBe('TERCATAT');
      expect(row.NO_AKTA).toMatch(/^\d{16}$/);
    }
  });

  it("records single parents' ended marriages without the other spouse's NIK, divorces as CERAI", () => {
    const ended = rows.filter((row) => row.NIK_SUAMI === '' || row.NIK_ISTRI === '');
    expect(ended.length).toBeGreaterThan(20);
    for (const row of ended) {
      const holder = person(row.NIK_SUAMI || row.NIK_ISTRI)!;
      expect(['CERAI HIDUP', 'CERAI MATI']).toContain(holder.maritalStatus);
      expect(row.STATUS_NIKAH).toEqual(holder.maritalStatus === 'CERAI HIDUP' ? expect.stringMatching(/^CERAI (GUGAT|TALAK)$/) : 'TERCATAT');
    }
  });

  it("takes every spouse's name and birth date from the planter, once each, and writes the copy as given", () => {
    const calls = seeded.planter.calls;
    const keys = calls.map(([attribute, nik]) => `${attribute}/${nik}`);
    expect(new Set(keys).size).toBe(keys.length);
    const copy = new Map(calls.map(([attribute, nik, value]) => [`${attribute}/${nik}`, value]));
    for (const row of rows) {
      for (const [nik, name, birthDate] of [
        [row.NIK_SUAMI, row.NAMA_SUAMI, row.TGL_LAHIR_SUAMI],
        [row.NIK_ISTRI, row.NAMA_ISTRI, row.TGL_LAHIR_ISTRI],
      ] as const) {
        if (nik === '') continue;
        expect(copy.get(`FULL_NAME/${nik}`)).toBe(name);
        expect(copy.get(`BIRTH_DATE/${nik}`)).toBe(isoOf(birthDate));
      }
    }
    // With the default rates some copies differ from the registry (planted, listed in the ground truth).
    expect(calls.some(([attribute, nik, value]) => attribute === 'FULL_NAME' && value !== BY_NIK.get(nik)!.fullName)).toBe(true);
  });

  it('writes both date notations and reads back through the adapter with every value parsed', async () => {
    expect(rows.some((row) => / 00:00:00$/.test(row.TGL_AKAD))).toBe(true);
    expect(rows.some((row) => /^\d{2}-\d{2}-\d{4}$/.test(row.TGL_AKAD))).toBe(true);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kua-seed-'));
    const exact = context(directory, true);
    await agency.seed(exact);
    const client = new KuaExportClient({ path: path.join(directory, 'SIMKAH_EKSPOR_NIKAH.csv'), timeoutMs: 1000, maxValueWarnings: 0 });
    expect(await client.start()).toBe('loaded');
    const niks = exact.planter.calls.filter(([attribute]) => attribute === 'FULL_NAME').map(([, nik]) => nik);
    expect(client.status()).toMatchObject({ marriages: rows.length, citizens: niks.length, skippedLines: 0 });
    const found = await client.findMarriages(niks);
    await client.stop();
    fs.rmSync(directory, { recursive: true, force: true });

    const records: MarriageRecord[] = [...found.values()].flat();
    for (const record of records) {
      const nullable = new Set(record.spouseNik === null ? ['spouseNik'] : []);
      expect(Object.entries(record).filter(([key, value]) => value === null && !nullable.has(key))).toEqual([]);
      // An exact planter: the copies are the registry's values.
      const holder = BY_NIK.get(record.holderNik)!;
      expect([record.holderName, record.holderBirthDate, record.role]).toEqual([holder.fullName, holder.birthDate, holder.sex === 'MALE' ? 'HUSBAND' : 'WIFE']);
      if (record.spouseNik !== null) expect(record.spouseName).toBe(BY_NIK.get(record.spouseNik)!.fullName);
    }
    const formats = new Set(records.map((record) => record.certificateFormat));
    expect(formats).toEqual(new Set(['NEW_16_DIGIT', 'OLD_FREE_TEXT']));
  });
});
