import { LegacyError } from '../kit/errors';
import { maskNik } from '../kit/nik';
import { parsePolriDate } from './polri-date';
import { noPoliceClearance, type DrivingLicenseRecord, type HolderSex, type PoliceClearanceRecord } from './polri.records';
import { AGENCY } from './polri.system';
import { JENIS_KELAMIN } from './polri.wire';
import { parseSimClass } from './sim-class';

/** Where the mapper reports a legacy value it had to drop (pino's `warn`, or a test spy). */
export type MappingWarn = (details: { nik: string; field: string; value: unknown }, message: string) => void;

const SIM_NUMBER = /^(?:\d{12}|\d{14})$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A row's NIK, or AGENCY_BAD_RESPONSE: without it a row cannot be given to anyone. */
export function rowNik(row: unknown, what: string): string {
  if (!isObject(row) || typeof row.nik !== 'string' || !/^[0-9]{16}$/.test(row.nik)) {
    throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `POLRI-SIM ${what}: a row without a 16-digit "nik"`);
  }
  return row.nik;
}

/** Reads values of one row; every value it cannot read becomes null with a warning naming the field (never the value's owner). */
function rowReader(row: Record<string, unknown>, nik: string, warn: MappingWarn) {
  const masked = maskNik(nik);
  const drop = (field: string, why: string): null => {
    warn({ nik: masked, field, value: row[field] }, `POLRI-SIM ${field} ${why}; exposed as null`);
    return null;
  };
  return {
    drop,
    /** A non-blank string, as written (identity copies are never trimmed or recased: the crosscheck must see Polri's copy). */
    text(field: string): string | null {
      const value = row[field];
      return typeof value === 'string' && value.trim() !== '' ? value : drop(field, 'is missing');
    },
    date(field: string): string | null {
      return parsePolriDate(row[field]) ?? drop(field, 'is not a real date dd-MM-yyyy');
    },
  };
}

function sexOf(value: unknown): HolderSex | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  // Newer rows print the card's PRIA/WANITA; rows migrated from the old system say LAKI-LAKI/PEREMPUAN.
  if (code === JENIS_KELAMIN.MALE || code === 'LAKI-LAKI') return 'MALE';
  if (code === JENIS_KELAMIN.FEMALE || code === 'PEREMPUAN') return 'FEMALE';
  return undefined;
}

/**
 * One SIM row -> our record. Only a row without a NIK rejects the answer (see rowNik); a value
 * outside its code list, an impossible date or a number of the wrong length becomes null.
 */
export function toDrivingLicense(row: Record<string, unknown>, nik: string, warn: MappingWarn): DrivingLicenseRecord {
  const read = rowReader(row, nik, warn);
  // POLRI-SIM quirk: some counters type the number grouped, "0985-1471-0123"; the digits are the number.
  const rawNumber = typeof row.no_sim === 'string' ? row.no_sim.replace(/[\s-]/g, '') : undefined;
  const number = rawNumber !== undefined && SIM_NUMBER.test(rawNumber) ? rawNumber : read.drop('no_sim', 'is not 12 or 14 digits');
  const simClass = parseSimClass(row.gol_sim);
  if (simClass === undefined) read.drop('gol_sim', 'is outside the SIM class list');
  return {
    number,
    class: simClass?.class ?? null,
    publicTransport: simClass?.publicTransport ?? null,
    issueDate: read.date('tgl_terbit'),
    expiryDate: read.date('tgl_berlaku'),
    issuingOffice: read.text('satpas'),
    holderName: read.text('nama'),
    holderBirthPlace: read.text('tempat_lahir'),
    holderBirthDate: read.date('tgl_lahir'),
    holderSex: sexOf(row.jenis_kelamin) ?? read.drop('jenis_kelamin', 'is not PRIA or WANITA'),
  };
}

/**
 * Every SIM row of a search -> licences by NIK. A row for a NIK we did not ask about means the
 * service mixed up results: the whole answer is refused rather than risk showing one person's
 * licence as another's.
 */
export function toDrivingLicensesByNik(rows: readonly unknown[], asked: readonly string[], warn: MappingWarn): Map<string, DrivingLicenseRecord[]> {
  const wanted = new Set(asked);
  const byNik = new Map<string, DrivingLicenseRecord[]>();
  for (const row of rows) {
    const nik = rowNik(row, 'sim/search');
    if (!wanted.has(nik)) throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `POLRI-SIM sim/search answered for a NIK it was not asked about (${maskNik(nik)})`);
    const licences = byNik.get(nik) ?? [];
    licences.push(toDrivingLicense(row as Record<string, unknown>, nik, warn));
    byNik.set(nik, licences);
  }
  return byNik;
}

/**
 * One NIK's SKCK rows -> the current certificate: the one issued last (a row whose issue date
 * cannot be read ranks below every dated one; among equals the later row wins). No rows: NONE.
 */
export function toPoliceClearance(rows: readonly unknown[], nik: string, warn: MappingWarn): PoliceClearanceRecord {
  let latest: { row: Record<string, unknown>; issued: string } | undefined;
  for (const row of rows) {
    if (rowNik(row, 'skck') !== nik) {
      throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `POLRI-SIM skck answered with another NIK's certificate for ${maskNik(nik)}`);
    }
    const record = row as Record<string, unknown>;
    const issued = parsePolriDate(record.tgl_terbit) ?? '';
    if (latest === undefined || issued >= latest.issued) latest = { row: record, issued };
  }
  if (latest === undefined) return noPoliceClearance();
  const read = rowReader(latest.row, nik, warn);
  return {
    found: true,
    number: read.text('no_skck'),
    issueDate: read.date('tgl_terbit'),
    expiryDate: read.date('tgl_berlaku'),
    purpose: read.text('keperluan'),
    issuingOffice: read.text('kesatuan'),
    holderName: read.text('nama'),
  };
}
