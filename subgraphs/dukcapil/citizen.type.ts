import { Field, ObjectType } from 'type-graphql';
import { Access, CitizenKey, PersonalData, Source } from '../kit/directives';
import { DateScalar, NikScalar } from '../kit/scalars';
import { SIAK } from './dukcapil.config';
import {
  BloodTypeEnum,
  EktpStatusEnum,
  FamilyRelationEnum,
  MaritalStatusEnum,
  ReligionEnum,
  SexEnum,
} from './dukcapil.enums';
import type {
  AddressRecord,
  BloodType,
  CitizenRecord,
  EktpStatus,
  FamilyCardRecord,
  FamilyRelation,
  MaritalStatus,
  Religion,
  Sex,
} from './dukcapil.records';
import { SIAK_OPERATIONS } from './siak.wire';

/** Resident rows come from the batch look-up (the loader's one call per 100 NIKs). */
const ROW = SIAK_OPERATIONS.batch;
const CARD = SIAK_OPERATIONS.familyCard;

@ObjectType('Address', { description: 'Residential address on the family card, as the civil registry holds it.' })
export class DukcapilAddress implements AddressRecord {
  @Field(() => String, { nullable: true, description: 'Street line (ALAMAT).' })
  @Source(SIAK, ROW, 'ALAMAT')
  @PersonalData('CONTACT')
  street!: string | null;

  @Field(() => String, { nullable: true, description: 'Neighbourhood unit, three digits.' })
  @Source(SIAK, ROW, 'NO_RT')
  @PersonalData('CONTACT')
  rt!: string | null;

  @Field(() => String, { nullable: true, description: 'Community unit, three digits.' })
  @Source(SIAK, ROW, 'NO_RW')
  @PersonalData('CONTACT')
  rw!: string | null;

  @Field(() => String, { nullable: true, description: 'Village or urban ward (kelurahan / desa).' })
  @Source(SIAK, ROW, 'KEL_NAME')
  @PersonalData('CONTACT')
  village!: string | null;

  @Field(() => String, { nullable: true, description: 'District (kecamatan) under its current name.' })
  @Source(SIAK, ROW, 'KEC_NAME')
  @PersonalData('CONTACT')
  district!: string | null;

  @Field(() => String, { nullable: true, description: 'Six-digit Home Affairs district code, e.g. 147108.' })
  @Source(SIAK, ROW, 'NO_PROP+NO_KAB+NO_KEC')
  @PersonalData('CONTACT')
  districtCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Regency or city.' })
  @Source(SIAK, ROW, 'KAB_NAME')
  @PersonalData('CONTACT')
  regency!: string | null;

  @Field(() => String, { nullable: true })
  @Source(SIAK, ROW, 'PROP_NAME')
  @PersonalData('CONTACT')
  province!: string | null;

  @Field(() => String, { nullable: true, description: 'Five digits.' })
  @Source(SIAK, ROW, 'KODE_POS')
  @PersonalData('CONTACT')
  postalCode!: string | null;
}

/**
 * The civil registry's Citizen: the authoritative identity. These fields are the
 * reference the crosscheck compares other agencies' copies with, so none of them is an
 * @identityClaim.
 */
@ObjectType('Citizen')
@CitizenKey()
export class DukcapilCitizen implements CitizenRecord {
  @Field(() => NikScalar)
  @Source(SIAK, ROW, 'NIK')
  @PersonalData('IDENTITY')
  nik!: string;

  @Field(() => String, { description: 'Full name as registered (NAMA_LGKP).' })
  @Source(SIAK, ROW, 'NAMA_LGKP')
  @PersonalData('IDENTITY')
  @Access('identity:read')
  fullName!: string;

  @Field(() => DateScalar)
  @Source(SIAK, ROW, 'TGL_LHR')
  @PersonalData('IDENTITY')
  @Access('identity:read')
  birthDate!: string;

  @Field(() => String)
  @Source(SIAK, ROW, 'TMPT_LHR')
  @PersonalData('IDENTITY')
  @Access('identity:read')
  birthPlace!: string;

  @Field(() => SexEnum)
  @Source(SIAK, ROW, 'JENIS_KLMIN')
  @PersonalData('IDENTITY')
  @Access('identity:read')
  sex!: Sex;

  /** Not a field: the key the familyCard resolver loads by. */
  familyCardNumber!: string | null;

  @Field(() => ReligionEnum, { nullable: true })
  @Source(SIAK, ROW, 'AGAMA')
  @PersonalData('RELIGION')
  @Access('identity:read')
  religion!: Religion | null;

  @Field(() => MaritalStatusEnum, { nullable: true })
  @Source(SIAK, ROW, 'STATUS_KAWIN')
  @PersonalData('FAMILY')
  @Access('identity:read')
  maritalStatus!: MaritalStatus | null;

  @Field(() => FamilyRelationEnum, { nullable: true })
  @Source(SIAK, ROW, 'STAT_HBKEL')
  @PersonalData('FAMILY')
  @Access('identity:read')
  familyRelation!: FamilyRelation | null;

  @Field(() => BloodTypeEnum, { nullable: true })
  @Source(SIAK, ROW, 'GOL_DARAH')
  @PersonalData('HEALTH')
  @Access('identity:read')
  bloodType!: BloodType | null;

  @Field(() => String, { nullable: true, description: 'Highest education, registry label (e.g. SLTA/SEDERAJAT).' })
  @Source(SIAK, ROW, 'PDDK_AKH')
  @PersonalData('IDENTITY')
  @Access('identity:read')
  education!: string | null;

  @Field(() => String, { nullable: true, description: 'Occupation, registry label (e.g. WIRASWASTA).' })
  @Source(SIAK, ROW, 'JENIS_PKRJN')
  @PersonalData('EMPLOYMENT')
  @Access('identity:read')
  occupation!: string | null;

  @Field(() => String, { nullable: true })
  @Source(SIAK, ROW, 'NAMA_LGKP_IBU')
  @PersonalData('FAMILY')
  @Access('identity:read')
  motherName!: string | null;

  @Field(() => NikScalar, { nullable: true })
  @Source(SIAK, ROW, 'NIK_IBU')
  @PersonalData('FAMILY')
  @Access('identity:read')
  motherNik!: string | null;

  @Field(() => String, { nullable: true })
  @Source(SIAK, ROW, 'NAMA_LGKP_AYAH')
  @PersonalData('FAMILY')
  @Access('identity:read')
  fatherName!: string | null;

  @Field(() => NikScalar, { nullable: true })
  @Source(SIAK, ROW, 'NIK_AYAH')
  @PersonalData('FAMILY')
  @Access('identity:read')
  fatherNik!: string | null;

  @Field(() => DukcapilAddress, { nullable: true })
  @Source(SIAK, ROW, 'ALAMAT')
  @PersonalData('CONTACT')
  @Access('identity:read')
  address!: AddressRecord | null;

  @Field(() => EktpStatusEnum, { nullable: true, description: 'Null for residents under 17 (no KTP-el yet) or when not recorded.' })
  @Source(SIAK, ROW, 'EKTP_STATUS')
  @PersonalData('IDENTITY')
  @Access('identity:read')
  ektpStatus!: EktpStatus | null;
}

@ObjectType('FamilyCard', { description: 'A family card (Kartu Keluarga) and its members in card order, head first.' })
export class FamilyCard implements FamilyCardRecord {
  @Field(() => String, { description: 'KK number, 16 digits.' })
  @Source(SIAK, CARD, 'NO_KK')
  @PersonalData('FAMILY')
  number!: string;

  @Field(() => [DukcapilCitizen], { description: 'Members as Citizen entities: every agency can extend them.' })
  @Source(SIAK, CARD, 'NIK')
  @PersonalData('FAMILY')
  members!: CitizenRecord[];
}
