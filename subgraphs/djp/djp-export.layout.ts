/**
 * The record layouts of DJP's nightly taxpayer export (EXPORT_WP_OP), a fixed-width file, and
 * the slicer that reads and writes records by column position. This table is the one source
 * for the reader (the subgraph's adapter), the writers (export job, seed) and README.md's
 * layout table (a test checks that they agree).
 *
 * Why our own slicer and not a library: a fixed-width record is `line.slice(start - 1, start - 1 + length)`
 * per field. The fixed-width packages on npm are small, rarely maintained, and each has its own
 * idea of trimming, padding and line ends, which is exactly what this format must pin down; a
 * dependency would hide the rules this file states, for about 40 lines saved.
 */

/** How a field is padded to its length, as the exporter (a COBOL-style job) writes it. */
export type FieldPadding =
  /** Text, left-aligned, spaces to the right; longer values are cut (DJP quirk, see README). */
  | 'spaces-right'
  /** A number, right-aligned, zeros to the left. */
  | 'zeros-left'
  /** Exactly `length` characters, or all spaces when the value is unknown. */
  | 'exact-or-blank';

export interface FieldSpec<Name extends string = string> {
  name: Name;
  /** 1-based column where the field starts (as the layout documents count). */
  start: number;
  length: number;
  /** The notation inside the field, for the README and for the mapper's warnings. */
  format: string;
  padding: FieldPadding;
}

/** Every record (header, detail, trailer) has this many characters, not counting the line end. */
export const RECORD_LENGTH = 320;

/** Column 1 of every record. */
export const RECORD_TYPES = { header: 'H', detail: 'D', trailer: 'T' } as const;

/** The header's FILE_ID: a file whose first record does not carry it is not this export. */
export const FILE_ID = 'EXPORT_WP_OP';
/** The layout version this reader knows. Another version is refused as a whole (its columns differ). */
export const LAYOUT_VERSION = '02';

function layout<const T extends readonly FieldSpec[]>(fields: T): T {
  return fields;
}

export const HEADER_LAYOUT = layout([
  { name: 'REC_TYPE', start: 1, length: 1, format: '`H`', padding: 'exact-or-blank' },
  { name: 'FILE_ID', start: 2, length: 12, format: '`EXPORT_WP_OP`', padding: 'spaces-right' },
  { name: 'TGL_EXPORT', start: 14, length: 8, format: 'ddMMyyyy', padding: 'exact-or-blank' },
  { name: 'VERSI_LAYOUT', start: 22, length: 2, format: '`02`', padding: 'exact-or-blank' },
  { name: 'FILLER', start: 24, length: 297, format: 'spaces', padding: 'spaces-right' },
]);

export const DETAIL_LAYOUT = layout([
  { name: 'REC_TYPE', start: 1, length: 1, format: '`D`', padding: 'exact-or-blank' },
  { name: 'NIK', start: 2, length: 16, format: '16 digits', padding: 'exact-or-blank' },
  { name: 'NPWP15', start: 18, length: 15, format: '15 digits, no punctuation; blank = NIK-only taxpayer', padding: 'exact-or-blank' },
  { name: 'NAMA_WP', start: 33, length: 60, format: 'text as registered', padding: 'spaces-right' },
  { name: 'TGL_LAHIR', start: 93, length: 8, format: 'ddMMyyyy; `00000000` or blank = unknown', padding: 'exact-or-blank' },
  { name: 'ALAMAT', start: 101, length: 150, format: 'text, one string (see "The address string")', padding: 'spaces-right' },
  { name: 'KD_KPP', start: 251, length: 3, format: '3 digits', padding: 'exact-or-blank' },
  { name: 'NM_KPP', start: 254, length: 40, format: 'text', padding: 'spaces-right' },
  { name: 'STATUS_WP', start: 294, length: 1, format: '`A` active, `N` non-effective (NE)', padding: 'exact-or-blank' },
  { name: 'FLAG_NIK_NPWP', start: 295, length: 1, format: '`Y` NIK validated as NPWP, `N` not (yet)', padding: 'exact-or-blank' },
  { name: 'TGL_DAFTAR', start: 296, length: 8, format: 'ddMMyyyy; `00000000` or blank = unknown', padding: 'exact-or-blank' },
  { name: 'THN_SPT', start: 304, length: 4, format: 'yyyy; blank = no annual return on record', padding: 'exact-or-blank' },
  { name: 'STATUS_SPT', start: 308, length: 1, format: '`S` filed on time, `T` filed late, `B` not filed', padding: 'exact-or-blank' },
  { name: 'TGL_SPT', start: 309, length: 8, format: 'ddMMyyyy; blank when not filed', padding: 'exact-or-blank' },
  { name: 'FILLER', start: 317, length: 4, format: 'spaces', padding: 'spaces-right' },
]);

export const TRAILER_LAYOUT = layout([
  { name: 'REC_TYPE', start: 1, length: 1, format: '`T`', padding: 'exact-or-blank' },
  { name: 'JML_RECORD', start: 2, length: 9, format: 'number of records between header and trailer', padding: 'zeros-left' },
  { name: 'FILLER', start: 11, length: 310, format: 'spaces', padding: 'spaces-right' },
]);

type FieldNames<L extends readonly FieldSpec[]> = L[number]['name'];
/** A record's fields by legacy name, values exactly as in the line (padding included). */
export type RecordFields<L extends readonly FieldSpec[]> = Record<FieldNames<L>, string>;

export type HeaderFields = RecordFields<typeof HEADER_LAYOUT>;
export type DetailFields = RecordFields<typeof DETAIL_LAYOUT>;
export type TrailerFields = RecordFields<typeof TRAILER_LAYOUT>;
/** A detail record's values as a writer supplies them (no record type, no filler). */
export type DetailValues = Omit<DetailFields, 'REC_TYPE' | 'FILLER'>;

/** Throws when a layout has gaps, overlaps or does not fill RECORD_LENGTH exactly (checked at load and in tests). */
export function assertLayout(fields: readonly FieldSpec[]): void {
  let next = 1;
  for (const field of fields) {
    if (field.start !== next) throw new Error(`layout: ${field.name} starts at column ${field.start}, expected ${next}`);
    if (!Number.isInteger(field.length) || field.length < 1) throw new Error(`layout: ${field.name} has length ${field.length}`);
    next = field.start + field.length;
  }
  if (next !== RECORD_LENGTH + 1) throw new Error(`layout ends at column ${next - 1}, records have ${RECORD_LENGTH}`);
}
assertLayout(HEADER_LAYOUT);
assertLayout(DETAIL_LAYOUT);
assertLayout(TRAILER_LAYOUT);

/**
 * Cuts a record into its fields by column position. The caller checks the length first
 * (a short or long line cannot be sliced meaningfully); values keep their padding.
 */
export function sliceRecord<L extends readonly FieldSpec[]>(line: string, fields: L): RecordFields<L> {
  if (line.length !== RECORD_LENGTH) throw new RangeError(`a record has ${RECORD_LENGTH} characters, this one ${line.length}`);
  const values: Record<string, string> = {};
  for (const field of fields) values[field.name] = line.slice(field.start - 1, field.start - 1 + field.length);
  return values as RecordFields<L>;
}

/**
 * Writes a record: each value padded per its field, missing values blank. The exporter's
 * quirks are kept: text longer than its field is cut; a character outside ISO-8859-1 (the
 * file's single-byte code page) becomes `?`; a line break inside a value becomes a space
 * (it would split the record). A fixed-length value of the wrong length is a writer bug: it throws.
 */
export function formatRecord<L extends readonly FieldSpec[]>(fields: L, values: Partial<RecordFields<L>>): string {
  let line = '';
  for (const field of fields) {
    const raw = sanitize((values as Record<string, string | undefined>)[field.name] ?? '');
    line += pad(field, raw);
  }
  return line;
}

function sanitize(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/[^\u0000-\u00ff]/g, '?');
}

function pad(field: FieldSpec, value: string): string {
  switch (field.padding) {
    case 'spaces-right':
      return value.slice(0, field.length).padEnd(field.length, ' ');
    case 'zeros-left':
      if (!/^\d*$/.test(value) || value.length > field.length) {
        throw new RangeError(`${field.name}: "${value}" is not a number of at most ${field.length} digits`);
      }
      return value.padStart(field.length, '0');
    case 'exact-or-blank':
      if (value.length === 0) return ' '.repeat(field.length);
      if (value.length !== field.length) {
        throw new RangeError(`${field.name}: a value of ${value.length} characters in a field of ${field.length}`);
      }
      return value;
  }
}

/** ISO yyyy-mm-dd -> ddMMyyyy, the export's date notation. */
export function exportDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}${month}${year}`;
}
