import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import { Sex } from '../kit/sex.type';
import {
  DRIVING_LICENSE_CLASSES,
  DRIVING_LICENSE_STATUSES,
  type DrivingLicenseClassName,
  type DrivingLicenseStatusName,
  type HolderSex,
} from './polri.records';
import { POLRI_OPERATIONS, POLRI_SIM } from './polri.system';

const SEARCH = POLRI_OPERATIONS.simSearch;

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const DrivingLicenseClass = enumObject(DRIVING_LICENSE_CLASSES);
registerEnumType(DrivingLicenseClass, {
  name: 'DrivingLicenseClass',
  description: 'SIM class (golongan SIM, Perpol 5/2021). Public-transport licences (SIM umum) are the same class with publicTransport true.',
  valuesConfig: {
    A: { description: 'Cars and light vehicles up to 3,500 kg' },
    B_I: { description: 'B I: buses and trucks over 3,500 kg' },
    B_II: { description: 'B II: heavy equipment, tractors, vehicles towing over 1,000 kg' },
    C: { description: 'Motorcycles up to 250 cc' },
    C_I: { description: 'C I: motorcycles of 250 to 500 cc' },
    C_II: { description: 'C II: motorcycles over 500 cc' },
    D: { description: 'Specially adapted vehicles for drivers with disabilities' },
  },
});

export const DrivingLicenseStatus = enumObject(DRIVING_LICENSE_STATUSES);
registerEnumType(DrivingLicenseStatus, {
  name: 'DrivingLicenseStatus',
  description: 'Against today in Pekanbaru (WIB): VALID through the expiry date, EXPIRED from the day after.',
});

/** A driving licence (SIM) as POLRI-SIM holds it. Null fields: the legacy value could not be read. */
@ObjectType('DrivingLicense', { description: 'A driving licence (Surat Izin Mengemudi, SIM) issued by Polri.' })
export class DrivingLicense {
  @Field(() => String, { nullable: true, description: 'SIM number: 12 digits (older cards) or 14 digits (newer); it does not encode the class.' })
  @Source(POLRI_SIM, SEARCH, 'no_sim')
  @PersonalData('IDENTITY')
  number!: string | null;

  @Field(() => DrivingLicenseClass, { nullable: true, description: 'null when the legacy class is outside the list (logged).' })
  @Source(POLRI_SIM, SEARCH, 'gol_sim')
  @PersonalData('IDENTITY')
  class!: DrivingLicenseClassName | null;

  @Field(() => Boolean, { nullable: true, description: 'true for a SIM umum (A UMUM, B I UMUM, B II UMUM): licensed for public or commercial transport.' })
  @Source(POLRI_SIM, SEARCH, 'gol_sim')
  @PersonalData('IDENTITY')
  publicTransport!: boolean | null;

  @Field(() => DateScalar, { nullable: true })
  @Source(POLRI_SIM, SEARCH, 'tgl_terbit')
  @PersonalData('IDENTITY')
  issueDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the licence is valid.' })
  @Source(POLRI_SIM, SEARCH, 'tgl_berlaku')
  @PersonalData('IDENTITY')
  expiryDate!: string | null;

  // Declared here so the field sits in reading order; its value comes from DrivingLicenseResolver.
  @Field(() => DrivingLicenseStatus, { nullable: true, description: 'Computed against today in Pekanbaru; null when the expiry date is unknown.' })
  @Source(POLRI_SIM, SEARCH, 'tgl_berlaku')
  @PersonalData('IDENTITY')
  status?: DrivingLicenseStatusName | null;

  @Field(() => String, { nullable: true, description: 'Issuing office as Polri writes it: "SATPAS POLRESTA PEKANBARU".' })
  @Source(POLRI_SIM, SEARCH, 'satpas')
  @PersonalData('IDENTITY')
  issuingOffice!: string | null;

  @Field(() => String, { nullable: true, description: "Polri's copy of the holder's name, as it holds it." })
  @Source(POLRI_SIM, SEARCH, 'nama')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  holderName!: string | null;

  @Field(() => String, { nullable: true, description: "Polri's copy of the holder's birth place." })
  @Source(POLRI_SIM, SEARCH, 'tempat_lahir')
  @PersonalData('IDENTITY')
  @IdentityClaim('BIRTH_PLACE')
  holderBirthPlace!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Polri's copy of the holder's birth date." })
  @Source(POLRI_SIM, SEARCH, 'tgl_lahir')
  @PersonalData('IDENTITY')
  @IdentityClaim('BIRTH_DATE')
  holderBirthDate!: string | null;

  @Field(() => Sex, { nullable: true, description: "Polri's copy of the holder's sex (PRIA/WANITA on the card)." })
  @Source(POLRI_SIM, SEARCH, 'jenis_kelamin')
  @PersonalData('IDENTITY')
  @IdentityClaim('SEX')
  holderSex!: HolderSex | null;
}
