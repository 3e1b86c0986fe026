import { buildSatuSubgraph, type BuiltSubgraph } from '../kit/build-subgraph';
import { ImigrasiCitizen } from './imigrasi-citizen.type';
import { PassportApplicationsResolver } from './passport-applications.resolver';
import { PassportsResolver } from './passports.resolver';

export function buildImigrasiSchema(): Promise<BuiltSubgraph> {
  return buildSatuSubgraph({
    name: 'imigrasi',
    resolvers: [PassportsResolver, PassportApplicationsResolver],
    orphanedTypes: [ImigrasiCitizen],
    // Keep the whole representation: a @requires elsewhere may depend on it.
    referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
  });
}
