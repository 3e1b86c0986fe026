/**
 * The clean domain record the adapter hands to the resolvers: our names, our notation
 * (ISO dates, enum values, whole rupiah), nothing of SIPP-TK's wire left.
 */

export const EMPLOYMENT_INSURANCE_STATUSES = ['ACTIVE', 'INACTIVE', 'NOT_REGISTERED'] as const;
export type EmploymentInsuranceStatusValue = (typeof EMPLOYMENT_INSURANCE_STATUSES)[number];

/** Membership segments: wage earners (PU), non-wage earners (BPU), migrant workers (PMI), construction (JAKON). */
export const EMPLOYMENT_INSURANCE_SEGMENTS = ['WAGE_EARNER', 'NON_WAGE_EARNER', 'MIGRANT_WORKER', 'CONSTRUCTION_WORKER'] as const;
export type EmploymentInsuranceSegmentValue = (typeof EMPLOYMENT_INSURANCE_SEGMENTS)[number];

/** The five programmes, in the order we always list them (JHT, JKK, JKM, JP, JKP). */
export const EMPLOYMENT_PROGRAMMES = ['OLD_AGE_SAVINGS', 'WORK_ACCIDENT', 'DEATH', 'PENSION', 'JOB_LOSS'] as const;
export type EmploymentProgrammeValue = (typeof EMPLOYMENT_PROGRAMMES)[number];

export interface EmployerRecord {
  /** NPP, the employer's registration number with BPJS Ketenagakerjaan (8 digits); null when unreadable. */
  registrationNumber: string | null;
  name: string | null;
}

export interface EmploymentInsuranceRecord {
  /** null only for a member whose SIPP-TK status label is outside its code list. */
  status: EmploymentInsuranceStatusValue | null;
  active: boolean;
  /** KPJ, 11 digits. */
  membershipNumber: string | null;
  segment: EmploymentInsuranceSegmentValue | null;
  /** null when the member has no employer (BPU, PMI) or none is recorded. */
  employer: EmployerRecord | null;
  /** [] for NOT_REGISTERED; null when SIPP-TK's list is missing altogether. */
  programmes: EmploymentProgrammeValue[] | null;
  /** Whole rupiah (sen dropped); null without a JHT account or when unreadable. */
  oldAgeSavingsBalance: number | null;
  /** ISO yyyy-mm-dd. */
  memberSince: string | null;
  /** BPJS Ketenagakerjaan's copies of the holder's identity, as it holds them. */
  holderName: string | null;
  holderBirthDate: string | null;
}

/** "Not a member" is an answer, not an error. */
export function notRegistered(): EmploymentInsuranceRecord {
  return {
    status: 'NOT_REGISTERED',
    active: false,
    membershipNumber: null,
    segment: null,
    employer: null,
    programmes: [],
    oldAgeSavingsBalance: null,
    memberSince: null,
    holderName: null,
    holderBirthDate: null,
  };
}
