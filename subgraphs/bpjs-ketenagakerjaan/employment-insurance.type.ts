import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SIPP_TK } from './bpjs-ketenagakerjaan.config';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import {
  EMPLOYMENT_INSURANCE_SEGMENTS,
  EMPLOYMENT_INSURANCE_STATUSES,
  EMPLOYMENT_PROGRAMMES,
  type EmployerRecord,
  type EmploymentInsuranceSegmentValue,
  type EmploymentInsuranceStatusValue,
  type EmploymentProgrammeValue,
} from './employment-insurance.records';
import { SIPP_TK_OPERATIONS } from './sipp-tk.wire';

/** The call behind every field of this subgraph (the loader batches; the single look-up returns the same row). */
export const KEPESERTAAN_BATCH = SIPP_TK_OPERATIONS.batch;

function enumObject<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
}

export const EmploymentInsuranceStatus = enumObject(EMPLOYMENT_INSURANCE_STATUSES);
registerEnumType(EmploymentInsuranceStatus, {
  name: 'EmploymentInsuranceStatus',
  description: 'BPJS Ketenagakerjaan membership status. NOT_REGISTERED is an answer: SIPP-TK says the NIK holds no membership.',
  valuesConfig: {
    ACTIVE: { description: 'STATUS_KEPESERTAAN AKTIF: contributions are being paid.' },
    INACTIVE: { description: 'STATUS_KEPESERTAAN NON AKTIF: left the employer, stopped paying, or JHT claimed.' },
    NOT_REGISTERED: { description: 'SIPP-TK answered 01 (DATA TIDAK DITEMUKAN) for this NIK.' },
  },
});

export const EmploymentInsuranceSegment = enumObject(EMPLOYMENT_INSURANCE_SEGMENTS);
registerEnumType(EmploymentInsuranceSegment, {
  name: 'EmploymentInsuranceSegment',
  description: 'BPJS Ketenagakerjaan membership segment (SEGMEN).',
  valuesConfig: {
    WAGE_EARNER: { description: 'PU, Penerima Upah: registered and paid for by an employer.' },
    NON_WAGE_EARNER: { description: 'BPU, Bukan Penerima Upah: informal and self-employed workers paying their own contribution.' },
    MIGRANT_WORKER: { description: 'PMI, Pekerja Migran Indonesia: Indonesian workers abroad.' },
    CONSTRUCTION_WORKER: { description: 'JAKON, Jasa Konstruksi: workers on a construction project, registered per project.' },
  },
});

export const EmploymentProgramme = enumObject(EMPLOYMENT_PROGRAMMES);
registerEnumType(EmploymentProgramme, {
  name: 'EmploymentProgramme',
  description: 'A BPJS Ketenagakerjaan programme the member is enrolled in (PROGRAM codes).',
  valuesConfig: {
    OLD_AGE_SAVINGS: { description: 'JHT, Jaminan Hari Tua: old-age savings, paid out as a lump sum.' },
    WORK_ACCIDENT: { description: 'JKK, Jaminan Kecelakaan Kerja: work-accident cover.' },
    DEATH: { description: 'JKM, Jaminan Kematian: death benefit.' },
    PENSION: { description: 'JP, Jaminan Pensiun: monthly pension (wage earners, since 2015).' },
    JOB_LOSS: { description: 'JKP, Jaminan Kehilangan Pekerjaan: job-loss benefit (wage earners, since 2021).' },
  },
});

@ObjectType('Employer', { description: 'The employer that registered the member with BPJS Ketenagakerjaan.' })
export class Employer {
  @Field(() => String, { nullable: true, description: 'NPP (Nomor Pendaftaran Perusahaan), 8 digits.' })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].NPP')
  @PersonalData('EMPLOYMENT')
  registrationNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The employer as SIPP-TK names it.' })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].NAMA_PERUSAHAAN')
  @PersonalData('EMPLOYMENT')
  name!: string | null;
}

@ObjectType('EmploymentInsurance', { description: 'Employment social security (BPJS Ketenagakerjaan) membership as SIPP-TK holds it.' })
export class EmploymentInsurance {
  @Field(() => EmploymentInsuranceStatus, {
    nullable: true,
    description: 'null only when SIPP-TK holds a status label outside its code list (logged); `active` is then false.',
  })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].KODE_RESPON + data[].STATUS_KEPESERTAAN')
  @PersonalData('EMPLOYMENT')
  status!: EmploymentInsuranceStatusValue | null;

  @Field(() => Boolean, { description: 'True only for an ACTIVE membership.' })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].STATUS_KEPESERTAAN')
  @PersonalData('EMPLOYMENT')
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'KPJ (Kartu Peserta Jamsostek) number, 11 digits.' })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].KPJ')
  @PersonalData('EMPLOYMENT')
  membershipNumber!: string | null;

  @Field(() => EmploymentInsuranceSegment, { nullable: true })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].SEGMEN')
  @PersonalData('EMPLOYMENT')
  segment!: EmploymentInsuranceSegmentValue | null;

  @Field(() => Employer, { nullable: true, description: 'null when there is no employer (BPU, PMI members).' })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].NPP + data[].NAMA_PERUSAHAAN')
  @PersonalData('EMPLOYMENT')
  employer!: EmployerRecord | null;

  @Field(() => [EmploymentProgramme], { nullable: true, description: 'Enrolled programmes, always in the order JHT, JKK, JKM, JP, JKP; [] when not registered.' })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].PROGRAM')
  @PersonalData('EMPLOYMENT')
  programmes!: EmploymentProgrammeValue[] | null;

  @Field(() => Int, { nullable: true, description: 'JHT balance in whole rupiah (sen dropped); null without a JHT account.' })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].SALDO_JHT')
  @PersonalData('FINANCIAL')
  oldAgeSavingsBalance!: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'First registration with BPJS Ketenagakerjaan (or Jamsostek before 2014).' })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].TGL_KEPESERTAAN')
  @PersonalData('EMPLOYMENT')
  memberSince!: string | null;

  @Field(() => String, { nullable: true, description: "BPJS Ketenagakerjaan's copy of the holder's name, as it writes it." })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].NAMA_PESERTA')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  holderName!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "BPJS Ketenagakerjaan's copy of the holder's birth date." })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[].TGL_LAHIR')
  @PersonalData('IDENTITY')
  @IdentityClaim('BIRTH_DATE')
  holderBirthDate!: string | null;
}
