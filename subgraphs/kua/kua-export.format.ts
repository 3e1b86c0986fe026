import { formatCsvExport, isoToDayMonthYear, parseCsvExport, type CsvExportFormat, type ParsedCsvExport } from '../kit/export-file/csv-export';

/**
 * The wire contract of SIMKAH's marriage export ("EKSPOR_NIKAH"), shared by the reader (the
 * subgraph's adapter) and the writers (the export-job simulator and the seed). It knows the
 * envelope (header line, detail lines, trailer line) and nothing about what the values mean:
 * that is the mapper's job. README.md in this folder documents the format.
 */

/** The file name inside `<dataDir>/kua/`. */
export const EXPORT_FILE_NAME = 'SIMKAH_EKSPOR_NIKAH.csv';

/** SIMKAH quirk: a web export meant for Excel: `,`-separated, every field quoted, a UTF-8 BOM, LF line ends. */
export const EXPORT_DELIMITER = ',';
export const EXPORT_BOM = '\uFEFF';
export const EXPORT_LINE_END = '\n';

/** Every column a valid export carries, in the order the exporter writes them. */
export const EXPORT_COLUMNS = [
  'NO_AKTA',
  'KODE_KUA',
  'NAMA_KUA',
  'TGL_AKAD',
  'TEMPAT_AKAD',
  'LOKASI_AKAD',
  'NIK_SUAMI',
  'NAMA_SUAMI',
  'TGL_LAHIR_SUAMI',
  'NIK_ISTRI',
  'NAMA_ISTRI',
  'TGL_LAHIR_ISTRI',
  'STATUS_NIKAH',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** One detail line, by legacy column name, values exactly as written. */
export type ExportRow = Record<ExportColumn, string>;

/** First field of the last line: `"#JUMLAH_BARIS","<detail line count>","<export date dd-mm-yyyy>"`. */
export const TRAILER_MARKER = '#JUMLAH_BARIS';

export type ParsedExport = ParsedCsvExport<ExportColumn>;

export { ExportFormatError } from '../kit/export-file/export-format-error';

const FORMAT: CsvExportFormat<ExportColumn> = {
  columns: EXPORT_COLUMNS,
  delimiter: EXPORT_DELIMITER,
  lineEnd: EXPORT_LINE_END,
  quoteAll: true,
  bom: EXPORT_BOM,
  blankIsEmpty: true,
  trailerMarker: TRAILER_MARKER,
  trailerDate: /^(\d{2})-(\d{2})-(\d{4})$/,
  trailerDateNotation: 'dd-mm-yyyy',
};

/**
 * Parses and validates the envelope of an export (the kit's CSV envelope). Throws
 * ExportFormatError when the file is empty (blank after the BOM), not CSV, lacks a column, has
 * no trailer, declares another line count than it holds, or does not end with a line break. A
 * detail line with the wrong number of fields comes back with `values: null`.
 */
export function parseExportText(text: string): ParsedExport {
  return parseCsvExport(FORMAT, text);
}

/** Writes a complete export as SIMKAH does: BOM, header, detail lines, trailer, every field quoted, LF. */
export function formatExportText(rows: readonly ExportRow[], exportedOn: string): string {
  return formatCsvExport(FORMAT, rows, exportedOn);
}

/** ISO yyyy-mm-dd -> the export's dd-mm-yyyy. */
export function exportDate(isoDate: string): string {
  return isoToDayMonthYear(isoDate, '-');
}
