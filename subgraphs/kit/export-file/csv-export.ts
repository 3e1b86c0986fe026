import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ExportFormatError } from './export-format-error';

/**
 * The envelope of a CSV export file (SAMSAT, SIMKAH): a header line naming the columns, detail
 * lines, and a trailer line `<marker><delimiter><detail line count><delimiter><export date>`
 * written last, then a final line break. It knows nothing about what the values mean: that is
 * each agency's mapper. The agency's format module supplies its quirks as a CsvExportFormat.
 */
export interface CsvExportFormat<TColumn extends string> {
  /** Every column a valid export carries, in the order the exporter writes them. */
  columns: readonly TColumn[];
  /** Field separator (`,` or `;`). */
  delimiter: string;
  /** Line end the exporter writes (`\n` or `\r\n`); any line break is read. */
  lineEnd: string;
  /** Whether the exporter quotes every field, empty ones included (Excel-style). */
  quoteAll: boolean;
  /** Byte-order mark the exporter writes first, or '' for none. A leading BOM is always read. */
  bom: string;
  /**
   * Whether a file holding only blanks (after the BOM) is "empty"; otherwise only a zero-length
   * file is, and a blank one fails later as a header without the known columns.
   */
  blankIsEmpty: boolean;
  /** First field of the trailer line (`TRAILER`, `#JUMLAH_BARIS`). */
  trailerMarker: string;
  /** The trailer's export date, as the exporter writes it. */
  trailerDate: RegExp;
  /** That date's notation in messages (`dd/mm/yyyy`). */
  trailerDateNotation: string;
}

export interface ParsedCsvExport<TColumn extends string> {
  /** Detail lines in file order; `line` is the 1-based physical record number (header = 1). */
  rows: Array<{ line: number; values: Record<TColumn, string> } | { line: number; fieldCount: number; values: null }>;
  /** The count the trailer declares (equals rows.length in a valid file). */
  declaredCount: number;
  /** The trailer's export date, as written. */
  exportedOn: string;
}

/**
 * Parses and validates the envelope of an export. Throws ExportFormatError when the file is
 * empty, not CSV (a quoted field left open by a cut file), lacks a column, has no trailer
 * (half-written: the exporter writes the trailer last), declares another line count than it
 * holds, or does not end with a line break. A detail line with the wrong number of fields does
 * not reject the file (the trailer proves it is complete); it comes back with `values: null`
 * so the reader can skip and log it.
 */
export function parseCsvExport<TColumn extends string>(format: CsvExportFormat<TColumn>, text: string): ParsedCsvExport<TColumn> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (format.blankIsEmpty ? body.trim().length === 0 : text.length === 0) throw new ExportFormatError('the export file is empty');
  // The exporter ends the trailer with a line break; a file cut anywhere, even inside the
  // trailer's date, loses it.
  if (!body.endsWith('\n')) throw new ExportFormatError('the export does not end with a line break after its trailer (half-written?)');
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: format.delimiter,
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
  const positions = columnPositions(format.columns, header);

  const trailer = rest.pop();
  if (!trailer || trailer[0]?.trim() !== format.trailerMarker) {
    throw new ExportFormatError(`the export's last line is not a ${format.trailerMarker} record (half-written?)`);
  }
  const declaredText = trailer[1]?.trim() ?? '';
  if (!/^\d+$/.test(declaredText)) throw new ExportFormatError('the trailer does not carry a line count');
  const declaredCount = Number(declaredText);
  if (declaredCount !== rest.length) {
    throw new ExportFormatError(`the trailer declares ${declaredCount} detail lines but the export holds ${rest.length}`);
  }
  const exportedOn = trailer[2]?.trim() ?? '';
  if (!format.trailerDate.test(exportedOn)) {
    throw new ExportFormatError(`the trailer does not carry an export date ${format.trailerDateNotation}`);
  }

  const rows: ParsedCsvExport<TColumn>['rows'] = rest.map((record, index) => {
    const line = index + 2;
    if (record.length !== header.length) return { line, fieldCount: record.length, values: null };
    const values = {} as Record<TColumn, string>;
    for (const column of format.columns) values[column] = record[positions[column]] ?? '';
    return { line, values };
  });
  return { rows, declaredCount, exportedOn };
}

/**
 * Where each known column sits. Columns are found by name (case-insensitive; a reordered export
 * still reads); extra columns are ignored; a missing column rejects the file.
 */
function columnPositions<TColumn extends string>(columns: readonly TColumn[], header: string[]): Record<TColumn, number> {
  const names = header.map((name) => name.trim().toUpperCase());
  const positions = {} as Record<TColumn, number>;
  const missing: string[] = [];
  for (const column of columns) {
    const position = names.indexOf(column);
    if (position === -1) missing.push(column);
    positions[column] = position;
  }
  if (missing.length > 0) {
    throw new ExportFormatError(`the export's header lacks ${missing.length === columns.length ? 'every known column' : missing.join(', ')}`);
  }
  return positions;
}

/** Writes a complete export as the exporter does: BOM (if any), header, detail lines, trailer, its line ends. */
export function formatCsvExport<TColumn extends string>(
  format: CsvExportFormat<TColumn>,
  rows: readonly Record<TColumn, string>[],
  exportedOn: string,
): string {
  if (!format.trailerDate.test(exportedOn)) throw new Error(`export date must be ${format.trailerDateNotation}, got "${exportedOn}"`);
  const records: string[][] = [
    [...format.columns],
    ...rows.map((row) => format.columns.map((column) => row[column])),
    [format.trailerMarker, String(rows.length), exportedOn],
  ];
  const quoting = format.quoteAll ? { quoted: true, quoted_empty: true } : {};
  return format.bom + stringify(records, { delimiter: format.delimiter, record_delimiter: format.lineEnd, ...quoting });
}

/** ISO yyyy-mm-dd -> dd<separator>mm<separator>yyyy, the trailer notation of the CSV exports. */
export function isoToDayMonthYear(isoDate: string, separator: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}${separator}${month}${separator}${year}`;
}
