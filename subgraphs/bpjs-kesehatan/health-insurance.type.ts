import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import {
  HEALTH_INSURANCE_CLASSES,
  HEALTH_INSURANCE_MEMBER_TYPES,
  HEALTH_INSURANCE_STATUSES,
  type HealthInsuranceClass,
  type HealthInsuranceMemberType,
  type HealthInsuranceStatus as HealthInsuranceStatusValue,
  type HolderSex,
} from './health-insurance.records';
import { Sex } from './sex.type';

/** The legacy system's name in `@source(system:)`. */
export const VCLAIM = 'VCLAIM';
/** The one VClaim call behind every field of this subgraph. */
export const PESERTA_BY_NIK = 'GET /peserta/nik/{nik}/tglSEP/{tglSEP}';

function enumObject<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
}

export const HealthInsuranceStatus = enumObject(HEALTH_INSURANCE_STATUSES);
registerEnumType(HealthInsuranceStatus, {
  name: 'HealthInsuranceStatus',
  description: 'BPJS Kesehatan (JKN) membership status. NOT_REGISTERED is an answer: BPJS says the NIK holds no membership.',
});

export const HealthInsuranceClassEnum = enumObject(HEALTH_INSURANCE_CLASSES);
registerEnumType(HealthInsuranceClassEnum, {
  name: 'HealthInsuranceClass',
  description: 'Ward class the member is entitled to (hak kelas): KELAS_1 is the highest.',
});

export const HealthInsuranceMemberTypeEnum = enumObject(HEALTH_INSURANCE_MEMBER_TYPES);
registerEnumType(HealthInsuranceMemberTypeEnum, {
  name: 'HealthInsuranceMemberType',
  description: 'JKN membership segment.',
  valuesConfig: {
    PBI_APBN: { description: 'Contribution paid by the state budget (Penerima Bantuan Iuran APBN).' },
    PBI_APBD: { description: 'Contribution paid by the regional budget (PBI APBD).' },
    PPU: { description: 'Wage earner, contribution shared with the employer (Pekerja Penerima Upah).' },
    PBPU: { description: 'Self-employed, pays their own contribution (Pekerja Bukan Penerima Upah, "mandiri").' },
    BP: { description: 'Not working: pensioners, investors, employers, veterans (Bukan Pekerja).' },
  },
});

@ObjectType('HealthInsurance', { description: 'National health insurance (JKN) membership as BPJS Kesehatan holds it.' })
export class HealthInsurance {
  @Field(() => HealthInsuranceStatus)
  @Source(VCLAIM, PESERTA_BY_NIK, 'metaData.code + peserta.statusPeserta.kode')
  @PersonalData('HEALTH')
  status!: HealthInsuranceStatusValue;

  @Field(() => Boolean, { description: 'True only for an ACTIVE membership (required since 2022 for SIM, STNK, SKCK, land transfers, hajj).' })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.statusPeserta.kode')
  @PersonalData('HEALTH')
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'BPJS card number (13 digits, usually starting 000).' })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.noKartu')
  @PersonalData('HEALTH')
  cardNumber!: string | null;

  @Field(() => HealthInsuranceClassEnum, { nullable: true })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.hakKelas.kode')
  @PersonalData('HEALTH')
  class!: HealthInsuranceClass | null;

  @Field(() => HealthInsuranceMemberTypeEnum, { nullable: true })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.jenisPeserta.kode')
  @PersonalData('HEALTH')
  memberType!: HealthInsuranceMemberType | null;

  @Field(() => String, { nullable: true, description: 'First-level provider (FKTP) the member is registered with.' })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.provUmum.nmProvider')
  @PersonalData('HEALTH')
  primaryCareProvider!: string | null;

  @Field(() => Int, { nullable: true, description: 'Unpaid contributions, in rupiah.' })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.tunggakan')
  @PersonalData('HEALTH')
  arrears!: number | null;

  @Field(() => String, { nullable: true, description: "BPJS's copy of the holder's name, as BPJS writes it." })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.nama')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  holderName!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "BPJS's copy of the holder's birth date." })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.tglLahir')
  @PersonalData('IDENTITY')
  @IdentityClaim('BIRTH_DATE')
  holderBirthDate!: string | null;

  @Field(() => Sex, { nullable: true, description: "BPJS's copy of the holder's sex." })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.sex')
  @PersonalData('IDENTITY')
  @IdentityClaim('SEX')
  holderSex!: HolderSex | null;
}
