import type { LedgerCheckpoint } from './checkpoint';
import { LEDGER_OUTCOMES, type LedgerEntry, type LedgerOutcome } from './ledger-entry';
import type { LedgerCheckpointsTable, LedgerEntriesTable } from './ledger-tables';

/** Entry <-> row. Lists become JSON text; reading a row back gives exactly the content that was hashed. */
export function entryRow(entry: LedgerEntry): LedgerEntriesTable {
  return {
    sequence: entry.sequence,
    format_version: entry.formatVersion,
    entry_time: entry.time,
    request_id: entry.requestId,
    trace_id: entry.traceId,
    client_id: entry.clientId,
    role: entry.role,
    purpose: entry.purpose,
    operation_name: entry.operationName,
    operation_hash: entry.operationHash,
    argument_niks: JSON.stringify(entry.argumentNiks),
    answer_niks: JSON.stringify(entry.answerNiks),
    coordinates: JSON.stringify(entry.coordinates),
    agencies: JSON.stringify(entry.agencies),
    outcome: entry.outcome,
    error_codes: JSON.stringify(entry.errorCodes),
    latency_ms: entry.latencyMs,
    previous_hash: entry.previousHash,
    hash: entry.hash,
  };
}

export class MalformedRowError extends Error {}

function stringList(text: string, column: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedRowError(`column ${column} is not JSON`);
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new MalformedRowError(`column ${column} is not a list of strings`);
  return value as string[];
}

/** A stored row as an entry; MalformedRowError when a column cannot be what the ledger wrote. */
export function entryOfRow(row: LedgerEntriesTable): LedgerEntry {
  const sequence = Number(row.sequence);
  if (!Number.isSafeInteger(sequence)) throw new MalformedRowError(`sequence ${String(row.sequence)} is not a whole number`);
  if (!LEDGER_OUTCOMES.includes(row.outcome as LedgerOutcome)) throw new MalformedRowError(`outcome ${JSON.stringify(row.outcome)} is not one the ledger writes`);
  return {
    sequence,
    formatVersion: Number(row.format_version),
    time: row.entry_time,
    requestId: row.request_id,
    traceId: row.trace_id,
    clientId: row.client_id,
    role: row.role,
    purpose: row.purpose,
    operationName: row.operation_name,
    operationHash: row.operation_hash,
    argumentNiks: stringList(row.argument_niks, 'argument_niks'),
    answerNiks: stringList(row.answer_niks, 'answer_niks'),
    coordinates: stringList(row.coordinates, 'coordinates'),
    agencies: stringList(row.agencies, 'agencies'),
    outcome: row.outcome as LedgerOutcome,
    errorCodes: stringList(row.error_codes, 'error_codes'),
    latencyMs: Number(row.latency_ms),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

export function checkpointRow(checkpoint: LedgerCheckpoint): LedgerCheckpointsTable {
  return { up_to_sequence: checkpoint.upToSequence, head_hash: checkpoint.headHash, created_at: checkpoint.createdAt, key_id: checkpoint.keyId, signature: checkpoint.signature };
}

export function checkpointOfRow(row: LedgerCheckpointsTable): LedgerCheckpoint {
  return { upToSequence: Number(row.up_to_sequence), headHash: row.head_hash, createdAt: row.created_at, keyId: row.key_id, signature: row.signature };
}
