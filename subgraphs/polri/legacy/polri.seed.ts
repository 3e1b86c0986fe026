import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addYears, ageOn, fromDayNumber, isoFromParts, parseIsoDate, toDayNumber } from '../../population/dates';
import type { Person } from '../../population/person';
import { pickWeighted } from '../../population/rng';
import type { Rng, SeedContext } from '../../population/seed-context';
import { formatPolriDate } from '../polri-date';
import type { DrivingLicenseClassName } from '../polri.records';
import { JENIS_KELAMIN, type SimRow, type SkckRow } from '../polri.wire';
import { SIM_FILE, SKCK_FILE, serializeStoreRows } from './polri.store';

/**
 * Who holds a driving licence or a police clearance in the synthetic population, and how
 * POLRI-SIM writes them. Documented in README.md ("Seed"); tests check the rates.
 */
export const POLRI_SEED_RATES = {
  /** Share of adults holding each class, by sex (several classes per person are possible, each drawn on its own). */
  holders: {
    C: { MALE: 0.62, FEMALE: 0.48 },
    A: { MALE: 0.26, FEMALE: 0.14 },
    B_I: { MALE: 0.05, FEMALE: 0.005 },
    B_II: { MALE: 0.015, FEMALE: 0 },
    // The population carries no disability attribute: D is drawn at a small flat rate.
    D: { MALE: 0.003, FEMALE: 0.003 },
  },
  /** Among C holders: also a C I (250-500 cc) or a C II (over 500 cc) licence. */
  upgradeOfC: { C_I: 0.02, C_II: 0.007 },
  /** Share of A, B I and B II licences that are the public-transport variant (SIM umum). */
  publicTransport: { A: 0.1, B_I: 0.35, B_II: 0.4 } as Partial<Record<DrivingLicenseClassName, number>>,
  /** People this old or older hold each class at half the rate. */
  elderlyAge: 70,
  elderlyFactor: 0.5,
  /** Share of licences not renewed: expired between 1 day and 6 years ago (when the holder is old enough). */
  expired: 0.15,
  /** Share of licence numbers written grouped with dashes ("0985-1471-0123"). */
  numberGrouped: 0.15,
  /** Police clearance: share of people aged 17-60 with an SKCK issued in the last 12 months. */
  skck: 0.08,
  skckAge: { min: 17, max: 60 },
  /** Among them: an earlier SKCK (2-8 years before) is also in the store. */
  skckEarlier: 0.25,
} as const;

/** Minimum age per class (Perpol 5/2021). */
const MIN_AGE: Record<DrivingLicenseClassName, number> = { A: 17, B_I: 20, B_II: 21, C: 17, C_I: 18, C_II: 19, D: 17 };
/** Store order of a person's licences. */
const CLASS_ORDER: readonly DrivingLicenseClassName[] = ['A', 'B_I', 'B_II', 'C', 'C_I', 'C_II', 'D'];

/** How counters type each class in `gol_sim` (every spelling here reads back; unknown spellings are the adapter's test's business). */
const CLASS_NOTATION: Record<string, ReadonlyArray<readonly [string, number]>> = {
  A: [['A', 1]],
  'A UMUM': [['A UMUM', 0.8], ['A-UMUM', 0.2]],
  B_I: [['B I', 0.5], ['BI', 0.25], ['B1', 0.25]],
  'B_I UMUM': [['B I UMUM', 0.6], ['BI UMUM', 0.4]],
  B_II: [['B II', 0.5], ['BII', 0.3], ['B 2', 0.2]],
  'B_II UMUM': [['B II UMUM', 0.6], ['BII UMUM', 0.4]],
  C: [['C', 1]],
  C_I: [['C I', 0.5], ['CI', 0.5]],
  C_II: [['C II', 0.5], ['CII', 0.5]],
  D: [['D', 1]],
};

/** Issuing offices with the region code the seed puts in the licence number (our model of the number). */
const OFFICES_ALL = [
  ['SATPAS POLRESTA PEKANBARU', 0.72],
  ['SIM KELILING POLRESTA PEKANBARU', 0.1],
  ['GERAI SIM MPP PEKANBARU', 0.08],
  ['SATPAS POLRES KAMPAR', 0.05],
  ['SATPAS POLRES SIAK', 0.03],
  ['SATPAS POLRES DUMAI', 0.02],
] as const;
/** Mobile units and mall counters only renew A and C: other classes come from a Satpas. */
const OFFICES_SATPAS = [
  ['SATPAS POLRESTA PEKANBARU', 0.85],
  ['SATPAS POLRES KAMPAR', 0.08],
  ['SATPAS POLRES SIAK', 0.04],
  ['SATPAS POLRES DUMAI', 0.03],
] as const;
const OFFICE_CODE: Record<string, string> = {
  'SATPAS POLRESTA PEKANBARU': '1471',
  'SIM KELILING POLRESTA PEKANBARU': '1471',
  'GERAI SIM MPP PEKANBARU': '1471',
  'SATPAS POLRES KAMPAR': '1401',
  'SATPAS POLRES SIAK': '1408',
  'SATPAS POLRES DUMAI': '1472',
};
/** Cards issued from this date carry 14-digit numbers; earlier ones 12 digits. */
const FOURTEEN_DIGITS_FROM = '2019-01-01';

const SKCK_PURPOSES = [
  ['MELAMAR PEKERJAAN', 0.5],
  ['PENDAFTARAN CPNS', 0.12],
  ['PENDAFTARAN PPPK', 0.06],
  ['MELANJUTKAN PENDIDIKAN', 0.08],
  ['PERSYARATAN VISA', 0.07],
  ['PENDAFTARAN TNI/POLRI', 0.04],
  ['PERSYARATAN IZIN USAHA', 0.05],
  ['ADMINISTRASI PERBANKAN', 0.08],
] as const;
const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export interface PolriSeedRows {
  sim: SimRow[];
  skck: SkckRow[];
}

/** Writes `<agencyDir>/sim.json` and `<agencyDir>/skck.json`, the store the POLRI-SIM simulator serves. */
export async function seedPolriStore(context: SeedContext): Promise<void> {
  const rows = buildPolriRows(context);
  await writeFile(join(context.agencyDir, SIM_FILE), serializeStoreRows(rows.sim), 'utf8');
  await writeFile(join(context.agencyDir, SKCK_FILE), serializeStoreRows(rows.skck), 'utf8');
}

/**
 * The store's rows, in population order. Each adult draws from a stream of their own (forked
 * by NIK), so one person's draws never shift another's; within it the fixed-count draws come
 * first (which licences, which SKCKs, their dates and offices), then the notation of each
 * row. The planter is asked for the identity copies of holders only; its cache gives a
 * person's SIM and SKCK rows the same copy.
 */
export function buildPolriRows(context: SeedContext): PolriSeedRows {
  const calendar = seedCalendar(context.referenceDate);
  const usedNumbers = new Set<string>();
  const sim: SimRow[] = [];
  const skck: SkckRow[] = [];
  for (const person of context.population.people) {
    const age = ageOn(person.birthDate, context.referenceDate);
    if (age < 17) continue;
    const rng = context.rng.fork(person.nik);
    const licences = drawLicences(rng, person, age, calendar);
    const clearances = drawClearances(rng, person, age, calendar);
    if (licences.length > 0) {
      const nama = context.planter.copyFullName(person);
      const tempatLahir = context.planter.copyBirthPlace(person);
      const tglLahir = formatPolriDate(context.planter.copyBirthDate(person));
      const jenisKelamin = JENIS_KELAMIN[context.planter.copySex(person)];
      for (const licence of licences) {
        const classKey = licence.publicTransport ? `${licence.class} UMUM` : licence.class;
        const number = licenceNumber(rng, person, licence, usedNumbers);
        sim.push({
          no_sim: rng.chance(POLRI_SEED_RATES.numberGrouped) ? grouped(number) : number,
          nik: person.nik,
          nama,
          tempat_lahir: tempatLahir,
          tgl_lahir: tglLahir,
          jenis_kelamin: jenisKelamin,
          gol_sim: pickWeighted(rng, CLASS_NOTATION[classKey] ?? [[licence.class, 1]]),
          tgl_terbit: formatPolriDate(licence.issueDate),
          tgl_berlaku: formatPolriDate(licence.expiryDate),
          satpas: licence.office,
        });
      }
    }
    if (clearances.length > 0) {
      const nama = context.planter.copyFullName(person);
      for (const clearance of clearances) {
        const { no_skck, ...rest } = clearance;
        // POLRI-SIM's field order: the number, then whose it is, then the rest.
        skck.push({ no_skck, nik: person.nik, nama, ...rest });
      }
    }
  }
  return { sim, skck };
}

interface SeedLicence {
  class: DrivingLicenseClassName;
  publicTransport: boolean;
  issueDate: string;
  expiryDate: string;
  office: string;
}

/** Day numbers derived from the reference date, computed once per run (date parsing is the seed's hot path). */
interface SeedCalendar {
  referenceDate: string;
  reference: number;
  fiveYearsAgo: number;
  elevenYearsAgo: number;
}

function seedCalendar(referenceDate: string): SeedCalendar {
  return {
    referenceDate,
    reference: toDayNumber(referenceDate),
    fiveYearsAgo: toDayNumber(addYears(referenceDate, -5)),
    elevenYearsAgo: toDayNumber(addYears(referenceDate, -11)),
  };
}

/** A weighted choice from a roll in [0, 1) drawn beforehand (so the draw happens whether or not the choice is needed). */
function byRoll<T>(roll: number, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let point = roll * total;
  for (const [value, weight] of table) {
    point -= weight;
    if (point < 0) return value;
  }
  return table[table.length - 1]![0];
}

function drawLicences(rng: Rng, person: Person, age: number, calendar: SeedCalendar): SeedLicence[] {
  const rates = POLRI_SEED_RATES;
  const factor = age >= rates.elderlyAge ? rates.elderlyFactor : 1;
  // Every draw is made whatever the outcome, so a person's later draws do not depend on earlier ones.
  const holds = new Set<DrivingLicenseClassName>();
  for (const cls of ['C', 'A', 'B_I', 'B_II', 'D'] as const) {
    const drawn = rng.chance(rates.holders[cls][person.sex] * factor);
    if (drawn && age >= MIN_AGE[cls]) holds.add(cls);
  }
  const upgradeCI = rng.chance(rates.upgradeOfC.C_I);
  const upgradeCII = rng.chance(rates.upgradeOfC.C_II);
  if (holds.has('C') && upgradeCI && age >= MIN_AGE.C_I) holds.add('C_I');
  if (holds.has('C') && upgradeCII && age >= MIN_AGE.C_II) holds.add('C_II');

  const licences: SeedLicence[] = [];
  for (const cls of CLASS_ORDER) {
    const publicTransport = rng.chance(rates.publicTransport[cls] ?? 0);
    const expired = rng.chance(rates.expired);
    const issueRoll = rng.next();
    const officeRoll = rng.next();
    if (!holds.has(cls)) continue;
    const issueDate = issueDateFor(person.birthDate, MIN_AGE[cls], calendar, expired, issueRoll);
    if (issueDate === null) continue;
    const office = byRoll(officeRoll, cls === 'A' || cls === 'C' ? OFFICES_ALL : OFFICES_SATPAS);
    licences.push({ class: cls, publicTransport, issueDate, expiryDate: expiryFor(person.birthDate, issueDate), office });
  }
  return licences;
}

/**
 * The last issue (or renewal) date. A current licence was issued in the five years before the
 * reference date; an expired one 5 to 11 years before. Never before the class's minimum age;
 * an expired draw for someone too young for that becomes a current one.
 */
function issueDateFor(birthDate: string, minAge: number, calendar: SeedCalendar, expired: boolean, roll: number): string | null {
  const eligible = toDayNumber(addYears(birthDate, minAge));
  const { reference, fiveYearsAgo, elevenYearsAgo } = calendar;
  if (eligible > reference) return null;
  if (expired) {
    const from = Math.max(eligible, elevenYearsAgo);
    if (from <= fiveYearsAgo) return fromDayNumber(from + Math.floor(roll * (fiveYearsAgo - from + 1)));
  }
  const from = Math.max(eligible, fiveYearsAgo + 1);
  return fromDayNumber(from + Math.floor(roll * (reference - from + 1)));
}

/** The seed's model of the expiry: the holder's birthday in the fifth year after issue (29 February -> 28). */
function expiryFor(birthDate: string, issueDate: string): string {
  const { month, day } = parseIsoDate(birthDate);
  const year = parseIsoDate(issueDate).year + 5;
  return isoFromParts(year, month, month === 2 && day === 29 && !isLeap(year) ? 28 : day);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Our model of the number (it does not encode the class): the holder's birth yymm, the
 * office's region code, then a serial of 4 digits (12-digit cards, issued before 2019) or 6
 * digits (14-digit cards). Unique in the store.
 */
function licenceNumber(rng: Rng, person: Person, licence: SeedLicence, used: Set<string>): string {
  const { year, month } = parseIsoDate(person.birthDate);
  const prefix = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${OFFICE_CODE[licence.office] ?? '1471'}`;
  const serialDigits = licence.issueDate < FOURTEEN_DIGITS_FROM ? 4 : 6;
  for (;;) {
    const number = prefix + String(rng.int(0, 10 ** serialDigits - 1)).padStart(serialDigits, '0');
    if (!used.has(number)) {
      used.add(number);
      return number;
    }
  }
}

function grouped(number: string): string {
  return `${number.slice(0, 4)}-${number.slice(4, 8)}-${number.slice(8)}`;
}

type SeedClearance = Omit<SkckRow, 'nik' | 'nama'>;

/** Every draw is made whatever the outcome (a fixed count per person), like drawLicences. */
function drawClearances(rng: Rng, person: Person, age: number, calendar: SeedCalendar): SeedClearance[] {
  const rates = POLRI_SEED_RATES;
  const holds = rng.chance(rates.skck);
  const earlier = rng.chance(rates.skckEarlier);
  const earlierDaysAgo = rng.int(2 * 365, 8 * 365);
  const recentDaysAgo = rng.int(0, 364);
  const drawn = [0, 1].map(() => ({ purposeRoll: rng.next(), local: rng.chance(0.4), serial: rng.int(1, 99_999) }));
  if (!holds || age < rates.skckAge.min || age > rates.skckAge.max) return [];

  const seventeen = addYears(person.birthDate, 17);
  const issues: string[] = [];
  const earlierDate = fromDayNumber(calendar.reference - earlierDaysAgo);
  if (earlier && earlierDate >= seventeen) issues.push(earlierDate);
  const recentDate = fromDayNumber(calendar.reference - recentDaysAgo);
  issues.push(recentDate < seventeen ? seventeen : recentDate);
  return issues.map((issueDate, index) => {
    const { purposeRoll, local, serial } = drawn[index]!;
    const purpose = byRoll(purposeRoll, SKCK_PURPOSES);
    const { year, month } = parseIsoDate(issueDate);
    return {
      no_skck: `SKCK/YANMAS/${String(serial).padStart(5, '0')}/${ROMAN_MONTHS[month - 1]}/${year}/INTELKAM`,
      tgl_terbit: formatPolriDate(issueDate),
      tgl_berlaku: formatPolriDate(addMonths(issueDate, 6)),
      keperluan: purpose,
      kesatuan: officeForPurpose(purpose, local, person),
    };
  });
}

/** SKCKs for going abroad come from the Polda; for civil-service, TNI/Polri and jobs from the Polresta; others often from the Polsek. */
function officeForPurpose(purpose: string, local: boolean, person: Person): string {
  if (purpose === 'PERSYARATAN VISA') return 'POLDA RIAU';
  if (purpose.startsWith('PENDAFTARAN') || purpose === 'MELAMAR PEKERJAAN' || !local) return 'POLRESTA PEKANBARU';
  return `POLSEK ${person.address.district}`;
}

/** The same day `months` later (the 31st falls back to the month's last day). */
function addMonths(iso: string, months: number): string {
  const { year, month, day } = parseIsoDate(iso);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return isoFromParts(targetYear, targetMonth, Math.min(day, lastDay));
}
