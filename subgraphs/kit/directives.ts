import { Directive } from 'type-graphql';

/**
 * Satu's own schema metadata (DESIGN.md section 4). The directives live under our own
 * `@link` spec and are kept in the supergraph with `@composeDirective`, so the gateway,
 * the registry and the crosscheck can read them from the composed SDL.
 */
export const SATU_SPEC_URL = 'https://specs.satu.go.id/satu/v0.1';
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.7';

export const PERSONAL_DATA_CATEGORIES = [
  'IDENTITY',
  'CONTACT',
  'FAMILY',
  'HEALTH',
  'FINANCIAL',
  'VEHICLE',
  'TRAVEL',
  'EMPLOYMENT',
  'PROPERTY',
  'BUSINESS',
  'CRIMINAL_RECORD',
  'BIOMETRIC',
  'RELIGION',
] as const;
export type PersonalDataCategory = (typeof PERSONAL_DATA_CATEGORIES)[number];

export const IDENTITY_ATTRIBUTES = [
  'FULL_NAME',
  'BIRTH_DATE',
  'BIRTH_PLACE',
  'SEX',
  'MOTHER_NAME',
  'MARITAL_STATUS',
  'ADDRESS',
] as const;
export type IdentityAttributeName = (typeof IDENTITY_ATTRIBUTES)[number];

export const SATU_DIRECTIVE_NAMES = ['@source', '@personalData', '@identityClaim', '@access', '@requiresConsistentIdentity'];

/** Definitions of our directives and the enums they use, appended to every subgraph's SDL. */
export const SATU_DIRECTIVE_DEFINITIONS = `
"Where the field's value comes from in the agency's legacy system (schema lineage)."
directive @source(system: String!, operation: String!, field: String!) on FIELD_DEFINITION
"Classification of personal data held by the field or type (UU 27/2022)."
directive @personalData(category: PersonalDataCategory!) on FIELD_DEFINITION | OBJECT
"The field is this agency's copy of a shared identity attribute; the crosscheck compares it with the civil registry."
directive @identityClaim(attribute: IdentityAttribute!) on FIELD_DEFINITION
"Scopes a consumer needs to read the field or type; enforced by the gateway."
directive @access(scopes: [String!]!) on FIELD_DEFINITION | OBJECT
"On mutations: the gateway runs the identity check for the NIK argument first and refuses on IDENTITY_MISMATCH."
directive @requiresConsistentIdentity(nikArgument: String!) on FIELD_DEFINITION
`;

const ENUM_DEFINITIONS: Record<string, string> = {
  PersonalDataCategory: `enum PersonalDataCategory { ${PERSONAL_DATA_CATEGORIES.join(' ')} }`,
  IdentityAttribute: `enum IdentityAttribute { ${IDENTITY_ATTRIBUTES.join(' ')} }`,
};

/** The `extend schema` header every Satu subgraph starts with. */
export function federationHeader(): string {
  const federationImports = ['@key', '@external', '@requires', '@provides', '@shareable', '@inaccessible', '@composeDirective'];
  return [
    'extend schema',
    `  @link(url: "${FEDERATION_SPEC_URL}", import: ${JSON.stringify(federationImports)})`,
    `  @link(url: "${SATU_SPEC_URL}", import: ${JSON.stringify(SATU_DIRECTIVE_NAMES)})`,
    ...SATU_DIRECTIVE_NAMES.map((name) => `  @composeDirective(name: "${name}")`),
  ].join('\n');
}

/** Our directive definitions plus the enums their arguments use, appended to every subgraph SDL. */
export function satuDefinitions(): string {
  return [SATU_DIRECTIVE_DEFINITIONS.trim(), ...Object.values(ENUM_DEFINITIONS)].join('\n');
}

function quoted(value: string): string {
  return JSON.stringify(value);
}

/** `@source`: the legacy system, the call (operation) and the legacy field behind this field. */
export function Source(system: string, operation: string, field: string): ReturnType<typeof Directive> {
  return Directive(`@source(system: ${quoted(system)}, operation: ${quoted(operation)}, field: ${quoted(field)})`);
}

/** `@personalData`: the personal-data class of the field or type. */
export function PersonalData(category: PersonalDataCategory): ReturnType<typeof Directive> {
  return Directive(`@personalData(category: ${category})`);
}

/** `@identityClaim`: this field is the agency's copy of an identity attribute. */
export function IdentityClaim(attribute: IdentityAttributeName): ReturnType<typeof Directive> {
  return Directive(`@identityClaim(attribute: ${attribute})`);
}

/** `@access`: scopes needed to read the field or type. */
export function Access(...scopes: string[]): ReturnType<typeof Directive> {
  return Directive(`@access(scopes: ${JSON.stringify(scopes)})`);
}

/** `@key(fields: "nik")` for the Citizen entity every agency extends. */
export function CitizenKey(): ReturnType<typeof Directive> {
  return Directive('@key(fields: "nik")');
}
