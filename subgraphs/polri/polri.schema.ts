import { buildSatuSubgraph, type BuiltSubgraph } from '../kit/build-subgraph';
import { PolriCitizenResolver } from './polri-citizen.resolver';
import { PolriCitizen } from './polri-citizen.type';
import { AGENCY } from './polri.system';
import { DrivingLicenseResolver, PoliceClearanceResolver } from './validity.resolver';

export function buildPolriSchema(): Promise<BuiltSubgraph> {
  return buildSatuSubgraph({
    name: AGENCY,
    resolvers: [PolriCitizenResolver, DrivingLicenseResolver, PoliceClearanceResolver],
    orphanedTypes: [PolriCitizen],
    // Keep the whole representation: @requires fields ride on it.
    referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
  });
}
