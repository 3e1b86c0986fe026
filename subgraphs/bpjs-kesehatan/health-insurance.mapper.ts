import { LegacyError } from '../kit/errors';
import { isCalendarDate, maskNik } from '../kit/nik';
import type { HealthInsuranceClass, HealthInsuranceRecord, HolderSex } from './health-insurance.records';
import { JENIS_PESERTA, STATUS_AKTIF, STATUS_PESERTA } from './vclaim.records';

export const AGENCY = 'bpjs-kesehatan';

/** Where the mapper reports a legacy value it had to drop (pino's `warn`, or a test spy). */
export type MappingWarn = (details: { nik: string; field: string; value: unknown }, message: string) => void;

/** `hakKelas.kode` (VClaim labels them KELAS I / II / III) -> our class. */
const CLASS_BY_HAK_KELAS: Record<string, HealthInsuranceClass> = { '1': 'KELAS_1', '2': 'KELAS_2', '3': 'KELAS_3' };
const CARD_NUMBER = /^[0-9]{13}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A code-list look-up that ignores inherited keys ("constructor", "toString" are not codes). */
function lookUp<V>(list: Record<string, V>, code: string | undefined): V | undefined {
  return code !== undefined && Object.hasOwn(list, code) ? list[code] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ kode, keterangan }` -> the kode, or undefined when the shape is not there. */
function kodeOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const kode = value.kode;
  if (typeof kode === 'string') return kode.trim();
  // VClaim is not consistent about quoting codes; a bare number means the same code.
  if (typeof kode === 'number' && Number.isInteger(kode)) return String(kode);
  return undefined;
}

/**
 * The decrypted member-by-NIK answer -> our record. Only a broken shape (no `peserta`,
 * no status code, another person's NIK) rejects the whole answer; a single value outside
 * its code list or an impossible date becomes null with a warning.
 */
export function toHealthInsurance(decoded: unknown, requestedNik: string, warn: MappingWarn): HealthInsuranceRecord {
  const masked = maskNik(requestedNik);
  if (!isObject(decoded) || !isObject(decoded.peserta)) {
    throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, 'decrypted VClaim response has no "peserta" object');
  }
  const peserta = decoded.peserta;
  if (peserta.nik !== requestedNik) {
    // Never show one person's membership as another's: treat it as a broken answer.
    throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `VClaim answered for another NIK than ${masked}`);
  }
  const statusKode = kodeOf(peserta.statusPeserta);
  if (statusKode === undefined) {
    throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `VClaim peserta for ${masked} has no statusPeserta.kode`);
  }
  const drop = (field: string, value: unknown, why: string): null => {
    warn({ nik: masked, field, value }, `VClaim ${field} ${why}; exposed as null`);
    return null;
  };

  // VClaim quirk: "0" is AKTIF and every other code is a reason for not being active, so
  // an unknown non-zero code still means INACTIVE; we only warn that the reason is unknown.
  if (lookUp(STATUS_PESERTA, statusKode) === undefined) {
    warn({ nik: masked, field: 'statusPeserta.kode', value: statusKode }, 'VClaim statusPeserta code unknown; treated as not active');
  }
  const active = statusKode === STATUS_AKTIF;

  const noKartu = peserta.noKartu;
  const cardNumber = typeof noKartu === 'string' && CARD_NUMBER.test(noKartu) ? noKartu : drop('noKartu', noKartu, 'is not 13 digits');

  const kelasKode = kodeOf(peserta.hakKelas);
  const memberClass = lookUp(CLASS_BY_HAK_KELAS, kelasKode) ?? drop('hakKelas.kode', kelasKode ?? peserta.hakKelas, 'is outside its code list');

  const jenisKode = kodeOf(peserta.jenisPeserta);
  const memberType = lookUp(JENIS_PESERTA, jenisKode)?.segment ?? drop('jenisPeserta.kode', jenisKode ?? peserta.jenisPeserta, 'is outside its code list');

  const provider = isObject(peserta.provUmum) ? peserta.provUmum.nmProvider : undefined;
  const primaryCareProvider =
    typeof provider === 'string' && provider.trim() !== '' ? provider.trim() : drop('provUmum.nmProvider', provider, 'is missing');

  const tunggakan = peserta.tunggakan;
  const arrears =
    typeof tunggakan === 'number' && Number.isSafeInteger(tunggakan) && tunggakan >= 0
      ? tunggakan
      : drop('tunggakan', tunggakan, 'is not a whole number of rupiah >= 0');

  const nama = peserta.nama;
  const holderName = typeof nama === 'string' && nama.trim() !== '' ? nama : drop('nama', nama, 'is missing');

  return {
    status: active ? 'ACTIVE' : 'INACTIVE',
    active,
    cardNumber,
    class: memberClass,
    memberType,
    primaryCareProvider,
    arrears,
    holderName,
    holderBirthDate: isoDate(peserta.tglLahir) ?? drop('tglLahir', peserta.tglLahir, 'is not a real date yyyy-mm-dd'),
    holderSex: sexOf(peserta.sex) ?? drop('sex', peserta.sex, 'is not "L" or "P"'),
  };
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE.exec(value.trim());
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  return match[0];
}

function sexOf(value: unknown): HolderSex | undefined {
  if (value === 'L') return 'MALE';
  if (value === 'P') return 'FEMALE';
  return undefined;
}
