import { isCalendarDate, isValidNik } from '../kit/nik';
import type { ExportColumn, ExportRow } from './kua-export.format';
import type {
  MarriageCertificateFormatName,
  MarriageEntry,
  MarriageRecord,
  MarriageStatusName,
  MarriageVenueName,
  SpouseEntry,
} from './kua.records';

/**
 * The only place that knows what SIMKAH's export values mean: the two akta nikah numbering
 * schemes, the venue and status codes, date notations and NIK columns. Every value that does
 * not read becomes null and is reported through `warn` (never with the value: personal data).
 */

/** Called once per unreadable value: the legacy column and what was expected. */
export type ValueWarning = (column: ExportColumn, expected: string) => void;

/** TEMPAT_AKAD: where the akad took place. Current SIMKAH writes the first of each group. */
const VENUE_CODES: Readonly<Record<string, MarriageVenueName>> = {
  KANTOR: 'KUA_OFFICE',
  'DI KANTOR': 'KUA_OFFICE',
  'DI KUA': 'KUA_OFFICE',
  'BALAI NIKAH': 'KUA_OFFICE',
  'LUAR KANTOR': 'OUTSIDE_OFFICE',
  'DI LUAR KANTOR': 'OUTSIDE_OFFICE',
  'DI LUAR KUA': 'OUTSIDE_OFFICE',
};

/**
 * STATUS_NIKAH. A divorce is pronounced by the religious court (Pengadilan Agama) and recorded
 * on the marriage at the KUA: cerai talak (pronounced by the husband) or cerai gugat (sued by
 * the wife). SIMKAH records no deaths: a widowed spouse's marriage stays TERCATAT.
 */
const STATUS_CODES: Readonly<Record<string, MarriageStatusName>> = {
  TERCATAT: 'REGISTERED',
  AKTIF: 'REGISTERED',
  CERAI: 'DIVORCED',
  'CERAI TALAK': 'DIVORCED',
  'CERAI GUGAT': 'DIVORCED',
};

export function mapMarriageRow(row: ExportRow, warn: ValueWarning): MarriageEntry {
  const certificateNumber = text(row.NO_AKTA)?.trim() ?? null;
  let certificateFormat: MarriageCertificateFormatName | null = null;
  if (certificateNumber !== null) {
    certificateFormat = certificateFormatOf(certificateNumber);
    if (certificateFormat === null) warn('NO_AKTA', 'a 16-digit number (Oct 2022 on) or an older number with / separators');
  }
  return {
    certificateNumber,
    certificateFormat,
    kuaCode: optional(row.KODE_KUA, (value) => (/^\d{7}$/.test(value) ? value : null), 'KODE_KUA', 'a seven-digit KUA code', warn),
    kuaOffice: text(row.NAMA_KUA),
    marriedOn: simkahDate(row.TGL_AKAD, 'TGL_AKAD', warn),
    venue: optional(row.TEMPAT_AKAD, (value) => VENUE_CODES[collapse(value).toUpperCase()] ?? null, 'TEMPAT_AKAD', 'KANTOR or LUAR KANTOR', warn),
    place: text(row.LOKASI_AKAD),
    status: optional(row.STATUS_NIKAH, (value) => STATUS_CODES[collapse(value).toUpperCase()] ?? null, 'STATUS_NIKAH', 'TERCATAT or CERAI', warn),
    husband: spouse(row.NIK_SUAMI, row.NAMA_SUAMI, row.TGL_LAHIR_SUAMI, ['NIK_SUAMI', 'TGL_LAHIR_SUAMI'], warn),
    wife: spouse(row.NIK_ISTRI, row.NAMA_ISTRI, row.TGL_LAHIR_ISTRI, ['NIK_ISTRI', 'TGL_LAHIR_ISTRI'], warn),
  };
}

/**
 * The marriage as each spouse with a NIK sees it: the holder's own copies and role, the other
 * spouse as spouse. A line with one NIK (the other blank or unreadable) gives one record.
 */
export function recordsOf(entry: MarriageEntry): MarriageRecord[] {
  const shared = {
    certificateNumber: entry.certificateNumber,
    certificateFormat: entry.certificateFormat,
    kuaCode: entry.kuaCode,
    kuaOffice: entry.kuaOffice,
    marriedOn: entry.marriedOn,
    venue: entry.venue,
    place: entry.place,
    status: entry.status,
  };
  const records: MarriageRecord[] = [];
  const sides = [
    ['HUSBAND', entry.husband, entry.wife],
    ['WIFE', entry.wife, entry.husband],
  ] as const;
  for (const [role, holder, other] of sides) {
    if (holder.nik === null) continue;
    records.push({
      ...shared,
      holderNik: holder.nik,
      role,
      holderName: holder.name,
      holderBirthDate: holder.birthDate,
      spouseNik: other.nik,
      spouseName: other.name,
    });
  }
  return records;
}

/**
 * SIMKAH quirk: the akta nikah number changed in October 2022 from free text to 16 digits,
 * and SIMKAH holds both as typed.
 * - NEW_16_DIGIT: KUA code (7) + month (2) + year (4) + monthly serial (3); the month must be
 *   01-12 and the year-month October 2022 or later (the scheme did not exist before).
 * - OLD_FREE_TEXT: the register numbering of each KUA before then, always parts separated by
 *   `/` (`1234/01/XII/2023`: number/KUA/roman month/year; `0123/045/IV/2015`;
 *   `Kk.04.2.8/PW.01/0123/2015`).
 * Anything else (a number of another length, a spreadsheet's `1.47108E+15`) is neither: null.
 */
export function certificateFormatOf(number: string): MarriageCertificateFormatName | null {
  const value = number.trim();
  if (/^\d+$/.test(value)) {
    if (value.length !== 16) return null;
    const month = Number(value.slice(7, 9));
    const year = Number(value.slice(9, 13));
    if (month < 1 || month > 12 || year > 2099) return null;
    return year > 2022 || (year === 2022 && month >= 10) ? 'NEW_16_DIGIT' : null;
  }
  return /\S\/\S/.test(value) ? 'OLD_FREE_TEXT' : null;
}

/**
 * SIMKAH quirk: the web application writes dates dd-mm-yyyy; rows migrated from SIMKAH desktop
 * (the offline application KUAs used before 2014) carry MySQL datetimes `yyyy-mm-dd hh:mm:ss`
 * (or a bare `yyyy-mm-dd`). Single-digit day and month (`5-3-1998`) are read too.
 * Returns ISO yyyy-mm-dd, or null when the value is not a real date in one of those notations.
 */
export function readSimkahDate(raw: string): string | null {
  const value = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(value))) {
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})(?: \d{2}:\d{2}:\d{2})?$/.exec(value))) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  if (year < 1900 || !isCalendarDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** SIMKAH quirk: an unknown date from the migrated MySQL rows is the zero date, not a blank. */
function isZeroDate(value: string): boolean {
  return /^0{1,2}-0{1,2}-0{4}$/.test(value) || /^0{4}-00-00(?: 00:00:00)?$/.test(value);
}

function simkahDate(raw: string, column: ExportColumn, warn: ValueWarning): string | null {
  if (isZeroDate(raw.trim())) return null;
  return optional(raw, readSimkahDate, column, 'a real date (dd-mm-yyyy or yyyy-mm-dd hh:mm:ss)', warn);
}

function spouse(
  nikValue: string,
  name: string,
  birthDate: string,
  [nikColumn, dateColumn]: readonly [ExportColumn, ExportColumn],
  warn: ValueWarning,
): SpouseEntry {
  return {
    nik: optional(nikValue, (value) => (isValidNik(value) ? value : null), nikColumn, 'a valid NIK', warn),
    name: text(name),
    birthDate: simkahDate(birthDate, dateColumn, warn),
  };
}

/**
 * Identity copies (names) and free text are kept exactly as SIMKAH holds them, not trimmed or
 * re-cased: the crosscheck must see KUA's copy. Blank means unknown.
 */
function text(value: string): string | null {
  return value.trim().length === 0 ? null : value;
}

function collapse(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Blank -> null quietly (the exporter leaves unknown values blank); unreadable -> null with a warning. */
function optional<T>(
  value: string,
  read: (value: string) => T | null,
  column: ExportColumn,
  expected: string,
  warn: ValueWarning,
): T | null {
  if (value.trim().length === 0) return null;
  const result = read(value.trim());
  if (result === null) warn(column, expected);
  return result;
}
