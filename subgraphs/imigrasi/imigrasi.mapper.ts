import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { maskNik } from '../kit/nik';
import type { PasporDto } from './legacy/simkim.wire';
import { parseOracleDate } from './oracle-date';
import type { HolderSex, PassportRecord, PassportStatus, PassportType } from './passport.records';

export const AGENCY = 'imigrasi';

/** DOMAIN.md, "Identifiers": usually one letter and seven digits; legacy feeds disagree. */
export const PASSPORT_NUMBER_PATTERN = /^[A-Z]{1,2}\d{6,8}$/;

/** SIMKIM `jenisPaspor` codes. */
export const PASSPORT_TYPE_CODES: Readonly<Record<string, PassportType>> = {
  PB: 'ORDINARY', // paspor biasa (non-electronic)
  PE: 'ELECTRONIC', // paspor elektronik
  PD: 'DIPLOMATIC', // paspor diplomatik
  PN: 'SERVICE', // paspor dinas
  SPLP: 'TRAVEL_DOCUMENT', // surat perjalanan laksana paspor
};

/** SIMKIM `statusPaspor` codes; `A` (aktif) is VALID or EXPIRED depending on the expiry date. */
const STORED_STATUS_CODES: Readonly<Record<string, PassportStatus | 'ACTIVE'>> = {
  A: 'ACTIVE',
  C: 'REVOKED', // dicabut
  H: 'LOST', // dilaporkan hilang
};

const SEX_CODES: Readonly<Record<string, HolderSex>> = { M: 'MALE', F: 'FEMALE' };

export interface MapperOptions {
  /** Today, ISO yyyy-mm-dd: decides VALID/EXPIRED and the century of issue dates. */
  today: string;
  logger: Pick<Logger, 'warn'>;
}

/**
 * One SIMKIM `pasporDto` -> a clean PassportRecord. A value outside its code list or an
 * impossible date becomes null with a warning (never a crash); a DTO without the keys that
 * identify it (nik, nomorPaspor) means SIMKIM answered something we cannot use:
 * AGENCY_BAD_RESPONSE. Warnings name the field and the masked NIK, never personal values.
 */
export function mapPasporDto(dto: PasporDto, options: MapperOptions): PassportRecord {
  const nik = dto.nik?.trim() ?? '';
  const number = dto.nomorPaspor?.trim() ?? '';
  if (nik === '' || number === '') {
    throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, 'SIMKIM pasporDto without nik or nomorPaspor');
  }
  const warn = (field: string, problem: string, value?: string): void =>
    options.logger.warn({ agency: AGENCY, nik: maskNik(nik), field, ...(value === undefined ? {} : { value }) }, `SIMKIM ${field} ${problem}; exposed as null`);

  if (!PASSPORT_NUMBER_PATTERN.test(number)) {
    // The number identifies the record, so we keep it as stored rather than hide the passport.
    options.logger.warn({ agency: AGENCY, nik: maskNik(nik), field: 'nomorPaspor' }, 'SIMKIM nomorPaspor outside ^[A-Z]{1,2}\\d{6,8}$; kept as stored');
  }

  const issueDate = readDate(dto.tanggalTerbit, 'tanggalTerbit', warn, (text) => parseOracleDate(text, { kind: 'rr', today: options.today }));
  const expiryDate = readDate(dto.tanggalHabisBerlaku, 'tanggalHabisBerlaku', warn, (text) =>
    parseOracleDate(text, issueDate ? { kind: 'notBefore', limit: issueDate } : { kind: 'rr', today: options.today }),
  );
  const holderBirthDate = readDate(dto.tanggalLahir, 'tanggalLahir', warn, (text) =>
    parseOracleDate(text, { kind: 'notAfter', limit: issueDate ?? options.today }),
  );

  return {
    nik,
    number,
    type: readCode(dto.jenisPaspor, 'jenisPaspor', PASSPORT_TYPE_CODES, warn, true),
    issueDate,
    expiryDate,
    issuingOffice: nonEmpty(dto.kantorPenerbit?.trim()),
    status: readStatus(dto.statusPaspor, expiryDate, options.today, warn),
    holderName: holderName(dto, warn),
    holderBirthDate,
    holderBirthPlace: nonEmpty(dto.tempatLahir?.trim()),
    holderSex: readCode(dto.jenisKelamin, 'jenisKelamin', SEX_CODES, warn, false),
  };
}

type Warn = (field: string, problem: string, value?: string) => void;

/**
 * SIMKIM quirk: the machine-readable zone forces the name into SURNAME (the last word) and
 * GIVEN_NAMES (the rest, NULL for a single name). The passport shows given names then surname,
 * so holderName = givenNames + ' ' + surname, or the one that is present; nothing else is
 * normalized (the crosscheck must see imigrasi's copy as it is).
 */
export function holderName(dto: Pick<PasporDto, 'surname' | 'givenNames'>, warn?: Warn): string | null {
  const surname = dto.surname ?? '';
  const given = dto.givenNames ?? '';
  if (surname.trim() === '' && given.trim() === '') {
    warn?.('surname', 'and givenNames are both empty');
    return null;
  }
  if (given === '') return surname;
  if (surname === '') return given;
  return `${given} ${surname}`;
}

function readDate(value: string | undefined, field: string, warn: Warn, parse: (text: string) => string | null): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const parsed = parse(text);
  if (parsed === null) warn(field, 'is not a real DD-MON-RR date');
  return parsed;
}

function readCode<T>(value: string | undefined, field: string, codes: Readonly<Record<string, T>>, warn: Warn, logValue: boolean): T | null {
  const code = value?.trim().toUpperCase() ?? '';
  if (code === '') return null;
  const mapped = codes[code];
  if (mapped === undefined) warn(field, 'is outside its code list', logValue ? code.slice(0, 12) : undefined);
  return mapped ?? null;
}

function readStatus(value: string | undefined, expiryDate: string | null, today: string, warn: Warn): PassportStatus | null {
  const stored = readCode(value, 'statusPaspor', STORED_STATUS_CODES, warn, true);
  if (stored !== 'ACTIVE') return stored;
  if (expiryDate === null) {
    warn('statusPaspor', 'is A (aktif) but the expiry date is unknown, so VALID/EXPIRED cannot be told');
    return null;
  }
  // ISO dates compare as text; a passport is valid through its expiry day.
  return expiryDate >= today ? 'VALID' : 'EXPIRED';
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

/** Today as ISO yyyy-mm-dd in Indonesia's western zone (WIB, UTC+7), where SIMKIM's clerks are. */
export function todayInJakarta(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
