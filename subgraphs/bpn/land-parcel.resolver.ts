import { FieldResolver, Resolver, Root } from 'type-graphql';
import { PersonalData, Source } from '../kit/directives';
import { BpnCitizen } from './bpn-citizen.type';
import { BPN_SYSTEM, BPN_VIEW } from './bpn.system';
import type { LandParcelRecord } from './land-parcel.records';
import { LandParcel } from './land-parcel.type';

@Resolver(() => LandParcel)
export class LandParcelResolver {
  /** References only: the gateway resolves the co-owners' other fields from the agencies that own them. */
  @FieldResolver(() => [BpnCitizen], {
    description: 'The other holders of the same certificate (co-owners, e.g. the spouse), as citizens; [] for a sole holder.',
  })
  @Source(BPN_SYSTEM, BPN_VIEW, 'nik_pemilik')
  @PersonalData('PROPERTY')
  coOwners(@Root() parcel: LandParcelRecord): BpnCitizen[] {
    return parcel.coOwnerNiks.map((nik) => ({ nik }));
  }
}
