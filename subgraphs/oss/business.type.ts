import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar, NikScalar } from '../kit/scalars';
import {
  BUSINESS_LEGAL_FORMS,
  BUSINESS_LICENCE_KINDS,
  BUSINESS_LICENCE_STATUSES,
  BUSINESS_RISK_LEVELS,
  BUSINESS_SCALES,
  type BusinessActivityRecord,
  type BusinessLegalFormName,
  type BusinessLicenceKindName,
  type BusinessLicenceRecord,
  type BusinessLicenceStatusName,
  type BusinessRiskLevelName,
  type BusinessScaleName,
  type CitizenReference,
} from './business.records';
import { OssCitizen } from './oss-citizen.type';
import { NIB_BY_OWNER, OSS_RBA } from './oss-rba.wire';

function enumObject<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
}

export const BusinessRiskLevel = enumObject(BUSINESS_RISK_LEVELS);
registerEnumType(BusinessRiskLevel, {
  name: 'BusinessRiskLevel',
  description: 'Risk under risk-based licensing (PP 5/2021), which decides the licences a business needs.',
  valuesConfig: {
    LOW: { description: 'Rendah: the NIB is the licence.' },
    MEDIUM_LOW: { description: 'Menengah Rendah: NIB + a self-declared Sertifikat Standar.' },
    MEDIUM_HIGH: { description: 'Menengah Tinggi: NIB + a Sertifikat Standar verified by the ministry.' },
    HIGH: { description: 'Tinggi: NIB + an Izin (licence) granted after verification.' },
  },
});

export const BusinessScale = enumObject(BUSINESS_SCALES);
registerEnumType(BusinessScale, {
  name: 'BusinessScale',
  description: 'Business scale (PP 7/2021). MICRO and SMALL together are "UMK", with lighter licensing.',
  valuesConfig: {
    MICRO: { description: 'Usaha Mikro (UMK).' },
    SMALL: { description: 'Usaha Kecil (UMK).' },
    MEDIUM: { description: 'Usaha Menengah (non-UMK).' },
    LARGE: { description: 'Usaha Besar (non-UMK).' },
  },
});

export const BusinessLegalForm = enumObject(BUSINESS_LEGAL_FORMS);
registerEnumType(BusinessLegalForm, {
  name: 'BusinessLegalForm',
  description: 'Legal form of the business as registered at OSS.',
  valuesConfig: {
    INDIVIDUAL: { description: 'Orang perseorangan: the owner trades in their own name.' },
    SOLE_LIMITED_COMPANY: { description: 'PT Perorangan: a one-person limited company (UMK only, since 2021).' },
    LIMITED_PARTNERSHIP: { description: 'CV (persekutuan komanditer).' },
    GENERAL_PARTNERSHIP: { description: 'Firma.' },
    LIMITED_COMPANY: { description: 'PT (perseroan terbatas).' },
    COOPERATIVE: { description: 'Koperasi.' },
  },
});

export const BusinessLicenceKind = enumObject(BUSINESS_LICENCE_KINDS);
registerEnumType(BusinessLicenceKind, {
  name: 'BusinessLicenceKind',
  description: 'Kind of business licence issued through OSS.',
  valuesConfig: {
    NIB: { description: 'Nomor Induk Berusaha: the business ID, and the licence itself for low-risk activities.' },
    STANDARD_CERTIFICATE: { description: 'Sertifikat Standar, per activity, for medium-risk activities.' },
    LICENCE: { description: 'Izin, per activity, for high-risk activities.' },
    PB_UMKU: { description: 'Supporting licence (Perizinan Berusaha Untuk Menunjang Kegiatan Usaha), e.g. SPP-IRT.' },
  },
});

export const BusinessLicenceStatus = enumObject(BUSINESS_LICENCE_STATUSES);
registerEnumType(BusinessLicenceStatus, {
  name: 'BusinessLicenceStatus',
  description: 'Status of a licence at OSS.',
  valuesConfig: {
    ACTIVE: { description: 'Aktif.' },
    IN_PROCESS: { description: 'Dalam proses: applied for, not yet verified or granted.' },
    SUSPENDED: { description: 'Dibekukan.' },
    REVOKED: { description: 'Dicabut.' },
    EXPIRED: { description: 'Kedaluwarsa: past its validity.' },
  },
});

@ObjectType('BusinessActivity', { description: 'A business activity: a KBLI 2020 code, its title and its risk level.' })
export class BusinessActivity {
  @Field(() => String, { nullable: true, description: 'KBLI 2020 code, five digits (may start with 0).' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_kbli[].kbli')
  @PersonalData('BUSINESS')
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'KBLI title, in Indonesian, as OSS writes it.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_kbli[].judul_kbli')
  @PersonalData('BUSINESS')
  title!: string | null;

  @Field(() => BusinessRiskLevel, { nullable: true })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_kbli[].tingkat_risiko')
  @PersonalData('BUSINESS')
  riskLevel!: BusinessRiskLevelName | null;
}

@ObjectType('BusinessLicence', { description: 'A licence of the business issued through OSS (the NIB, a Sertifikat Standar, an Izin, a PB-UMKU).' })
export class BusinessLicence {
  @Field(() => BusinessLicenceKind, { nullable: true })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_izin[].jenis_izin')
  @PersonalData('BUSINESS')
  kind!: BusinessLicenceKindName | null;

  @Field(() => String, { nullable: true, description: 'Its name as OSS writes it, e.g. "Sertifikat Standar", "Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)".' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_izin[].nama_izin')
  @PersonalData('BUSINESS')
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Licence number; null while in process.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_izin[].nomor_izin')
  @PersonalData('BUSINESS')
  number!: string | null;

  @Field(() => String, { nullable: true, description: 'KBLI code of the activity it covers; null for the NIB itself.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_izin[].kbli')
  @PersonalData('BUSINESS')
  activityCode!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_izin[].tgl_terbit_izin')
  @PersonalData('BUSINESS')
  issuedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Valid until; null when it does not expire.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_izin[].tgl_berlaku_sampai')
  @PersonalData('BUSINESS')
  validUntil!: string | null;

  @Field(() => BusinessLicenceStatus, { nullable: true })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_izin[].status_izin')
  @PersonalData('BUSINESS')
  status!: BusinessLicenceStatusName | null;
}

/**
 * A business registered at OSS in which the citizen is a responsible person (owner, partner,
 * director), as seen from that citizen: `ownerNik`/`ownerName` are the citizen's own entry,
 * the other responsible persons are `coOwners`. Null fields: unreadable at OSS (logged).
 */
@ObjectType('Business', { description: 'A business (one NIB) registered at OSS-RBA in which the citizen is a responsible person.' })
export class Business {
  @Field(() => String, { nullable: true, description: 'Nomor Induk Berusaha, 13 digits (not the land office\'s parcel NIB).' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].nib')
  @PersonalData('BUSINESS')
  nib!: string | null;

  @Field(() => String, { nullable: true, description: 'Trading name as registered.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].nama_usaha')
  @PersonalData('BUSINESS')
  name!: string | null;

  @Field(() => BusinessLegalForm, { nullable: true })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].jenis_badan_usaha')
  @PersonalData('BUSINESS')
  legalForm!: BusinessLegalFormName | null;

  @Field(() => BusinessScale, { nullable: true })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].skala_usaha')
  @PersonalData('BUSINESS')
  scale!: BusinessScaleName | null;

  @Field(() => Boolean, { nullable: true, description: 'True for micro and small businesses (UMK); null when the scale is unknown.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].skala_usaha')
  @PersonalData('BUSINESS')
  umk!: boolean | null;

  @Field(() => BusinessRiskLevel, {
    nullable: true,
    description: "The highest risk level among the business's activities (OSS rates each activity); null when one is unreadable.",
  })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_kbli[].tingkat_risiko')
  @PersonalData('BUSINESS')
  riskLevel!: BusinessRiskLevelName | null;

  @Field(() => [BusinessActivity], { description: 'The registered activities (KBLI codes).' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_kbli')
  @PersonalData('BUSINESS')
  kbli!: BusinessActivityRecord[];

  @Field(() => [BusinessLicence], { description: 'The NIB and the licences issued under it.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].data_izin')
  @PersonalData('BUSINESS')
  licences!: BusinessLicenceRecord[];

  @Field(() => DateScalar, { nullable: true, description: 'Date the NIB was issued.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].tgl_terbit_nib')
  @PersonalData('BUSINESS')
  issuedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Address of the business location (street, RT/RW), as held.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].alamat_usaha')
  @PersonalData('BUSINESS')
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Village (kelurahan/desa) of the business location, as held.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].kelurahan_usaha')
  @PersonalData('BUSINESS')
  village!: string | null;

  @Field(() => String, { nullable: true, description: 'Home Affairs district code of the location, six digits ("147108").' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].kd_wilayah')
  @PersonalData('BUSINESS')
  regionCode!: string | null;

  @Field(() => String, { nullable: true, description: 'District (kecamatan) of the location under its current name; null outside Kota Pekanbaru.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].kd_wilayah')
  @PersonalData('BUSINESS')
  district!: string | null;

  @Field(() => String, { nullable: true, description: 'Regency or city of the location: "KOTA PEKANBARU", "KABUPATEN KAMPAR".' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].kd_wilayah')
  @PersonalData('BUSINESS')
  regency!: string | null;

  @Field(() => NikScalar, { description: 'The NIK of the citizen this business was asked for (their entry among the responsible persons).' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].penanggung_jawab[].nik')
  @PersonalData('IDENTITY')
  ownerNik!: string;

  @Field(() => String, { nullable: true, description: "OSS's copy of the citizen's name, as OSS holds it." })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].penanggung_jawab[].nama')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  ownerName!: string | null;

  @Field(() => String, { nullable: true, description: 'The citizen\'s role in the business as OSS writes it: PEMILIK, DIREKTUR, PESERO AKTIF, ...' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].penanggung_jawab[].jabatan')
  @PersonalData('BUSINESS')
  ownerRole!: string | null;

  @Field(() => [OssCitizen], { description: 'The other responsible persons (partners, directors, commissioners), as Citizen references.' })
  @Source(OSS_RBA, NIB_BY_OWNER, 'daftar_nib[].penanggung_jawab[].nik')
  @PersonalData('IDENTITY')
  coOwners!: CitizenReference[];
}
