/**
 * The civil registry's records in clean notation: what the adapter hands to the loaders
 * and resolvers. Nothing here knows SIAK's field names or GraphQL.
 *
 * Code lists are the registry's LABELS turned into identifiers (spaces, hyphens and "/"
 * become "_", "+"/"-" on blood types become _POS/_NEG). DOMAIN.md: numeric codes differ
 * between systems, so we never key on them.
 */

export const SEX_VALUES = ['MALE', 'FEMALE'] as const;
export type Sex = (typeof SEX_VALUES)[number];

export const RELIGION_VALUES = ['ISLAM', 'KRISTEN', 'KATHOLIK', 'HINDU', 'BUDHA', 'KHONGHUCU', 'KEPERCAYAAN'] as const;
export type Religion = (typeof RELIGION_VALUES)[number];

export const MARITAL_STATUS_VALUES = ['BELUM_KAWIN', 'KAWIN', 'CERAI_HIDUP', 'CERAI_MATI'] as const;
export type MaritalStatus = (typeof MARITAL_STATUS_VALUES)[number];

export const FAMILY_RELATION_VALUES = [
  'KEPALA_KELUARGA',
  'SUAMI',
  'ISTRI',
  'ANAK',
  'MENANTU',
  'CUCU',
  'ORANGTUA',
  'MERTUA',
  'FAMILI_LAIN',
  'PEMBANTU',
  'LAINNYA',
] as const;
export type FamilyRelation = (typeof FAMILY_RELATION_VALUES)[number];

export const BLOOD_TYPE_VALUES = [
  'A',
  'B',
  'AB',
  'O',
  'A_POS',
  'A_NEG',
  'B_POS',
  'B_NEG',
  'AB_POS',
  'AB_NEG',
  'O_POS',
  'O_NEG',
  'TIDAK_TAHU',
] as const;
export type BloodType = (typeof BLOOD_TYPE_VALUES)[number];

export const EKTP_STATUS_VALUES = ['SUDAH_REKAM', 'BELUM_REKAM'] as const;
export type EktpStatus = (typeof EKTP_STATUS_VALUES)[number];

/** A residential address as the registry holds it; any part may be missing in legacy rows. */
export interface AddressRecord {
  street: string | null;
  /** Three digits, e.g. "003" (SIAK sends "3": the mapper pads). */
  rt: string | null;
  rw: string | null;
  village: string | null;
  district: string | null;
  /** Six-digit Home Affairs district code, e.g. "147108". */
  districtCode: string | null;
  regency: string | null;
  province: string | null;
  postalCode: string | null;
}

/** One resident as the civil registry knows them. The first five fields are never null. */
export interface CitizenRecord {
  nik: string;
  fullName: string;
  /** ISO yyyy-mm-dd. */
  birthDate: string;
  birthPlace: string;
  sex: Sex;
  /** The KK number (16 digits), null when the row carries none or an unreadable one. */
  familyCardNumber: string | null;
  religion: Religion | null;
  maritalStatus: MaritalStatus | null;
  familyRelation: FamilyRelation | null;
  bloodType: BloodType | null;
  /** Label as the registry writes it (PDDK_AKH), e.g. "SLTA/SEDERAJAT". */
  education: string | null;
  /** Label as the registry writes it (JENIS_PKRJN), e.g. "WIRASWASTA". */
  occupation: string | null;
  motherName: string | null;
  motherNik: string | null;
  fatherName: string | null;
  fatherNik: string | null;
  address: AddressRecord | null;
  ektpStatus: EktpStatus | null;
}

/** A family card (Kartu Keluarga): its number and its members in card order. */
export interface FamilyCardRecord {
  number: string;
  members: CitizenRecord[];
}

/** The elements the registry's verify-by-element service can check. */
export interface VerificationClaims {
  fullName?: string;
  /** ISO yyyy-mm-dd. */
  birthDate?: string;
  birthPlace?: string;
  sex?: Sex;
  motherName?: string;
}

/** Per element sent: true = "Sesuai" (matches the registry), false = "Tidak Sesuai". */
export type VerificationResult = { [K in keyof VerificationClaims]?: boolean };
