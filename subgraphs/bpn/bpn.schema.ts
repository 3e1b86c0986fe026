import { buildSatuSubgraph, type BuiltSubgraph } from '../kit/build-subgraph';
import { BpnCitizenResolver } from './bpn-citizen.resolver';
import { BpnCitizen } from './bpn-citizen.type';
import { AGENCY } from './bpn.system';
import { LandParcelResolver } from './land-parcel.resolver';

export function buildBpnSchema(): Promise<BuiltSubgraph> {
  return buildSatuSubgraph({
    name: AGENCY,
    resolvers: [BpnCitizenResolver, LandParcelResolver],
    orphanedTypes: [BpnCitizen],
    // Keep the whole representation: a @requires elsewhere may depend on it.
    referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
  });
}
