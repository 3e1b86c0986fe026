import { LegacyError } from '../kit/errors';
import { isCalendarDate, maskNik } from '../kit/nik';
import { DUKCAPIL } from './dukcapil.config';
import type {
  AddressRecord,
  BloodType,
  CitizenRecord,
  EktpStatus,
  FamilyRelation,
  MaritalStatus,
  Religion,
  Sex,
  VerificationClaims,
} from './dukcapil.records';
import { SIAK_SEX_LABELS, toSiakDate, type SiakRowField, type SiakVerifyElement } from './siak.wire';

/**
 * SIAK row -> CitizenRecord. The only place that knows both SIAK's field names and ours.
 * Required fields (NIK, NAMA_LGKP, TGL_LHR, TMPT_LHR, JENIS_KLMIN) make the row unusable
 * when missing or unreadable: the public contract declares them non-null, and the
 * registry is the reference, so we refuse to guess (AGENCY_BAD_RESPONSE for that NIK).
 * Any other value outside its code list becomes null with a warning.
 */

/** A value we could not read; the NIK is already masked, the value is never included. */
export interface MappingWarning {
  nik: string;
  field: SiakRowField;
  problem: string;
}
export type WarnFn = (warning: MappingWarning) => void;

const SEX_BY_LABEL: Record<string, Sex> = { [SIAK_SEX_LABELS.MALE]: 'MALE', [SIAK_SEX_LABELS.FEMALE]: 'FEMALE' };

const RELIGION_BY_LABEL: Record<string, Religion> = {
  ISLAM: 'ISLAM',
  KRISTEN: 'KRISTEN',
  KATHOLIK: 'KATHOLIK',
  HINDU: 'HINDU',
  BUDHA: 'BUDHA',
  KHONGHUCU: 'KHONGHUCU',
  KEPERCAYAAN: 'KEPERCAYAAN',
};

const MARITAL_STATUS_BY_LABEL: Record<string, MaritalStatus> = {
  'BELUM KAWIN': 'BELUM_KAWIN',
  KAWIN: 'KAWIN',
  'CERAI HIDUP': 'CERAI_HIDUP',
  'CERAI MATI': 'CERAI_MATI',
};

const FAMILY_RELATION_BY_LABEL: Record<string, FamilyRelation> = {
  'KEPALA KELUARGA': 'KEPALA_KELUARGA',
  SUAMI: 'SUAMI',
  ISTRI: 'ISTRI',
  ANAK: 'ANAK',
  MENANTU: 'MENANTU',
  CUCU: 'CUCU',
  ORANGTUA: 'ORANGTUA',
  MERTUA: 'MERTUA',
  'FAMILI LAIN': 'FAMILI_LAIN',
  PEMBANTU: 'PEMBANTU',
  LAINNYA: 'LAINNYA',
};

const BLOOD_TYPE_BY_LABEL: Record<string, BloodType> = {
  A: 'A',
  B: 'B',
  AB: 'AB',
  O: 'O',
  'A+': 'A_POS',
  'A-': 'A_NEG',
  'B+': 'B_POS',
  'B-': 'B_NEG',
  'AB+': 'AB_POS',
  'AB-': 'AB_NEG',
  'O+': 'O_POS',
  'O-': 'O_NEG',
  'TIDAK TAHU': 'TIDAK_TAHU',
};

const EKTP_STATUS_BY_LABEL: Record<string, EktpStatus> = { 'SUDAH REKAM': 'SUDAH_REKAM', 'BELUM REKAM': 'BELUM_REKAM' };

const SIXTEEN_DIGITS = /^[0-9]{16}$/;
const SIAK_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/** True when the row object is a SIAK message (`{"RESPON": ...}`) rather than a resident. */
export function isResponRow(row: Record<string, unknown>): boolean {
  return typeof row.RESPON === 'string';
}

/**
 * The NIK a row is about, or null when it has none we can trust. A NIK sent as a JSON number
 * is refused (DOMAIN.md: numbers lose leading zeros), so is anything but 16 digits.
 */
export function rowNik(row: Record<string, unknown>): string | null {
  const nik = row.NIK;
  return typeof nik === 'string' && SIXTEEN_DIGITS.test(nik.trim()) ? nik.trim() : null;
}

/** Maps one SIAK resident row; throws LegacyError(AGENCY_BAD_RESPONSE) when a required field is unusable. */
export function mapCitizenRow(row: Record<string, unknown>, warn: WarnFn): CitizenRecord {
  const nik = rowNik(row);
  if (nik === null) {
    throw new LegacyError('AGENCY_BAD_RESPONSE', DUKCAPIL, 'SIAK row has no NIK as a 16-digit string');
  }
  const reader = new RowReader(row, maskNik(nik), warn);
  const fullName = reader.text('NAMA_LGKP');
  const birthDate = reader.date('TGL_LHR');
  const birthPlace = reader.text('TMPT_LHR');
  const sex = reader.code('JENIS_KLMIN', SEX_BY_LABEL);
  const missing = [
    fullName === null ? 'NAMA_LGKP' : null,
    birthDate === null ? 'TGL_LHR' : null,
    birthPlace === null ? 'TMPT_LHR' : null,
    sex === null ? 'JENIS_KLMIN' : null,
  ].filter((field): field is string => field !== null);
  if (fullName === null || birthDate === null || birthPlace === null || sex === null) {
    throw new LegacyError(
      'AGENCY_BAD_RESPONSE',
      DUKCAPIL,
      `SIAK row for ${maskNik(nik)} has no usable ${missing.join(', ')} (required by the contract)`,
    );
  }
  return {
    nik,
    fullName,
    birthDate,
    birthPlace,
    sex,
    familyCardNumber: reader.number16('NO_KK'),
    religion: reader.code('AGAMA', RELIGION_BY_LABEL),
    maritalStatus: reader.code('STATUS_KAWIN', MARITAL_STATUS_BY_LABEL),
    familyRelation: reader.code('STAT_HBKEL', FAMILY_RELATION_BY_LABEL),
    bloodType: reader.code('GOL_DARAH', BLOOD_TYPE_BY_LABEL),
    education: reader.text('PDDK_AKH'),
    occupation: reader.text('JENIS_PKRJN'),
    motherName: reader.text('NAMA_LGKP_IBU'),
    motherNik: reader.number16('NIK_IBU'),
    fatherName: reader.text('NAMA_LGKP_AYAH'),
    fatherNik: reader.number16('NIK_AYAH'),
    address: mapAddress(reader),
    ektpStatus: reader.code('EKTP_STATUS', EKTP_STATUS_BY_LABEL),
  };
}

function mapAddress(reader: RowReader): AddressRecord | null {
  const address: AddressRecord = {
    street: reader.text('ALAMAT'),
    rt: reader.paddedDigits('NO_RT', 3),
    rw: reader.paddedDigits('NO_RW', 3),
    village: reader.text('KEL_NAME'),
    district: reader.text('KEC_NAME'),
    districtCode: districtCode(reader),
    regency: reader.text('KAB_NAME'),
    province: reader.text('PROP_NAME'),
    postalCode: reader.digits('KODE_POS', 5),
  };
  return Object.values(address).every((value) => value === null) ? null : address;
}

/**
 * SIAK quirk: region numbers come as separate integers without leading zeros
 * (NO_PROP "14", NO_KAB "71", NO_KEC "8"); the Home Affairs district code is their
 * zero-padded concatenation ("147108").
 */
function districtCode(reader: RowReader): string | null {
  const province = reader.paddedDigits('NO_PROP', 2);
  const regency = reader.paddedDigits('NO_KAB', 2);
  const district = reader.paddedDigits('NO_KEC', 2);
  return province !== null && regency !== null && district !== null ? province + regency + district : null;
}

/** Reads one row's fields, warning (with the NIK masked) about every unreadable value. */
class RowReader {
  constructor(
    private readonly row: Record<string, unknown>,
    private readonly maskedNik: string,
    private readonly warn: WarnFn,
  ) {}

  /**
   * The value as the registry holds it, trimmed (SIAK's Oracle CHAR columns pad with
   * spaces). Missing ("", "-", null, absent) is null without a warning: legacy rows have gaps.
   */
  text(field: SiakRowField): string | null {
    const value = this.row[field];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') {
      this.problem(field, `expected a string, got ${Array.isArray(value) ? 'an array' : typeof value}`);
      return null;
    }
    const trimmed = value.trim();
    return trimmed === '' || trimmed === '-' ? null : trimmed;
  }

  /** A code-list label (compared case- and spacing-insensitively) -> our identifier. */
  code<T extends string>(field: SiakRowField, byLabel: Record<string, T>): T | null {
    const value = this.text(field);
    if (value === null) return null;
    const label = value.toUpperCase().replace(/\s+/g, ' ');
    const mapped = Object.prototype.hasOwnProperty.call(byLabel, label) ? byLabel[label] : undefined;
    if (mapped === undefined) {
      this.problem(field, 'value outside the code list');
      return null;
    }
    return mapped;
  }

  /** dd-mm-yyyy -> yyyy-mm-dd; an impossible date is null with a warning. */
  date(field: SiakRowField): string | null {
    const value = this.text(field);
    if (value === null) return null;
    const match = SIAK_DATE.exec(value);
    if (!match || !isCalendarDate(Number(match[3]), Number(match[2]), Number(match[1]))) {
      this.problem(field, 'not a real date written dd-mm-yyyy');
      return null;
    }
    return `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  }

  /** A 16-digit number (NIK, KK) kept as a string. */
  number16(field: SiakRowField): string | null {
    const value = this.text(field);
    if (value === null) return null;
    if (!SIXTEEN_DIGITS.test(value)) {
      this.problem(field, 'not 16 digits');
      return null;
    }
    return value;
  }

  /** Digits written without leading zeros ("3") -> padded to `width` ("003"). */
  paddedDigits(field: SiakRowField, width: number): string | null {
    const value = this.text(field);
    if (value === null) return null;
    if (!/^[0-9]+$/.test(value) || value.length > width) {
      this.problem(field, `not a number of at most ${width} digits`);
      return null;
    }
    return value.padStart(width, '0');
  }

  /** Exactly `width` digits. */
  digits(field: SiakRowField, width: number): string | null {
    const value = this.text(field);
    if (value === null) return null;
    if (value.length !== width || !/^[0-9]+$/.test(value)) {
      this.problem(field, `not ${width} digits`);
      return null;
    }
    return value;
  }

  private problem(field: SiakRowField, problem: string): void {
    this.warn({ nik: this.maskedNik, field, problem });
  }
}

/** Our claims -> the verify call's request elements, in SIAK notation. */
export function toVerifyElements(claims: VerificationClaims): Partial<Record<SiakVerifyElement, string>> {
  const elements: Partial<Record<SiakVerifyElement, string>> = {};
  if (claims.fullName !== undefined) elements.NAMA_LGKP = claims.fullName;
  if (claims.birthDate !== undefined) elements.TGL_LHR = toSiakDate(claims.birthDate);
  if (claims.birthPlace !== undefined) elements.TMPT_LHR = claims.birthPlace;
  if (claims.sex !== undefined) elements.JENIS_KLMIN = SIAK_SEX_LABELS[claims.sex];
  if (claims.motherName !== undefined) elements.NAMA_LGKP_IBU = claims.motherName;
  return elements;
}

/** Which of our claim names each SIAK verify element answers for. */
export const CLAIM_BY_VERIFY_ELEMENT: Record<SiakVerifyElement, keyof VerificationClaims> = {
  NAMA_LGKP: 'fullName',
  TGL_LHR: 'birthDate',
  TMPT_LHR: 'birthPlace',
  JENIS_KLMIN: 'sex',
  NAMA_LGKP_IBU: 'motherName',
};
