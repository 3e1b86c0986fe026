import { ExportFileClient, type ExportFileClientOptions } from '../kit/export-file/export-file-client';
import type { ExportParseResult, ExportWarn } from '../kit/export-file/export-file-index';
import { isValidNik, maskNik } from '../kit/nik';
import { ExportFormatError, decodeExport, parseExportText } from './djp-export.format';
import { mapDetail, preferredProfile } from './djp.mapper';
import { notRegistered, type TaxProfileRecord } from './djp.records';
import { DJP_AGENCY } from './djp.system';

export type { ExportFileRead, ReloadOutcome } from '../kit/export-file/export-file-index';

export interface DjpExportClientOptions extends ExportFileClientOptions {
  /** The export file (the subgraph's legacyLocation), e.g. `<dataDir>/djp/EXPORT_WP_OP.TXT`. */
  path: string;
  /** Unreadable values and skipped records logged one by one per load; the rest are only counted. @default 50 */
  maxWarnings?: number;
}

export interface ExportIndexStatus {
  /** Good exports indexed so far (0 = never: lookups fail with AGENCY_UNAVAILABLE). */
  generation: number;
  /** The header date of the export being served, ISO. */
  exportedOn: string | null;
  /** Detail records indexed. */
  records: number;
  /** Distinct NIKs (records minus duplicates). */
  taxpayers: number;
  /** Records between header and trailer that were skipped (wrong length, unknown type, bad NIK). */
  skippedRecords: number;
  /** Why the latest file seen was not indexed, if it was not. */
  lastRejection: string | null;
  /** Files refused so far (missing, unreadable, half-written, garbage): a counter for monitoring. */
  rejections: number;
}

type TaxProfileIndex = ReadonlyMap<string, TaxProfileRecord>;

interface IndexSummary {
  records: number;
  taxpayers: number;
  skippedRecords: number;
}

/** Share of unusable records above which a complete-looking file is still refused. */
const MAX_SKIPPED_SHARE = 0.5;

/**
 * The DJP adapter. The legacy interface is a nightly fixed-width export, not a service: we index
 * it by NIK in memory and swap the index atomically when the file changes (the watching,
 * validation-before-swap and keep-last-good mechanics are the kit's ExportFileIndex). A new file
 * is validated (header, trailer count, final line break) before it replaces the index. Before
 * any good export, lookups fail with AGENCY_UNAVAILABLE.
 */
export class DjpExportClient extends ExportFileClient<TaxProfileIndex, IndexSummary> {
  constructor(options: DjpExportClientOptions) {
    super(options, options.maxWarnings, {
      loggerName: 'djp:export-client',
      agency: DJP_AGENCY,
      system: 'DJP',
      contents: 'tax profiles',
      parse: parseTaxpayerExport,
    });
  }

  status(): ExportIndexStatus {
    const { generation, exportedOn, summary, lastRejection, rejections } = this.index.status();
    return {
      generation,
      exportedOn,
      records: summary?.records ?? 0,
      taxpayers: summary?.taxpayers ?? 0,
      skippedRecords: summary?.skippedRecords ?? 0,
      lastRejection,
      rejections,
    };
  }

  /**
   * The tax profile of each NIK, as one index lookup for the whole batch. Every NIK gets an
   * answer: a NIK without a record is NOT_REGISTERED as of the served export's date.
   */
  findTaxProfiles(niks: readonly string[]): Promise<ReadonlyMap<string, TaxProfileRecord>> {
    return this.index.lookup((byNik, exportedOn) => {
      const found = new Map<string, TaxProfileRecord>();
      for (const nik of niks) found.set(nik, byNik.get(nik) ?? notRegistered(nik, exportedOn));
      return found;
    });
  }
}

/** One complete EXPORT_WP_OP.TXT (ISO-8859-1) to an index by NIK, or why it is not a taxpayer export. */
function parseTaxpayerExport(bytes: Buffer, warn: ExportWarn): ExportParseResult<TaxProfileIndex, IndexSummary> {
  try {
    const parsed = parseExportText(decodeExport(bytes));
    const byNik = new Map<string, TaxProfileRecord>();
    let skippedRecords = 0;
    let records = 0;
    for (const detail of parsed.details) {
      if (detail.fields === null) {
        skippedRecords += 1;
        if (detail.reason === 'length') {
          warn({ line: detail.line, length: detail.length }, 'DJP export record skipped: wrong length');
        } else {
          warn({ line: detail.line }, 'DJP export record skipped: unknown record type');
        }
        continue;
      }
      const nik = detail.fields.NIK;
      if (!isValidNik(nik)) {
        skippedRecords += 1;
        warn({ line: detail.line, nik: maskNik(nik) }, 'DJP export record skipped: NIK is not a valid NIK');
        continue;
      }
      const record = mapDetail(nik, detail.fields, parsed.exportedOn, (field, expected) =>
        warn({ line: detail.line, nik: maskNik(nik), field }, `DJP export value unreadable, expected ${expected}: null`),
      );
      const existing = byNik.get(nik);
      byNik.set(nik, existing ? preferredProfile(existing, record) : record);
      records += 1;
    }
    if (parsed.details.length > 0 && skippedRecords / parsed.details.length > MAX_SKIPPED_SHARE) {
      return { rejected: `${skippedRecords} of ${parsed.details.length} records are unusable; this is not a taxpayer export` };
    }
    return { index: byNik, exportedOn: parsed.exportedOn, summary: { records, taxpayers: byNik.size, skippedRecords } };
  } catch (error) {
    if (error instanceof ExportFormatError) return { rejected: error.message };
    throw error;
  }
}
