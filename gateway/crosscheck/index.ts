/**
 * The crosscheck's comparison engine: pure functions that decide, per identity attribute, whether
 * an agency's copy agrees with the civil registry (README.md).
 */
export { COMPARED_ATTRIBUTES, compareAttribute, isComparedAttribute } from './compare-attribute';
export { worseVerdict, type AttributeComparison, type AttributeVerdict } from './comparison';
export { formatRegistryAddress, type RegistryAddressParts } from './format-registry-address';
export { MAX_VALUE_LENGTH } from './value.guard';
export type { IdentityAttributeName } from '../../subgraphs/kit/directives';
