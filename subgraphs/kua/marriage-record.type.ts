import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar, NikScalar } from '../kit/scalars';
import {
  MARRIAGE_CERTIFICATE_FORMATS,
  MARRIAGE_ROLES,
  MARRIAGE_STATUSES,
  MARRIAGE_VENUES,
  type MarriageCertificateFormatName,
  type MarriageRoleName,
  type MarriageStatusName,
  type MarriageVenueName,
} from './kua.records';
import { KUA_EXPORT, KUA_SYSTEM } from './kua.system';

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const MarriageCertificateFormat = enumObject(MARRIAGE_CERTIFICATE_FORMATS);
registerEnumType(MarriageCertificateFormat, {
  name: 'MarriageCertificateFormat',
  description: 'Numbering scheme of the akta nikah number.',
  valuesConfig: {
    NEW_16_DIGIT: { description: 'Since October 2022: KUA code (7) + month (2) + year (4) + monthly serial (3).' },
    OLD_FREE_TEXT: { description: "Before: each KUA's register numbering, free text with / separators (1234/01/XII/2023)." },
  },
});

export const MarriageRole = enumObject(MARRIAGE_ROLES);
registerEnumType(MarriageRole, { name: 'MarriageRole', description: "The citizen's side of the marriage." });

export const MarriageStatus = enumObject(MARRIAGE_STATUSES);
registerEnumType(MarriageStatus, {
  name: 'MarriageStatus',
  description: 'What SIMKAH records about the marriage now. It records no deaths: a widowed spouse stays REGISTERED.',
  valuesConfig: {
    REGISTERED: { description: 'TERCATAT: the marriage is registered and no divorce is recorded.' },
    DIVORCED: { description: 'CERAI: a religious-court divorce (cerai talak or cerai gugat) is recorded on it.' },
  },
});

export const MarriageVenue = enumObject(MARRIAGE_VENUES);
registerEnumType(MarriageVenue, {
  name: 'MarriageVenue',
  description: 'Where the akad nikah took place (TEMPAT_AKAD).',
  valuesConfig: {
    KUA_OFFICE: { description: 'At the KUA office (balai nikah): free in office hours.' },
    OUTSIDE_OFFICE: { description: 'Outside the office (home, mosque, hall): a fee to the state (PNBP).' },
  },
});

/**
 * A Muslim marriage registered at a KUA (SIMKAH), as one of the spouses (the holder) sees it.
 * The same marriage appears under the other spouse with the roles and the holder/spouse
 * fields swapped. Null fields: blank or unreadable in the export.
 */
@ObjectType('MarriageRecord', {
  description:
    "A Muslim marriage registered at a KUA (Kantor Urusan Agama) in SIMKAH, seen from the citizen's side (the holder).",
})
export class MarriageRecord {
  @Field(() => String, { nullable: true, description: 'The akta nikah number exactly as SIMKAH holds it (16 digits, or older free text).' })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NO_AKTA')
  @PersonalData('FAMILY')
  certificateNumber!: string | null;

  @Field(() => MarriageCertificateFormat, { nullable: true, description: 'Numbering scheme of certificateNumber; null when it fits neither.' })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NO_AKTA')
  @PersonalData('FAMILY')
  certificateFormat!: MarriageCertificateFormatName | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day of the akad nikah.' })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'TGL_AKAD')
  @PersonalData('FAMILY')
  marriedOn!: string | null;

  @Field(() => MarriageVenue, { nullable: true })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'TEMPAT_AKAD')
  @PersonalData('FAMILY')
  venue!: MarriageVenueName | null;

  @Field(() => String, { nullable: true, description: 'Where the akad took place, as held: "BALAI NIKAH KUA KEC. SAIL", "KEDIAMAN MEMPELAI WANITA", a mosque.' })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'LOKASI_AKAD')
  @PersonalData('FAMILY')
  place!: string | null;

  @Field(() => String, { nullable: true, description: 'Seven-digit code of the registering KUA.' })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'KODE_KUA')
  @PersonalData('FAMILY')
  kuaCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The registering KUA as named at the time of the marriage: "KUA KECAMATAN TAMPAN" for Binawidya before 2021.',
  })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NAMA_KUA')
  @PersonalData('FAMILY')
  kuaOffice!: string | null;

  @Field(() => MarriageRole, { description: 'HUSBAND when the citizen is NIK_SUAMI, WIFE when NIK_ISTRI.' })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NIK_SUAMI|NIK_ISTRI')
  @PersonalData('FAMILY')
  role!: MarriageRoleName;

  @Field(() => MarriageStatus, { nullable: true })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'STATUS_NIKAH')
  @PersonalData('FAMILY')
  status!: MarriageStatusName | null;

  @Field(() => NikScalar, { nullable: true, description: "The other spouse's NIK as KUA holds it; null when blank (older records) or not a valid NIK." })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NIK_ISTRI|NIK_SUAMI')
  @PersonalData('FAMILY')
  spouseNik!: string | null;

  @Field(() => String, { nullable: true, description: "KUA's copy of the other spouse's name, as it holds it." })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NAMA_ISTRI|NAMA_SUAMI')
  @PersonalData('FAMILY')
  spouseName!: string | null;

  @Field(() => String, { nullable: true, description: "KUA's copy of the citizen's own name, as it holds it." })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NAMA_SUAMI|NAMA_ISTRI')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  holderName!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "KUA's copy of the citizen's own birth date." })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'TGL_LAHIR_SUAMI|TGL_LAHIR_ISTRI')
  @PersonalData('IDENTITY')
  @IdentityClaim('BIRTH_DATE')
  holderBirthDate!: string | null;
}
