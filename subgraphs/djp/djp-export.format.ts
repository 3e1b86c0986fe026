import { ExportFormatError } from '../kit/export-file/export-format-error';
import { isCalendarDate } from '../kit/nik';
import {
  DETAIL_LAYOUT,
  FILE_ID,
  HEADER_LAYOUT,
  LAYOUT_VERSION,
  RECORD_LENGTH,
  RECORD_TYPES,
  TRAILER_LAYOUT,
  exportDate,
  formatRecord,
  sliceRecord,
  type DetailFields,
  type DetailValues,
} from './djp-export.layout';

/**
 * The envelope of DJP's nightly taxpayer export (header record, detail records, trailer record
 * with a count), shared by the reader (the subgraph's adapter) and the writers (the export-job
 * simulator and the seed). It knows where fields sit and nothing about what their values mean:
 * that is the mapper's job. README.md in this folder documents the format.
 */

/** The file name inside `<dataDir>/djp/`. */
export const EXPORT_FILE_NAME = 'EXPORT_WP_OP.TXT';

/**
 * DJP quirk: the export is written in a single-byte code page (ISO-8859-1), so a column is a
 * byte. We decode it as latin1, which maps every byte to one character: columns stay columns
 * even for bytes that are not text, and a UTF-8 multi-byte character (written by hand) shifts
 * its line, which then has the wrong length and is skipped.
 */
export const EXPORT_ENCODING = 'latin1';

/** One record between the header and the trailer, by its 1-based line number (header = 1). */
export type ExportDetail =
  | { line: number; fields: DetailFields }
  /** Not a usable detail record: the wrong length, or a record type other than `D`. */
  | { line: number; fields: null; reason: 'length' | 'type'; length: number };

export interface ParsedExport {
  details: ExportDetail[];
  /** The count the trailer declares (equals details.length in a valid file). */
  declaredCount: number;
  /** The header's export date, ISO yyyy-mm-dd. */
  exportedOn: string;
}

export { ExportFormatError };

/**
 * Parses and validates the envelope. Throws ExportFormatError when the file is empty, does not
 * end with a line break, does not start with a header of this export and layout version, or
 * does not end with a trailer whose count equals the number of records between header and
 * trailer. That is how a half-written file is told apart: the exporter writes the trailer last.
 * A record of the wrong length or of an unknown type between them does not reject the file
 * (the trailer proves it complete): it comes back with `fields: null` for the reader to skip.
 */
export function parseExportText(text: string): ParsedExport {
  if (text.length === 0) throw new ExportFormatError('the export file is empty');
  if (!text.endsWith('\n')) throw new ExportFormatError('the export does not end with a line break after its trailer (half-written?)');
  // The exporter ends records with CRLF; LF alone is read too (a transfer in text mode).
  const lines = text.slice(0, -1).split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));

  const headerLine = lines[0] ?? '';
  if (headerLine.length !== RECORD_LENGTH || headerLine[0] !== RECORD_TYPES.header) {
    throw new ExportFormatError(`the first record is not a ${RECORD_LENGTH}-character header record "H": not a DJP taxpayer export`);
  }
  const header = sliceRecord(headerLine, HEADER_LAYOUT);
  if (header.FILE_ID.trimEnd() !== FILE_ID) throw new ExportFormatError(`the header's FILE_ID is not ${FILE_ID}: not a DJP taxpayer export`);
  if (header.VERSI_LAYOUT !== LAYOUT_VERSION) {
    throw new ExportFormatError(`the header declares layout version "${header.VERSI_LAYOUT.trim()}"; this reader knows ${LAYOUT_VERSION} only`);
  }
  const exportedOn = readExportDate(header.TGL_EXPORT);
  if (exportedOn === null) throw new ExportFormatError('the header does not carry an export date ddMMyyyy');

  if (lines.length < 2) throw new ExportFormatError('the export has no trailer record (half-written?)');
  const trailerLine = lines[lines.length - 1] ?? '';
  if (trailerLine.length !== RECORD_LENGTH || trailerLine[0] !== RECORD_TYPES.trailer) {
    throw new ExportFormatError('the last record is not a trailer record "T" (half-written?)');
  }
  const trailer = sliceRecord(trailerLine, TRAILER_LAYOUT);
  if (!/^\d{9}$/.test(trailer.JML_RECORD)) throw new ExportFormatError('the trailer does not carry a record count');
  const declaredCount = Number(trailer.JML_RECORD);
  const between = lines.slice(1, -1);
  if (declaredCount !== between.length) {
    throw new ExportFormatError(`the trailer declares ${declaredCount} records but the export holds ${between.length}`);
  }

  const details: ExportDetail[] = between.map((record, index) => {
    const line = index + 2;
    if (record.length !== RECORD_LENGTH) return { line, fields: null, reason: 'length', length: record.length };
    if (record[0] !== RECORD_TYPES.detail) return { line, fields: null, reason: 'type', length: record.length };
    return { line, fields: sliceRecord(record, DETAIL_LAYOUT) };
  });
  return { details, declaredCount, exportedOn };
}

/** A complete export: header dated `exportedOnIso`, one detail record per value set, trailer; CRLF line ends. */
export function formatExportText(details: readonly DetailValues[], exportedOnIso: string): string {
  if (readExportDate(exportDate(exportedOnIso)) === null) throw new RangeError(`export date must be yyyy-mm-dd, got "${exportedOnIso}"`);
  const records = [
    formatRecord(HEADER_LAYOUT, { REC_TYPE: RECORD_TYPES.header, FILE_ID, TGL_EXPORT: exportDate(exportedOnIso), VERSI_LAYOUT: LAYOUT_VERSION }),
    ...details.map((values) => formatRecord(DETAIL_LAYOUT, { ...values, REC_TYPE: RECORD_TYPES.detail })),
    formatRecord(TRAILER_LAYOUT, { REC_TYPE: RECORD_TYPES.trailer, JML_RECORD: String(details.length) }),
  ];
  return records.map((record) => `${record}\r\n`).join('');
}

/** The bytes of an export as the exporter writes them. */
export function encodeExport(text: string): Buffer {
  return Buffer.from(text, EXPORT_ENCODING);
}

export function decodeExport(bytes: Buffer): string {
  return bytes.toString(EXPORT_ENCODING);
}

/** ddMMyyyy -> ISO yyyy-mm-dd, or null when it is not a real date. */
export function readExportDate(value: string): string | null {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isCalendarDate(year, month, day)) return null;
  return `${match[3]}-${match[2]}-${match[1]}`;
}
