/**
 * The clean domain records the adapter hands to the resolvers: our names and notation
 * (ISO dates, enum codes, district names), nothing of OSS-RBA's wire left.
 */

/** Risk under the risk-based licensing regime (PP 5/2021), lowest first. */
export const BUSINESS_RISK_LEVELS = ['LOW', 'MEDIUM_LOW', 'MEDIUM_HIGH', 'HIGH'] as const;
export type BusinessRiskLevelName = (typeof BUSINESS_RISK_LEVELS)[number];

/** Business scale (UU 20/2008 as amended by PP 7/2021): MICRO and SMALL together are "UMK". */
export const BUSINESS_SCALES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const;
export type BusinessScaleName = (typeof BUSINESS_SCALES)[number];

export const BUSINESS_LEGAL_FORMS = [
  'INDIVIDUAL',
  'SOLE_LIMITED_COMPANY',
  'LIMITED_PARTNERSHIP',
  'GENERAL_PARTNERSHIP',
  'LIMITED_COMPANY',
  'COOPERATIVE',
] as const;
export type BusinessLegalFormName = (typeof BUSINESS_LEGAL_FORMS)[number];

export const BUSINESS_LICENCE_KINDS = ['NIB', 'STANDARD_CERTIFICATE', 'LICENCE', 'PB_UMKU'] as const;
export type BusinessLicenceKindName = (typeof BUSINESS_LICENCE_KINDS)[number];

export const BUSINESS_LICENCE_STATUSES = ['ACTIVE', 'IN_PROCESS', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const;
export type BusinessLicenceStatusName = (typeof BUSINESS_LICENCE_STATUSES)[number];

/** One KBLI activity of a business. */
export interface BusinessActivityRecord {
  /** Five-digit KBLI 2020 code; null when the legacy value is not five digits. */
  code: string | null;
  title: string | null;
  riskLevel: BusinessRiskLevelName | null;
}

export interface BusinessLicenceRecord {
  kind: BusinessLicenceKindName | null;
  /** The licence's name as OSS writes it ("Sertifikat Standar", "SPP-IRT", ...). */
  name: string | null;
  number: string | null;
  /** The KBLI code the licence covers; null for the NIB itself. */
  activityCode: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  status: BusinessLicenceStatusName | null;
}

/** A reference to another citizen (a co-owner); the gateway resolves its other fields. */
export interface CitizenReference {
  nik: string;
}

/** One business (one NIB) as seen from one of its owners. */
export interface BusinessRecord {
  /** 13 digits; null when the legacy value is not. */
  nib: string | null;
  name: string | null;
  legalForm: BusinessLegalFormName | null;
  scale: BusinessScaleName | null;
  /** MICRO or SMALL; null when the scale is unknown. */
  umk: boolean | null;
  /** The highest risk among the activities; null when any activity's risk is unreadable or there is none. */
  riskLevel: BusinessRiskLevelName | null;
  kbli: BusinessActivityRecord[];
  licences: BusinessLicenceRecord[];
  issuedOn: string | null;
  address: string | null;
  village: string | null;
  /** Six-digit Home Affairs district code, dots removed. */
  regionCode: string | null;
  /** Current district name for Kota Pekanbaru (renamed districts under their new name). */
  district: string | null;
  /** "KOTA PEKANBARU", "KABUPATEN KAMPAR". */
  regency: string | null;
  /** The citizen this record was asked for. */
  ownerNik: string;
  /** OSS's copy of that citizen's name, as OSS holds it. */
  ownerName: string | null;
  ownerRole: string | null;
  /** The other responsible persons with a valid NIK, in OSS's order. */
  coOwners: CitizenReference[];
}
