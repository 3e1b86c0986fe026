import { writeFile } from 'node:fs/promises';
import { isCalendarDate } from '../../kit/nik';
import type { Person } from '../../population/person';
import type { Rng, SeedContext } from '../../population/seed-context';
import { formatOracleDate } from '../oracle-date';
import { SIMKIM_MAIN_OFFICE as MAIN_OFFICE, SIMKIM_MPP_OFFICE as MPP_OFFICE } from './simkim.offices';
import { formatPasporTable, pasporTablePath, type PasporRow } from './simkim.store';

/**
 * Who holds a passport, and what SIMKIM holds about them (README.md, "Seed"). Every rate is
 * here so the README and the code cannot drift apart.
 */
export const SIMKIM_SEED_RATES = {
  /** Residents aged 17 or more on the reference date who hold at least one passport. */
  adultHolder: 0.12,
  /** Residents under 17 who hold one (family travel, umrah). */
  minorHolder: 0.04,
  /** Adult holders who also have an older, expired passport (issued before the current one). */
  previousPassport: 0.35,
  /** Current passports that are electronic (PE), diplomatic (PD) or service (PN); the rest are PB. */
  electronic: 0.35,
  diplomatic: 0.003,
  service: 0.01,
  /** Passports reported lost (H) or revoked (C); the rest are A (aktif). */
  lost: 0.015,
  revoked: 0.01,
  /** Passports issued since the MPP opened (2019-03-06) that its passport counter issued. */
  issuedAtMpp: 0.2,
  /** Older passports issued before 2010 that carry the old two-letter series (`AR123456`). */
  oldSeries: 0.5,
} as const;

/** Since 12 Oct 2022 an adult's ordinary passport is valid ten years; before, and for minors, five. */
const TEN_YEAR_VALIDITY_FROM = '2022-10-12';
const MPP_OPENED = '2019-03-06';
/** Rows written before 2012 came from an application server whose session used NLS_DATE_LANGUAGE=INDONESIAN. */
const INDONESIAN_NLS_BEFORE = '2012-01-01';
/** SIMKIM's data starts with its 2006 migration; no passport in the table is older. */
const OLDEST_ISSUE = '2006-01-02';

/** Other Riau offices where Pekanbaru residents also apply, with their share of the rest. */
const OTHER_OFFICES: ReadonlyArray<readonly [string, number]> = [
  [MAIN_OFFICE, 0.86],
  ['KANTOR IMIGRASI KELAS II TPI DUMAI', 0.05],
  ['KANTOR IMIGRASI KELAS II TPI BAGAN SIAPIAPI', 0.03],
  ['KANTOR IMIGRASI KELAS II TPI TEMBILAHAN', 0.03],
  ['KANTOR IMIGRASI KELAS II TPI SELATPANJANG', 0.03],
];

type PasporType = 'PB' | 'PE' | 'PD' | 'PN';

interface HolderCopy {
  nik: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  birthPlace: string;
  sex: 'M' | 'F';
}

/** Writes `<agencyDir>/T_PASPOR.csv`. */
export async function seedSimkim(context: SeedContext): Promise<void> {
  await writeFile(pasporTablePath(context.agencyDir), formatPasporTable(buildPasporRows(context)));
}

/** The rows of T_PASPOR, oldest passport first per holder, holders in population order. */
export function buildPasporRows(context: SeedContext): PasporRow[] {
  const holders = context.rng.fork('holders');
  const passports = context.rng.fork('passports');
  const usedNumbers = new Set<string>();
  const rows: PasporRow[] = [];
  for (const person of context.population.people) {
    const adult = ageOn(person.birthDate, context.referenceDate) >= 17;
    if (!holders.chance(adult ? SIMKIM_SEED_RATES.adultHolder : SIMKIM_SEED_RATES.minorHolder)) continue;
    const holder = copyHolder(person, context);
    for (const passport of passportsOf(person, adult, context.referenceDate, passports, usedNumbers)) {
      rows.push(toRow(holder, passport));
    }
  }
  return rows;
}

/**
 * One identity copy per holder, from the planter (so planted differences reach the ground
 * truth), reused on each of their passports: SIMKIM keeps the holder's data page once.
 * SIMKIM quirk: the MRZ forces a split: SURNAME is the last word, GIVEN_NAMES the rest
 * (NULL for a single name), so GIVEN_NAMES + ' ' + SURNAME gives back the planter's string.
 */
function copyHolder(person: Person, context: SeedContext): HolderCopy {
  const name = context.planter.copyFullName(person, { passport: true });
  const birthDate = context.planter.copyBirthDate(person);
  const birthPlace = context.planter.copyBirthPlace(person);
  const sex = context.planter.copySex(person);
  const { surname, givenNames } = splitPassportName(name);
  return { nik: person.nik, surname, givenNames, birthDate, birthPlace, sex: sex === 'MALE' ? 'M' : 'F' };
}

/** `MUHAMMAD RIZKI` -> SURNAME `RIZKI`, GIVEN_NAMES `MUHAMMAD`; `SUKARNO` -> SURNAME `SUKARNO`, GIVEN_NAMES ''. */
export function splitPassportName(name: string): { surname: string; givenNames: string } {
  const cut = name.lastIndexOf(' ');
  if (cut === -1) return { surname: name, givenNames: '' };
  return { surname: name.slice(cut + 1), givenNames: name.slice(0, cut) };
}

interface SeedPassport {
  number: string;
  type: PasporType;
  issueDate: string;
  expiryDate: string;
  office: string;
  status: 'A' | 'C' | 'H';
}

function passportsOf(person: Person, adult: boolean, today: string, rng: Rng, used: Set<string>): SeedPassport[] {
  const earliest = maxIso(person.birthDate, OLDEST_ISSUE);
  const current = issueBetween(rng, earliest, today, 3650);
  const list: SeedPassport[] = [];
  if (adult && rng.chance(SIMKIM_SEED_RATES.previousPassport)) {
    // The older passport ran its five years and was replaced within three years of expiring.
    const olderIssue = addDays(addYears(current, -5), -rng.int(0, 1095));
    if (olderIssue >= earliest) list.push(makePassport(person, olderIssue, 'PB', rng, used));
  }
  list.push(makePassport(person, current, currentType(rng), rng, used));
  return list;
}

function currentType(rng: Rng): PasporType {
  const roll = rng.next();
  if (roll < SIMKIM_SEED_RATES.diplomatic) return 'PD';
  if (roll < SIMKIM_SEED_RATES.diplomatic + SIMKIM_SEED_RATES.service) return 'PN';
  if (roll < SIMKIM_SEED_RATES.diplomatic + SIMKIM_SEED_RATES.service + SIMKIM_SEED_RATES.electronic) return 'PE';
  return 'PB';
}

function makePassport(person: Person, issueDate: string, type: PasporType, rng: Rng, used: Set<string>): SeedPassport {
  const adultAtIssue = ageOn(person.birthDate, issueDate) >= 17;
  const years = adultAtIssue && issueDate >= TEN_YEAR_VALIDITY_FROM ? 10 : 5;
  const statusRoll = rng.next();
  const status = statusRoll < SIMKIM_SEED_RATES.lost ? 'H' : statusRoll < SIMKIM_SEED_RATES.lost + SIMKIM_SEED_RATES.revoked ? 'C' : 'A';
  return {
    number: passportNumber(type, issueDate, rng, used),
    type,
    issueDate,
    expiryDate: addYears(issueDate, years),
    office: issueDate >= MPP_OPENED && rng.chance(SIMKIM_SEED_RATES.issuedAtMpp) ? MPP_OFFICE : weighted(rng, OTHER_OFFICES),
    status,
  };
}

/** One letter + 7 digits by series (A-C ordinary, X electronic, D diplomatic, S service); pre-2010 old series: two letters + 6 digits. */
function passportNumber(type: PasporType, issueDate: string, rng: Rng, used: Set<string>): string {
  for (;;) {
    let number: string;
    if (type === 'PB' && issueDate < '2010-01-01' && rng.chance(SIMKIM_SEED_RATES.oldSeries)) {
      number = `A${rng.pick(['R', 'S', 'T'])}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    } else {
      const letter = type === 'PE' ? 'X' : type === 'PD' ? 'D' : type === 'PN' ? 'S' : rng.pick(['A', 'B', 'C']);
      number = `${letter}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    }
    if (!used.has(number)) {
      used.add(number);
      return number;
    }
  }
}

function toRow(holder: HolderCopy, passport: SeedPassport): PasporRow {
  const language = passport.issueDate < INDONESIAN_NLS_BEFORE ? 'INDONESIAN' : 'AMERICAN';
  return {
    NO_PASPOR: passport.number,
    NIK: holder.nik,
    SURNAME: holder.surname,
    GIVEN_NAMES: holder.givenNames,
    TGL_LAHIR: oracleDate(holder.birthDate, language),
    TMPT_LAHIR: holder.birthPlace,
    JNS_KELAMIN: holder.sex,
    JNS_PASPOR: passport.type,
    TGL_TERBIT: oracleDate(passport.issueDate, language),
    TGL_HABIS_BERLAKU: oracleDate(passport.expiryDate, language),
    KANTOR_PENERBIT: passport.office,
    STATUS_PASPOR: passport.status,
  };
}

/** A planted copy is normally a real date; anything else is written as it came (the mapper nulls it). */
function oracleDate(iso: string, language: 'AMERICAN' | 'INDONESIAN'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return iso;
  return formatOracleDate(iso, language);
}

function issueBetween(rng: Rng, earliest: string, latest: string, maxDaysBack: number): string {
  const span = Math.min(maxDaysBack, daysBetween(earliest, latest));
  return addDays(latest, -rng.int(0, Math.max(0, span)));
}

function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}

function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

function toUtc(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * 86_400_000);
}

/** Same day and month N years on; 29 Feb becomes 28 Feb in a common year. */
function addYears(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const month = Number(iso.slice(5, 7));
  let day = Number(iso.slice(8, 10));
  if (!isCalendarDate(year, month, day)) day -= 1;
  return `${String(year).padStart(4, '0')}-${iso.slice(5, 7)}-${String(day).padStart(2, '0')}`;
}

function daysBetween(from: string, to: string): number {
  return Math.floor((toUtc(to) - toUtc(from)) / 86_400_000);
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}
