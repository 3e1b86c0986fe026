import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { maskNik } from '../kit/nik';
import { AGENCY, PASSPORT_TYPE_CODES } from './imigrasi.mapper';
import { APPLICATION_NUMBER_PATTERN, SIMKIM_FAULT_CODES, type PermohonanDto } from './legacy/simkim.wire';
import { parseOracleDate } from './oracle-date';
import {
  PassportApplicationRefused,
  type ApplicationIdentitySource,
  type PassportApplicationRecord,
  type PassportApplicationRequest,
  type PassportApplicationStatus,
} from './passport-application.records';
import type { PassportType } from './passport.records';

/** SIMKIM `statusPermohonan` codes. */
const APPLICATION_STATUS_CODES: Readonly<Record<string, PassportApplicationStatus>> = {
  DITERIMA: 'RECEIVED',
  DIPROSES: 'IN_PROCESS',
  SELESAI: 'COMPLETED', // passport issued
  DITOLAK: 'REJECTED',
  DIBATALKAN: 'CANCELLED',
};

/** SIMKIM `sumberIdentitas` codes. */
const IDENTITY_SOURCE_CODES: Readonly<Record<string, ApplicationIdentitySource>> = {
  DUKCAPIL: 'CIVIL_REGISTRY',
  PEMOHON: 'DECLARED',
};

/** Our passport type -> SIMKIM `jenisPaspor` (SIMKIM decides which it takes applications for). */
export function jenisPasporOf(type: PassportType): string {
  const code = Object.entries(PASSPORT_TYPE_CODES).find(([, mapped]) => mapped === type)?.[0];
  if (code === undefined) throw new RangeError(`no SIMKIM jenisPaspor for ${type}`);
  return code;
}

/**
 * One `permohonanDto` -> a PassportApplicationRecord. Number, NIK, type, status and date
 * identify the application and are written by SIMKIM itself (never typed by a clerk), so
 * unlike passport fields they cannot degrade to null: a missing or unreadable one means the
 * answer is not what the WSDL promises (AGENCY_BAD_RESPONSE, logged with the field name).
 * An unknown `sumberIdentitas` is only null with a warning.
 */
export function mapPermohonanDto(dto: PermohonanDto, options: { today: string; logger: Pick<Logger, 'warn'> }): PassportApplicationRecord {
  const nik = dto.nik?.trim() ?? '';
  const applicationNumber = dto.nomorPermohonan?.trim() ?? '';
  const unreadable = (field: string): LegacyError => new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `SIMKIM permohonanDto: ${field} missing or unreadable`);
  if (nik === '') throw unreadable('nik');
  if (applicationNumber === '') throw unreadable('nomorPermohonan');
  const passportType = PASSPORT_TYPE_CODES[dto.jenisPaspor?.trim().toUpperCase() ?? ''];
  if (passportType === undefined) throw unreadable('jenisPaspor');
  const status = APPLICATION_STATUS_CODES[dto.statusPermohonan?.trim().toUpperCase() ?? ''];
  if (status === undefined) throw unreadable('statusPermohonan');
  const submittedOn = parseOracleDate(dto.tanggalPermohonan?.trim() ?? '', { kind: 'rr', today: options.today });
  if (submittedOn === null) throw unreadable('tanggalPermohonan');

  const sourceCode = dto.sumberIdentitas?.trim().toUpperCase() ?? '';
  const identitySource = IDENTITY_SOURCE_CODES[sourceCode] ?? null;
  if (identitySource === null && sourceCode !== '') {
    options.logger.warn(
      { agency: AGENCY, nik: maskNik(nik), field: 'sumberIdentitas', value: sourceCode.slice(0, 12) },
      'SIMKIM sumberIdentitas is outside its code list; exposed as null',
    );
  }
  const office = dto.kantorImigrasi?.trim() ?? '';
  return { nik, applicationNumber, status, submittedOn, passportType, office: office === '' ? null : office, identitySource };
}

/**
 * The refusals of `ajukanPermohonanPaspor` (a SOAP Fault whose faultstring starts with a
 * SIMKIM-VAL or SIMKIM-APP code) -> PassportApplicationRefused with a message for the caller.
 * Any other fault (authentication, database) is not about the application: undefined, and
 * the client treats it as the agency failing.
 */
export function applicationRefusal(faultstring: string, request: PassportApplicationRequest): PassportApplicationRefused | undefined {
  const code = /^\s*(SIMKIM-[A-Z]+-\d{2})\b/.exec(faultstring)?.[1];
  switch (code) {
    case SIMKIM_FAULT_CODES.APPLICATION_OPEN: {
      const open = APPLICATION_NUMBER_PATTERN.exec(faultstring)?.[0] ?? null;
      const message = `an application for this passport type is already open${open === null ? '' : `: ${open}`}`;
      return new PassportApplicationRefused('APPLICATION_ALREADY_OPEN', message, open);
    }
    case SIMKIM_FAULT_CODES.UNKNOWN_OFFICE:
      return new PassportApplicationRefused('UNKNOWN_OFFICE', `imigrasi does not know the immigration office "${request.office ?? ''}"`);
    case SIMKIM_FAULT_CODES.APPLICATION_TYPE:
      return new PassportApplicationRefused(
        'PASSPORT_TYPE_NOT_ACCEPTED',
        `imigrasi takes applications only for ORDINARY or ELECTRONIC passports here, not ${request.passportType}`,
      );
    case SIMKIM_FAULT_CODES.INVALID_NIK:
    case SIMKIM_FAULT_CODES.DECLARED_IDENTITY:
      return new PassportApplicationRefused('INVALID_APPLICATION', `imigrasi refused the application's data (${code})`);
    default:
      return undefined;
  }
}
