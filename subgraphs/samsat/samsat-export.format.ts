import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

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

export interface ParsedExport {
  /** Detail lines in file order; `line` is the 1-based physical record number (header = 1). */
  rows: Array<{ line: number; values: ExportRow } | { line: number; fieldCount: number; values: null }>;
  /** The count the trailer declares (equals rows.length in a valid file). */
  declaredCount: number;
  /** The trailer's export date, as written (dd/mm/yyyy). */
  exportedOn: string;
}

/** The file is not a complete, well-formed export: never index it. */
export class ExportFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExportFormatError';
  }
}

const TRAILER_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * Parses and validates the envelope of an export. Throws ExportFormatError when the file is
 * empty, not CSV, lacks a column, has no trailer (half-written: the exporter writes the trailer
 * last), declares another line count than it holds, or does not end with a line break.
 * A detail line with the wrong number of fields does not reject the file (the trailer proves
 * the file is complete); it comes back with `values: null` so the reader can skip and log it.
 */
export function parseExportText(text: string): ParsedExport {
  if (text.length === 0) throw new ExportFormatError('the export file is empty');
  // SAMSAT quirk: the exporter ends the trailer with CRLF; a file cut anywhere, even inside
  // the trailer's date, loses that final line break.
  if (!text.endsWith('\n')) throw new ExportFormatError('the export does not end with a line break after its trailer (half-written?)');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: EXPORT_DELIMITER,
      bom: true,
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
  if (!TRAILER_DATE.test(exportedOn)) throw new ExportFormatError('the trailer does not carry an export date dd/mm/yyyy');

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
 * Where each known column sits. Columns are found by name (a reordered export still reads);
 * extra columns are ignored; a missing column rejects the file.
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

/** Writes a complete export: header, detail lines, trailer, CRLF line ends (the exporter's). */
export function formatExportText(rows: readonly ExportRow[], exportedOn: string): string {
  if (!TRAILER_DATE.test(exportedOn)) throw new Error(`export date must be dd/mm/yyyy, got "${exportedOn}"`);
  const records: string[][] = [
    [...EXPORT_COLUMNS],
    ...rows.map((row) => EXPORT_COLUMNS.map((column) => row[column])),
    [TRAILER_MARKER, String(rows.length), exportedOn],
  ];
  return stringify(records, { delimiter: EXPORT_DELIMITER, record_delimiter: '\r\n' });
}

/** ISO yyyy-mm-dd -> the trailer's dd/mm/yyyy. */
export function trailerDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}
