/**
 * Clean domain records for KUA marriage data (SIMKAH): no legacy names, no legacy notation.
 * Values that could not be read from the export are null (a warning was logged at load).
 */

export const MARRIAGE_ROLES = ['HUSBAND', 'WIFE'] as const;
export type MarriageRoleName = (typeof MARRIAGE_ROLES)[number];

export const MARRIAGE_STATUSES = ['REGISTERED', 'DIVORCED'] as const;
export type MarriageStatusName = (typeof MARRIAGE_STATUSES)[number];

export const MARRIAGE_VENUES = ['KUA_OFFICE', 'OUTSIDE_OFFICE'] as const;
export type MarriageVenueName = (typeof MARRIAGE_VENUES)[number];

export const MARRIAGE_CERTIFICATE_FORMATS = ['NEW_16_DIGIT', 'OLD_FREE_TEXT'] as const;
export type MarriageCertificateFormatName = (typeof MARRIAGE_CERTIFICATE_FORMATS)[number];

/** One spouse as a SIMKAH detail line holds them. */
export interface SpouseEntry {
  /** Null when blank or not a valid NIK (a warning was logged for the latter). */
  nik: string | null;
  /** KUA's copy of the name, as held. */
  name: string | null;
  /** KUA's copy of the birth date, ISO yyyy-mm-dd. */
  birthDate: string | null;
}

/** One marriage, both spouses: a detail line of the export, mapped. */
export interface MarriageEntry {
  /** The akta nikah number exactly as held. */
  certificateNumber: string | null;
  certificateFormat: MarriageCertificateFormatName | null;
  /** Seven-digit KUA code. */
  kuaCode: string | null;
  /** The KUA office's name as held at the time of the marriage ("KUA KECAMATAN TAMPAN"). */
  kuaOffice: string | null;
  /** ISO yyyy-mm-dd: the day of the akad nikah. */
  marriedOn: string | null;
  venue: MarriageVenueName | null;
  /** Where the akad took place, free text as held. */
  place: string | null;
  status: MarriageStatusName | null;
  husband: SpouseEntry;
  wife: SpouseEntry;
}

/**
 * A marriage as one of its spouses (the holder) sees it. The export's line is indexed under
 * both NIKs: each spouse gets their own role, their own copies as holder, the other as spouse.
 */
export interface MarriageRecord {
  holderNik: string;
  role: MarriageRoleName;
  certificateNumber: string | null;
  certificateFormat: MarriageCertificateFormatName | null;
  kuaCode: string | null;
  kuaOffice: string | null;
  marriedOn: string | null;
  venue: MarriageVenueName | null;
  place: string | null;
  status: MarriageStatusName | null;
  /** KUA's copy of the holder's name and birth date (identity claims). */
  holderName: string | null;
  holderBirthDate: string | null;
  spouseNik: string | null;
  spouseName: string | null;
}
