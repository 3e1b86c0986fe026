import type { Role } from './caller';

/**
 * The scope catalogue. Data scopes follow the agencies' data domains, so an `@access(scopes: ...)`
 * tag on a field names the domain, not the consumer. A token may carry scopes outside this list:
 * they are kept on the Caller but grant nothing, because nothing in the schema asks for them.
 */
export const DATA_READ_SCOPES = [
  'identity:read', // dukcapil: the civil registry's record, family card, address; the identity check
  'passport:read', // imigrasi
  'police:read', // polri: driving licences, police clearance
  'vehicle:read', // samsat
  'health:read', // bpjs-kesehatan
  'employment:read', // bpjs-ketenagakerjaan
  'tax:read', // djp
  'land:read', // bpn
  'business:read', // oss
  'marriage:read', // kua
] as const;

export const SERVICE_SCOPES = [
  'lineage:read', // where a field comes from
  'audit:read', // the access ledger
  'schema:read', // introspection, schema history
  'mpp:write', // operating the mall's own records
  'publish', // publishing an agency's subgraph to the registry
] as const;

export const KNOWN_SCOPES: readonly string[] = [...DATA_READ_SCOPES, ...SERVICE_SCOPES];

/** What the demo token of each role carries: enough to try that role's job and nothing more. */
export const DEMO_SCOPES_BY_ROLE: Readonly<Record<Role, readonly string[]>> = {
  frontend: DATA_READ_SCOPES,
  auditor: ['audit:read', 'lineage:read', 'schema:read'],
  operator: ['schema:read', 'mpp:write', 'audit:read'],
  'agency-publisher': ['schema:read', 'publish'],
};

/** The agency the demo publisher publishes for. */
export const DEMO_PUBLISHER_AGENCY = 'imigrasi';
