import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import type { SamsatContext } from './samsat.context';
import type { VehicleRecord } from './samsat.records';
import { SAMSAT_EXPORT, SAMSAT_SYSTEM } from './samsat.system';
import { SamsatCitizen } from './samsat-citizen.type';
import { Vehicle } from './vehicle.type';

const logger = createLogger('subgraph:samsat');

@Resolver(() => SamsatCitizen)
export class SamsatCitizenResolver {
  @FieldResolver(() => [Vehicle], {
    nullable: true,
    description: 'Vehicles registered to the citizen at SAMSAT Riau. [] = none; null = SAMSAT could not answer (see errors).',
  })
  @Source(SAMSAT_SYSTEM, SAMSAT_EXPORT, 'NIK_PEMILIK')
  @PersonalData('VEHICLE')
  @Access('vehicle:read')
  async vehicles(@Root() citizen: SamsatCitizen, @Ctx() context: SamsatContext): Promise<readonly VehicleRecord[]> {
    try {
      return (await context.loaders.vehiclesByOwner.load(citizen.nik)) ?? [];
    } catch (error) {
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'samsat vehicles unavailable');
      throw toAgencyGraphQLError(error, 'samsat');
    }
  }
}
