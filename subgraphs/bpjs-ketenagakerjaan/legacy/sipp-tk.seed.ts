import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EDUCATION, OCCUPATION } from '../../population/attributes';
import { addYears, ageOn, fromDayNumber, toDayNumber } from '../../population/dates';
import type { Person } from '../../population/person';
import type { Rng, SeedContext } from '../../population/seed-context';
import { sippTkDateFromIso, type ProgramCode, type SegmenCode, type SippTkPeserta } from '../sipp-tk.wire';
import { employersOfKind, type EmployerKind, type SeedEmployer } from './sipp-tk.employers';
import { STORE_FILE, serializeSippTkStore } from './sipp-tk.store';

/**
 * How a person ends up in SIPP-TK. FORMER_PU: registered by an employer once, no longer
 * working for one (now a civil servant, a homemaker, unemployed, retired): an inactive PU row.
 */
type Route = SegmenCode | 'FORMER_PU';

/**
 * Chance of membership by the civil registry's occupation (JENIS_PKRJN), for people aged
 * 18-60 on the reference date; one draw per person against the cumulative shares. Civil
 * servants, soldiers and police are covered by TASPEN/ASABRI, not BPJS Ketenagakerjaan: only
 * an old KPJ from an earlier private job. Documented in the README.
 */
export const MEMBERSHIP_BY_OCCUPATION: Readonly<Record<string, ReadonlyArray<readonly [Route, number]>>> = {
  [OCCUPATION.PRIVATE_EMPLOYEE]: [['PU', 0.85]],
  [OCCUPATION.SOE_EMPLOYEE]: [['PU', 0.97]],
  [OCCUPATION.HONORARY]: [['PU', 0.6]],
  [OCCUPATION.TEACHER]: [['PU', 0.45]],
  [OCCUPATION.LECTURER]: [['PU', 0.5]],
  [OCCUPATION.DOCTOR]: [['PU', 0.4], ['BPU', 0.2]],
  [OCCUPATION.MIDWIFE]: [['PU', 0.5], ['BPU', 0.1]],
  [OCCUPATION.NURSE]: [['PU', 0.65]],
  [OCCUPATION.MECHANIC]: [['PU', 0.35], ['BPU', 0.15]],
  [OCCUPATION.DRIVER]: [['PU', 0.15], ['BPU', 0.3]],
  [OCCUPATION.ENTREPRENEUR]: [['BPU', 0.3], ['FORMER_PU', 0.05]],
  [OCCUPATION.TRADER]: [['BPU', 0.25], ['FORMER_PU', 0.03]],
  [OCCUPATION.FARMER]: [['BPU', 0.2]],
  [OCCUPATION.FISHER]: [['BPU', 0.35]],
  [OCCUPATION.DAY_LABOURER]: [['BPU', 0.15], ['JAKON', 0.15]],
  [OCCUPATION.MASON]: [['JAKON', 0.5], ['BPU', 0.1]],
  [OCCUPATION.CIVIL_SERVANT]: [['FORMER_PU', 0.05]],
  [OCCUPATION.ARMY]: [['FORMER_PU', 0.03]],
  [OCCUPATION.POLICE]: [['FORMER_PU', 0.03]],
  [OCCUPATION.HOUSEHOLD]: [['FORMER_PU', 0.06], ['PMI', 0.03]],
  [OCCUPATION.NONE]: [['FORMER_PU', 0.1], ['PMI', 0.06]],
  [OCCUPATION.STUDENT]: [['BPU', 0.03]],
  [OCCUPATION.RETIRED]: [['FORMER_PU', 0.3]],
};

/** Rates and amounts the seed works with (README, "Seed rates"). */
export const SEED_RATES = {
  minAge: 18,
  maxAge: 60,
  /** Share of rows that are AKTIF, by route (FORMER_PU rows are all NON AKTIF). */
  active: { PU: 0.96, BPU: 0.75, PMI: 0.8, JAKON: 0.7, FORMER_PU: 0 } as Record<Route, number>,
  /** PU: share with the pension programme (JP; small employers often skip it). */
  puPension: 0.8,
  /** Active PU: share with the job-loss programme (JKP, since 2021). */
  puJobLoss: 0.75,
  /** BPU and PMI: share that also pay into JHT (JKK + JKM are the minimum). */
  bpuOldAgeSavings: 0.35,
  pmiOldAgeSavings: 0.5,
  /** PU rows registered before 2014 (Jamsostek era): share still listing the obsolete JPK programme. */
  jamsostekJpk: 0.4,
  /** Inactive rows registered before 2014: share whose status is the older spelling "TIDAK AKTIF". */
  oldStatusSpelling: 0.1,
  /** Former PU members who have already claimed their JHT (balance 0.00). */
  formerClaimedJht: 0.45,
  /** JHT contribution as a share of the wage: PU 3.7% employer + 2% worker; BPU and PMI 2% of declared income. */
  jhtRatePu: 0.057,
  jhtRateOwn: 0.02,
  /** JHT development return per year, and the yearly growth of wages (to deflate past contributions). */
  jhtReturnPerYear: 0.055,
  wageGrowthPerYear: 0.06,
} as const;

/** Monthly wage ranges in rupiah (UMK Pekanbaru is about Rp3.6 million). */
const WAGE_BY_EDUCATION: Readonly<Record<string, readonly [number, number]>> = {
  [EDUCATION.SENIOR]: [3_600_000, 6_000_000],
  [EDUCATION.DIPLOMA_1_2]: [3_800_000, 6_500_000],
  [EDUCATION.DIPLOMA_3]: [4_500_000, 8_500_000],
  [EDUCATION.BACHELOR]: [5_500_000, 14_000_000],
  [EDUCATION.MASTER]: [9_000_000, 25_000_000],
  [EDUCATION.DOCTORATE]: [12_000_000, 30_000_000],
};
const WAGE_LOW_EDUCATION: readonly [number, number] = [3_500_000, 4_300_000];
const WAGE_HONORARY: readonly [number, number] = [2_500_000, 3_600_000];
const WAGE_DOCTOR: readonly [number, number] = [12_000_000, 30_000_000];
/** BPU and PMI declare their own income, on which contributions are computed. */
const DECLARED_INCOME_BPU: readonly [number, number] = [1_000_000, 5_000_000];
const DECLARED_INCOME_PMI: readonly [number, number] = [2_500_000, 10_000_000];

/** The age a wage earner usually starts working, by education. */
function workStartAge(education: string): number {
  switch (education) {
    case EDUCATION.DIPLOMA_3:
      return 21;
    case EDUCATION.BACHELOR:
      return 23;
    case EDUCATION.MASTER:
    case EDUCATION.DOCTORATE:
      return 25;
    case EDUCATION.SENIOR:
    case EDUCATION.DIPLOMA_1_2:
      return 19;
    default:
      return 18;
  }
}

const EMPLOYER_KIND_BY_OCCUPATION: Readonly<Record<string, EmployerKind>> = {
  [OCCUPATION.SOE_EMPLOYEE]: 'STATE_OWNED',
  [OCCUPATION.HONORARY]: 'GOVERNMENT',
  [OCCUPATION.TEACHER]: 'SCHOOL',
  [OCCUPATION.LECTURER]: 'UNIVERSITY',
  [OCCUPATION.DOCTOR]: 'HOSPITAL',
  [OCCUPATION.MIDWIFE]: 'HOSPITAL',
  [OCCUPATION.NURSE]: 'HOSPITAL',
  [OCCUPATION.MECHANIC]: 'WORKSHOP',
  [OCCUPATION.DRIVER]: 'TRANSPORT',
};

/** First dates of the schemes the seed respects. */
const BPU_SCHEME_START = '2014-01-01';
const PMI_SCHEME_START = '2017-01-01';
const BPJS_START = '2014-01-01';

function route(rng: Rng, occupation: string): Route | null {
  const roll = rng.next();
  let cumulative = 0;
  for (const [candidate, share] of MEMBERSHIP_BY_OCCUPATION[occupation] ?? []) {
    cumulative += share;
    if (roll < cumulative) return candidate;
  }
  return null;
}

function between(rng: Rng, [min, max]: readonly [number, number], step: number): number {
  return Math.round((min + (max - min) * rng.next()) / step) * step;
}

/** A day between `earliest` and `latest` (ISO), both inclusive; `latest` wins when they cross. */
function dayBetween(rng: Rng, earliest: string, latest: string): string {
  const from = toDayNumber(earliest);
  const to = toDayNumber(latest);
  return fromDayNumber(from >= to ? to : rng.int(from, to));
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

function monthsBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((toDayNumber(to) - toDayNumber(from)) / 30.44));
}

/**
 * The JHT balance: monthly contributions at `rate` of a wage that grew `wageGrowthPerYear`
 * (so past contributions were smaller), compounded at the development return until the
 * reference date, with the contributions stopping at `end`.
 */
export function jhtBalance(monthlyWageAtEnd: number, rate: number, contributionMonths: number, monthsSinceEnd: number): number {
  const monthlyReturn = SEED_RATES.jhtReturnPerYear / 12;
  const monthlyGrowth = Math.pow(1 + SEED_RATES.wageGrowthPerYear, 1 / 12);
  let contribution = (monthlyWageAtEnd * rate) / Math.pow(monthlyGrowth, Math.max(0, contributionMonths - 1));
  let balance = 0;
  for (let month = 0; month < contributionMonths; month++) {
    balance = balance * (1 + monthlyReturn) + contribution;
    contribution *= monthlyGrowth;
  }
  return balance * Math.pow(1 + monthlyReturn, monthsSinceEnd);
}

/** Rupiah with two decimals, SIPP-TK style ("12500000.37"), computed on whole sen so no float noise leaks in. */
export function rupiahString(amount: number): string {
  const sen = Math.round(amount * 100);
  return `${Math.floor(sen / 100)}.${String(sen % 100).padStart(2, '0')}`;
}

/** KPJ: the two-digit year of registration + 9 digits, unique in the store (our model of the number). */
function kpjNumber(rng: Rng, memberSince: string, taken: Set<string>): string {
  for (;;) {
    const candidate = `${memberSince.slice(2, 4)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

function employerFor(rng: Rng, person: Person, segment: Route): SeedEmployer | null {
  if (segment === 'BPU' || segment === 'PMI') return null;
  if (segment === 'JAKON') return rng.pick(employersOfKind('CONSTRUCTION'));
  if (segment === 'FORMER_PU') return rng.pick(employersOfKind('PRIVATE'));
  return rng.pick(employersOfKind(EMPLOYER_KIND_BY_OCCUPATION[person.occupation] ?? 'PRIVATE'));
}

function monthlyWage(rng: Rng, person: Person, segment: Route): number {
  if (segment === 'BPU') return between(rng, DECLARED_INCOME_BPU, 100_000);
  if (segment === 'PMI') return between(rng, DECLARED_INCOME_PMI, 100_000);
  if (person.occupation === OCCUPATION.HONORARY) return between(rng, WAGE_HONORARY, 50_000);
  if (person.occupation === OCCUPATION.DOCTOR) return between(rng, WAGE_DOCTOR, 100_000);
  return between(rng, WAGE_BY_EDUCATION[person.education] ?? WAGE_LOW_EDUCATION, 50_000);
}

/** Programme codes in SIPP-TK's own order (Jamsostek's: JKK, JKM, JHT, then the newer ones). */
function programmesFor(rng: Rng, segment: Route, active: boolean, memberSince: string): string[] {
  const codes: Array<ProgramCode | 'JPK'> = ['JKK', 'JKM'];
  if (segment === 'PU' || segment === 'FORMER_PU') {
    codes.push('JHT');
    if (memberSince < BPJS_START && rng.chance(SEED_RATES.jamsostekJpk)) codes.push('JPK');
    if (rng.chance(SEED_RATES.puPension)) codes.push('JP');
    if (active && rng.chance(SEED_RATES.puJobLoss)) codes.push('JKP');
  } else if (segment === 'BPU' && rng.chance(SEED_RATES.bpuOldAgeSavings)) {
    codes.push('JHT');
  } else if (segment === 'PMI' && rng.chance(SEED_RATES.pmiOldAgeSavings)) {
    codes.push('JHT');
  }
  return codes;
}

/** One adult's SIPP-TK row, or null when they hold no membership. All draws from the person's own stream. */
function memberRow(context: SeedContext, rng: Rng, person: Person, kpjs: Set<string>): SippTkPeserta | null {
  const segment = route(rng, person.occupation);
  if (segment === null) return null;

  const active = rng.chance(SEED_RATES.active[segment]);
  const latest = fromDayNumber(toDayNumber(context.referenceDate) - 1);
  const adult = addYears(person.birthDate, SEED_RATES.minAge);
  let earliest: string;
  if (segment === 'BPU') earliest = maxIso(BPU_SCHEME_START, adult);
  else if (segment === 'PMI') earliest = maxIso(PMI_SCHEME_START, adult);
  else if (segment === 'JAKON') earliest = maxIso(addYears(context.referenceDate, -3), adult);
  else earliest = maxIso(addYears(person.birthDate, workStartAge(person.education)), adult);
  const memberSince = dayBetween(rng, earliest, latest);
  // Contributions stop when the membership went inactive (a day between registration and today).
  const contributionsEnd = active ? context.referenceDate : dayBetween(rng, memberSince, latest);

  const employer = employerFor(rng, person, segment);
  const wage = monthlyWage(rng, person, segment);
  const programmes = programmesFor(rng, segment, active, memberSince);
  const claimed = segment === 'FORMER_PU' && rng.chance(SEED_RATES.formerClaimedJht);
  let saldo: string | null = null;
  if (programmes.includes('JHT')) {
    const rate = segment === 'PU' || segment === 'FORMER_PU' ? SEED_RATES.jhtRatePu : SEED_RATES.jhtRateOwn;
    const balance = jhtBalance(wage, rate, Math.max(1, monthsBetween(memberSince, contributionsEnd)), monthsBetween(contributionsEnd, context.referenceDate));
    saldo = claimed ? '0.00' : rupiahString(balance);
  }
  const oldSpelling = !active && memberSince < BPJS_START && rng.chance(SEED_RATES.oldStatusSpelling);

  return {
    KPJ: kpjNumber(rng, memberSince, kpjs),
    NIK: person.nik,
    // Identity copies go through the planter so planted differences reach the ground truth.
    NAMA_PESERTA: context.planter.copyFullName(person),
    TGL_LAHIR: sippTkDateFromIso(context.planter.copyBirthDate(person)),
    SEGMEN: segment === 'FORMER_PU' ? 'PU' : segment,
    STATUS_KEPESERTAAN: active ? 'AKTIF' : oldSpelling ? 'TIDAK AKTIF' : 'NON AKTIF',
    NPP: employer?.npp ?? null,
    NAMA_PERUSAHAAN: employer?.name ?? null,
    PROGRAM: programmes.join(','),
    SALDO_JHT: saldo,
    TGL_KEPESERTAAN: sippTkDateFromIso(memberSince),
  };
}

/** Builds the SIPP-TK store rows in population order (exported for tests; `seedSippTkStore` writes them). */
export function buildSippTkRows(context: SeedContext): SippTkPeserta[] {
  // A stream per person: one person's draws never shift another's.
  const members = context.rng.fork('member');
  const kpjs = new Set<string>();
  const rows: SippTkPeserta[] = [];
  for (const person of context.population.people) {
    const age = ageOn(person.birthDate, context.referenceDate);
    if (age < SEED_RATES.minAge || age > SEED_RATES.maxAge) continue;
    const row = memberRow(context, members.fork(person.nik), person, kpjs);
    if (row) rows.push(row);
  }
  return rows;
}

/** Writes `<agencyDir>/kepesertaan.json`, the store the SIPP-TK simulator serves. */
export async function seedSippTkStore(context: SeedContext): Promise<void> {
  await writeFile(join(context.agencyDir, STORE_FILE), serializeSippTkStore(buildSippTkRows(context)), 'utf8');
}
