import { BIRTH_PLACE_BY_NAME } from './places';
import { ageOn, isoFromParts, parseIsoDate } from './dates';
import { isCalendarDate } from '../kit/nik';
import * as pools from './name-pools';
import { chineseStyleName, cultureForReligion, personName } from './names';
import {
  MUHAMMAD_FORMS,
  addressLine,
  hasWord,
  motherTitledForms,
  oldSpellingApplies,
  passportBin,
  passportBinApplies,
  replaceWord,
  shareAWord,
  formerDistrictNames,
  spacingGaps,
  spacingVariant,
  surnameSplit,
  titledForms,
  toCase,
  toOldSpelling,
  withAlias,
  withRegencyPrefix,
  wordCount,
} from './name-variants';
import type { Address, Person, Sex } from './person';
import { DEFAULT_PLANT_RATES, KIND_WEIGHTS, PLANTED_ATTRIBUTES, validatePlantRates, type PlantRates, type PlantedAttribute } from './plant-rates';
import { pickWeighted } from './rng';
import { PLANT_KINDS, type IdentityPlanter, type NameCopyOptions, type PlantClass, type PlantKind, type PlantedDifference, type Rng } from './seed-context';

export interface IdentityPlanterOptions {
  /** The agency whose copies these are (subgraph name). */
  agency: string;
  /** The planter's own stream; each (attribute, NIK) decision forks from it, so call order does not matter. */
  rng: Rng;
  /** The population's "today" (ages decide which titles fit). */
  referenceDate: string;
  /** Default DEFAULT_PLANT_RATES; NO_PLANTS for the civil registry. */
  rates?: PlantRates;
}

/** One way a copy may differ: its kind, whether it fits this value, and how to make it. */
interface Candidate<T> {
  kind: PlantKind;
  applies: boolean;
  make: (rng: Rng) => T;
}

type Candidates<T> = Record<PlantClass, Candidate<T>[]>;

/**
 * The identity planter of one agency (see IdentityPlanter in seed-context.ts).
 *
 * For each (attribute, NIK) it draws once from a stream forked by that key: below the
 * MISMATCH rate it plants a mismatch, then a VARIANT, then a FORMAT difference, otherwise
 * the copy is exact. Within a class it picks, by KIND_WEIGHTS, among the kinds that apply to
 * this value; when none applies the copy stays exact. The result is cached, so asking again
 * for the same person and attribute (an owner of two vehicles) returns the same copy and
 * plants nothing more: at most one plant per (NIK, agency, attribute). Each plant is recorded
 * with the registry's and the agency's values in clean notation.
 */
export class SeededIdentityPlanter implements IdentityPlanter {
  readonly agency: string;
  private readonly rng: Rng;
  private readonly referenceDate: string;
  private readonly rates: PlantRates;
  private readonly cache = new Map<string, string | Address>();
  private readonly recorded: PlantedDifference[] = [];
  private readonly copied = new Map<PlantedAttribute, Set<string>>(PLANTED_ATTRIBUTES.map((a) => [a, new Set<string>()]));

  constructor(options: IdentityPlanterOptions) {
    this.agency = options.agency;
    this.rng = options.rng;
    this.referenceDate = options.referenceDate;
    this.rates = options.rates ?? DEFAULT_PLANT_RATES;
    validatePlantRates(this.rates);
    parseIsoDate(this.referenceDate);
  }

  /** Every plant so far, in the order they were made. */
  get plants(): readonly PlantedDifference[] {
    return this.recorded;
  }

  /** NIKs whose attribute was copied (any attribute when omitted): who holds records at this agency. */
  copiedNiks(attribute?: PlantedAttribute): ReadonlySet<string> {
    if (attribute) return this.copied.get(attribute)!;
    const all = new Set<string>();
    for (const set of this.copied.values()) for (const nik of set) all.add(nik);
    return all;
  }

  /** Copies made per attribute (each person counted once). */
  copyCounts(): Record<PlantedAttribute, number> {
    const counts = {} as Record<PlantedAttribute, number>;
    for (const attribute of PLANTED_ATTRIBUTES) counts[attribute] = this.copied.get(attribute)!.size;
    return counts;
  }

  copyFullName(person: Person, options: NameCopyOptions = {}): string {
    return this.copy('FULL_NAME', person, person.fullName, () => this.fullNameCandidates(person, options), String);
  }

  copyBirthDate(person: Person): string {
    return this.copy('BIRTH_DATE', person, person.birthDate, () => this.birthDateCandidates(person), String);
  }

  copySex(person: Person): Sex {
    return this.copy('SEX', person, person.sex, () => ({
      MISMATCH: [{ kind: 'OTHER_SEX', applies: true, make: () => (person.sex === 'MALE' ? 'FEMALE' : 'MALE') as Sex }],
      VARIANT: [],
      FORMAT: [],
    }), String);
  }

  copyBirthPlace(person: Person): string {
    return this.copy('BIRTH_PLACE', person, person.birthPlace, () => this.birthPlaceCandidates(person), String);
  }

  copyMotherName(person: Person): string {
    return this.copy('MOTHER_NAME', person, person.motherName, () => this.motherNameCandidates(person), String);
  }

  copyAddress(person: Person): Address {
    return { ...this.copy('ADDRESS', person, person.address, () => this.addressCandidates(person), addressLine) };
  }

  /** The kinds that could be planted for this value, by class (for tests and documentation). */
  applicableKinds(attribute: PlantedAttribute, person: Person, options: NameCopyOptions = {}): Record<PlantClass, PlantKind[]> {
    const all = this.candidatesFor(attribute, person, options) as Candidates<unknown>;
    const kinds = (list: Candidate<unknown>[]): PlantKind[] => list.filter((c) => c.applies).map((c) => c.kind);
    return { MISMATCH: kinds(all.MISMATCH), VARIANT: kinds(all.VARIANT), FORMAT: kinds(all.FORMAT) };
  }

  // ---------------------------------------------------------------------------------------------

  private candidatesFor(attribute: PlantedAttribute, person: Person, options: NameCopyOptions): Candidates<unknown> {
    switch (attribute) {
      case 'FULL_NAME':
        return this.fullNameCandidates(person, options);
      case 'BIRTH_DATE':
        return this.birthDateCandidates(person);
      case 'BIRTH_PLACE':
        return this.birthPlaceCandidates(person);
      case 'MOTHER_NAME':
        return this.motherNameCandidates(person);
      case 'ADDRESS':
        return this.addressCandidates(person);
      case 'SEX':
        return { MISMATCH: [{ kind: 'OTHER_SEX', applies: true, make: () => null }], VARIANT: [], FORMAT: [] };
    }
  }

  private copy<T extends string | Address>(
    attribute: PlantedAttribute,
    person: Person,
    registryValue: T,
    candidates: () => Candidates<T>,
    render: (value: T) => string,
  ): T {
    const key = `${attribute}\u0000${person.nik}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached as T;
    this.copied.get(attribute)!.add(person.nik);

    const value = this.decide(attribute, person, registryValue, candidates, render);
    this.cache.set(key, value);
    return value;
  }

  private decide<T extends string | Address>(
    attribute: PlantedAttribute,
    person: Person,
    registryValue: T,
    candidates: () => Candidates<T>,
    render: (value: T) => string,
  ): T {
    const rates = this.rates[attribute];
    const rng = this.rng.fork(`${attribute}/${person.nik}`);
    const roll = rng.next();
    const planted: PlantClass | null =
      roll < rates.mismatch
        ? 'MISMATCH'
        : roll < rates.mismatch + rates.variant
          ? 'VARIANT'
          : roll < rates.mismatch + rates.variant + rates.format
            ? 'FORMAT'
            : null;
    if (!planted) return registryValue;
    const fitting = candidates()[planted].filter((candidate) => candidate.applies);
    if (fitting.length === 0) return registryValue;
    const chosen = pickWeighted(
      rng,
      fitting.map((candidate) => [candidate, KIND_WEIGHTS[candidate.kind] ?? 1] as const),
    );
    const value = chosen.make(rng);
    const before = render(registryValue);
    const after = render(value);
    if (after === before) return registryValue;
    this.recorded.push({
      nik: person.nik,
      agency: this.agency,
      attribute,
      kind: chosen.kind,
      class: PLANT_KINDS[chosen.kind],
      registryValue: before,
      agencyValue: after,
    });
    return value;
  }

  // ---- candidates per attribute -----------------------------------------------------------------

  private fullNameCandidates(person: Person, options: NameCopyOptions): Candidates<string> {
    const name = person.fullName;
    const birthYear = parseIsoDate(person.birthDate).year;
    const age = ageOn(person.birthDate, this.referenceDate);
    const titles = titledForms(name, person, age, birthYear);
    const words = wordCount(name);
    return {
      MISMATCH: [{ kind: 'OTHER_NAME', applies: name.trim() !== '', make: (rng) => otherName(rng, name, person.sex, person.religion, birthYear) }],
      VARIANT: [
        { kind: 'TITLE', applies: titles.length > 0, make: (rng) => rng.pick(titles) },
        { kind: 'MUHAMMAD_ABBREVIATION', applies: hasWord(name, 'MUHAMMAD'), make: (rng) => replaceWord(name, 'MUHAMMAD', rng.pick(MUHAMMAD_FORMS)) },
        { kind: 'ABDUL_ABBREVIATION', applies: hasWord(name, 'ABDUL'), make: () => replaceWord(name, 'ABDUL', 'ABD.') },
        { kind: 'OLD_SPELLING', applies: oldSpellingApplies(name, person.religion, birthYear), make: () => toOldSpelling(name) },
        { kind: 'ALIAS', applies: options.passport !== true && age >= 17 && aliasApplies(person), make: (rng) => withAlias(name, aliasFor(rng, person)) },
        { kind: 'PASSPORT_BIN', applies: options.passport === true && passportBinApplies(person), make: () => passportBin(person) },
        { kind: 'SURNAME_SPLIT', applies: options.passport === true && words > 1, make: () => surnameSplit(name) },
      ],
      FORMAT: formatCandidates(name),
    };
  }

  private motherNameCandidates(person: Person): Candidates<string> {
    const name = person.motherName;
    const childYear = parseIsoDate(person.birthDate).year;
    // Her own birth year is not on the child's record; about 25 years earlier is near enough for spelling.
    const motherYear = childYear - 25;
    return {
      MISMATCH: [{ kind: 'OTHER_NAME', applies: name.trim() !== '', make: (rng) => otherName(rng, name, 'FEMALE', person.religion, motherYear) }],
      VARIANT: [
        { kind: 'TITLE', applies: name.trim() !== '', make: (rng) => rng.pick(motherTitledForms(name, person.religion)) },
        { kind: 'OLD_SPELLING', applies: oldSpellingApplies(name, person.religion, motherYear), make: () => toOldSpelling(name) },
      ],
      FORMAT: formatCandidates(name),
    };
  }

  private birthDateCandidates(person: Person): Candidates<string> {
    const { year, month, day } = parseIsoDate(person.birthDate);
    const swapped = isoFromParts(year, day, month);
    const swapFits = day <= 12 && day !== month && swapped <= this.referenceDate;
    return {
      MISMATCH: [
        { kind: 'DAY_MONTH_SWAP', applies: swapFits, make: () => swapped },
        { kind: 'OTHER_BIRTH_DATE', applies: true, make: (rng) => otherBirthDate(rng, person.birthDate, this.referenceDate) },
      ],
      VARIANT: [],
      FORMAT: [],
    };
  }

  private birthPlaceCandidates(person: Person): Candidates<string> {
    const place = person.birthPlace;
    const prefixed = withRegencyPrefix(place);
    return {
      MISMATCH: [{ kind: 'OTHER_BIRTH_PLACE', applies: place.trim() !== '', make: (rng) => otherBirthPlace(rng, place) }],
      VARIANT: [{ kind: 'REGENCY_PREFIX', applies: prefixed !== null, make: () => prefixed ?? place }],
      FORMAT: formatCandidates(place),
    };
  }

  private addressCandidates(person: Person): Candidates<Address> {
    const address = person.address;
    const formerNames = formerDistrictNames(address);
    return {
      MISMATCH: [],
      VARIANT: [{ kind: 'DISTRICT_RENAME', applies: formerNames.length > 0, make: (rng) => ({ ...address, district: rng.pick(formerNames) }) }],
      FORMAT: [
        {
          kind: 'CASE',
          applies: true,
          make: (rng) => {
            const style = rng.chance(0.5) ? 'lower' : 'title';
            return {
              ...address,
              street: toCase(address.street, style),
              village: toCase(address.village, style),
              district: toCase(address.district, style),
              regency: toCase(address.regency, style),
              province: toCase(address.province, style),
            };
          },
        },
        {
          kind: 'SPACING',
          applies: spacingGaps(address.street).length > 0,
          make: (rng) => ({ ...address, street: spacingVariant(address.street, rng) }),
        },
      ],
    };
  }
}

export function createIdentityPlanter(options: IdentityPlanterOptions): SeededIdentityPlanter {
  return new SeededIdentityPlanter(options);
}

// ---- helpers --------------------------------------------------------------------------------------

function formatCandidates(value: string): Candidate<string>[] {
  return [
    { kind: 'CASE', applies: /[A-Z]/.test(value), make: (rng) => toCase(value, rng.chance(0.5) ? 'lower' : 'title') },
    { kind: 'SPACING', applies: spacingGaps(value).length > 0, make: (rng) => spacingVariant(value, rng) },
  ];
}

/**
 * Another person's name of the same sex that shares no word with the original under any
 * benign rule (so neither a variant nor an alias can explain it): a clerk typed the wrong
 * person, or two records were merged.
 */
function otherName(rng: Rng, name: string, sex: Sex, religion: Person['religion'], birthYear: number): string {
  for (let tries = 0; tries < 40; tries++) {
    const candidate = personName(rng, cultureForReligion(rng, religion), sex, birthYear, { religion });
    if (!shareAWord(candidate, name)) return candidate;
  }
  // Deterministic fallback: the first pool name that shares no word.
  const pool = sex === 'MALE' ? [...pools.MUSLIM_MALE_CLASSIC, ...pools.JAWA_MALE_CLASSIC] : [...pools.MUSLIM_FEMALE_CLASSIC, ...pools.JAWA_FEMALE_CLASSIC];
  const found = pool.find((candidate) => !shareAWord(candidate, name));
  if (!found) throw new Error('no unrelated name found');
  return found;
}

/**
 * Aliases are common in two cases: Chinese-Indonesians registered under an Indonesian name
 * who also go by their Chinese name, and people with a single name who also use a call name.
 */
function aliasApplies(person: Person): boolean {
  return isChineseIndonesian(person) || wordCount(person.fullName) === 1;
}

function aliasFor(rng: Rng, person: Person): string {
  if (isChineseIndonesian(person)) return chineseStyleName(rng, person.sex);
  const pool = person.sex === 'MALE' ? SINGLE_MALE_NAMES : SINGLE_FEMALE_NAMES;
  let alias = rng.pick(pool);
  for (let tries = 0; alias === person.fullName && tries < 10; tries++) alias = rng.pick(pool);
  return alias;
}

function isChineseIndonesian(person: Person): boolean {
  if (person.religion === 'BUDHA' || person.religion === 'KHONGHUCU') return true;
  const words = person.fullName.split(' ');
  return pools.TIONGHOA_FAMILY_NAMES.includes(words[words.length - 1] ?? '');
}

const singles = (...lists: readonly (readonly string[])[]): readonly string[] => lists.flat().filter((name) => !name.includes(' '));
const SINGLE_MALE_NAMES = singles(pools.MUSLIM_MALE_CLASSIC, pools.MINANG_MALE_CLASSIC, pools.JAWA_MALE_CLASSIC, pools.MELAYU_MALE_CLASSIC);
const SINGLE_FEMALE_NAMES = singles(pools.MUSLIM_FEMALE_CLASSIC, pools.MINANG_FEMALE_CLASSIC, pools.JAWA_FEMALE_CLASSIC, pools.MELAYU_FEMALE_CLASSIC);

/**
 * A different real date that is neither the day/month swap nor the same date in another
 * notation: a day off by a few, another year or month, or a decade typo. Never after the
 * reference date.
 */
export function otherBirthDate(rng: Rng, birthDate: string, referenceDate: string): string {
  const { year, month, day } = parseIsoDate(birthDate);
  const swapped = isoFromParts(year, day, month);
  const sign = (): number => (rng.chance(0.5) ? 1 : -1);
  for (let tries = 0; tries < 50; tries++) {
    let y = year;
    let m = month;
    let d = day;
    switch (rng.int(0, 3)) {
      case 0:
        d = day + sign() * rng.int(1, 9);
        break;
      case 1:
        y = year + sign() * rng.int(1, 5);
        break;
      case 2:
        m = rng.int(1, 12);
        break;
      default:
        y = year + sign() * 10;
    }
    if (!isCalendarDate(y, m, d)) continue;
    const candidate = isoFromParts(y, m, d);
    if (candidate !== birthDate && candidate !== swapped && candidate <= referenceDate) return candidate;
  }
  // Always possible: one year earlier on the same day (28 February for a 29th).
  const fallback = isoFromParts(year - 1, month, isCalendarDate(year - 1, month, day) ? day : 28);
  return fallback;
}

const ALL_BIRTH_PLACES: readonly string[] = [...BIRTH_PLACE_BY_NAME.keys()];

/** Another birth place, not merely the same one with a prefix. */
function otherBirthPlace(rng: Rng, place: string): string {
  for (let tries = 0; tries < 20; tries++) {
    const candidate = rng.pick(ALL_BIRTH_PLACES);
    if (candidate !== place && !candidate.includes(place) && !place.includes(candidate)) return candidate;
  }
  return place === 'MEDAN' ? 'PADANG' : 'MEDAN';
}
