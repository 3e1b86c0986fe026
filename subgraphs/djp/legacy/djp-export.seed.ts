import path from 'node:path';
import { writeExportAtomically } from '../../kit/export-file/atomic-write';
import { OCCUPATION } from '../../population/attributes';
import { addDays, addYears, ageOn, fromDayNumber, toDayNumber } from '../../population/dates';
import type { Address, Person } from '../../population/person';
import type { Rng, SeedContext } from '../../population/seed-context';
import { EXPORT_FILE_NAME, encodeExport, formatExportText } from '../djp-export.format';
import { exportDate, type DetailValues } from '../djp-export.layout';
import { OUTSIDE_OFFICES, taxOfficeForDistrict, type TaxOfficeEntry } from './tax-offices';

/** Occupation groups that decide how likely an adult is a registered taxpayer. */
export type OccupationGroup = 'GOVERNMENT' | 'EMPLOYEE' | 'BUSINESS' | 'RETIRED' | 'OTHER';

/**
 * Who is a taxpayer in the synthetic population, and what DJP's export says about them.
 * Documented in README.md ("Seed"); tests check the rates.
 */
export const DJP_SEED_RATES = {
  /** Nobody younger holds a taxpayer record. */
  adultAge: 18,
  /**
   * Share registered, by occupation group (the civil registry's JENIS_PKRJN). Gives about 45%
   * of adults on the default population: most employees and business owners, few others.
   */
  registered: { GOVERNMENT: 0.95, EMPLOYEE: 0.75, BUSINESS: 0.5, RETIRED: 0.4, OTHER: 0.08 } satisfies Record<OccupationGroup, number>,
  /** Registrations are never earlier than this (the seed's horizon, not a rule of DJP's). */
  earliestRegistration: '1990-01-01',
  /** The day the NIK became the NPWP of resident individuals: later registrants get no 15-digit NPWP. */
  nikAsNpwpSince: '2024-01-01',
  /** Share of taxpayers eligible before 2024 who nevertheless registered from 2024 on (NIK only). */
  registeredSince2024: 0.08,
  /** Share of pre-2024 taxpayers whose NIK DJP has validated as their NPWP (pemadanan NIK-NPWP). */
  nikValidated: 0.85,
  /** Share administered by a KPP outside Pekanbaru (registered there before moving). */
  outsideOffice: 0.06,
  /** Share of taxpayers set non-effective (NE). */
  nonEffective: 0.1,
  /** The last annual return of an ACTIVE taxpayer registered before the last due tax year ended. */
  lastReturn: [
    ['FILED', 0.75],
    ['LATE', 0.1],
    ['NOT_FILED', 0.15],
  ],
  /** Share of NE taxpayers with an older return on record (filed before they went NE), and how it was filed. */
  nonEffectiveWithOldReturn: 0.6,
  nonEffectiveOldReturnLate: 0.2,
  /** Share of pre-2024 taxpayers holding a second, older record under the same NIK ("NPWP ganda"), set NE. */
  duplicateRecord: 0.02,
} as const;

const OCCUPATION_GROUPS: Readonly<Record<string, OccupationGroup>> = {
  [OCCUPATION.CIVIL_SERVANT]: 'GOVERNMENT',
  [OCCUPATION.ARMY]: 'GOVERNMENT',
  [OCCUPATION.POLICE]: 'GOVERNMENT',
  [OCCUPATION.PRIVATE_EMPLOYEE]: 'EMPLOYEE',
  [OCCUPATION.SOE_EMPLOYEE]: 'EMPLOYEE',
  [OCCUPATION.HONORARY]: 'EMPLOYEE',
  [OCCUPATION.TEACHER]: 'EMPLOYEE',
  [OCCUPATION.LECTURER]: 'EMPLOYEE',
  [OCCUPATION.DOCTOR]: 'EMPLOYEE',
  [OCCUPATION.MIDWIFE]: 'EMPLOYEE',
  [OCCUPATION.NURSE]: 'EMPLOYEE',
  [OCCUPATION.ENTREPRENEUR]: 'BUSINESS',
  [OCCUPATION.TRADER]: 'BUSINESS',
  [OCCUPATION.RETIRED]: 'RETIRED',
};

export function occupationGroup(occupation: string): OccupationGroup {
  return OCCUPATION_GROUPS[occupation] ?? 'OTHER';
}

/** Individual taxpayer type codes, the ST part of an old NPWP, as the seed writes them. */
const NPWP_TYPE_CODES = ['04', '05', '06', '07', '08', '09'];

/** Writes `<agencyDir>/EXPORT_WP_OP.TXT`, dated on the reference date. */
export async function seedDjp(context: SeedContext): Promise<void> {
  const text = formatExportText(buildDjpExportRecords(context), context.referenceDate);
  await writeExportAtomically(path.join(context.agencyDir, EXPORT_FILE_NAME), encodeExport(text));
}

/**
 * DJP_ADDRESS, one string as DJP holds it:
 * `<street>, RT <rt>/RW <rw>, KEL. <village>, KEC. <district>, <regency>, <province> <postal code>`,
 * every part taken from the planter's copy as it is (a former district name is the copy's).
 */
export function formatTaxpayerAddress(address: Address): string {
  return `${address.street}, RT ${address.rt}/RW ${address.rw}, KEL. ${address.village}, KEC. ${address.district}, ${address.regency}, ${address.province} ${address.postalCode}`;
}

/** The latest tax year whose filing deadline (31 March of the next year) is before the reference date. */
export function lastDueTaxYear(referenceDate: string): number {
  const year = Number(referenceDate.slice(0, 4));
  return referenceDate > `${year}-03-31` ? year - 1 : year - 2;
}

interface Registration {
  registeredOn: string;
  npwp15: string;
  office: TaxOfficeEntry;
}

/**
 * The export's detail records, in population order (a duplicate record comes before the
 * person's current one). The planter is asked once per taxpayer for each copy (name, birth
 * date, address); a duplicate record repeats that one copy.
 */
export function buildDjpExportRecords(context: SeedContext): DetailValues[] {
  const registration = context.rng.fork('registration');
  const numbers = context.rng.fork('numbers');
  const returns = context.rng.fork('returns');
  const usedNpwp = new Set<string>();
  const dueYear = lastDueTaxYear(context.referenceDate);
  const lastDayBefore = addDays(context.referenceDate, -1);
  const records: DetailValues[] = [];

  for (const person of context.population.people) {
    if (ageOn(person.birthDate, context.referenceDate) < DJP_SEED_RATES.adultAge) continue;
    if (!registration.chance(DJP_SEED_RATES.registered[occupationGroup(person.occupation)])) continue;

    const adultOn = addYears(person.birthDate, DJP_SEED_RATES.adultAge);
    const oldWindow = window(later(adultOn, DJP_SEED_RATES.earliestRegistration), addDays(DJP_SEED_RATES.nikAsNpwpSince, -1));
    const newWindow = window(later(adultOn, DJP_SEED_RATES.nikAsNpwpSince), lastDayBefore);
    const nikOnly = oldWindow === null || (newWindow !== null && registration.chance(DJP_SEED_RATES.registeredSince2024));
    const registeredWindow = nikOnly ? newWindow : oldWindow;
    if (registeredWindow === null) continue; // turned 18 on the reference date itself
    const registeredOn = dayIn(registration, registeredWindow);
    const office = registration.chance(DJP_SEED_RATES.outsideOffice)
      ? registration.pick(OUTSIDE_OFFICES)
      : taxOfficeForDistrict(person.address.districtCode);
    const nikValidated = nikOnly || registration.chance(DJP_SEED_RATES.nikValidated);
    const active = !registration.chance(DJP_SEED_RATES.nonEffective);
    const duplicateWindow = nikOnly ? null : window(later(adultOn, DJP_SEED_RATES.earliestRegistration), addDays(registeredOn, -1));
    const duplicate = duplicateWindow !== null && registration.chance(DJP_SEED_RATES.duplicateRecord);

    const identity = {
      NAMA_WP: context.planter.copyFullName(person),
      TGL_LAHIR: exportDate(context.planter.copyBirthDate(person)),
      ALAMAT: formatTaxpayerAddress(context.planter.copyAddress(person)),
    };

    if (duplicate && duplicateWindow !== null) {
      // The older registration, at the KPP of the time, later set NE when the second was found.
      const older: Registration = { registeredOn: dayIn(registration, duplicateWindow), office, npwp15: '' };
      older.npwp15 = newNpwp(numbers, older.office, usedNpwp);
      records.push(detail(person, identity, older, { status: 'N', nikValidated: false, lastReturn: blankReturn() }));
    }
    const current: Registration = { registeredOn, office, npwp15: nikOnly ? '' : newNpwp(numbers, office, usedNpwp) };
    const lastReturn = active
      ? activeReturn(returns, registeredOn, dueYear, lastDayBefore)
      : nonEffectiveReturn(returns, registeredOn, dueYear);
    records.push(detail(person, identity, current, { status: active ? 'A' : 'N', nikValidated, lastReturn }));
  }
  return records;
}

interface ReturnFields {
  THN_SPT: string;
  STATUS_SPT: string;
  TGL_SPT: string;
}

function blankReturn(): ReturnFields {
  return { THN_SPT: '', STATUS_SPT: '', TGL_SPT: '' };
}

function detail(
  person: Person,
  identity: Pick<DetailValues, 'NAMA_WP' | 'TGL_LAHIR' | 'ALAMAT'>,
  registration: Registration,
  state: { status: 'A' | 'N'; nikValidated: boolean; lastReturn: ReturnFields },
): DetailValues {
  return {
    NIK: person.nik,
    NPWP15: registration.npwp15,
    ...identity,
    KD_KPP: registration.office.code,
    NM_KPP: registration.office.name,
    STATUS_WP: state.status,
    FLAG_NIK_NPWP: state.nikValidated ? 'Y' : 'N',
    TGL_DAFTAR: exportDate(registration.registeredOn),
    ...state.lastReturn,
  };
}

/** An ACTIVE taxpayer's return for the last due tax year; none when registered after that year. */
function activeReturn(rng: Rng, registeredOn: string, dueYear: number, lastDayBefore: string): ReturnFields {
  if (registeredOn > `${dueYear}-12-31`) return blankReturn();
  const status = weighted(rng, DJP_SEED_RATES.lastReturn);
  if (status === 'NOT_FILED') return { THN_SPT: String(dueYear), STATUS_SPT: 'B', TGL_SPT: '' };
  const filingYear = dueYear + 1;
  const onTime = window(`${filingYear}-01-02`, `${filingYear}-03-31`);
  const late = window(`${filingYear}-04-01`, earlier(`${filingYear}-12-31`, lastDayBefore));
  // A late return needs a day between the deadline and the reference date; else it was filed on time.
  if (status === 'LATE' && late !== null) return { THN_SPT: String(dueYear), STATUS_SPT: 'T', TGL_SPT: exportDate(dayIn(rng, late)) };
  return { THN_SPT: String(dueYear), STATUS_SPT: 'S', TGL_SPT: exportDate(dayIn(rng, onTime!)) };
}

/** An NE taxpayer's last return, from a year before they went NE (within six years), or none. */
function nonEffectiveReturn(rng: Rng, registeredOn: string, dueYear: number): ReturnFields {
  const firstYear = Math.max(Number(registeredOn.slice(0, 4)), dueYear - 6);
  if (firstYear > dueYear - 1 || !rng.chance(DJP_SEED_RATES.nonEffectiveWithOldReturn)) return blankReturn();
  const year = rng.int(firstYear, dueYear - 1);
  const late = rng.chance(DJP_SEED_RATES.nonEffectiveOldReturnLate);
  const filed = late ? window(`${year + 1}-04-01`, `${year + 1}-12-31`) : window(`${year + 1}-01-02`, `${year + 1}-03-31`);
  return { THN_SPT: String(year), STATUS_SPT: late ? 'T' : 'S', TGL_SPT: exportDate(dayIn(rng, filed!)) };
}

/**
 * An old NPWP's 15 digits: taxpayer type (2), serial (6), a check digit (1), the KPP code (3),
 * branch 000. The seed's check digit is a Luhn digit over the first eight (DJP's own algorithm
 * is not public; the adapter does not verify it). Unique in the file.
 */
function newNpwp(rng: Rng, office: TaxOfficeEntry, used: Set<string>): string {
  for (;;) {
    const payload = rng.pick(NPWP_TYPE_CODES) + String(rng.int(0, 999_999)).padStart(6, '0');
    const npwp = `${payload}${luhnDigit(payload)}${office.code}000`;
    if (!used.has(npwp)) {
      used.add(npwp);
      return npwp;
    }
  }
}

export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

type DayWindow = readonly [number, number];

/** The days from `first` to `last` inclusive, or null when empty. */
function window(first: string, last: string): DayWindow | null {
  const from = toDayNumber(first);
  const to = toDayNumber(last);
  return from <= to ? [from, to] : null;
}

function dayIn(rng: Rng, [from, to]: DayWindow): string {
  return fromDayNumber(rng.int(from, to));
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

function weighted<T>(rng: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  let roll = rng.next();
  for (const [value, weight] of table) {
    if (roll < weight) return value;
    roll -= weight;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('empty weight table');
  return last[0];
}
