import { LegacyError } from '../kit/errors';
import { isCalendarDate, maskNik } from '../kit/nik';
import { AGENCY } from './bpjs-ketenagakerjaan.config';
import {
  EMPLOYMENT_PROGRAMMES,
  type EmployerRecord,
  type EmploymentInsuranceRecord,
  type EmploymentInsuranceSegmentValue,
  type EmploymentInsuranceStatusValue,
  type EmploymentProgrammeValue,
} from './employment-insurance.records';
import {
  OBSOLETE_PROGRAM_CODES,
  STATUS_KEPESERTAAN_AKTIF,
  STATUS_KEPESERTAAN_NON_AKTIF,
  type ProgramCode,
  type SegmenCode,
} from './sipp-tk.wire';

/** Where the mapper reports a legacy value it had to drop (pino's `warn`, or a test spy). */
export type MappingWarn = (details: { nik: string; field: string; value: unknown }, message: string) => void;

const SEGMENT_BY_SEGMEN: Record<SegmenCode, EmploymentInsuranceSegmentValue> = {
  PU: 'WAGE_EARNER',
  BPU: 'NON_WAGE_EARNER',
  PMI: 'MIGRANT_WORKER',
  JAKON: 'CONSTRUCTION_WORKER',
};

const PROGRAMME_BY_CODE: Record<ProgramCode, EmploymentProgrammeValue> = {
  JHT: 'OLD_AGE_SAVINGS',
  JKK: 'WORK_ACCIDENT',
  JKM: 'DEATH',
  JP: 'PENSION',
  JKP: 'JOB_LOSS',
};

const KPJ = /^[0-9]{11}$/;
const NPP = /^[0-9]{8}$/;
/** SIPP-TK writes dates dd/MM/yyyy; older rows drop the leading zero of day and month. */
const DD_MM_YYYY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** Rupiah with up to two decimals ("12500000.00"). */
const RUPIAH_DECIMAL = /^([0-9]{1,15})(?:\.([0-9]{1,2}))?$/;
/** GraphQL Int is a signed 32-bit integer. */
const GRAPHQL_INT_MAX = 2_147_483_647;

/** A code-list look-up that ignores inherited keys ("constructor" is not a code). */
function lookUp<V>(list: Record<string, V>, code: string): V | undefined {
  return Object.hasOwn(list, code) ? list[code] : undefined;
}

/** SIPP-TK is not consistent about case and spacing in labels ("Non  Aktif", "non aktif"). */
function normalizeLabel(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toUpperCase();
}

function blank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** dd/MM/yyyy -> yyyy-mm-dd, or undefined when it is not a real calendar date in that notation. */
export function isoFromSippTkDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DD_MM_YYYY.exec(value.trim());
  if (!match) return undefined;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  if (!isCalendarDate(year, month, day)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * One SIPP-TK member row -> our record. Only a broken shape (not an object, another
 * person's NIK) rejects the row; a single value outside its code list or an impossible date
 * becomes null with a warning.
 */
export function toEmploymentInsurance(row: unknown, requestedNik: string, warn: MappingWarn): EmploymentInsuranceRecord {
  const masked = maskNik(requestedNik);
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `SIPP-TK member row for ${masked} is not an object`);
  }
  const peserta = row as Record<string, unknown>;
  if (peserta.NIK !== requestedNik) {
    // Never show one person's membership as another's.
    throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `SIPP-TK answered a member row for another NIK than ${masked}`);
  }
  const drop = (field: string, value: unknown, why: string): null => {
    warn({ nik: masked, field, value }, `SIPP-TK ${field} ${why}; exposed as null`);
    return null;
  };

  const status = statusOf(peserta.STATUS_KEPESERTAAN) ?? drop('STATUS_KEPESERTAAN', peserta.STATUS_KEPESERTAAN, 'is outside its code list');

  const kpj = peserta.KPJ;
  // SIPP-TK quirk: some exports send KPJ as a JSON number, which has lost its leading zeros.
  const membershipNumber = typeof kpj === 'string' && KPJ.test(kpj) ? kpj : drop('KPJ', kpj, 'is not a string of 11 digits');

  const segmen = typeof peserta.SEGMEN === 'string' ? lookUp(SEGMENT_BY_SEGMEN, normalizeLabel(peserta.SEGMEN)) : undefined;
  const segment = segmen ?? drop('SEGMEN', peserta.SEGMEN, 'is outside its code list');

  const nama = peserta.NAMA_PESERTA;
  // Kept verbatim (no trim, no case change): the crosscheck must see SIPP-TK's own copy.
  const holderName = typeof nama === 'string' && nama.trim() !== '' ? nama : drop('NAMA_PESERTA', nama, 'is missing');

  return {
    status,
    active: status === 'ACTIVE',
    membershipNumber,
    segment,
    employer: employerOf(peserta, masked, warn),
    programmes: programmesOf(peserta.PROGRAM, masked, warn),
    oldAgeSavingsBalance: balanceOf(peserta.SALDO_JHT, masked, warn),
    memberSince: isoFromSippTkDate(peserta.TGL_KEPESERTAAN) ?? drop('TGL_KEPESERTAAN', peserta.TGL_KEPESERTAAN, 'is not a real date dd/MM/yyyy'),
    holderName,
    holderBirthDate: isoFromSippTkDate(peserta.TGL_LAHIR) ?? drop('TGL_LAHIR', peserta.TGL_LAHIR, 'is not a real date dd/MM/yyyy'),
  };
}

function statusOf(value: unknown): EmploymentInsuranceStatusValue | undefined {
  if (typeof value !== 'string') return undefined;
  const label = normalizeLabel(value);
  if (label === STATUS_KEPESERTAAN_AKTIF) return 'ACTIVE';
  if (STATUS_KEPESERTAAN_NON_AKTIF.has(label)) return 'INACTIVE';
  return undefined;
}

/** NPP + NAMA_PERUSAHAAN -> employer; null when both are empty (BPU and PMI members have none). */
function employerOf(peserta: Record<string, unknown>, masked: string, warn: MappingWarn): EmployerRecord | null {
  const npp = peserta.NPP;
  const name = peserta.NAMA_PERUSAHAAN;
  if (blank(npp) && blank(name)) return null;
  let registrationNumber: string | null = null;
  if (typeof npp === 'string' && NPP.test(npp.trim())) registrationNumber = npp.trim();
  else if (!blank(npp)) warn({ nik: masked, field: 'NPP', value: npp }, 'SIPP-TK NPP is not 8 digits; exposed as null');
  let employerName: string | null = null;
  if (typeof name === 'string' && name.trim() !== '') employerName = name.trim();
  else if (!blank(name)) warn({ nik: masked, field: 'NAMA_PERUSAHAAN', value: name }, 'SIPP-TK NAMA_PERUSAHAAN is not text; exposed as null');
  return { registrationNumber, name: employerName };
}

/**
 * "JHT,JKK,JKM,JP" -> programmes in our fixed order. An unknown code is dropped with a
 * warning; JPK (Jamsostek's pre-2014 health programme, now BPJS Kesehatan's) is dropped quietly.
 */
function programmesOf(value: unknown, masked: string, warn: MappingWarn): EmploymentProgrammeValue[] | null {
  if (typeof value !== 'string') {
    warn({ nik: masked, field: 'PROGRAM', value }, 'SIPP-TK PROGRAM is not a list of codes; exposed as null');
    return null;
  }
  const found = new Set<EmploymentProgrammeValue>();
  for (const raw of value.split(/[,;]/)) {
    const code = normalizeLabel(raw);
    if (code === '' || OBSOLETE_PROGRAM_CODES.has(code)) continue;
    const programme = lookUp(PROGRAMME_BY_CODE, code);
    if (programme) found.add(programme);
    else warn({ nik: masked, field: 'PROGRAM', value: code }, 'SIPP-TK PROGRAM holds a code outside its code list; that code is left out');
  }
  return EMPLOYMENT_PROGRAMMES.filter((programme) => found.has(programme));
}

/**
 * SALDO_JHT "12500000.37" -> 12500000 (whole rupiah; the sen are dropped, never rounded up).
 * null or "" means no JHT account. A balance beyond GraphQL's 32-bit Int becomes null with a warning.
 */
function balanceOf(value: unknown, masked: string, warn: MappingWarn): number | null {
  if (blank(value)) return null;
  const match = typeof value === 'string' ? RUPIAH_DECIMAL.exec(value.trim()) : null;
  if (!match) {
    warn({ nik: masked, field: 'SALDO_JHT', value }, 'SIPP-TK SALDO_JHT is not rupiah written "12345.67"; exposed as null');
    return null;
  }
  const rupiah = Number(match[1]);
  if (rupiah > GRAPHQL_INT_MAX) {
    warn({ nik: masked, field: 'SALDO_JHT', value }, 'SIPP-TK SALDO_JHT exceeds GraphQL Int (2,147,483,647); exposed as null');
    return null;
  }
  return rupiah;
}
