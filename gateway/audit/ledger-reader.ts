import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { entryOfRow } from './ledger-rows';
import type { LedgerEntry } from './ledger-entry';
import { ACCESS_CHAIN, type LedgerEntriesTable, type LedgerTables } from './ledger-tables';
import { ChainVerifier, type LedgerHeadRow, type VerifyReport } from './ledger-verify';

/** A time window; ISO-8601 UTC strings as the ledger stores them (Date.toISOString), both ends inclusive. */
export interface TimeWindow {
  from?: string;
  to?: string;
}

/** One entry that mentions a citizen, and how. */
export interface CitizenAccess extends LedgerEntry {
  inArguments: boolean;
  inAnswer: boolean;
}

/** Who read one field coordinate, how often and when last (counted per hour). */
export interface FieldUsageRow {
  coordinate: string;
  clientId: string;
  count: number;
  operations: number;
  lastReadAt: string;
}

/** The aggregate the registry's usage-aware check needs: one per (operation, coordinate, client). */
export interface UsageAggregate {
  operationHash: string;
  coordinate: string;
  client: string;
  count: number;
  lastUsedAt: string;
}

/** Default and largest page when streaming entries: memory stays flat however long the chain. */
export const DEFAULT_PAGE_SIZE = 1000;

/**
 * Reads the ledger: streaming pages for verification and export, and the look-ups for the auditors'
 * GraphQL and the registry. The NIK index and the hourly field usage are written with the entries;
 * the authoritative record is the chained entries (verifyStoredLedger reads only those).
 */
export class LedgerReader {
  private readonly db: Kysely<LedgerTables>;

  constructor(db: Kysely<any>) {
    this.db = db as Kysely<LedgerTables>;
  }

  async head(): Promise<LedgerHeadRow | null> {
    const row = await this.db.selectFrom('audit_ledger_head').select(['sequence', 'hash']).where('chain', '=', ACCESS_CHAIN).executeTakeFirst();
    return row ? { sequence: Number(row.sequence), hash: row.hash } : null;
  }

  /** The highest sequence any checkpoint seals (0: none). */
  async lastCheckpointSequence(): Promise<number> {
    const row = await this.db.selectFrom('audit_ledger_checkpoints').select((eb) => eb.fn.max('up_to_sequence').as('last')).executeTakeFirst();
    return row?.last === null || row?.last === undefined ? 0 : Number(row.last);
  }

  /** Entry rows in ascending sequence after `after`, up to `upTo`, one page at a time (keyset paging, never OFFSET). */
  async *entryPages(options: { after?: number; upTo?: number; pageSize?: number } = {}): AsyncGenerator<LedgerEntriesTable[]> {
    const pageSize = pageSizeOf(options.pageSize);
    let after = options.after ?? 0;
    for (;;) {
      let query = this.db.selectFrom('audit_ledger_entries').selectAll().where('sequence', '>', after);
      if (options.upTo !== undefined) query = query.where('sequence', '<=', options.upTo);
      const rows = await query.orderBy('sequence').limit(pageSize).execute();
      if (rows.length === 0) return;
      yield rows;
      after = Number(rows[rows.length - 1]!.sequence);
      if (rows.length < pageSize) return;
    }
  }

  /** Checkpoint rows in ascending order of the sequence they seal, one page at a time. */
  async *checkpointPages(options: { upTo?: number; pageSize?: number } = {}) {
    const pageSize = pageSizeOf(options.pageSize);
    let after = 0;
    for (;;) {
      let query = this.db.selectFrom('audit_ledger_checkpoints').selectAll().where('up_to_sequence', '>', after);
      if (options.upTo !== undefined) query = query.where('up_to_sequence', '<=', options.upTo);
      const rows = await query.orderBy('up_to_sequence').limit(pageSize).execute();
      if (rows.length === 0) return;
      yield rows;
      after = Number(rows[rows.length - 1]!.up_to_sequence);
      if (rows.length < pageSize) return;
    }
  }

  /** Entries that name `nik` in their arguments or answer, oldest first, through the NIK index. */
  async entriesForNik(nik: string, window: TimeWindow = {}, limit = 1000): Promise<CitizenAccess[]> {
    let query = this.db
      .selectFrom('audit_ledger_niks as n')
      .innerJoin('audit_ledger_entries as e', 'e.sequence', 'n.sequence')
      .selectAll('e')
      .select(['n.in_arguments', 'n.in_answer'])
      .where('n.nik', '=', nik);
    if (window.from) query = query.where('e.entry_time', '>=', window.from);
    if (window.to) query = query.where('e.entry_time', '<=', window.to);
    const rows = await query.orderBy('e.sequence').limit(limit).execute();
    return rows.map((row) => ({ ...entryOfRow(row), inArguments: Number(row.in_arguments) === 1, inAnswer: Number(row.in_answer) === 1 }));
  }

  /**
   * Per client: how many operations resolved `coordinate` in the window, how many distinct
   * documents they were and when last; most frequent first. Usage is kept per hour (UTC), so the
   * window covers every hour it touches.
   */
  async fieldUsage(coordinate: string, window: TimeWindow = {}): Promise<FieldUsageRow[]> {
    let query = this.db
      .selectFrom('audit_ledger_field_usage')
      .select((eb) => ['client_id', eb.fn.sum<number | string>('count').as('count'), eb.fn.count('operation_hash').distinct().as('operations'), eb.fn.max('last_at').as('last_read_at')])
      .where('coordinate', '=', coordinate);
    if (window.from) query = query.where('hour', '>=', hourOf(window.from));
    if (window.to) query = query.where('hour', '<=', hourOf(window.to));
    const rows = await query.groupBy('client_id').execute();
    return rows
      .map((row) => ({ coordinate, clientId: row.client_id, count: Number(row.count), operations: Number(row.operations), lastReadAt: String(row.last_read_at) }))
      .sort((a, b) => b.count - a.count || a.clientId.localeCompare(b.clientId));
  }

  /** Every (operation, coordinate, client) used from the hour of `sinceIso` on, with the count and the last time. */
  async usageSince(sinceIso: string): Promise<UsageAggregate[]> {
    const rows = await this.db
      .selectFrom('audit_ledger_field_usage')
      .select((eb) => ['operation_hash', 'coordinate', 'client_id', eb.fn.sum<number | string>('count').as('count'), eb.fn.max('last_at').as('last_used_at')])
      .where('hour', '>=', hourOf(sinceIso))
      .groupBy(['operation_hash', 'coordinate', 'client_id'])
      .orderBy('coordinate')
      .orderBy('client_id')
      .orderBy('operation_hash')
      .execute();
    return rows.map((row) => ({ operationHash: row.operation_hash, coordinate: row.coordinate, client: row.client_id, count: Number(row.count), lastUsedAt: String(row.last_used_at) }));
  }
}

/** The usage bucket of an ISO-8601 UTC time: its first 13 characters (2026-12-05T08). */
export function hourOf(isoUtc: string): string {
  return isoUtc.slice(0, 13);
}

function pageSizeOf(pageSize: number | undefined): number {
  const size = pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > 10_000) throw new RangeError(`page size must be a whole number from 1 to 10000, not ${size}`);
  return size;
}

export interface VerifyStoredOptions {
  pageSize?: number;
  /** Sees every entry row the verifier accepted, in order (the export collects a citizen's entries here). */
  onGoodRow?: (row: LedgerEntriesTable) => void;
}

/**
 * Verifies the ledger in the database, page by page: the chain as far as the head row said when
 * the run began (entries appended meanwhile are left for the next run), every checkpoint up to it,
 * and the head itself. Only the entries and checkpoints are trusted; the index tables are not read.
 */
export async function verifyStoredLedger(db: Kysely<any>, publicKeys: ReadonlyMap<string, KeyObject>, options: VerifyStoredOptions = {}): Promise<VerifyReport> {
  const reader = new LedgerReader(db);
  // The last checkpoint before the head: a checkpoint is committed with the head it seals, so read
  // in this order the head is never behind it unless someone moved the head back (and hid a cut-off end).
  const lastSealed = await reader.lastCheckpointSequence();
  const head = await reader.head();
  const upTo = head ? Math.max(Number(head.sequence), lastSealed) : undefined;
  const verifier = new ChainVerifier(publicKeys);
  const checkpoints = reader.checkpointPages({ upTo, pageSize: options.pageSize });
  let checkpointsQueuedTo = 0;
  let checkpointsDone = false;

  // Checkpoints are queued ahead of the entries they seal: before each entry page, enough of them.
  async function queueCheckpointsThrough(sequence: number): Promise<void> {
    while (!checkpointsDone && checkpointsQueuedTo < sequence) {
      const next = await checkpoints.next();
      if (next.done) {
        checkpointsDone = true;
        return;
      }
      for (const row of next.value) verifier.queueCheckpoint(row);
      checkpointsQueuedTo = Number(next.value[next.value.length - 1]!.up_to_sequence);
    }
  }

  for await (const page of reader.entryPages({ upTo, pageSize: options.pageSize })) {
    await queueCheckpointsThrough(Number(page[page.length - 1]!.sequence));
    for (const row of page) {
      if (!verifier.addEntry(row)) break;
      options.onGoodRow?.(row);
    }
    if (verifier.failed) break;
  }
  if (!verifier.failed) await queueCheckpointsThrough(Number.MAX_SAFE_INTEGER);
  await checkpoints.return(undefined);
  if (!head) {
    const report = verifier.finish();
    if (report.ok) return { ...report, ok: false, problem: { kind: 'head-mismatch', sequence: report.lastSequence + 1, message: `the chain's head row is missing: it was deleted, or this is not a ledger the gateway made` } };
    return report;
  }
  return verifier.finish(head);
}
