import { FEDERATION_SPEC_URL } from '../../../subgraphs/kit/directives';
import type { IdentityModel } from './identity-claims';

/** The client-facing types the crosscheck owns (DESIGN.md section 3). */
const IDENTITY_CHECK_TYPES = `
"How far an agency's copies of a citizen's identity agree with the civil registry."
enum IdentityStatus {
  "Every copy matches the registry once formatting is normalized."
  CONSISTENT
  "Some copies differ in a way a benign rule explains (titles, abbreviations, old spelling, renamed districts); reported, never blocking."
  VARIANT
  "Some copy differs materially (another date, sex or name): the transaction is refused until the data is synchronized."
  MISMATCH
  "No mismatch was found, but some agency could not be asked."
  INCOMPLETE
}

enum IdentityAttribute { FULL_NAME BIRTH_DATE BIRTH_PLACE SEX MOTHER_NAME MARITAL_STATUS ADDRESS }

"The result of comparing every agency's copy of the citizen's identity with the civil registry."
type IdentityCheck {
  status: IdentityStatus!
  "Every copy that is not a plain match: variants, mismatches, and copies that could not be read."
  discrepancies: [IdentityDiscrepancy!]!
  "Agencies whose copies were compared (an agency holding no record of the citizen is not listed)."
  comparedAgencies: [String!]!
  "Agencies that could not be asked: their fields are null in this answer."
  unreachableAgencies: [String!]!
}

"One agency's copy of one attribute that differs from the registry."
type IdentityDiscrepancy {
  attribute: IdentityAttribute!
  "The agency holding the differing copy; for the NIK's own encoded birth date or sex, dukcapil."
  agency: String!
  registryValue: String
  agencyValue: String
  severity: IdentityStatus!
  "Why, in words, and where to correct it."
  reason: String!
}

"A request to an agency to synchronize its copy of a citizen's identity with the civil registry."
type SyncRequest {
  id: ID!
  nik: NIK!
  agency: String!
  attribute: IdentityAttribute!
  registryValue: String
  agencyValue: String
  reason: String!
  status: SyncRequestStatus!
  openedAt: String!
  closedAt: String
}

enum SyncRequestStatus {
  "Opened by a MISMATCH; the agency (or the registry) must correct the copy."
  OPEN
  "Closed automatically when a later check found the copies agree."
  CLOSED
}

"How far an agency's copies of one attribute agree with the registry, over the citizens checked so far."
type IdentityAttributeQuality {
  attribute: IdentityAttribute!
  checkedCitizens: Int!
  "Citizens whose copy agrees (MATCH or a benign VARIANT)."
  agreeing: Int!
  share: Float!
}

type Query {
  "Synchronization requests for one agency's operators, newest first."
  syncRequests(agency: String!, status: SyncRequestStatus): [SyncRequest!]!
  "The share of checked citizens whose copy agrees with the registry, by attribute, for one agency."
  identityDataQuality(agency: String!): [IdentityAttributeQuality!]!
}
`;

/**
 * The crosscheck subgraph's SDL, generated from the identity model: Citizen redeclares, as
 * `@external`, the registry fields and every agency field holding an identity claim, and
 * `identityCheck` `@requires` all of them, so the query planner fetches every agency's copy
 * in parallel and hands them over. Record types are redeclared with only their claim fields.
 */
export function crosscheckSdl(model: IdentityModel): string {
  const citizenFields: string[] = [];
  const requires: string[] = [];
  const recordTypes = new Map<string, Map<string, string>>();

  for (const field of model.registry) {
    citizenFields.push(`  ${field.citizenField}: ${field.citizenFieldType} @external`);
    if (field.subfields && field.objectType) {
      requires.push(`${field.citizenField} { ${field.subfields.map((subfield) => subfield.name).join(' ')} }`);
      recordTypes.set(field.objectType, new Map(field.subfields.map((subfield) => [subfield.name, subfield.type])));
    } else {
      requires.push(field.citizenField);
    }
  }
  const claimsByCitizenField = new Map<string, { type: string; recordType: string; fields: Set<string> }>();
  for (const claim of model.claims) {
    const entry = claimsByCitizenField.get(claim.citizenField) ?? { type: claim.citizenFieldType, recordType: claim.recordType, fields: new Set<string>() };
    entry.fields.add(claim.claimField);
    claimsByCitizenField.set(claim.citizenField, entry);
    const record = recordTypes.get(claim.recordType) ?? new Map<string, string>();
    record.set(claim.claimField, claim.claimFieldType);
    recordTypes.set(claim.recordType, record);
  }
  for (const [citizenField, entry] of claimsByCitizenField) {
    citizenFields.push(`  ${citizenField}: ${entry.type} @external`);
    requires.push(`${citizenField} { ${[...entry.fields].join(' ')} }`);
  }

  const records = [...recordTypes].map(
    ([typeName, fields]) => `type ${typeName} {\n${[...fields].map(([name, type]) => `  ${name}: ${type} @external`).join('\n')}\n}`,
  );
  return `extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key", "@external", "@requires"])

type Citizen @key(fields: "nik") {
  nik: NIK!
${citizenFields.join('\n')}
  "Every agency's copy of this citizen's identity compared with the civil registry (generated from the @identityClaim tags)."
  identityCheck: IdentityCheck @requires(fields: ${JSON.stringify(requires.join(' '))})
}

${records.join('\n\n')}

${[...model.enums.values()].join('\n')}

scalar NIK
scalar Date
${IDENTITY_CHECK_TYPES}`;
}
