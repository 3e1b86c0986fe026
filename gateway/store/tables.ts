import type { Generated } from 'kysely';

/** An open (or closed) request to an agency to synchronize its copy with the civil registry. */
export interface SyncRequestsTable {
  id: string;
  nik: string;
  agency: string;
  attribute: string;
  registry_value: string | null;
  agency_value: string | null;
  reason: string;
  status: 'OPEN' | 'CLOSED';
  opened_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** The latest verdict per (citizen, agency, attribute): what data quality figures are computed from. */
export interface IdentityObservationsTable {
  nik: string;
  agency: string;
  attribute: string;
  verdict: string;
  checked_at: string;
  version: Generated<number>;
}

export interface GatewayTables {
  sync_requests: SyncRequestsTable;
  identity_observations: IdentityObservationsTable;
}
