import { isCalendarDate, isValidNik } from '../kit/nik';
import type { ViewColumn, ViewRow } from './bpn-view.columns';
import type { LandParcelRecord, LandRightTypeName } from './land-parcel.records';

/**
 * The only place that knows what KKP's view values mean: right type abbreviations, the text
 * dates, the certificate and parcel number notations, shares and areas. A value that does not
 * read becomes null and is reported through `warn` (never with the value: it is personal data).
 */

/** Called once per unreadable value: the holder (masked by the caller), the view column, what was expected. */
export type ValueWarning = (nik: string, column: ViewColumn, expected: string) => void;

/** `jenis_hak` as the view writes it (the `singkatan` of KKP's ref_jenis_hak). */
const RIGHT_TYPES: Readonly<Record<string, LandRightTypeName>> = {
  HM: 'HM',
  HGB: 'HGB',
  HGU: 'HGU',
  HP: 'HP',
  HMSRS: 'HMSRS',
};

/**
 * All holder rows of every certificate one of `niks` holds (what the adapter's one query
 * returns) -> each requested NIK's parcels, with the other holders of the same certificate as
 * co-owners. NIKs without a parcel are absent from the result (the caller answers []).
 */
export function mapViewRows(niks: readonly string[], rows: readonly ViewRow[], warn: ValueWarning): Map<string, LandParcelRecord[]> {
  const requested = new Set(niks);
  const holdersByCertificate = new Map<string, Set<string>>();
  for (const row of rows) {
    const certificate = text(row.no_sertipikat);
    const nik = nikOf(row.nik_pemilik);
    if (certificate === null || nik === null || !isValidNik(nik)) continue;
    const holders = holdersByCertificate.get(certificate) ?? new Set<string>();
    holders.add(nik);
    holdersByCertificate.set(certificate, holders);
  }

  const found = new Map<string, LandParcelRecord[]>();
  const seen = new Set<string>();
  for (const row of rows) {
    const nik = nikOf(row.nik_pemilik);
    if (nik === null || !requested.has(nik)) continue;
    const rawCertificate = text(row.no_sertipikat);
    // KKP quirk: a holder entered twice on one certificate (a re-keyed transfer) is one parcel.
    const key = `${nik}|${rawCertificate ?? `nib:${text(row.nib) ?? ''}`}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const holders = rawCertificate === null ? new Set([nik]) : (holdersByCertificate.get(rawCertificate) ?? new Set([nik]));
    const parcel = mapParcelRow(nik, row, [...holders].filter((other) => other !== nik).sort(), (column, expected) => warn(nik, column, expected));
    const parcels = found.get(nik);
    if (parcels) parcels.push(parcel);
    else found.set(nik, [parcel]);
  }
  for (const parcels of found.values()) parcels.sort(byCertificate);
  return found;
}

/** One view row -> one parcel of `holderNik`. */
export function mapParcelRow(
  holderNik: string,
  row: ViewRow,
  coOwnerNiks: readonly string[],
  warn: (column: ViewColumn, expected: string) => void,
): LandParcelRecord {
  const read = <T>(column: ViewColumn, reader: (value: string) => T | null, expected: string): T | null => {
    const value = text(row[column]);
    if (value === null) return null;
    const result = reader(value);
    if (result === null) warn(column, expected);
    return result;
  };
  return {
    holderNik,
    certificateNumber: read('no_sertipikat', (value) => digitsOfLength(value, 14), 'a certificate number of 14 digits'),
    parcelId: read('nib', (value) => digitsOfLength(value, 13), 'a NIB of 13 digits'),
    rightType: readRightType(row.jenis_hak, warn),
    areaSquareMeters: readArea(row.luas_m2, warn),
    village: text(row.desa),
    district: text(row.kecamatan),
    regency: text(row.kabupaten),
    registeredOn: readDate(row.tgl_daftar, 'tgl_daftar', warn),
    rightExpiresOn: readDate(row.tgl_berakhir_hak, 'tgl_berakhir_hak', warn),
    ownershipShare: readShare(row.bagian, coOwnerNiks.length, warn),
    ownerName: name(row.nama_pemilik),
    coOwnerNiks,
  };
}

/** Trimmed text, or null when blank or not text. Numbers are read as their decimal text. */
function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
}

/**
 * The holder's name is BPN's identity copy: kept exactly as held (no trim, no case change), so
 * the crosscheck sees the agency's copy; only a blank value is null.
 */
function name(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value : null;
}

function nikOf(value: unknown): string | null {
  // A NIK column declared INTEGER by a hand-made dump comes back as a number; 16-digit Riau NIKs stay exact below 2^53.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' ? value.trim() : null;
}

/**
 * KKP quirk: certificates and parcels migrated from the desktop-era KKP keep the number as it
 * is printed on the certificate, with dots between the parts (`04.05.11.01.1.00123`); newer
 * rows hold the bare digits. Dots, spaces and dashes are dropped; the rest must be digits.
 */
export function digitsOfLength(value: string, length: number): string | null {
  const compact = value.replace(/[.\s-]/g, '');
  return compact.length === length && /^[0-9]+$/.test(compact) ? compact : null;
}

function readRightType(value: unknown, warn: (column: ViewColumn, expected: string) => void): LandRightTypeName | null {
  // A right code missing from ref_jenis_hak comes through the view's LEFT JOIN as NULL: unknown, so warn.
  const code = text(value)?.toUpperCase().replace(/\s+/g, '');
  if (code !== undefined && Object.hasOwn(RIGHT_TYPES, code)) return RIGHT_TYPES[code] ?? null;
  warn('jenis_hak', 'HM, HGB, HGU, HP or HMSRS');
  return null;
}

const INT_MAX = 2_147_483_647;

/**
 * `luas_m2` is NUMERIC(12,2): SQLite returns a number, PostgreSQL a decimal string ("250.00").
 * Certificates state whole square metres; a fractional survey value is rounded.
 */
function readArea(value: unknown, warn: (column: ViewColumn, expected: string) => void): number | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  let area: number | null = null;
  if (typeof value === 'number') area = value;
  else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) area = Number(value);
  const rounded = area === null || !Number.isFinite(area) ? null : Math.round(area);
  if (rounded === null || rounded <= 0 || rounded > INT_MAX) {
    warn('luas_m2', 'a positive area in square metres');
    return null;
  }
  return rounded;
}

/**
 * KKP quirk: dates are VARCHAR(10), written dd-mm-yyyy by the current KKP; rows migrated from the
 * desktop KKP carry dd/mm/yyyy, rows keyed in through the newer web forms yyyy-mm-dd. A DATE
 * column (a DBA's later change) reaches us from node-postgres as a Date at local midnight.
 */
export function readKkpDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return iso(value.getFullYear(), value.getMonth() + 1, value.getDate());
  }
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  let match = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(trimmed);
  if (match) return iso(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]));
  return null;
}

function iso(year: number, month: number, day: number): string | null {
  if (!isCalendarDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function readDate(value: unknown, column: 'tgl_daftar' | 'tgl_berakhir_hak', warn: (column: ViewColumn, expected: string) => void): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  const date = readKkpDate(value);
  if (date === null) warn(column, 'a real date dd-mm-yyyy');
  return date;
}

/**
 * `bagian` is "p/q". KKP quirk: it is left blank for a sole holder, so blank with no co-holder
 * is "1/1"; blank on a shared certificate is a share KKP did not record (null, no warning).
 */
function readShare(value: unknown, coOwners: number, warn: (column: ViewColumn, expected: string) => void): string | null {
  const share = text(value);
  if (share === null) return coOwners === 0 ? '1/1' : null;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(share);
  const numerator = Number(match?.[1]);
  const denominator = Number(match?.[2]);
  if (!match || numerator < 1 || denominator < 1 || numerator > denominator) {
    warn('bagian', 'a share p/q with 0 < p <= q');
    return null;
  }
  return `${numerator}/${denominator}`;
}

function byCertificate(a: LandParcelRecord, b: LandParcelRecord): number {
  const left = a.certificateNumber ?? '~';
  const right = b.certificateNumber ?? '~';
  if (left !== right) return left < right ? -1 : 1;
  const leftParcel = a.parcelId ?? '~';
  const rightParcel = b.parcelId ?? '~';
  return leftParcel < rightParcel ? -1 : leftParcel > rightParcel ? 1 : 0;
}
