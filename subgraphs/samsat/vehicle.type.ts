import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import { SAMSAT_SYSTEM, SAMSAT_EXPORT } from './samsat.system';
import { VEHICLE_CATEGORIES, VEHICLE_TAX_STATUSES, type VehicleCategoryName, type VehicleTaxStatusName } from './samsat.records';

export const VehicleCategory = Object.fromEntries(VEHICLE_CATEGORIES.map((name) => [name, name])) as {
  [K in VehicleCategoryName]: K;
};
registerEnumType(VehicleCategory, {
  name: 'VehicleCategory',
  description: 'Kind of vehicle, from the JENIS_KB code of the STNK.',
});

export const VehicleTaxStatus = Object.fromEntries(VEHICLE_TAX_STATUSES.map((name) => [name, name])) as {
  [K in VehicleTaxStatusName]: K;
};
registerEnumType(VehicleTaxStatus, {
  name: 'VehicleTaxStatus',
  description:
    'Annual vehicle tax (PKB) against today in Pekanbaru: OVERDUE = arrears or the due date has passed; DUE = due within 30 days; PAID = due later, no arrears.',
});

/**
 * A motor vehicle registered at SAMSAT Riau to the citizen. Null fields: unreadable in the
 * export. `taxStatus` is computed per request in vehicle.resolver.ts.
 */
@ObjectType('Vehicle', { description: 'A motor vehicle registered at SAMSAT Riau (Bapenda Riau, Jasa Raharja, Polda Riau).' })
export class Vehicle {
  @Field(() => String, { nullable: true, description: 'Plate number, normalized: "BM 1234 AJ".' })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'NO_POLISI')
  @PersonalData('VEHICLE')
  plateNumber!: string | null;

  @Field(() => VehicleCategory, { nullable: true })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'JENIS_KB')
  @PersonalData('VEHICLE')
  category!: VehicleCategoryName | null;

  @Field(() => String, { nullable: true, description: 'Make, as SAMSAT writes it: "HONDA".' })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'MEREK')
  @PersonalData('VEHICLE')
  brand!: string | null;

  @Field(() => String, { nullable: true, description: 'Type as on the STNK: "VARIO 125".' })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'TIPE')
  @PersonalData('VEHICLE')
  model!: string | null;

  @Field(() => Int, { nullable: true })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'THN_BUAT')
  @PersonalData('VEHICLE')
  manufactureYear!: number | null;

  @Field(() => String, { nullable: true, description: 'Colour as on the STNK, in Indonesian: "HITAM".' })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'WARNA')
  @PersonalData('VEHICLE')
  color!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The STNK (renewed every 5 years) is valid until this date.' })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'TGL_AKHIR_STNK')
  @PersonalData('VEHICLE')
  registrationExpiry!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Next due date of the annual vehicle tax (PKB).' })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'TGL_JT_PKB')
  @PersonalData('FINANCIAL')
  taxDueDate!: string | null;

  @Field(() => Int, { nullable: true, description: 'Annual vehicle tax (PKB pokok), rupiah.' })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'PKB_POKOK')
  @PersonalData('FINANCIAL')
  annualTax!: number | null;

  @Field(() => Int, { nullable: true, description: 'Unpaid tax of earlier years including fines, rupiah (0 = none).' })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'TUNGGAKAN_PKB')
  @PersonalData('FINANCIAL')
  taxArrears!: number | null;

  @Field(() => String, { nullable: true, description: "SAMSAT's copy of the owner's name, as it holds it." })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'NAMA_PEMILIK')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  ownerName!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'SAMSAT\'s copy of the owner\'s address, one string: "<street> RT <rt> RW <rw>, KEL. <village>, KEC. <district>, <regency>".',
  })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'ALAMAT_PEMILIK')
  @PersonalData('CONTACT')
  @IdentityClaim('ADDRESS')
  ownerAddress!: string | null;
}
