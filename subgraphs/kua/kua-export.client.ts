import { ExportFileClient, pickPresent, type ExportFileClientOptions } from '../kit/export-file/export-file-client';
import type { ExportParseResult, ExportWarn } from '../kit/export-file/export-file-index';
import { maskNik } from '../kit/nik';
import { ExportFormatError, parseExportText } from './kua-export.format';
import { mapMarriageRow, recordsOf } from './kua.mapper';
import type { MarriageRecord } from './kua.records';
import { KUA_AGENCY } from './kua.system';

export type { ExportFileRead, ReloadOutcome } from '../kit/export-file/export-file-index';

export interface KuaExportClientOptions extends ExportFileClientOptions {
  /** The export file (the subgraph's legacyLocation), e.g. `<dataDir>/kua/SIMKAH_EKSPOR_NIKAH.csv`. */
  path: string;
  /** Unreadable values logged one by one per load; the rest are only counted. @default 50 */
  maxValueWarnings?: number;
}

export interface ExportIndexStatus {
  /** Number of good exports indexed so far (0 = never: lookups fail with AGENCY_UNAVAILABLE). */
  generation: number;
  /** The trailer date of the export being served, dd-mm-yyyy. */
  exportedOn: string | null;
  /** Detail lines (marriages) indexed. */
  marriages: number;
  /** Distinct NIKs (spouses) the index answers for. */
  citizens: number;
  /** Detail lines of the served export that were skipped (no usable NIK, same NIK twice, field count). */
  skippedLines: number;
  /** Why the latest file seen was not indexed, if it was not. */
  lastRejection: string | null;
}

type MarriageIndex = ReadonlyMap<string, readonly MarriageRecord[]>;

interface IndexSummary {
  marriages: number;
  citizens: number;
  skippedLines: number;
}

/** Share of unusable detail lines above which a complete-looking file is still refused. */
const MAX_SKIPPED_SHARE = 0.5;

/**
 * The KUA adapter. SIMKAH's interface for us is an export file, not a service: we index it in
 * memory by BOTH spouses' NIKs (each sees the marriage with their own role and the other as
 * spouse) and swap the index atomically when the file changes (the watching,
 * validation-before-swap and keep-last-good mechanics are the kit's ExportFileIndex). A new file
 * is validated (header, trailer line count, final line break) before it replaces the index.
 * Before any good export, lookups fail with AGENCY_UNAVAILABLE.
 */
export class KuaExportClient extends ExportFileClient<MarriageIndex, IndexSummary> {
  constructor(options: KuaExportClientOptions) {
    super(options, options.maxValueWarnings, {
      loggerName: 'kua:export-client',
      agency: KUA_AGENCY,
      system: 'SIMKAH',
      contents: 'marriages',
      parse: parseMarriageExport,
    });
  }

  status(): ExportIndexStatus {
    const { generation, exportedOn, summary, lastRejection } = this.index.status();
    return {
      generation,
      exportedOn,
      marriages: summary?.marriages ?? 0,
      citizens: summary?.citizens ?? 0,
      skippedLines: summary?.skippedLines ?? 0,
      lastRejection,
    };
  }

  /**
   * The marriages of each NIK (as husband or as wife), as one index lookup for the whole batch.
   * NIKs without a marriage are absent from the result (the caller answers []).
   */
  findMarriages(niks: readonly string[]): Promise<ReadonlyMap<string, readonly MarriageRecord[]>> {
    return this.index.lookup((byNik) => pickPresent(byNik, niks));
  }
}

/** One complete SIMKAH_EKSPOR_NIKAH.csv to an index by both spouses' NIKs, or why it is not a marriage export. */
function parseMarriageExport(bytes: Buffer, warn: ExportWarn): ExportParseResult<MarriageIndex, IndexSummary> {
  try {
    const parsed = parseExportText(bytes.toString('utf8'));
    const byNik = new Map<string, MarriageRecord[]>();
    let skippedLines = 0;
    let marriages = 0;
    for (const row of parsed.rows) {
      if (row.values === null) {
        skippedLines += 1;
        warn({ line: row.line, fields: row.fieldCount }, 'SIMKAH export line skipped: wrong number of fields');
        continue;
      }
      const { line } = row;
      const entry = mapMarriageRow(row.values, (column, expected) =>
        warn({ line, column }, `SIMKAH export value unreadable, expected ${expected}: null`),
      );
      if (entry.husband.nik === null && entry.wife.nik === null) {
        skippedLines += 1;
        warn({ line }, 'SIMKAH export line skipped: neither NIK_SUAMI nor NIK_ISTRI is a valid NIK');
        continue;
      }
      if (entry.husband.nik === entry.wife.nik) {
        skippedLines += 1;
        warn({ line, nik: maskNik(entry.husband.nik ?? '') }, 'SIMKAH export line skipped: the same NIK for husband and wife');
        continue;
      }
      for (const record of recordsOf(entry)) {
        const held = byNik.get(record.holderNik);
        if (held) held.push(record);
        else byNik.set(record.holderNik, [record]);
      }
      marriages += 1;
    }
    if (parsed.rows.length > 0 && skippedLines / parsed.rows.length > MAX_SKIPPED_SHARE) {
      return { rejected: `${skippedLines} of ${parsed.rows.length} detail lines are unusable; this is not a marriage export` };
    }
    return { index: byNik, exportedOn: parsed.exportedOn, summary: { marriages, citizens: byNik.size, skippedLines } };
  } catch (error) {
    if (error instanceof ExportFormatError) return { rejected: error.message };
    throw error;
  }
}
