import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import {
  ANNUAL_RETURN_STATUSES,
  TAXPAYER_STATUSES,
  type AnnualReturnRecord,
  type AnnualReturnStatusName,
  type TaxOfficeRecord,
  type TaxpayerStatusName,
} from './djp.records';
import { DJP_EXPORT, DJP_SYSTEM } from './djp.system';

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const TaxpayerStatus = enumObject(TAXPAYER_STATUSES);
registerEnumType(TaxpayerStatus, {
  name: 'TaxpayerStatus',
  description: "The citizen's standing as an individual taxpayer at DJP.",
  valuesConfig: {
    ACTIVE: { description: 'Registered and active: must file an annual return.' },
    NON_EFFECTIVE: { description: 'Registered but non-effective (NE): no income above the threshold, no filing obligation for now.' },
    NOT_REGISTERED: { description: 'DJP answered and holds no taxpayer record for this NIK.' },
  },
});

export const TaxAnnualReturnStatus = enumObject(ANNUAL_RETURN_STATUSES);
registerEnumType(TaxAnnualReturnStatus, {
  name: 'TaxAnnualReturnStatus',
  description: 'Filing status of an individual annual income tax return (SPT Tahunan PPh Orang Pribadi).',
  valuesConfig: {
    FILED: { description: 'Filed by the deadline (31 March of the following year).' },
    LATE: { description: 'Filed after the deadline.' },
    NOT_FILED: { description: 'Not filed.' },
  },
});

@ObjectType('TaxOffice', { description: 'The tax office (KPP) that administers the taxpayer.' })
export class TaxOffice {
  @Field(() => String, { description: 'KPP code, three digits (also the OOO part of an old NPWP).' })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'KD_KPP')
  @PersonalData('FINANCIAL')
  code!: TaxOfficeRecord['code'];

  @Field(() => String, { nullable: true, description: 'As DJP writes it: "KPP PRATAMA PEKANBARU SENAPELAN".' })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'NM_KPP')
  @PersonalData('FINANCIAL')
  name!: TaxOfficeRecord['name'];
}

@ObjectType('TaxAnnualReturn', { description: "The taxpayer's latest annual income tax return on record at DJP." })
export class TaxAnnualReturn {
  @Field(() => Int, { description: 'The tax year the return is for (filed in the following year).' })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'THN_SPT')
  @PersonalData('FINANCIAL')
  year!: AnnualReturnRecord['year'];

  @Field(() => TaxAnnualReturnStatus, { nullable: true, description: 'null: a code DJP uses that Satu does not know (logged).' })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'STATUS_SPT')
  @PersonalData('FINANCIAL')
  status!: AnnualReturnStatusName | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date DJP received the return; null when not filed.' })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'TGL_SPT')
  @PersonalData('FINANCIAL')
  filedOn!: string | null;
}

/**
 * A citizen's tax profile at DJP, from the nightly export. A citizen without a record gets
 * status NOT_REGISTERED and nulls elsewhere; any other null is a blank or unreadable value.
 */
@ObjectType('TaxProfile', { description: "The citizen's individual taxpayer record at the Directorate General of Taxes (DJP)." })
export class TaxProfile {
  @Field(() => TaxpayerStatus, {
    nullable: true,
    description: 'NOT_REGISTERED when DJP holds no record for the NIK; null only for a status code Satu does not know (logged).',
  })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'STATUS_WP')
  @PersonalData('FINANCIAL')
  status!: TaxpayerStatusName | null;

  @Field(() => String, {
    nullable: true,
    description: 'The old 15-digit NPWP, formatted "ST.sss.sss.C-OOO.BBB"; null for taxpayers registered with their NIK only (2024 on).',
  })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'NPWP15')
  @PersonalData('FINANCIAL')
  npwp15!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true when DJP has validated the NIK as this taxpayer\'s NPWP (the 16-digit NPWP of resident individuals since 2024); false when not (yet), or not registered.',
  })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'FLAG_NIK_NPWP')
  @PersonalData('FINANCIAL')
  nikAsNpwp!: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date the taxpayer was registered.' })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'TGL_DAFTAR')
  @PersonalData('FINANCIAL')
  registeredOn!: string | null;

  @Field(() => TaxOffice, { nullable: true })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'KD_KPP,NM_KPP')
  @PersonalData('FINANCIAL')
  taxOffice!: TaxOfficeRecord | null;

  @Field(() => TaxAnnualReturn, { nullable: true, description: 'null when no annual return is on record (e.g. registered this year).' })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'THN_SPT,STATUS_SPT,TGL_SPT')
  @PersonalData('FINANCIAL')
  lastAnnualReturn!: AnnualReturnRecord | null;

  @Field(() => String, { nullable: true, description: "DJP's copy of the taxpayer's name, as DJP holds it." })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'NAMA_WP')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  taxpayerName!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "DJP's copy of the taxpayer's birth date." })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'TGL_LAHIR')
  @PersonalData('IDENTITY')
  @IdentityClaim('BIRTH_DATE')
  taxpayerBirthDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'DJP\'s copy of the taxpayer\'s address, one string as held: "<street>, RT <rt>/RW <rw>, KEL. <village>, KEC. <district>, <regency>, <province> <postal code>".',
  })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'ALAMAT')
  @PersonalData('CONTACT')
  @IdentityClaim('ADDRESS')
  taxpayerAddress!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The date of the nightly export this answer comes from: DJP data is as of that day.',
  })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'TGL_EXPORT')
  asOf!: string | null;
}
