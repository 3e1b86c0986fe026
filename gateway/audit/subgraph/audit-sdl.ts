import { federationHeader, satuDefinitions } from '../../../subgraphs/kit/directives';

/** The subgraph that answers auditors' questions about the access ledger; it runs inside the gateway process. */
export const AUDIT_SUBGRAPH = 'audit';

/** The scope an auditor's credential needs (enforced by the gateway's access rules from @access). */
export const AUDIT_READ_SCOPE = 'audit:read';

/** Most entries one accessLog answer returns, and the default. */
export const MAX_ACCESS_LOG_ENTRIES = 5000;
export const DEFAULT_ACCESS_LOG_ENTRIES = 500;

const AUDIT_TYPES = `
type Query {
  "Who read this citizen's data through Satu, when, for which purpose, which fields and which agencies: the access ledger's entries naming the NIK (in the arguments or in the answer), oldest first. Times are inclusive bounds."
  accessLog(
    nik: NIK!
    "From this instant (inclusive); default: the first entry."
    from: DateTime
    "Up to this instant (inclusive); default: now."
    to: DateTime
    "At most this many entries, from 1 to ${MAX_ACCESS_LOG_ENTRIES}."
    first: Int = ${DEFAULT_ACCESS_LOG_ENTRIES}
  ): [AccessLogEntry!]! @access(scopes: ["${AUDIT_READ_SCOPE}"])
  "Which clients read one field (a schema coordinate, Citizen.vehicles), how often and when last, most frequent first. Usage is counted per hour (UTC): the window covers every hour it touches."
  fieldUsage(
    "Type.field (Citizen.vehicles), or Type.field.argument (Query.citizen.nik)."
    coordinate: String!
    from: DateTime
    to: DateTime
  ): [FieldUsage!]! @access(scopes: ["${AUDIT_READ_SCOPE}"])
}

"How an operation ended."
enum AccessLogOutcome {
  "Answered in full."
  OK
  "Answered; some fields null with an error (an agency could not answer, a field was forbidden)."
  PARTIAL
  "Refused before any agency was asked (unauthenticated, forbidden, over a limit, bad input)."
  REFUSED
  "Failed."
  ERROR
}

"One operation that named the citizen. Other citizens named by the same operation are not shown."
type AccessLogEntry {
  "The entry's place in the ledger's hash chain."
  sequence: Int!
  "When the operation was answered."
  time: DateTime!
  requestId: String!
  traceId: String
  "The authenticated client (JWT subject or API key's client)."
  clientId: String!
  role: String!
  "The purpose code the client declared (X-Satu-Purpose)."
  purpose: String
  operationName: String
  "SHA-256 of the operation document."
  operationHash: String!
  "The field coordinates the operation resolved."
  fields: [String!]!
  "The agencies the gateway called for it."
  agencies: [String!]!
  outcome: AccessLogOutcome!
  errorCodes: [String!]!
  latencyMs: Int!
  "The NIK was in the operation's arguments."
  inArguments: Boolean!
  "The NIK was in the answer (for example as a family member or spouse)."
  inAnswer: Boolean!
  "The entry's hash in the chain."
  hash: String!
  "The entry's content still matches its own hash. This checks the entry alone; 'satu audit verify' checks the chain and its signed checkpoints."
  hashMatches: Boolean!
}

"One client's reads of one field."
type FieldUsage {
  coordinate: String!
  clientId: String!
  "Operations that resolved the field."
  count: Int!
  "Distinct operation documents among them."
  operations: Int!
  lastReadAt: DateTime!
}

scalar NIK
scalar DateTime
`;

/**
 * The audit subgraph's SDL (Federation 2, our shared header and directive definitions): root
 * fields and value types only, no entity, so it adds no hop to citizen queries.
 */
export function auditSdl(): string {
  return `${federationHeader()}\n${AUDIT_TYPES}\n${satuDefinitions()}\n`;
}
