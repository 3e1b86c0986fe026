import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import { SIMKIM_OPERATIONS } from './legacy/simkim.wire';
import { PASSPORT_STATUSES, PASSPORT_TYPES, type HolderSex, type PassportStatus, type PassportType } from './passport.records';

/** The legacy system's name in `@source(system:)`. */
export const SIMKIM = 'SIMKIM';
/** The call every Passport field comes from (the loader batches through it). */
const BATCH = SIMKIM_OPERATIONS.byNikList;

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const PassportTypeEnum = enumObject(PASSPORT_TYPES);
registerEnumType(PassportTypeEnum, {
  name: 'PassportType',
  description: 'Kind of travel document (SIMKIM jenisPaspor).',
  valuesConfig: {
    ORDINARY: { description: 'PB: paspor biasa, non-electronic' },
    ELECTRONIC: { description: 'PE: paspor elektronik (chip)' },
    DIPLOMATIC: { description: 'PD: paspor diplomatik' },
    SERVICE: { description: 'PN: paspor dinas (official travel of civil servants)' },
    TRAVEL_DOCUMENT: { description: 'SPLP: surat perjalanan laksana paspor (emergency travel document)' },
  },
});

export const PassportStatusEnum = enumObject(PASSPORT_STATUSES);
registerEnumType(PassportStatusEnum, {
  name: 'PassportStatus',
  description: 'SIMKIM statusPaspor, with an active passport split by its expiry date against today (Asia/Jakarta).',
  valuesConfig: {
    VALID: { description: 'A (aktif) and not past its expiry date' },
    EXPIRED: { description: 'A (aktif) but past its expiry date' },
    REVOKED: { description: 'C: dicabut (revoked or cancelled)' },
    LOST: { description: 'H: reported lost or stolen' },
  },
});

/** Shared by every agency under this exact GraphQL name and these values, so it composes. */
export const SexEnum = { MALE: 'MALE', FEMALE: 'FEMALE' } as const;
registerEnumType(SexEnum, { name: 'Sex' });

@ObjectType('Passport', { description: 'A passport issued by the Directorate General of Immigration (SIMKIM).' })
export class Passport {
  @Field({ description: 'Passport number as SIMKIM holds it, usually one letter and seven digits (A1234567).' })
  @Source(SIMKIM, BATCH, 'nomorPaspor')
  @PersonalData('TRAVEL')
  number!: string;

  @Field(() => PassportTypeEnum, { nullable: true })
  @Source(SIMKIM, BATCH, 'jenisPaspor')
  @PersonalData('TRAVEL')
  type!: PassportType | null;

  @Field(() => DateScalar, { nullable: true })
  @Source(SIMKIM, BATCH, 'tanggalTerbit')
  @PersonalData('TRAVEL')
  issueDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Source(SIMKIM, BATCH, 'tanggalHabisBerlaku')
  @PersonalData('TRAVEL')
  expiryDate!: string | null;

  @Field(() => String, { nullable: true, description: 'The immigration office that issued it.' })
  @Source(SIMKIM, BATCH, 'kantorPenerbit')
  @PersonalData('TRAVEL')
  issuingOffice!: string | null;

  @Field(() => PassportStatusEnum, { nullable: true })
  @Source(SIMKIM, BATCH, 'statusPaspor+tanggalHabisBerlaku')
  @PersonalData('TRAVEL')
  status!: PassportStatus | null;

  @Field(() => String, {
    nullable: true,
    description: "The holder's name as the passport shows it: given names then surname, exactly as SIMKIM stores them.",
  })
  @Source(SIMKIM, BATCH, 'givenNames+surname')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  holderName!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Source(SIMKIM, BATCH, 'tanggalLahir')
  @PersonalData('IDENTITY')
  @IdentityClaim('BIRTH_DATE')
  holderBirthDate!: string | null;

  @Field(() => String, { nullable: true })
  @Source(SIMKIM, BATCH, 'tempatLahir')
  @PersonalData('IDENTITY')
  @IdentityClaim('BIRTH_PLACE')
  holderBirthPlace!: string | null;

  @Field(() => SexEnum, { nullable: true })
  @Source(SIMKIM, BATCH, 'jenisKelamin')
  @PersonalData('IDENTITY')
  @IdentityClaim('SEX')
  holderSex!: HolderSex | null;
}
