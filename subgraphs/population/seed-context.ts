import type { IdentityAttributeName } from '../kit/directives';
import type { Address, Person, Population, Sex } from './person';

/**
 * How an agency's copy relates to the registry value.
 * FORMAT: only notation differs (case, spacing, date notation): the crosscheck must say MATCH.
 * VARIANT: a benign rule explains it (DOMAIN.md): the crosscheck must say VARIANT.
 * MISMATCH: a material difference: the crosscheck must say MISMATCH.
 */
export type PlantClass = 'FORMAT' | 'VARIANT' | 'MISMATCH';

/** The kinds of planted difference, with the class each belongs to. */
export const PLANT_KINDS = {
  CASE: 'FORMAT',
  SPACING: 'FORMAT',
  TITLE: 'VARIANT',
  MUHAMMAD_ABBREVIATION: 'VARIANT',
  ABDUL_ABBREVIATION: 'VARIANT',
  OLD_SPELLING: 'VARIANT',
  ALIAS: 'VARIANT',
  PASSPORT_BIN: 'VARIANT',
  SURNAME_SPLIT: 'VARIANT',
  REGENCY_PREFIX: 'VARIANT',
  DISTRICT_RENAME: 'VARIANT',
  OTHER_NAME: 'MISMATCH',
  OTHER_BIRTH_DATE: 'MISMATCH',
  DAY_MONTH_SWAP: 'MISMATCH',
  OTHER_SEX: 'MISMATCH',
  OTHER_BIRTH_PLACE: 'MISMATCH',
} as const satisfies Record<string, PlantClass>;
export type PlantKind = keyof typeof PLANT_KINDS;

/** One planted difference, as listed in ground-truth.json. */
export interface PlantedDifference {
  nik: string;
  agency: string;
  attribute: IdentityAttributeName;
  kind: PlantKind;
  class: PlantClass;
  /** The registry's value and the agency's copy, both in clean notation (ISO dates, MALE/FEMALE). */
  registryValue: string;
  agencyValue: string;
}

/** Agency-specific options for how names may legitimately differ. */
export interface NameCopyOptions {
  /** Passport conventions: "BIN/BINTI + father" for single names, surname/given splits. */
  passport?: boolean;
}

/**
 * An agency-scoped source of identity copies. Each call decides (from the seeded RNG and
 * the documented rates) whether this copy carries a planted difference, records it in the
 * ground truth, and returns the copy in clean notation. Writers then apply their own
 * legacy notation (date formats, sex codes) when writing files; that is not a plant.
 */
export interface IdentityPlanter {
  readonly agency: string;
  copyFullName(person: Person, options?: NameCopyOptions): string;
  /** ISO yyyy-mm-dd. */
  copyBirthDate(person: Person): string;
  copySex(person: Person): Sex;
  copyBirthPlace(person: Person): string;
  copyMotherName(person: Person): string;
  /** The address as the agency holds it (the district may be under its former name). */
  copyAddress(person: Person): Address;
}

/** Deterministic randomness; fork() gives an independent stream per purpose. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  fork(label: string): Rng;
}

/** What an agency's `seed()` receives. */
export interface SeedContext {
  population: Population;
  /** Look-up by NIK over population.people. */
  byNik: ReadonlyMap<string, Person>;
  /** A stream of its own, so adding an agency never changes another agency's bytes. */
  rng: Rng;
  planter: IdentityPlanter;
  /** `<dataDir>/<agency>`, created and empty. */
  agencyDir: string;
  /** The population's "today" (fixed per run for determinism), ISO yyyy-mm-dd. */
  referenceDate: string;
}
