import { formatCsvExport, isoToDayMonthYear, parseCsvExport, type CsvExportFormat, type ParsedCsvExport } from '../kit/export-file/csv-export';

/**
 * The wire contract of SAMSAT Riau's nightly vehicle export ("EXPORT_KENDARAAN"), shared by
 * the reader (the subgraph's adapter) and the writers (the export-job simulator and the seed).
 * It knows the envelope (header line, detail lines, trailer line) and nothing about what the
 * values mean: that is the mapper's job. README.md in this folder documents the format.
 */

/** The file name inside `<dataDir>/samsat/`. */
export const EXPORT_FILE_NAME = 'EXPORT_KENDARAAN.csv';

/** Field separator. SAMSAT's exporter uses `;` because `,` appears in addresses and amounts. */
export const EXPORT_DELIMITER = ';';

/** Every column a valid export carries, in the order the exporter writes them. */
export const EXPORT_COLUMNS = [
  'NO_POLISI',
  'NIK_PEMILIK',
  'NAMA_PEMILIK',
  'ALAMAT_PEMILIK',
  'JENIS_KB',
  'MEREK',
  'TIPE',
  'THN_BUAT',
  'WARNA',
  'TGL_AKHIR_STNK',
  'TGL_JT_PKB',
  'PKB_POKOK',
  'TUNGGAKAN_PKB',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** One detail line, by legacy column name, values exactly as written (untrimmed). */
export type ExportRow = Record<ExportColumn, string>;

/** First field of the last line: `TRAILER;<detail line count>;<export date dd/mm/yyyy>`. */
export const TRAILER_MARKER = 'TRAILER';

export type ParsedExport = ParsedCsvExport<ExportColumn>;

export { ExportFormatError } from '../kit/export-file/export-format-error';

const FORMAT: CsvExportFormat<ExportColumn> = {
  columns: EXPORT_COLUMNS,
  delimiter: EXPORT_DELIMITER,
  // SAMSAT quirk: the exporter ends every line, the trailer included, with CRLF.
  lineEnd: '\r\n',
  quoteAll: false,
  bom: '',
  blankIsEmpty: false,
  trailerMarker: TRAILER_MARKER,
  trailerDate: /^(\d{2})\/(\d{2})\/(\d{4})$/,
  trailerDateNotation: 'dd/mm/yyyy',
};

/**
 * Parses and validates the envelope of an export (the kit's CSV envelope). Throws
 * ExportFormatError when the file is empty (zero length), not CSV, lacks a column, has no
 * trailer, declares another line count than it holds, or does not end with a line break. A
 * detail line with the wrong number of fields comes back with `values: null`.
 */
export function parseExportText(text: string): ParsedExport {
  return parseCsvExport(FORMAT, text);
}

/** Writes a complete export: header, detail lines, trailer, CRLF line ends (the exporter's). */
export function formatExportText(rows: readonly ExportRow[], exportedOn: string): string {
  return formatCsvExport(FORMAT, rows, exportedOn);
}

/** ISO yyyy-mm-dd -> the trailer's dd/mm/yyyy. */
export function trailerDate(isoDate: string): string {
  return isoToDayMonthYear(isoDate, '/');
}
