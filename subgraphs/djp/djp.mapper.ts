import { readExportDate } from './djp-export.format';
import type { DetailFields } from './djp-export.layout';
import type { AnnualReturnRecord, AnnualReturnStatusName, TaxOfficeRecord, TaxProfileRecord, TaxpayerStatusName } from './djp.records';

/**
 * The only place that knows what the values of DJP's export mean: status codes, the NIK-NPWP
 * flag, the NPWP notation, ddMMyyyy dates. Every value that does not read becomes null and is
 * reported through `warn` (never with the value: it is personal data).
 */

export type DetailFieldName = keyof DetailFields;

/** Called once per unreadable value: the legacy field and what was expected. */
export type ValueWarning = (field: DetailFieldName, expected: string) => void;

/** STATUS_WP codes. DJP also knows deleted NPWPs (hapus), but those are not exported. */
const TAXPAYER_STATUS_CODES: Readonly<Record<string, Exclude<TaxpayerStatusName, 'NOT_REGISTERED'>>> = {
  A: 'ACTIVE',
  N: 'NON_EFFECTIVE',
};

/** STATUS_SPT codes: Sudah lapor (on time), Terlambat (late), Belum lapor (not filed). */
const ANNUAL_RETURN_STATUS_CODES: Readonly<Record<string, AnnualReturnStatusName>> = {
  S: 'FILED',
  T: 'LATE',
  B: 'NOT_FILED',
};

const NIK_NPWP_FLAGS: Readonly<Record<string, boolean>> = { Y: true, N: false };

/** One detail record -> the clean record. `nik` was validated by the reader (it is the index key). */
export function mapDetail(nik: string, fields: DetailFields, asOf: string, warn: ValueWarning): TaxProfileRecord {
  return {
    nik,
    status: code(fields.STATUS_WP, TAXPAYER_STATUS_CODES, 'STATUS_WP', 'A or N', warn),
    npwp15: optional(fields.NPWP15, formatNpwp15, 'NPWP15', '15 digits', warn),
    nikAsNpwp: code(fields.FLAG_NIK_NPWP, NIK_NPWP_FLAGS, 'FLAG_NIK_NPWP', 'Y or N', warn),
    registeredOn: date(fields.TGL_DAFTAR, 'TGL_DAFTAR', warn),
    taxOffice: taxOffice(fields, warn),
    lastAnnualReturn: annualReturn(fields, warn),
    taxpayerName: text(fields.NAMA_WP),
    taxpayerBirthDate: date(fields.TGL_LAHIR, 'TGL_LAHIR', warn),
    taxpayerAddress: text(fields.ALAMAT),
    asOf,
  };
}

/**
 * Identity copies are kept as DJP holds them: only the padding to the right is removed (it is
 * the file's, not the value's). No trimming on the left, no case change: the crosscheck must
 * see DJP's copy.
 */
function text(value: string): string | null {
  const unpadded = value.trimEnd();
  return unpadded.length === 0 ? null : unpadded;
}

/** Blank -> null quietly (unknown); unreadable -> null with a warning. */
function optional<T>(value: string, read: (value: string) => T | null, field: DetailFieldName, expected: string, warn: ValueWarning): T | null {
  if (value.trim().length === 0) return null;
  const result = read(value);
  if (result === null) warn(field, expected);
  return result;
}

function code<T>(value: string, codes: Readonly<Record<string, T>>, field: DetailFieldName, expected: string, warn: ValueWarning): T | null {
  return optional(value, (raw) => codes[raw.trim().toUpperCase()] ?? null, field, expected, warn);
}

/**
 * DJP quirk: records migrated from the older system carry `00000000` for a date nobody keyed
 * in; that is "unknown", like a blank, not an impossible date.
 */
function date(value: string, field: DetailFieldName, warn: ValueWarning): string | null {
  if (value === '00000000') return null;
  return optional(value, readExportDate, field, 'a real date ddMMyyyy', warn);
}

/**
 * The old NPWP in its usual notation `ST.sss.sss.C-OOO.BBB`: taxpayer type (2), serial (6),
 * check digit (1), tax office (3), branch (3). The export writes the 15 digits bare. The check
 * digit is not verified: DJP does not publish its algorithm. All zeros is a placeholder some
 * migrated records carry, not a number.
 */
export function formatNpwp15(raw: string): string | null {
  if (!/^\d{15}$/.test(raw) || /^0+$/.test(raw)) return null;
  return `${raw.slice(0, 2)}.${raw.slice(2, 5)}.${raw.slice(5, 8)}.${raw.slice(8, 9)}-${raw.slice(9, 12)}.${raw.slice(12, 15)}`;
}

function taxOffice(fields: DetailFields, warn: ValueWarning): TaxOfficeRecord | null {
  const office = optional(fields.KD_KPP, (raw) => (/^\d{3}$/.test(raw) ? raw : null), 'KD_KPP', '3 digits', warn);
  return office === null ? null : { code: office, name: text(fields.NM_KPP) };
}

/** The first tax year under the current income tax system (1984 reform): anything earlier is not a year we understand. */
const FIRST_TAX_YEAR = 1984;

/** No annual return on record (blank year) -> null; an unreadable year -> null with a warning. */
function annualReturn(fields: DetailFields, warn: ValueWarning): AnnualReturnRecord | null {
  const year = optional(
    fields.THN_SPT,
    (raw) => (/^\d{4}$/.test(raw) && Number(raw) >= FIRST_TAX_YEAR && Number(raw) <= 2100 ? Number(raw) : null),
    'THN_SPT',
    'a tax year yyyy',
    warn,
  );
  if (year === null) return null;
  return {
    year,
    status: code(fields.STATUS_SPT, ANNUAL_RETURN_STATUS_CODES, 'STATUS_SPT', 'S, T or B', warn),
    filedOn: date(fields.TGL_SPT, 'TGL_SPT', warn),
  };
}

const STATUS_RANK: Readonly<Record<string, number>> = { ACTIVE: 2, NON_EFFECTIVE: 1 };

/**
 * DJP quirk ("NPWP ganda"): a person registered twice before the NIK became the key holds two
 * records under one NIK, usually the old one set non-effective. The graph has one tax profile
 * per citizen: the active record wins, then the later registration, then the later line.
 */
export function preferredProfile(current: TaxProfileRecord, candidate: TaxProfileRecord): TaxProfileRecord {
  const rank = (record: TaxProfileRecord): number => STATUS_RANK[record.status ?? ''] ?? 0;
  if (rank(candidate) !== rank(current)) return rank(candidate) > rank(current) ? candidate : current;
  if ((candidate.registeredOn ?? '') !== (current.registeredOn ?? '')) {
    return (candidate.registeredOn ?? '') > (current.registeredOn ?? '') ? candidate : current;
  }
  return candidate;
}
