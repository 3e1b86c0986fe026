import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PersonalData, Source } from '../kit/directives';
import type { SamsatContext } from './samsat.context';
import type { VehicleRecord, VehicleTaxStatusName } from './samsat.records';
import { SAMSAT_EXPORT, SAMSAT_SYSTEM } from './samsat.system';
import { Vehicle, VehicleTaxStatus } from './vehicle.type';
import { vehicleTaxStatus } from './vehicle-tax-status';

@Resolver(() => Vehicle)
export class VehicleResolver {
  /** Computed per request, not at load: an index served for days must not freeze "today". */
  @FieldResolver(() => VehicleTaxStatus, {
    nullable: true,
    description: 'Derived from TGL_JT_PKB and TUNGGAKAN_PKB against today in Pekanbaru; null when the due date is unknown.',
  })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'TGL_JT_PKB,TUNGGAKAN_PKB')
  @PersonalData('FINANCIAL')
  taxStatus(@Root() vehicle: VehicleRecord, @Ctx() context: SamsatContext): VehicleTaxStatusName | null {
    return vehicleTaxStatus(vehicle, context.today);
  }
}
