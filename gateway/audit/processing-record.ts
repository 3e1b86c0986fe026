import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { entryOfRow } from './ledger-rows';
import type { LedgerEntry } from './ledger-entry';
import { LedgerReader, verifyStoredLedger } from './ledger-reader';
import type { LedgerEntriesTable } from './ledger-tables';
import type { LedgerProblem, VerifyReport } from './ledger-verify';

/**
 * A citizen's processing record (UU 27/2022 gives citizens the record of who processed their data):
 * every ledger entry naming the NIK, with the verification status of the chain over those entries.
 * Built from one pass over the chained entries, not from the NIK index, so that a deleted index
 * row cannot hide a read from the citizen: the chain is what is verified.
 */

/** How far one entry is vouched for. */
export type EntryVerification =
  /** The chain is intact up to and past it, and a signed checkpoint seals it. */
  | 'SEALED'
  /** The chain is intact up to it, but no signed checkpoint covers it yet (it is recent). */
  | 'CHAINED'
  /** At or after the first bad entry of the chain: it cannot be vouched for. */
  | 'UNVERIFIED';

export interface ProcessingRecordEntry {
  sequence: number;
  time: string;
  clientId: string;
  role: string;
  purpose: string | null;
  operationName: string | null;
  fields: string[];
  agencies: string[];
  outcome: string;
  errorCodes: string[];
  inArguments: boolean;
  inAnswer: boolean;
  hash: string;
  verification: EntryVerification;
}

export interface ProcessingRecord {
  nik: string;
  generatedAt: string;
  chain: {
    status: 'INTACT' | 'BROKEN';
    entriesVerified: number;
    lastSequence: number;
    sealedThrough: number;
    checkpointKeyIds: string[];
    problem: LedgerProblem | null;
  };
  entries: ProcessingRecordEntry[];
  /** Rows after the first bad entry that name the NIK but could not be read at all. */
  unreadableEntries: number;
}

function mentions(row: LedgerEntriesTable, nik: string): boolean {
  // A cheap text test first: the lists are JSON text; parsing every row of the chain would dominate the run.
  return row.argument_niks.includes(nik) || row.answer_niks.includes(nik);
}

/** Builds the record from the citizen's entries and the chain's report (pure). */
export function processingRecordOf(nik: string, entries: readonly LedgerEntry[], report: VerifyReport, generatedAt: Date, unreadableEntries = 0): ProcessingRecord {
  const firstBad = report.problem?.sequence ?? Number.POSITIVE_INFINITY;
  const sealedThrough = Math.min(report.lastCheckpoint?.upToSequence ?? 0, firstBad - 1);
  return {
    nik,
    generatedAt: generatedAt.toISOString(),
    chain: {
      status: report.ok ? 'INTACT' : 'BROKEN',
      entriesVerified: report.entries,
      lastSequence: report.lastSequence,
      sealedThrough,
      checkpointKeyIds: report.keyIds,
      problem: report.problem,
    },
    entries: [...entries]
      .sort((a, b) => a.sequence - b.sequence)
      .map((entry) => ({
        sequence: entry.sequence,
        time: entry.time,
        clientId: entry.clientId,
        role: entry.role,
        purpose: entry.purpose,
        operationName: entry.operationName,
        fields: entry.coordinates,
        agencies: entry.agencies,
        outcome: entry.outcome,
        errorCodes: entry.errorCodes,
        inArguments: entry.argumentNiks.includes(nik),
        inAnswer: entry.answerNiks.includes(nik),
        hash: entry.hash,
        verification: entry.sequence >= firstBad ? 'UNVERIFIED' : entry.sequence <= sealedThrough ? 'SEALED' : 'CHAINED',
      })),
    unreadableEntries,
  };
}

/**
 * Reads the citizen's record from the database: verifies the whole chain (streaming) collecting
 * the entries that name `nik`; when the chain is broken, reads on past the break so the citizen
 * still sees every entry, marked UNVERIFIED.
 */
export async function readProcessingRecord(db: Kysely<any>, nik: string, publicKeys: ReadonlyMap<string, KeyObject>, now: Date = new Date()): Promise<ProcessingRecord> {
  const found = new Map<number, LedgerEntry>();
  const report = await verifyStoredLedger(db, publicKeys, {
    onGoodRow: (row) => {
      if (mentions(row, nik)) found.set(Number(row.sequence), entryOfRow(row));
    },
  });
  let unreadable = 0;
  if (report.problem) {
    for await (const page of new LedgerReader(db).entryPages({ after: Math.max(0, report.problem.sequence - 1) })) {
      for (const row of page) {
        if (!mentions(row, nik)) continue;
        try {
          const entry = entryOfRow(row);
          if (entry.argumentNiks.includes(nik) || entry.answerNiks.includes(nik)) found.set(entry.sequence, entry);
        } catch {
          unreadable += 1;
        }
      }
    }
  }
  const entries = [...found.values()].filter((entry) => entry.argumentNiks.includes(nik) || entry.answerNiks.includes(nik));
  return processingRecordOf(nik, entries, report, now, unreadable);
}
