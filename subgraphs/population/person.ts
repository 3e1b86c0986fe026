/**
 * The canonical synthetic resident: the truth the civil registry (dukcapil) holds.
 * Every agency's copy is derived from it, with planted differences recorded in the
 * ground truth. Values follow the civil registry's conventions (uppercase labels).
 */

export type Sex = 'MALE' | 'FEMALE';
export type Religion = 'ISLAM' | 'KRISTEN' | 'KATHOLIK' | 'HINDU' | 'BUDHA' | 'KHONGHUCU' | 'KEPERCAYAAN';
export type MaritalStatus = 'BELUM KAWIN' | 'KAWIN' | 'CERAI HIDUP' | 'CERAI MATI';
export type FamilyRelation = 'KEPALA KELUARGA' | 'SUAMI' | 'ISTRI' | 'ANAK' | 'MENANTU' | 'CUCU' | 'ORANGTUA' | 'MERTUA' | 'FAMILI LAIN';

export interface Address {
  /** Street line, e.g. "JL. SUDIRMAN NO. 12". */
  street: string;
  rt: string; // "003"
  rw: string; // "007"
  /** Village / urban ward (kelurahan). */
  village: string;
  /** Six-digit district code, e.g. "147108". */
  districtCode: string;
  /** Current district name, e.g. "BINAWIDYA". */
  district: string;
  /** Regency/city name as the registry writes it: "PEKANBARU". */
  regency: string;
  province: string; // "RIAU"
  postalCode: string;
}

export interface Person {
  nik: string;
  familyCardNumber: string;
  fullName: string;
  /** ISO yyyy-mm-dd; may differ from the date inside the NIK only where documented. */
  birthDate: string;
  /** City or regency of birth, registry style: "PEKANBARU", "KAMPAR", "MEDAN". */
  birthPlace: string;
  sex: Sex;
  bloodType: 'A' | 'B' | 'AB' | 'O' | 'TIDAK TAHU';
  religion: Religion;
  maritalStatus: MaritalStatus;
  familyRelation: FamilyRelation;
  education: string;
  occupation: string;
  motherName: string;
  motherNik: string | null;
  fatherName: string;
  fatherNik: string | null;
  address: Address;
  /** KTP-el status: "SUDAH REKAM" (biometrics recorded), "BELUM REKAM", or null under 17. */
  ektpStatus: 'SUDAH REKAM' | 'BELUM REKAM' | null;
}

export interface FamilyCard {
  number: string;
  headNik: string;
  /** NIKs of the members in card order (head first). */
  memberNiks: readonly string[];
  address: Address;
  /** ISO date the card was issued (encoded in the KK number). */
  issuedOn: string;
}

export interface Population {
  people: readonly Person[];
  families: readonly FamilyCard[];
}
