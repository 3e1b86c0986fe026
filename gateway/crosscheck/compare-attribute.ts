import type { IdentityAttributeName } from '../../subgraphs/kit/directives';
import { compareAddress } from './address.compare';
import type { AttributeComparison } from './comparison';
import { compareBirthDate } from './date.compare';
import { compareMaritalStatus } from './marital-status.compare';
import { compareName } from './name.compare';
import { compareBirthPlace } from './place.compare';
import { compareSex } from './sex.compare';
import { readValue, unreadable } from './value.guard';

/**
 * One comparer per attribute; each receives two trimmed, non-empty strings of at most
 * MAX_VALUE_LENGTH. Typed as a Record over IdentityAttributeName, so an attribute added to
 * IDENTITY_ATTRIBUTES without a comparer does not compile. Listed in IDENTITY_ATTRIBUTES' order.
 */
const COMPARERS: Readonly<Record<IdentityAttributeName, (registry: string, agency: string) => AttributeComparison>> = {
  FULL_NAME: compareName,
  BIRTH_DATE: compareBirthDate,
  BIRTH_PLACE: compareBirthPlace,
  SEX: compareSex,
  MOTHER_NAME: compareName,
  MARITAL_STATUS: compareMaritalStatus,
  ADDRESS: compareAddress,
};

/**
 * The attributes the engine compares: every IDENTITY_ATTRIBUTES entry (the engine imports only
 * their type, so that it stays free of the schema code and its decorators at run time).
 */
export const COMPARED_ATTRIBUTES = Object.keys(COMPARERS) as readonly IdentityAttributeName[];

export function isComparedAttribute(name: string): name is IdentityAttributeName {
  return Object.prototype.hasOwnProperty.call(COMPARERS, name);
}

/**
 * Compares the civil registry's value of an identity attribute with one agency's copy
 * (README.md has every rule and judgment call). Pure and cheap: no I/O, no regex compiled per
 * call. Never throws for a value: absent, empty, non-text and absurdly long values come back as
 * INCOMPLETE or MISMATCH with a reason. Throws only for an attribute that is not one of
 * IDENTITY_ATTRIBUTES (a programming error).
 */
export function compareAttribute(attribute: IdentityAttributeName, registryValue: unknown, agencyValue: unknown): AttributeComparison {
  const comparer = isComparedAttribute(attribute) ? COMPARERS[attribute] : undefined;
  if (!comparer) throw new TypeError(`compareAttribute: unknown identity attribute ${JSON.stringify(attribute)}`);
  const registry = readValue(registryValue);
  const agency = readValue(agencyValue);
  if (registry.problem === undefined && agency.problem === undefined) return comparer(registry.text, agency.text);
  return unreadable(registry, agency)!;
}
