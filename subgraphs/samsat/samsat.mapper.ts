import { isCalendarDate } from '../kit/nik';
import type { ExportColumn, ExportRow } from './samsat-export.format';
import type { VehicleCategoryName, VehicleRecord } from './samsat.records';

/**
 * The only place that knows what SAMSAT's export values mean: plate notations, the vehicle
 * kind codes (JENIS_KB), date notations and rupiah amounts. Every value that does not read
 * becomes null and is reported through `warn` (never with the value: it is personal data).
 */

/** Called once per unreadable value: the legacy column and what was expected. */
export type ValueWarning = (column: ExportColumn, expected: string) => void;

/** JENIS_KB codes as the export writes them (Korlantas/SAMSAT vehicle kinds), by our category. */
const CATEGORY_CODES: Readonly<Record<string, VehicleCategoryName>> = {
  'SPD. MOTOR': 'MOTORCYCLE',
  'SPD MOTOR': 'MOTORCYCLE',
  'SEPEDA MOTOR': 'MOTORCYCLE',
  SEDAN: 'CAR',
  JEEP: 'CAR',
  MINIBUS: 'CAR',
  'STATION WAGON': 'CAR',
  'PICK UP': 'PICKUP',
  'LIGHT TRUCK': 'TRUCK',
  TRUK: 'TRUCK',
  TRUCK: 'TRUCK',
  'DUMP TRUCK': 'TRUCK',
  BUS: 'BUS',
  MICROBUS: 'BUS',
};

export function mapVehicleRow(ownerNik: string, row: ExportRow, warn: ValueWarning): VehicleRecord {
  const dueDate = parseSamsatDate(row.TGL_JT_PKB, 'TGL_JT_PKB', warn);
  return {
    ownerNik,
    plateNumber: optional(row.NO_POLISI, (value) => normalizePlate(value), 'NO_POLISI', 'a plate like BM 1234 AJ', warn),
    category: optional(row.JENIS_KB, (value) => CATEGORY_CODES[collapse(value).toUpperCase()] ?? null, 'JENIS_KB', 'a known JENIS_KB code', warn),
    brand: text(row.MEREK),
    model: text(row.TIPE),
    manufactureYear: optional(row.THN_BUAT, parseYear, 'THN_BUAT', 'a year yyyy', warn),
    color: text(row.WARNA),
    registrationExpiry: parseSamsatDate(row.TGL_AKHIR_STNK, 'TGL_AKHIR_STNK', warn),
    taxDueDate: dueDate,
    annualTax: optional(row.PKB_POKOK, parseRupiah, 'PKB_POKOK', 'a rupiah amount', warn),
    taxArrears: parseArrears(row.TUNGGAKAN_PKB, warn),
    ownerName: text(row.NAMA_PEMILIK),
    ownerAddress: text(row.ALAMAT_PEMILIK),
  };
}

/**
 * Identity copies (name, address) are kept as SAMSAT holds them, only trimmed: the crosscheck
 * must see the agency's copy, former district names (KEC. TAMPAN) included.
 */
function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
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

const PLATE = /^([A-Z]{1,2})([1-9][0-9]{0,3})([A-Z]{0,3})$/;

/**
 * SAMSAT quirk: counter clerks typed plates freely, so the export holds `BM 1234 AJ`,
 * `BM1234AJ`, `bm-1234-aj` and `BM.1234.AJ` for the same plate. We normalize to
 * `AREA NUMBER SERIES` with single spaces (the series may be empty on official plates).
 */
export function normalizePlate(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s.\-]/g, '');
  const match = PLATE.exec(compact);
  if (!match) return null;
  const [, area, number, series] = match;
  return [area, number, series].filter((part) => part !== undefined && part.length > 0).join(' ');
}

const MONTHS: Readonly<Record<string, number>> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, MEI: 5, JUN: 6, JUL: 7, AUG: 8, AGT: 8, AGU: 8, SEP: 9, OCT: 10, OKT: 10, NOV: 11, DEC: 12, DES: 12,
};

/**
 * SAMSAT quirk: the current system writes dates dd/mm/yyyy, but rows migrated from the old
 * host system carry yyyymmdd, and rows keyed in at some branch offices carry dd-mm-yyyy.
 * We also read d/m/yyyy (no zero padding), ISO yyyy-mm-dd and Oracle's dd-MON-yy / dd-MON-yyyy
 * (two-digit years are 20yy: every STNK and PKB date in this system is after 2000).
 * mm/dd/yyyy is never accepted: it cannot be told apart from dd/mm/yyyy.
 */
export function readSamsatDate(raw: string): string | null {
  const value = raw.trim().toUpperCase();
  let year: number;
  let month: number;
  let day: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(value))) {
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(value)) || (match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})-([A-Z]{3})-(\d{2}|\d{4})$/.exec(value))) {
    const monthNumber = MONTHS[match[2] ?? ''];
    if (monthNumber === undefined) return null;
    const yearText = match[3] ?? '';
    [day, month, year] = [Number(match[1]), monthNumber, yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText)];
  } else {
    return null;
  }
  if (!isCalendarDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseSamsatDate(raw: string, column: ExportColumn, warn: ValueWarning): string | null {
  return optional(raw, readSamsatDate, column, 'a real date (dd/mm/yyyy, yyyymmdd, dd-mm-yyyy)', warn);
}

const INT_MAX = 2_147_483_647;

/**
 * SAMSAT quirk: amounts are written with Indonesian thousands dots (`1.250.000`), sometimes
 * plain (`1250000`), sometimes with a `Rp` prefix or a `,00` decimal tail. Rupiah has no
 * cents here: a non-zero decimal tail is not an amount we understand.
 */
export function parseRupiah(raw: string): number | null {
  const value = raw.trim().toUpperCase().replace(/^RP\.?\s*/, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  if (match[2] !== undefined && Number(match[2]) !== 0) return null;
  const amount = Number((match[1] ?? '').replace(/\./g, ''));
  return Number.isSafeInteger(amount) && amount <= INT_MAX ? amount : null;
}

/** SAMSAT quirk: "no arrears" is written `0`, `-` or left blank; all three mean 0. */
function parseArrears(raw: string, warn: ValueWarning): number | null {
  const value = raw.trim();
  if (value === '' || value === '-') return 0;
  const amount = parseRupiah(value);
  if (amount === null) warn('TUNGGAKAN_PKB', 'a rupiah amount or -');
  return amount;
}

function parseYear(raw: string): number | null {
  if (!/^\d{4}$/.test(raw)) return null;
  const year = Number(raw);
  return year >= 1900 && year <= 2100 ? year : null;
}
