/**
 * The clean domain record the adapter hands to the resolvers: our names, our notation
 * (ISO dates, MALE/FEMALE, enum codes), nothing of VClaim's wire left.
 */

export const HEALTH_INSURANCE_STATUSES = ['ACTIVE', 'INACTIVE', 'NOT_REGISTERED'] as const;
export type HealthInsuranceStatus = (typeof HEALTH_INSURANCE_STATUSES)[number];

export const HEALTH_INSURANCE_CLASSES = ['KELAS_1', 'KELAS_2', 'KELAS_3'] as const;
export type HealthInsuranceClass = (typeof HEALTH_INSURANCE_CLASSES)[number];

/** JKN membership segments: subsidised (PBI, state or regional budget), wage earners, self-employed, non-workers. */
export const HEALTH_INSURANCE_MEMBER_TYPES = ['PBI_APBN', 'PBI_APBD', 'PPU', 'PBPU', 'BP'] as const;
export type HealthInsuranceMemberType = (typeof HEALTH_INSURANCE_MEMBER_TYPES)[number];

export type HolderSex = 'MALE' | 'FEMALE';

export interface HealthInsuranceRecord {
  status: HealthInsuranceStatus;
  active: boolean;
  /** 13 digits; null when not registered or when the legacy value is not 13 digits. */
  cardNumber: string | null;
  class: HealthInsuranceClass | null;
  memberType: HealthInsuranceMemberType | null;
  /** Name of the primary-care provider (FKTP: puskesmas, clinic, family doctor). */
  primaryCareProvider: string | null;
  /** Unpaid contributions in rupiah. */
  arrears: number | null;
  /** BPJS's copies of the holder's identity, as BPJS holds them. */
  holderName: string | null;
  holderBirthDate: string | null;
  holderSex: HolderSex | null;
}

/** "Not a member" is an answer, not an error. */
export function notRegistered(): HealthInsuranceRecord {
  return {
    status: 'NOT_REGISTERED',
    active: false,
    cardNumber: null,
    class: null,
    memberType: null,
    primaryCareProvider: null,
    arrears: null,
    holderName: null,
    holderBirthDate: null,
    holderSex: null,
  };
}
