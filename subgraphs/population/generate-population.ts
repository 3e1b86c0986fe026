import { districtByCode, RIAU_PROVINCE } from '../kit/regions';
import { bloodTypeFor, educationFor, ektpStatusFor, occupationFor } from './attributes';
import { addYears, ageOnDay, ddmmyyOfDay, fromDayNumber, isIsoDate, pad2, parseIsoDate, partsOfDay, toDayNumber, type DateParts } from './dates';
import { chineseStyleName, hasInheritedSurname, personName, pickSurname, surnameOf, type Culture } from './names';
import type { Address, FamilyCard, FamilyRelation, MaritalStatus, Person, Population, Religion, Sex } from './person';
import {
  BIRTH_PLACES,
  DISTRICT_SPLIT_DATE,
  PEKANBARU_DISTRICT_PLACES,
  RIAU_DISTRICT_COUNTS,
  STREET_NAMES,
  type BirthPlace,
  type DistrictPlaces,
} from './places';
import { createRng, pickWeighted } from './rng';
import type { Rng } from './seed-context';

/** The population's "today" unless told otherwise: fixed, never the wall clock. */
export const DEFAULT_REFERENCE_DATE = '2026-01-01';
export const MAX_CITIZENS = 1_000_000;
/** Nobody is older than this at the reference date, so the NIK's two-digit year is never ambiguous. */
export const MAX_AGE = 88;

export interface GeneratePopulationOptions {
  /** Exactly this many people. */
  citizens: number;
  /** Any string. */
  seed: string;
  /** ISO yyyy-mm-dd, default DEFAULT_REFERENCE_DATE. */
  referenceDate?: string;
  /** The stream to draw from (default: `createRng(seed).fork('#population')`, the stream writeDataDirectory uses, so the same seed gives the people of the data directory). */
  rng?: Rng;
}

/**
 * Residents of Kota Pekanbaru in family cards, deterministic for a seed: same options,
 * same people in the same order (card by card, head first). See README.md for the model.
 */
export function generatePopulation(options: GeneratePopulationOptions): Population {
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  if (!Number.isInteger(options.citizens) || options.citizens < 1 || options.citizens > MAX_CITIZENS) {
    throw new RangeError(`citizens must be an integer from 1 to ${MAX_CITIZENS}, got ${options.citizens}`);
  }
  if (!isIsoDate(referenceDate)) throw new RangeError(`referenceDate must be a real date yyyy-mm-dd, got "${referenceDate}"`);
  const rng = options.rng ?? createRng(options.seed).fork('#population');
  const builder = new PopulationBuilder(rng, referenceDate);
  while (builder.people.length < options.citizens) {
    builder.addHousehold(options.citizens - builder.people.length);
  }
  return { people: builder.people, families: builder.families };
}

/** Look-up by NIK over a population (what SeedContext.byNik holds). */
export function indexByNik(population: Population): ReadonlyMap<string, Person> {
  return new Map(population.people.map((person) => [person.nik, person]));
}

// ---------------------------------------------------------------------------------------------

/** Household shares by culture; religion follows (Riau: Islam ~86%, Protestant ~9%, Catholic ~1.5%, Buddhist ~3%). */
const CULTURE_WEIGHTS: readonly (readonly [Culture, number])[] = [
  ['MINANG', 33],
  ['MELAYU', 27],
  ['JAWA', 21],
  ['MANDAILING', 5],
  ['BATAK', 9.7],
  ['TIONGHOA', 4],
  ['BALI', 0.1],
];

const MUSLIM_CULTURES: readonly Culture[] = ['MINANG', 'MELAYU', 'JAWA', 'MANDAILING'];

function religionFor(rng: Rng, culture: Culture): Religion {
  switch (culture) {
    case 'BATAK':
      return rng.chance(0.12) ? 'KATHOLIK' : 'KRISTEN';
    case 'TIONGHOA':
      return pickWeighted<Religion>(rng, [['BUDHA', 75], ['KHONGHUCU', 6], ['KRISTEN', 12], ['KATHOLIK', 7]]);
    case 'BALI':
      return 'HINDU';
    default:
      return 'ISLAM';
  }
}

/** Age of a couple's head, in bands with their shares. */
const HEAD_AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[22, 29], 12],
  [[30, 39], 28],
  [[40, 49], 26],
  [[50, 59], 19],
  [[60, 69], 11],
  [[70, 82], 4],
];

/** How many years younger than her husband a wife is (negative: older). */
const WIFE_GAP_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[-2, 0], 15],
  [[1, 5], 60],
  [[6, 10], 25],
];

type HouseholdKind = 'COUPLE' | 'COUPLE_WITH_ELDER' | 'SINGLE_PARENT' | 'SINGLE';

const HOUSEHOLD_WEIGHTS: readonly (readonly [HouseholdKind, number])[] = [
  ['COUPLE', 66],
  ['COUPLE_WITH_ELDER', 8],
  ['SINGLE_PARENT', 10],
  ['SINGLE', 16],
];

/** A member while the card is being put together (NIK and card number come later). */
interface Draft {
  name: string;
  sex: Sex;
  birthDay: number;
  culture: Culture;
  relation: FamilyRelation;
  maritalStatus: MaritalStatus;
  birthPlace: BirthPlace;
  isChild: boolean;
  nik: string;
  motherName: string;
  /** The mother when she is on this card (her NIK becomes motherNik once assigned). */
  mother?: Draft;
  fatherName: string;
  father?: Draft;
}

type BirthRegion = 'PEKANBARU' | 'RIAU' | 'OWN' | 'OTHER';
const birthRegions = (pekanbaru: number, riau: number, own: number, other: number): readonly (readonly [BirthRegion, number])[] => [
  ['PEKANBARU', pekanbaru],
  ['RIAU', riau],
  ['OWN', own],
  ['OTHER', other],
];
/** Where adults were born, by culture: Pekanbaru, elsewhere in Riau, their community's home region, other. */
const BIRTH_REGION_WEIGHTS: Readonly<Record<Culture, readonly (readonly [BirthRegion, number])[]>> = {
  MINANG: birthRegions(48, 15, 35, 2),
  MELAYU: birthRegions(50, 43, 0, 7),
  JAWA: birthRegions(48, 25, 25, 2),
  BATAK: birthRegions(48, 10, 40, 2),
  MANDAILING: birthRegions(48, 10, 40, 2),
  TIONGHOA: birthRegions(60, 30, 10, 0),
  BALI: birthRegions(30, 10, 60, 0),
};

const DISTRICT_WEIGHTS = PEKANBARU_DISTRICT_PLACES.map((d) => [d, d.weight] as const);
const OTHER_BIRTH_PLACES: readonly BirthPlace[] = [...BIRTH_PLACES.riauIslands, ...BIRTH_PLACES.elsewhere];

interface Parents {
  mother: Draft;
  father: Draft;
  motherOnCard: boolean;
  fatherOnCard: boolean;
}

class PopulationBuilder {
  readonly people: Person[] = [];
  readonly families: FamilyCard[] = [];
  private readonly nikSerials = new Map<string, number>();
  private readonly kkSerials = new Map<string, number>();
  private readonly refDay: number;
  private readonly refParts: DateParts;
  private readonly splitDay: number;

  constructor(
    private readonly rng: Rng,
    private readonly referenceDate: string,
  ) {
    this.refDay = toDayNumber(referenceDate);
    this.refParts = parseIsoDate(referenceDate);
    this.splitDay = toDayNumber(DISTRICT_SPLIT_DATE);
  }

  /** Adds one family card with at most `budget` members; returns how many were added. */
  addHousehold(budget: number): number {
    const rng = this.rng;
    const culture = pickWeighted(rng, CULTURE_WEIGHTS);
    const religion = religionFor(rng, culture);
    const kind: HouseholdKind = budget === 1 ? 'SINGLE' : pickWeighted(rng, HOUSEHOLD_WEIGHTS);
    const district = this.pickDistrict();
    const members =
      kind === 'SINGLE'
        ? this.single(culture, religion)
        : kind === 'SINGLE_PARENT'
          ? this.singleParent(culture, religion, budget)
          : this.couple(culture, religion, kind, budget);
    // Card order: head, spouse, children (eldest first), then parents.
    for (const member of members) member.nik = this.assignNik(member, district);
    const issuedDay = this.issueDay(members, district);
    const number = this.assignKk(district.code, issuedDay);
    const issuedOn = fromDayNumber(issuedDay);
    const address = this.address(district);
    const memberNiks: string[] = [];
    for (const member of members) {
      this.people.push(this.toPerson(member, number, address, religion));
      memberNiks.push(member.nik);
    }
    this.families.push({ number, headNik: members[0]!.nik, memberNiks, address, issuedOn });
    return members.length;
  }

  // ---- household kinds ------------------------------------------------------------------

  private couple(culture: Culture, religion: Religion, kind: HouseholdKind, budget: number): Draft[] {
    const rng = this.rng;
    const withElder = kind === 'COUPLE_WITH_ELDER' && budget >= 3;
    const headAge = withElder
      ? rng.int(24, 58)
      : this.intIn(pickWeighted(rng, HEAD_AGE_BANDS));
    const husbandDay = this.birthDayForAge(headAge);
    // Wives are mostly a few years younger; never younger than 19 today.
    const gapYears = this.intIn(pickWeighted(rng, WIFE_GAP_BANDS));
    const wifeDay = Math.min(husbandDay + Math.round(gapYears * 365.25) + rng.int(-120, 120), this.dayYearsBefore(19) - rng.int(0, 300));
    const wifeCulture = MUSLIM_CULTURES.includes(culture) && rng.chance(0.25) ? rng.pick(MUSLIM_CULTURES) : culture;
    const husband = this.draft({
      name: personName(rng, culture, 'MALE', this.yearOf(husbandDay), { religion }),
      sex: 'MALE',
      birthDay: husbandDay,
      culture,
      relation: 'KEPALA KELUARGA',
      maritalStatus: 'KAWIN',
    });
    // Batak and Mandailing marga are exogamous: the wife's marga differs from her husband's.
    const wifeSurname = hasInheritedSurname(wifeCulture) ? pickSurname(rng, wifeCulture, surnameOf(husband.name, culture)) : undefined;
    const wife = this.draft({
      name: personName(rng, wifeCulture, 'FEMALE', this.yearOf(wifeDay), { surname: wifeSurname, religion }),
      sex: 'FEMALE',
      birthDay: wifeDay,
      culture: wifeCulture,
      relation: 'ISTRI',
      maritalStatus: 'KAWIN',
    });
    // A few cards are headed by the wife, with the husband as SUAMI.
    const wifeHeads = rng.chance(0.02);
    if (wifeHeads) {
      wife.relation = 'KEPALA KELUARGA';
      husband.relation = 'SUAMI';
    }
    const head = wifeHeads ? wife : husband;
    const spouse = wifeHeads ? husband : wife;

    const wifeAge = this.ageOf(wifeDay);
    const wanted =
      wifeAge < 23
        ? rng.int(0, 1)
        : pickWeighted(rng, [[0, 9], [1, 20], [2, 29], [3, 22], [4, 12], [5, 8]] as const);
    const room = budget - 2 - (withElder ? 1 : 0);
    const children = this.children(Math.min(wanted, room), { mother: wife, father: husband, motherOnCard: true, fatherOnCard: true }, culture, religion);

    const members = [head, spouse, ...children];
    this.giveParents(husband, culture);
    this.giveParents(wife, wifeCulture);
    if (withElder) {
      const elder = this.elder(husband, wife);
      if (elder) members.push(elder);
    }
    return members;
  }

  private singleParent(culture: Culture, religion: Religion, budget: number): Draft[] {
    const rng = this.rng;
    const sex: Sex = rng.chance(0.75) ? 'FEMALE' : 'MALE';
    const day = this.birthDayForAge(rng.int(28, 66));
    const head = this.draft({
      name: personName(rng, culture, sex, this.yearOf(day), { religion }),
      sex,
      birthDay: day,
      culture,
      relation: 'KEPALA KELUARGA',
      maritalStatus: rng.chance(0.5) ? 'CERAI MATI' : 'CERAI HIDUP',
    });
    this.giveParents(head, culture);
    // The other parent is not on the card (divorced or deceased): a name without a NIK.
    const otherSex: Sex = sex === 'FEMALE' ? 'MALE' : 'FEMALE';
    const otherDay = head.birthDay + (sex === 'FEMALE' ? -1 : 1) * rng.int(365, 365 * 6);
    const otherSurname = hasInheritedSurname(culture) && culture !== 'TIONGHOA' ? pickSurname(rng, culture, surnameOf(head.name, culture)) : undefined;
    const other = this.draft({
      name: personName(rng, culture, otherSex, this.yearOf(otherDay), { surname: otherSurname, religion }),
      sex: otherSex,
      birthDay: otherDay,
      culture,
      relation: 'FAMILI LAIN', // never written: this parent is not on the card
      maritalStatus: 'CERAI HIDUP',
    });
    const parents =
      sex === 'FEMALE'
        ? { mother: head, father: other, motherOnCard: true, fatherOnCard: false }
        : { mother: other, father: head, motherOnCard: false, fatherOnCard: true };
    const children = this.children(Math.min(rng.int(1, 4), budget - 1), parents, culture, religion);
    return [head, ...children];
  }

  private single(culture: Culture, religion: Religion): Draft[] {
    const rng = this.rng;
    const variant = pickWeighted(rng, [['YOUNG', 55], ['WIDOWED', 30], ['DIVORCED', 15]] as const);
    const age = variant === 'YOUNG' ? rng.int(19, 35) : variant === 'WIDOWED' ? rng.int(58, 85) : rng.int(30, 60);
    const sex: Sex = rng.chance(variant === 'WIDOWED' ? 0.25 : variant === 'YOUNG' ? 0.55 : 0.4) ? 'MALE' : 'FEMALE';
    const day = this.birthDayForAge(age);
    const head = this.draft({
      name: personName(rng, culture, sex, this.yearOf(day), { religion }),
      sex,
      birthDay: day,
      culture,
      relation: 'KEPALA KELUARGA',
      maritalStatus: variant === 'YOUNG' ? 'BELUM KAWIN' : variant === 'WIDOWED' ? 'CERAI MATI' : 'CERAI HIDUP',
    });
    this.giveParents(head, culture);
    return [head];
  }

  /**
   * Children of a couple, eldest first: the first born when both parents were at least 19
   * (the mother 19-34), then every 1.5-5 years, none after the mother's 44th birthday or
   * after the reference date. Children over 30 have mostly left for a card of their own.
   */
  private children(count: number, parents: Parents, culture: Culture, religion: Religion): Draft[] {
    const rng = this.rng;
    const { mother, father } = parents;
    const result: Draft[] = [];
    if (count <= 0) return result;
    const fatherSurname = surnameOf(father.name, culture);
    // Chinese-Indonesian children of a father with a Chinese-style name get an adopted family name.
    const childSurname =
      culture === 'TIONGHOA' ? (fatherSurname ?? pickSurname(rng, culture)) : hasInheritedSurname(culture) ? (fatherSurname ?? pickSurname(rng, culture)) : undefined;
    let day = Math.max(mother.birthDay + Math.round(rng.int(19, 34) * 365.25), father.birthDay + Math.round(19 * 365.25)) + rng.int(0, 300);
    const lastDay = Math.min(this.refDay - rng.int(1, 60), mother.birthDay + Math.round(44 * 365.25));
    const usedNames = new Set([mother.name, father.name]);
    for (let i = 0; i < count * 3 && result.length < count && day <= lastDay; i++) {
      const age = this.ageOf(day);
      if (age <= 30 || rng.chance(0.15)) {
        const sex: Sex = rng.chance(0.51) ? 'MALE' : 'FEMALE';
        let name = '';
        for (let tries = 0; tries < 6 && (name === '' || usedNames.has(name)); tries++) {
          const useSurname = culture !== 'TIONGHOA' || rng.chance(0.85);
          name = personName(rng, culture, sex, this.yearOf(day), { surname: useSurname ? childSurname : undefined, religion });
        }
        usedNames.add(name);
        const child = this.draft({ name, sex, birthDay: day, culture, relation: 'ANAK', maritalStatus: 'BELUM KAWIN', isChild: true });
        child.motherName = mother.name;
        child.mother = parents.motherOnCard ? mother : undefined;
        child.fatherName = father.name;
        child.father = parents.fatherOnCard ? father : undefined;
        child.birthPlace = this.childBirthPlace(mother);
        result.push(child);
      }
      day += rng.int(548, 1826);
    }
    return result;
  }

  /** An elderly parent (ORANGTUA of the head, or MERTUA: the spouse's parent) 20-40 years older. */
  private elder(husband: Draft, wife: Draft): Draft | undefined {
    const rng = this.rng;
    const candidates = rng.chance(0.4) ? [wife, husband] : [husband, wife];
    for (const child of candidates) {
      const childAge = this.ageOf(child.birthDay);
      const maxGap = Math.min(40, MAX_AGE - 1 - childAge);
      if (maxGap < 20) continue;
      const day = child.birthDay - Math.round(rng.int(20, maxGap) * 365.25) - rng.int(0, 200);
      const sex: Sex = rng.chance(0.7) ? 'FEMALE' : 'MALE';
      const culture = child.culture;
      const childSurname = surnameOf(child.name, culture);
      let name: string;
      if (sex === 'MALE' && culture === 'TIONGHOA' && !childSurname) {
        name = chineseStyleName(rng, 'MALE', child.name.split(' ')[0]); // same clan as a Chinese-style child
      } else {
        const surname = sex === 'MALE' ? childSurname : hasInheritedSurname(culture) && culture !== 'TIONGHOA' ? pickSurname(rng, culture, childSurname) : undefined;
        name = personName(rng, culture, sex, this.yearOf(day), { surname });
      }
      const elder = this.draft({
        name,
        sex,
        birthDay: day,
        culture,
        relation: child.relation === 'KEPALA KELUARGA' ? 'ORANGTUA' : 'MERTUA',
        maritalStatus: 'CERAI MATI',
      });
      this.giveParents(elder, culture);
      if (sex === 'FEMALE') {
        child.motherName = elder.name;
        child.mother = elder;
      } else {
        child.fatherName = elder.name;
        child.father = elder;
      }
      return elder;
    }
    return undefined;
  }

  /** Names for parents who are not on this card (they live elsewhere or have died): no NIK. */
  private giveParents(person: Draft, culture: Culture): void {
    const rng = this.rng;
    const parentYear = this.yearOf(person.birthDay) - rng.int(22, 35);
    const surname = surnameOf(person.name, culture);
    if (culture === 'TIONGHOA' && !surname) {
      // A Chinese-style name: the clan is the first word and passes to the father.
      const clan = person.name.split(' ')[0];
      person.fatherName = chineseStyleName(rng, 'MALE', clan);
    } else {
      person.fatherName = personName(rng, culture, 'MALE', parentYear, { surname });
    }
    const motherSurname = hasInheritedSurname(culture) && culture !== 'TIONGHOA' ? pickSurname(rng, culture, surname) : undefined;
    person.motherName = personName(rng, culture, 'FEMALE', parentYear + rng.int(-2, 6), { surname: motherSurname });
    person.mother = undefined;
    person.father = undefined;
  }

  // ---- places -------------------------------------------------------------------------------

  private pickDistrict(): DistrictPlaces {
    return pickWeighted(this.rng, DISTRICT_WEIGHTS);
  }

  private adultBirthPlace(culture: Culture): BirthPlace {
    const rng = this.rng;
    const p = BIRTH_PLACES;
    const region = pickWeighted(rng, BIRTH_REGION_WEIGHTS[culture]);
    if (region === 'PEKANBARU') return p.pekanbaru;
    if (region === 'RIAU') return rng.pick(p.riau);
    if (region === 'OTHER') return rng.pick(OTHER_BIRTH_PLACES);
    switch (culture) {
      case 'MINANG':
        return rng.pick(p.westSumatra);
      case 'JAWA':
        return rng.pick(p.java);
      case 'BATAK':
        return rng.pick(p.northSumatra);
      case 'MANDAILING':
        return rng.pick(p.mandailing);
      case 'TIONGHOA':
        return rng.pick(p.northSumatra.slice(0, 2));
      case 'BALI':
        return rng.pick(p.bali);
      default:
        return rng.pick(p.riau);
    }
  }

  private childBirthPlace(mother: Draft): BirthPlace {
    const rng = this.rng;
    const roll = rng.next();
    if (roll < 0.85) return BIRTH_PLACES.pekanbaru;
    if (roll < 0.95) return mother.birthPlace;
    return rng.pick(BIRTH_PLACES.riau);
  }

  private address(district: DistrictPlaces): Address {
    const rng = this.rng;
    const street = rng.pick(STREET_NAMES);
    const streetLine = street.startsWith('PERUM.')
      ? `${street} BLOK ${rng.pick(['A', 'B', 'C', 'D', 'E', 'F'])} NO. ${rng.int(1, 40)}`
      : `${street} NO. ${rng.int(1, 250)}`;
    const known = districtByCode(district.code);
    if (!known) throw new Error(`district ${district.code} is not in kit/regions.ts`);
    return {
      street: streetLine,
      rt: String(rng.int(1, 12)).padStart(3, '0'),
      rw: String(rng.int(1, 10)).padStart(3, '0'),
      village: rng.pick(district.villages),
      districtCode: district.code,
      district: known.name,
      regency: 'PEKANBARU',
      province: RIAU_PROVINCE.name,
      postalCode: district.postalCode,
    };
  }

  // ---- numbers ------------------------------------------------------------------------------

  /**
   * NIK = region (6) + ddmmyy (+40 on the day for women) + serial (4) from 0001 per region
   * and date. The region is where the person was first registered: for people born elsewhere
   * in Riau often that regency; otherwise a Pekanbaru district (usually the current one), and
   * for districts created in 2021, the district their area belonged to before, for anyone
   * born before the split.
   */
  private assignNik(member: Draft, home: DistrictPlaces): string {
    const rng = this.rng;
    let prefix: string;
    const regencyCode = member.birthPlace.riauRegencyCode;
    if (regencyCode && regencyCode !== '1471' && rng.chance(member.isChild ? 0.3 : 0.65)) {
      prefix = regencyCode + pad2(rng.int(1, RIAU_DISTRICT_COUNTS[regencyCode] ?? 10));
    } else {
      const district = rng.chance(member.isChild ? 0.92 : 0.7) ? home : this.pickDistrict();
      prefix = district.splitFrom && member.birthDay < this.splitDay ? district.splitFrom : district.code;
    }
    const stem = prefix + ddmmyyOfDay(member.birthDay, member.sex === 'FEMALE');
    const serial = (this.nikSerials.get(stem) ?? 0) + 1;
    if (serial > 9999) throw new Error(`more than 9999 NIKs for ${stem}: population too large for one region and birth date`);
    this.nikSerials.set(stem, serial);
    return stem + String(serial).padStart(4, '0');
  }

  /** The card was (re)issued after its latest event: the youngest member's birth, or its holder coming of age. */
  private issueDay(members: readonly Draft[], district: DistrictPlaces): number {
    const rng = this.rng;
    const head = members[0]!;
    let latest = head.birthDay + Math.round(17 * 365.25);
    for (const member of members) {
      if (member.isChild) latest = Math.max(latest, member.birthDay);
      if (member.relation === 'ISTRI' || member.relation === 'SUAMI') latest = Math.max(latest, member.birthDay + Math.round(19 * 365.25));
    }
    // Cards in districts created in 2021 carry the new district code, so they date from after the split.
    if (district.splitFrom) latest = Math.max(latest, this.splitDay);
    const from = latest + 7;
    const to = this.refDay - 1;
    return from >= to ? to : from + Math.floor(rng.next() ** 0.7 * (to - from));
  }

  /** KK = region (6) + issue date ddmmyy (no +40) + family serial (4) per region and date. */
  private assignKk(districtCode: string, issuedOn: number): string {
    const stem = districtCode + ddmmyyOfDay(issuedOn);
    const serial = (this.kkSerials.get(stem) ?? 0) + 1;
    if (serial > 9999) throw new Error(`more than 9999 family cards for ${stem}`);
    this.kkSerials.set(stem, serial);
    return stem + String(serial).padStart(4, '0');
  }

  // ---- people -------------------------------------------------------------------------------

  private draft(fields: Pick<Draft, 'name' | 'sex' | 'birthDay' | 'culture' | 'relation' | 'maritalStatus'> & { isChild?: boolean }): Draft {
    return {
      ...fields,
      isChild: fields.isChild ?? false,
      birthPlace: fields.isChild ? BIRTH_PLACES.pekanbaru : this.adultBirthPlace(fields.culture),
      nik: '',
      motherName: '',
      fatherName: '',
    };
  }

  private toPerson(member: Draft, familyCardNumber: string, address: Address, religion: Religion): Person {
    const rng = this.rng;
    const birthDate = fromDayNumber(member.birthDay);
    const age = this.ageOf(member.birthDay);
    const education = educationFor(rng, age, this.yearOf(member.birthDay));
    return {
      nik: member.nik,
      familyCardNumber,
      fullName: member.name,
      birthDate,
      birthPlace: member.birthPlace.name,
      sex: member.sex,
      bloodType: bloodTypeFor(rng),
      religion,
      maritalStatus: member.maritalStatus,
      familyRelation: member.relation,
      education,
      occupation: occupationFor(rng, age, member.sex, education, member.maritalStatus),
      motherName: member.motherName,
      motherNik: member.mother?.nik ?? null,
      fatherName: member.fatherName,
      fatherNik: member.father?.nik ?? null,
      address,
      ektpStatus: ektpStatusFor(rng, age, member.maritalStatus),
    };
  }

  private intIn([min, max]: readonly [number, number]): number {
    return this.rng.int(min, max);
  }

  // ---- dates --------------------------------------------------------------------------------

  /** A birth day such that the person is exactly `age` on the reference date. */
  private birthDayForAge(age: number): number {
    const latest = toDayNumber(addYears(this.referenceDate, -age));
    const earliest = toDayNumber(addYears(this.referenceDate, -(age + 1))) + 1;
    return this.rng.int(earliest, latest);
  }

  private dayYearsBefore(years: number): number {
    return toDayNumber(addYears(this.referenceDate, -years));
  }

  private ageOf(day: number): number {
    return ageOnDay(day, this.refParts);
  }

  private yearOf(day: number): number {
    return partsOfDay(day).year;
  }
}
