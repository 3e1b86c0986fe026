import { buildSatuSubgraph, type BuiltSubgraph } from '../kit/build-subgraph';
import { DjpCitizenResolver } from './djp-citizen.resolver';
import { DjpCitizen } from './djp-citizen.type';
import { DJP_AGENCY } from './djp.system';

export function buildDjpSchema(): Promise<BuiltSubgraph> {
  return buildSatuSubgraph({
    name: DJP_AGENCY,
    resolvers: [DjpCitizenResolver],
    orphanedTypes: [DjpCitizen],
    // Keep the whole representation: a @requires elsewhere may depend on it.
    referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
  });
}
