import { isKnownDistrictPrefix, isKnownProvince, isKnownRegency } from './regions';

/** The parts of a valid NIK: `PP RR DD ddmmyy SSSS` (DOMAIN.md, "Identifiers"). */
export interface NikParts {
  nik: string;
  /** Six-digit region prefix where the person was first registered. */
  regionCode: string;
  /** The birth date encoded in the NIK, as yyyy-mm-dd (the century is inferred). */
  encodedBirthDate: string;
  /** Sex encoded by the +40 rule on the day. */
  encodedSex: 'MALE' | 'FEMALE';
  serial: string;
}

/** Which part of a NIK is wrong, so that the message can name it. */
export type NikFault = 'type' | 'length' | 'digits' | 'province' | 'regency' | 'district' | 'birth-date' | 'serial';

export class InvalidNikError extends Error {
  constructor(
    readonly fault: NikFault,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidNikError';
  }
}

const SIXTEEN_ASCII_DIGITS = /^[0-9]{16}$/;

/**
 * Validates a NIK and returns its parts; throws InvalidNikError naming the faulty part.
 * The value must be a string: a NIK sent as a JSON number has already lost its leading
 * zeros or its precision, so we refuse it rather than guess.
 * `referenceYear` decides the century of the two-digit birth year (a year after it is 19yy).
 */
export function parseNik(value: unknown, referenceYear = new Date().getUTCFullYear()): NikParts {
  if (typeof value !== 'string') {
    throw new InvalidNikError(
      'type',
      `NIK must be a string of 16 digits, got a ${value === null ? 'null' : typeof value}; send it quoted, a JSON number loses leading zeros and precision`,
    );
  }
  // Non-digits first: "1471-0801-..." is better told "character 5 is not a digit" than "19 characters".
  const position = [...value].findIndex((ch) => ch < '0' || ch > '9');
  if (position !== -1) {
    throw new InvalidNikError('digits', `NIK must contain only the digits 0-9; character ${position + 1} is not one`);
  }
  if (!SIXTEEN_ASCII_DIGITS.test(value)) {
    throw new InvalidNikError('length', `NIK must have exactly 16 digits, got ${value.length}`);
  }
  const province = value.slice(0, 2);
  const regency = value.slice(0, 4);
  const regionCode = value.slice(0, 6);
  if (!isKnownProvince(province)) {
    throw new InvalidNikError('province', `NIK region: province code ${province} (digits 1-2) is not a known province`);
  }
  if (!isKnownRegency(regency)) {
    throw new InvalidNikError('regency', `NIK region: regency code ${regency} (digits 1-4) is not a known regency or city`);
  }
  if (!isKnownDistrictPrefix(regionCode)) {
    throw new InvalidNikError('district', `NIK region: district code ${regionCode} (digits 1-6) is not a known district`);
  }
  const rawDay = Number(value.slice(6, 8));
  const month = Number(value.slice(8, 10));
  const yy = Number(value.slice(10, 12));
  const isFemale = rawDay > 40;
  const day = rawDay % 40;
  const century = 2000 + yy > referenceYear ? 1900 : 2000;
  const year = century + yy;
  if (!isCalendarDate(year, month, day)) {
    throw new InvalidNikError(
      'birth-date',
      `NIK birth date: digits 7-12 (${value.slice(6, 12)}) are not a real date as ddmmyy (women add 40 to the day)`,
    );
  }
  const serial = value.slice(12, 16);
  if (serial === '0000') {
    throw new InvalidNikError('serial', 'NIK serial: digits 13-16 must not be 0000');
  }
  return {
    nik: value,
    regionCode,
    encodedBirthDate: `${year}-${pad2(month)}-${pad2(day)}`,
    encodedSex: isFemale ? 'FEMALE' : 'MALE',
    serial,
  };
}

export function isValidNik(value: unknown): value is string {
  try {
    parseNik(value);
    return true;
  } catch {
    return false;
  }
}

/** Masks a NIK for logs: region and serial stay, the birth date does not (`1471********0001`). */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 4)}********${nik.slice(12)}` : '****';
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
