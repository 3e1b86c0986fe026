import { ExportFileClient, pickPresent, type ExportFileClientOptions } from '../kit/export-file/export-file-client';
import type { ExportParseResult, ExportWarn } from '../kit/export-file/export-file-index';
import { isValidNik, maskNik } from '../kit/nik';
import { ExportFormatError, parseExportText } from './samsat-export.format';
import { mapVehicleRow } from './samsat.mapper';
import type { VehicleRecord } from './samsat.records';

export type { ExportFileRead, ReloadOutcome } from '../kit/export-file/export-file-index';

export interface SamsatExportClientOptions extends ExportFileClientOptions {
  /** The export file (the subgraph's legacyLocation), e.g. `<dataDir>/samsat/EXPORT_KENDARAAN.csv`. */
  path: string;
  /** Unreadable values logged one by one per load; the rest are only counted. @default 50 */
  maxValueWarnings?: number;
}

export interface ExportIndexStatus {
  /** Number of good exports indexed so far (0 = never: lookups fail with AGENCY_UNAVAILABLE). */
  generation: number;
  /** The trailer date of the export being served, dd/mm/yyyy. */
  exportedOn: string | null;
  vehicles: number;
  owners: number;
  /** Detail lines of the served export that were skipped (bad NIK or field count). */
  skippedLines: number;
  /** Why the latest file seen was not indexed, if it was not. */
  lastRejection: string | null;
}

type VehicleIndex = ReadonlyMap<string, readonly VehicleRecord[]>;

interface IndexSummary {
  vehicles: number;
  owners: number;
  skippedLines: number;
}

/** Share of unusable detail lines above which a complete-looking file is still refused. */
const MAX_SKIPPED_SHARE = 0.5;

/**
 * The SAMSAT adapter. The legacy interface is a nightly export file, not a service: we index
 * it by owner NIK in memory and swap the index atomically when the file changes (the watching,
 * validation-before-swap and keep-last-good mechanics are the kit's ExportFileIndex). A new file
 * is validated (header, trailer line count, final line break) before it replaces the index.
 * Before any good export, lookups fail with AGENCY_UNAVAILABLE.
 */
export class SamsatExportClient extends ExportFileClient<VehicleIndex, IndexSummary> {
  constructor(options: SamsatExportClientOptions) {
    super(options, options.maxValueWarnings, {
      loggerName: 'samsat:export-client',
      agency: 'samsat',
      system: 'SAMSAT',
      contents: 'vehicles',
      parse: parseVehicleExport,
    });
  }

  status(): ExportIndexStatus {
    const { generation, exportedOn, summary, lastRejection } = this.index.status();
    return {
      generation,
      exportedOn,
      vehicles: summary?.vehicles ?? 0,
      owners: summary?.owners ?? 0,
      skippedLines: summary?.skippedLines ?? 0,
      lastRejection,
    };
  }

  /**
   * The vehicles of each NIK, as one index lookup for the whole batch. NIKs without a
   * vehicle are absent from the result (the caller answers []).
   */
  findVehicles(niks: readonly string[]): Promise<ReadonlyMap<string, readonly VehicleRecord[]>> {
    return this.index.lookup((byNik) => pickPresent(byNik, niks));
  }
}

/** One complete EXPORT_KENDARAAN.csv to an index by owner NIK, or why it is not a vehicle export. */
function parseVehicleExport(bytes: Buffer, warn: ExportWarn): ExportParseResult<VehicleIndex, IndexSummary> {
  try {
    const parsed = parseExportText(bytes.toString('utf8'));
    const byNik = new Map<string, VehicleRecord[]>();
    let skippedLines = 0;
    let vehicles = 0;
    for (const row of parsed.rows) {
      if (row.values === null) {
        skippedLines += 1;
        warn({ line: row.line, fields: row.fieldCount }, 'SAMSAT export line skipped: wrong number of fields');
        continue;
      }
      const nik = row.values.NIK_PEMILIK.trim();
      if (!isValidNik(nik)) {
        skippedLines += 1;
        warn({ line: row.line, nik: maskNik(nik) }, 'SAMSAT export line skipped: NIK_PEMILIK is not a valid NIK');
        continue;
      }
      const record = mapVehicleRow(nik, row.values, (column, expected) =>
        warn({ line: row.line, nik: maskNik(nik), column }, `SAMSAT export value unreadable, expected ${expected}: null`),
      );
      const owned = byNik.get(nik);
      if (owned) owned.push(record);
      else byNik.set(nik, [record]);
      vehicles += 1;
    }
    if (parsed.rows.length > 0 && skippedLines / parsed.rows.length > MAX_SKIPPED_SHARE) {
      return { rejected: `${skippedLines} of ${parsed.rows.length} detail lines are unusable; this is not a vehicle export` };
    }
    return { index: byNik, exportedOn: parsed.exportedOn, summary: { vehicles, owners: byNik.size, skippedLines } };
  } catch (error) {
    if (error instanceof ExportFormatError) return { rejected: error.message };
    throw error;
  }
}
