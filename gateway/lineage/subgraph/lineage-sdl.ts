import { federationHeader, satuDefinitions } from '../../../subgraphs/kit/directives';

/** The subgraph that answers auditors' lineage questions; it runs inside the gateway process. */
export const LINEAGE_SUBGRAPH = 'lineage';

/** The scope an auditor's credential needs for the lineage queries (enforced by the gateway's access rules). */
export const LINEAGE_READ_SCOPE = 'lineage:read';

const LINEAGE_TYPES = `
type Query {
  "Every agency with its subgraphs, the types and fields each resolves, and each field's classification and legacy source."
  lineageOverview: LineageOverview! @access(scopes: ["${LINEAGE_READ_SCOPE}"])
  "Who owns a field, where its value comes from, how it is classified, the version that introduced it and every change since. Unknown or malformed coordinate: BAD_USER_INPUT naming close matches."
  schemaLineage("A field coordinate, Type.field: Citizen.vehicles." coordinate: String!): FieldLineage! @access(scopes: ["${LINEAGE_READ_SCOPE}"])
  "Every published version of a subgraph, oldest first, with the changes each recorded. Unknown subgraph: BAD_USER_INPUT listing the known ones."
  schemaHistory("A subgraph name: imigrasi." subgraph: String!): [SchemaVersion!]! @access(scopes: ["${LINEAGE_READ_SCOPE}"])
}

type LineageOverview {
  "False when the gateway runs without the schema registry (a static supergraph) or could not read it: no versions, no history."
  registryAvailable: Boolean!
  "The registry's number of the supergraph described; null when it is not in the registry."
  supergraphSequence: Int
  composedAt: String
  agencies: [AgencyLineage!]!
  "Caveats to read with the answer (why the registry is not available, where tags were read from)."
  notes: [String!]!
}

type AgencyLineage {
  "The agency's short name: dukcapil, imigrasi, mpp."
  name: String!
  title: String!
  "The law under which the agency holds and shares the data."
  legalBasis: String
  contact: String
  subgraphs: [SubgraphLineage!]!
}

type SubgraphLineage {
  name: String!
  "Where the gateway reaches it (in-process:// for subgraphs inside the gateway)."
  url: String!
  "The version in the supergraph described; null without the registry."
  currentVersion: Int
  "Types with the fields this subgraph resolves itself (copies it only declares @external are left out)."
  types: [TypeLineage!]!
}

type TypeLineage {
  name: String!
  fields: [FieldSummary!]!
}

type FieldSummary {
  coordinate: String!
  name: String!
  returnType: String!
  "The @personalData class (IDENTITY, HEALTH, ...); null when the field holds no personal data."
  personalDataCategory: String
  "The identity attribute (FULL_NAME, ...) this field is the agency's copy of; null for other fields."
  identityClaim: String
  source: FieldSource
}

"Where a field's value comes from in the agency's legacy system (@source)."
type FieldSource {
  system: String!
  operation: String!
  "The legacy field; comma-separated when the value is derived from several."
  field: String!
}

type FieldLineage {
  coordinate: String!
  returnType: String!
  "Every subgraph that resolves the field, each with the tags on its own definition."
  owners: [FieldOwner!]!
  "The earliest published version, among the owners, that resolves the field; null without the registry."
  introducedIn: SchemaVersionRef
  "Every recorded change at the field, under it (arguments, directive usages), or at the type holding it or the type it returns; oldest first."
  changes: [FieldChange!]!
  notes: [String!]!
}

type FieldOwner {
  subgraph: String!
  agency: String!
  agencyTitle: String!
  source: FieldSource
  personalDataCategory: String
  identityClaim: String
}

type SchemaVersionRef {
  subgraph: String!
  sequence: Int!
  publishedAt: String!
  publisher: String!
  "Set when the publisher overrode failing checks: the reason recorded."
  overrideReason: String
}

"How a recorded change relates to the field asked about."
enum FieldChangeRelation {
  "The field itself."
  FIELD
  "An argument of the field or a directive on it (Type.field.arg, Type.field.@directive)."
  ARGUMENT_OR_DIRECTIVE
  "The type that holds the field."
  PARENT_TYPE
  "The type the field returns."
  RETURN_TYPE
}

type FieldChange {
  version: SchemaVersionRef!
  "SUBGRAPH (the subgraph's own SDL), API (what clients see) or PRIVACY (@personalData)."
  scope: String!
  "BREAKING, DANGEROUS or SAFE."
  criticality: String!
  changeType: String!
  message: String!
  "The coordinate the change was recorded at; null for a change without one."
  coordinate: String
  "Set in a field's lineage; null in a subgraph's history."
  relation: FieldChangeRelation
}

type SchemaVersion {
  subgraph: String!
  sequence: Int!
  "SHA-256 of the published SDL."
  hash: String!
  url: String!
  publishedAt: String!
  publisher: String!
  overrideReason: String
  changes: [FieldChange!]!
}
`;

/**
 * The lineage subgraph's SDL (Federation 2, our shared header and directive definitions). It
 * owns only root fields and value types of its own: no entity, so it adds no hop to citizen queries.
 */
export function lineageSdl(): string {
  return `${federationHeader()}\n${LINEAGE_TYPES}\n${satuDefinitions()}\n`;
}
