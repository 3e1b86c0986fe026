/**
 * The clean domain records the adapter hands to the resolvers: our names, our notation (ISO
 * dates, MALE/FEMALE, enum codes), nothing of POLRI-SIM's wire left. A value the legacy
 * data did not let us read is null (a warning was logged).
 */

/** Driving-licence classes (Perpol 5/2021): A cars; B I, B II heavy vehicles; C, C I, C II motorcycles; D for disabled drivers. */
export const DRIVING_LICENSE_CLASSES = ['A', 'B_I', 'B_II', 'C', 'C_I', 'C_II', 'D'] as const;
export type DrivingLicenseClassName = (typeof DRIVING_LICENSE_CLASSES)[number];

export const DRIVING_LICENSE_STATUSES = ['VALID', 'EXPIRED'] as const;
export type DrivingLicenseStatusName = (typeof DRIVING_LICENSE_STATUSES)[number];

export const POLICE_CLEARANCE_STATUSES = ['VALID', 'EXPIRED', 'NONE'] as const;
export type PoliceClearanceStatusName = (typeof POLICE_CLEARANCE_STATUSES)[number];

export type HolderSex = 'MALE' | 'FEMALE';

export interface DrivingLicenseRecord {
  /** 12 or 14 digits, dashes and spaces removed. */
  number: string | null;
  class: DrivingLicenseClassName | null;
  /** True for a "SIM umum" (A UMUM, B I UMUM, B II UMUM): licensed to drive public or commercial transport. */
  publicTransport: boolean | null;
  issueDate: string | null;
  expiryDate: string | null;
  issuingOffice: string | null;
  /** POLRI-SIM's copies of the holder's identity, as it holds them (never "fixed"). */
  holderName: string | null;
  holderBirthPlace: string | null;
  holderBirthDate: string | null;
  holderSex: HolderSex | null;
}

/** The citizen's current police clearance, or `found: false` when Polri holds none. */
export interface PoliceClearanceRecord {
  found: boolean;
  number: string | null;
  issueDate: string | null;
  expiryDate: string | null;
  purpose: string | null;
  issuingOffice: string | null;
  holderName: string | null;
}

/** "No SKCK" is an answer, not an error. */
export function noPoliceClearance(): PoliceClearanceRecord {
  return { found: false, number: null, issueDate: null, expiryDate: null, purpose: null, issuingOffice: null, holderName: null };
}
