/**
 * The access ledger's tables (kysely types). Lists are stored as JSON text so that the stored row
 * is the hashed content, column for column; the NIK index and the hourly field usage are derived
 * from the entries, written in the same transaction, for the auditors' look-ups and the registry.
 * PostgreSQL returns BIGINT columns as strings: readers pass them through Number().
 */
export interface LedgerEntriesTable {
  sequence: number | string;
  format_version: number;
  entry_time: string;
  request_id: string;
  trace_id: string | null;
  client_id: string;
  role: string;
  purpose: string | null;
  operation_name: string | null;
  operation_hash: string;
  argument_niks: string;
  answer_niks: string;
  coordinates: string;
  agencies: string;
  outcome: string;
  error_codes: string;
  latency_ms: number;
  previous_hash: string;
  hash: string;
}

/** One row per chain: the head every append locks, so that entries get consecutive sequences and one line of hashes. */
export interface LedgerHeadTable {
  chain: string;
  sequence: number | string;
  hash: string;
  checkpoint_sequence: number | string;
  /** When the last checkpoint was made; the ledger's creation time before the first. */
  checkpoint_at: string | null;
  updated_at: string;
}

export interface LedgerCheckpointsTable {
  up_to_sequence: number | string;
  head_hash: string;
  created_at: string;
  key_id: string;
  signature: string;
}

export interface LedgerNiksTable {
  nik: string;
  sequence: number | string;
  in_arguments: number;
  in_answer: number;
}

/** How often one client's operation resolved one field in one hour (UTC). */
export interface LedgerFieldUsageTable {
  coordinate: string;
  client_id: string;
  operation_hash: string;
  /** The hour, as the first 13 characters of an ISO time: 2026-12-05T08. */
  hour: string;
  count: number | string;
  last_at: string;
}

export interface LedgerTables {
  audit_ledger_entries: LedgerEntriesTable;
  audit_ledger_head: LedgerHeadTable;
  audit_ledger_checkpoints: LedgerCheckpointsTable;
  audit_ledger_niks: LedgerNiksTable;
  audit_ledger_field_usage: LedgerFieldUsageTable;
}

/** The one chain this version keeps; a column so that a later split (per tenant, per year) needs no new table. */
export const ACCESS_CHAIN = 'access';
