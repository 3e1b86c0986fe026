import { sql, type Kysely, type Transaction } from 'kysely';
import { checkpointPayload, type LedgerCheckpoint } from './checkpoint';
import { chainEntry, type LedgerEntry, type LedgerEntryContent } from './ledger-entry';
import { checkpointRow, entryRow } from './ledger-rows';
import type { LedgerSigner } from './ledger-signing-key';
import { ACCESS_CHAIN, type LedgerFieldUsageTable, type LedgerTables } from './ledger-tables';

export interface CommitSettings {
  signer: LedgerSigner;
  /** A checkpoint at the end of the commit that brings the chain this many entries past the last one. */
  checkpointEveryEntries: number;
  /** ... or that comes this long after the last one. */
  checkpointEveryMs: number;
  now: () => Date;
  /** PostgreSQL: lock_timeout and statement_timeout for the transaction; null on SQLite (its busy timeout applies). */
  postgresTimeoutMs: number | null;
  /** Checkpoint now whatever the cadence says (on close), when there is anything new to seal. */
  forceCheckpoint?: boolean;
}

export interface CommitResult {
  entries: LedgerEntry[];
  checkpoint: LedgerCheckpoint | null;
}

// Rows per INSERT, well inside SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ENTRY_ROWS_PER_INSERT = 500;
const INDEX_ROWS_PER_INSERT = 2000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * One transaction: take the chain's head row (an UPDATE, which is a row lock on PostgreSQL and the
 * write lock on SQLite, so any number of processes on one database append to one chain, one
 * transaction at a time), give the entries the next sequences and link each to the previous hash,
 * write them, their NIK index rows and their hourly field usage, sign a checkpoint when one is
 * due, move the head. Either all of it is committed or none of it: a failure anywhere rolls the
 * whole batch back.
 */
export async function commitEntries(db: Kysely<LedgerTables>, contents: readonly LedgerEntryContent[], settings: CommitSettings): Promise<CommitResult> {
  return db.transaction().execute(async (trx) => {
    if (settings.postgresTimeoutMs !== null) {
      // A locked table or a stuck server must fail the batch (closed) rather than hold requests forever.
      const ms = Math.max(1, Math.floor(settings.postgresTimeoutMs));
      await sql.raw(`set local lock_timeout = ${ms}`).execute(trx);
      await sql.raw(`set local statement_timeout = ${ms}`).execute(trx);
    }
    const startedAt = settings.now().toISOString();
    const head = await trx.updateTable('audit_ledger_head').set({ updated_at: startedAt }).where('chain', '=', ACCESS_CHAIN).returningAll().executeTakeFirst();
    if (!head) throw new Error(`the access ledger's head row (chain "${ACCESS_CHAIN}") is missing: the ledger tables were not created by migrateLedger, or the row was deleted`);

    let sequence = Number(head.sequence);
    let hash = head.hash;
    const entries = contents.map((content) => {
      const entry = chainEntry(content, ++sequence, hash);
      hash = entry.hash;
      return entry;
    });
    await writeEntries(trx, entries);

    const checkpoint = dueCheckpoint(head, sequence, hash, settings);
    if (checkpoint) await trx.insertInto('audit_ledger_checkpoints').values(checkpointRow(checkpoint)).execute();
    if (entries.length > 0 || checkpoint) {
      await trx
        .updateTable('audit_ledger_head')
        .set({
          sequence,
          hash,
          ...(checkpoint ? { checkpoint_sequence: checkpoint.upToSequence, checkpoint_at: checkpoint.createdAt } : {}),
        })
        .where('chain', '=', ACCESS_CHAIN)
        .execute();
    }
    return { entries, checkpoint };
  });
}

async function writeEntries(trx: Transaction<LedgerTables>, entries: readonly LedgerEntry[]): Promise<void> {
  for (const chunk of chunks(entries.map(entryRow), ENTRY_ROWS_PER_INSERT)) await trx.insertInto('audit_ledger_entries').values(chunk).execute();
  const nikRows = entries.flatMap((entry) => {
    const asked = new Set(entry.argumentNiks);
    const answered = new Set(entry.answerNiks);
    return [...new Set([...asked, ...answered])].map((nik) => ({ nik, sequence: entry.sequence, in_arguments: asked.has(nik) ? 1 : 0, in_answer: answered.has(nik) ? 1 : 0 }));
  });
  for (const chunk of chunks(nikRows, INDEX_ROWS_PER_INSERT)) await trx.insertInto('audit_ledger_niks').values(chunk).execute();
  for (const chunk of chunks(fieldUsageRows(entries), INDEX_ROWS_PER_INSERT)) {
    await trx
      .insertInto('audit_ledger_field_usage')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['coordinate', 'client_id', 'operation_hash', 'hour']).doUpdateSet((eb) => ({
          count: eb('audit_ledger_field_usage.count', '+', eb.ref('excluded.count')),
          // Entries of several gateways are not in time order: keep the later of the two.
          last_at: eb.case().when(eb.ref('excluded.last_at'), '>', eb.ref('audit_ledger_field_usage.last_at')).then(eb.ref('excluded.last_at')).else(eb.ref('audit_ledger_field_usage.last_at')).end(),
        })),
      )
      .execute();
  }
}

/** The batch's field reads summed per (coordinate, client, operation, hour): one row each, as one upsert may touch a key only once. */
function fieldUsageRows(entries: readonly LedgerEntry[]): LedgerFieldUsageTable[] {
  const rows = new Map<string, LedgerFieldUsageTable>();
  for (const entry of entries) {
    const hour = entry.time.slice(0, 13);
    for (const coordinate of entry.coordinates) {
      const key = JSON.stringify([coordinate, entry.clientId, entry.operationHash, hour]);
      const row = rows.get(key);
      if (row) {
        row.count = Number(row.count) + 1;
        if (entry.time > row.last_at) row.last_at = entry.time;
      } else {
        rows.set(key, { coordinate, client_id: entry.clientId, operation_hash: entry.operationHash, hour, count: 1, last_at: entry.time });
      }
    }
  }
  return [...rows.values()];
}

function dueCheckpoint(
  head: { checkpoint_sequence: number | string; checkpoint_at: string | null },
  sequence: number,
  hash: string,
  settings: CommitSettings,
): LedgerCheckpoint | null {
  const sealed = Number(head.checkpoint_sequence);
  if (sequence <= sealed) return null;
  const now = settings.now();
  const lastAt = head.checkpoint_at ? Date.parse(head.checkpoint_at) : Number.NEGATIVE_INFINITY;
  const due = settings.forceCheckpoint === true || sequence - sealed >= settings.checkpointEveryEntries || now.getTime() - lastAt >= settings.checkpointEveryMs;
  if (!due) return null;
  const unsigned = { upToSequence: sequence, headHash: hash, createdAt: now.toISOString(), keyId: settings.signer.keyId };
  return { ...unsigned, signature: settings.signer.sign(checkpointPayload(unsigned)) };
}
