/**
 * Clean domain records for imigrasi, as the mapper produces them from SIMKIM's wire DTOs.
 * Nothing here knows SOAP or legacy names; nothing here knows GraphQL.
 */

export const PASSPORT_TYPES = ['ORDINARY', 'ELECTRONIC', 'DIPLOMATIC', 'SERVICE', 'TRAVEL_DOCUMENT'] as const;
export type PassportType = (typeof PASSPORT_TYPES)[number];

export const PASSPORT_STATUSES = ['VALID', 'EXPIRED', 'REVOKED', 'LOST'] as const;
export type PassportStatus = (typeof PASSPORT_STATUSES)[number];

export type HolderSex = 'MALE' | 'FEMALE';

/** One passport as imigrasi holds it. A null is a value SIMKIM did not have or that we could not read. */
export interface PassportRecord {
  /** The holder's NIK (the batch answer is grouped by it). */
  nik: string;
  /** As stored, trimmed; normally `^[A-Z]{1,2}\d{6,8}$` (a value outside it is kept and logged). */
  number: string;
  type: PassportType | null;
  /** ISO yyyy-mm-dd. */
  issueDate: string | null;
  /** ISO yyyy-mm-dd. */
  expiryDate: string | null;
  issuingOffice: string | null;
  status: PassportStatus | null;
  /** Given names + surname in passport order, exactly as stored (README.md, "holderName"). */
  holderName: string | null;
  holderBirthDate: string | null;
  holderBirthPlace: string | null;
  holderSex: HolderSex | null;
}
