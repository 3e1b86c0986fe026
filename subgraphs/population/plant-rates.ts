import type { IdentityAttributeName } from '../kit/directives';
import type { PlantKind } from './seed-context';

/** The identity attributes the planter copies (MARITAL_STATUS has no copy method yet). */
export type PlantedAttribute = Exclude<IdentityAttributeName, 'MARITAL_STATUS'>;
export const PLANTED_ATTRIBUTES: readonly PlantedAttribute[] = ['FULL_NAME', 'BIRTH_DATE', 'BIRTH_PLACE', 'SEX', 'MOTHER_NAME', 'ADDRESS'];

/** Probability, per copy, of each class of planted difference. The rest are exact copies. */
export interface AttributeRates {
  mismatch: number;
  variant: number;
  format: number;
}

export type PlantRates = Readonly<Record<PlantedAttribute, Readonly<AttributeRates>>>;

/**
 * Default rates, per copy of an attribute at one agency. A VARIANT or FORMAT draw for a value
 * that no rule of that class fits (a one-word name cannot get a doubled space, most districts
 * were never renamed) leaves the copy exact, so the realised rate is the rate times the share
 * of values the class applies to. ADDRESS variants apply only in the three renamed districts,
 * hence their higher rate. The mother's name is copied by few agencies and mostly exactly.
 */
export const DEFAULT_PLANT_RATES: PlantRates = {
  FULL_NAME: { mismatch: 0.02, variant: 0.07, format: 0.04 },
  BIRTH_DATE: { mismatch: 0.02, variant: 0, format: 0 },
  BIRTH_PLACE: { mismatch: 0.02, variant: 0.07, format: 0.04 },
  SEX: { mismatch: 0.01, variant: 0, format: 0 },
  MOTHER_NAME: { mismatch: 0.01, variant: 0.03, format: 0.02 },
  ADDRESS: { mismatch: 0, variant: 0.25, format: 0.04 },
};

/** Rates for an agency whose copies are the reference (the civil registry itself): no plants. */
export const NO_PLANTS: PlantRates = {
  FULL_NAME: { mismatch: 0, variant: 0, format: 0 },
  BIRTH_DATE: { mismatch: 0, variant: 0, format: 0 },
  BIRTH_PLACE: { mismatch: 0, variant: 0, format: 0 },
  SEX: { mismatch: 0, variant: 0, format: 0 },
  MOTHER_NAME: { mismatch: 0, variant: 0, format: 0 },
  ADDRESS: { mismatch: 0, variant: 0, format: 0 },
};

/**
 * Relative weights of the kinds within a class, among those that apply to the value.
 * E.g. a passport copy of a one-word Muslim name with a hajj title possible: TITLE 4 vs PASSPORT_BIN 5.
 */
export const KIND_WEIGHTS: Readonly<Partial<Record<PlantKind, number>>> = {
  CASE: 3,
  SPACING: 2,
  TITLE: 4,
  MUHAMMAD_ABBREVIATION: 4,
  ABDUL_ABBREVIATION: 3,
  OLD_SPELLING: 3,
  ALIAS: 1,
  PASSPORT_BIN: 5,
  SURNAME_SPLIT: 3,
  REGENCY_PREFIX: 1,
  DISTRICT_RENAME: 1,
  OTHER_NAME: 1,
  OTHER_BIRTH_DATE: 3,
  DAY_MONTH_SWAP: 2,
  OTHER_SEX: 1,
  OTHER_BIRTH_PLACE: 1,
};

/** Checks that rates are probabilities whose sum per attribute is at most 1. */
export function validatePlantRates(rates: PlantRates): void {
  for (const attribute of PLANTED_ATTRIBUTES) {
    const r = rates[attribute];
    if (!r) throw new RangeError(`plant rates: missing ${attribute}`);
    for (const [name, value] of Object.entries(r)) {
      if (!(typeof value === 'number' && value >= 0 && value <= 1)) {
        throw new RangeError(`plant rates: ${attribute}.${name} must be a probability in [0, 1], got ${String(value)}`);
      }
    }
    if (r.mismatch + r.variant + r.format > 1) throw new RangeError(`plant rates: ${attribute} rates add up to more than 1`);
  }
}
