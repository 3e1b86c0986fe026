import { buildSatuSubgraph, type BuiltSubgraph } from '../kit/build-subgraph';
import { resolveCitizenReference } from './citizen.reference';
import { CitizenResolver } from './citizen.resolver';
import { DukcapilCitizen } from './citizen.type';
import { DUKCAPIL } from './dukcapil.config';

/** The dukcapil subgraph: Query.citizen(s) and the registry's Citizen fields. */
export function buildDukcapilSchema(): Promise<BuiltSubgraph> {
  return buildSatuSubgraph({
    name: DUKCAPIL,
    resolvers: [CitizenResolver],
    orphanedTypes: [DukcapilCitizen],
    referenceResolvers: { Citizen: resolveCitizenReference },
  });
}
