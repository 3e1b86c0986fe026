import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

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

export interface ParsedExport {
  /** Detail lines in file order; `line` is the 1-based record number (header = 1). */
  rows: Array<{ line: number; values: ExportRow } | { line: number; fieldCount: number; values: null }>;
  /** The count the trailer declares (equals rows.length in a valid file). */
  declaredCount: number;
  /** The trailer's export date, as written (dd-mm-yyyy). */
  exportedOn: string;
}

/** The file is not a complete, well-formed export: never index it. */
export class ExportFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExportFormatError';
  }
}

const TRAILER_DATE = /^(\d{2})-(\d{2})-(\d{4})$/;

/**
 * Parses and validates the envelope of an export. Throws ExportFormatError when the file is
 * empty, not CSV (a quoted field left open by a cut file), lacks a column, has no trailer
 * (half-written: the exporter writes the trailer last), declares another line count than it
 * holds, or does not end with a line break. A detail line with the wrong number of fields does
 * not reject the file (the trailer proves it is complete); it comes back with `values: null`.
 */
export function parseExportText(text: string): ParsedExport {
  const body = text.startsWith(EXPORT_BOM) ? text.slice(EXPORT_BOM.length) : text;
  if (body.trim().length === 0) throw new ExportFormatError('the export file is empty');
  // The exporter ends the trailer with a line break; a file cut anywhere, even inside the
  // trailer's date, loses it.
  if (!body.endsWith('\n')) throw new ExportFormatError('the export does not end with a line break after its trailer (half-written?)');
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: EXPORT_DELIMITER,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    // csv-parse's messages may quote the offending field (personal data): keep its code and line only.
    const { code, lines } = error as { code?: string; lines?: number };
    throw new ExportFormatError(`the export is not readable CSV (${code ?? 'parse error'}${lines ? ` near line ${lines}` : ''})`, { cause: error });
  }
  const [header, ...rest] = records;
  if (!header) throw new ExportFormatError('the export has no header line');
  const positions = columnPositions(header);

  const trailer = rest.pop();
  if (!trailer || trailer[0]?.trim() !== TRAILER_MARKER) {
    throw new ExportFormatError(`the export's last line is not a ${TRAILER_MARKER} record (half-written?)`);
  }
  const declaredText = trailer[1]?.trim() ?? '';
  if (!/^\d+$/.test(declaredText)) throw new ExportFormatError('the trailer does not carry a line count');
  const declaredCount = Number(declaredText);
  if (declaredCount !== rest.length) {
    throw new ExportFormatError(`the trailer declares ${declaredCount} detail lines but the export holds ${rest.length}`);
  }
  const exportedOn = trailer[2]?.trim() ?? '';
  if (!TRAILER_DATE.test(exportedOn)) throw new ExportFormatError('the trailer does not carry an export date dd-mm-yyyy');

  const rows: ParsedExport['rows'] = rest.map((record, index) => {
    const line = index + 2;
    if (record.length !== header.length) return { line, fieldCount: record.length, values: null };
    const values = {} as ExportRow;
    for (const column of EXPORT_COLUMNS) values[column] = record[positions[column]] ?? '';
    return { line, values };
  });
  return { rows, declaredCount, exportedOn };
}

/**
 * Where each known column sits. Columns are found by name (case-insensitive; a reordered export
 * still reads); extra columns are ignored; a missing column rejects the file.
 */
function columnPositions(header: string[]): Record<ExportColumn, number> {
  const names = header.map((name) => name.trim().toUpperCase());
  const positions = {} as Record<ExportColumn, number>;
  const missing: string[] = [];
  for (const column of EXPORT_COLUMNS) {
    const position = names.indexOf(column);
    if (position === -1) missing.push(column);
    positions[column] = position;
  }
  if (missing.length > 0) {
    throw new ExportFormatError(`the export's header lacks ${missing.length === EXPORT_COLUMNS.length ? 'every known column' : missing.join(', ')}`);
  }
  return positions;
}

/** Writes a complete export as SIMKAH does: BOM, header, detail lines, trailer, every field quoted, LF. */
export function formatExportText(rows: readonly ExportRow[], exportedOn: string): string {
  if (!TRAILER_DATE.test(exportedOn)) throw new Error(`export date must be dd-mm-yyyy, got "${exportedOn}"`);
  const records: string[][] = [
    [...EXPORT_COLUMNS],
    ...rows.map((row) => EXPORT_COLUMNS.map((column) => row[column])),
    [TRAILER_MARKER, String(rows.length), exportedOn],
  ];
  return (
    EXPORT_BOM +
    stringify(records, { delimiter: EXPORT_DELIMITER, record_delimiter: EXPORT_LINE_END, quoted: true, quoted_empty: true })
  );
}

/** ISO yyyy-mm-dd -> the export's dd-mm-yyyy. */
export function exportDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}-${month}-${year}`;
}
