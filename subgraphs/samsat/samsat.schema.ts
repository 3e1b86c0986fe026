import { buildSatuSubgraph, type BuiltSubgraph } from '../kit/build-subgraph';
import { SamsatCitizenResolver } from './samsat-citizen.resolver';
import { SamsatCitizen } from './samsat-citizen.type';
import { VehicleResolver } from './vehicle.resolver';

export function buildSamsatSchema(): Promise<BuiltSubgraph> {
  return buildSatuSubgraph({
    name: 'samsat',
    resolvers: [SamsatCitizenResolver, VehicleResolver],
    orphanedTypes: [SamsatCitizen],
    // Keep the whole representation: a @requires elsewhere may depend on it.
    referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
  });
}
