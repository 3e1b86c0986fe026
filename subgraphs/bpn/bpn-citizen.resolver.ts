import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { BpnCitizen } from './bpn-citizen.type';
import type { BpnContext } from './bpn.loaders';
import { AGENCY, BPN_SYSTEM, BPN_VIEW } from './bpn.system';
import type { LandParcelRecord } from './land-parcel.records';
import { LandParcel } from './land-parcel.type';

const logger = createLogger('subgraph:bpn');

@Resolver(() => BpnCitizen)
export class BpnCitizenResolver {
  @FieldResolver(() => [LandParcel], {
    nullable: true,
    description: 'Land parcels the citizen holds a registered right over at BPN. [] = none; null = BPN could not answer (see errors).',
  })
  @Source(BPN_SYSTEM, BPN_VIEW, 'nik_pemilik')
  @PersonalData('PROPERTY')
  @Access('land:read')
  async landParcels(@Root() citizen: BpnCitizen, @Ctx() context: BpnContext): Promise<readonly LandParcelRecord[]> {
    try {
      return (await context.loaders.landParcels.load(citizen.nik)) ?? [];
    } catch (error) {
      // The message may name the database host or file: logs only, the client gets the catalogue text.
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'bpn landParcels unavailable');
      throw toAgencyGraphQLError(error, AGENCY);
    }
  }
}
