import { buildSatuSubgraph, type BuiltSubgraph } from '../kit/build-subgraph';
import { KuaCitizenResolver } from './kua-citizen.resolver';
import { KuaCitizen } from './kua-citizen.type';
import { MarriageRecordResolver } from './marriage-record.resolver';
import { KUA_AGENCY } from './kua.system';

export function buildKuaSchema(): Promise<BuiltSubgraph> {
  return buildSatuSubgraph({
    name: KUA_AGENCY,
    resolvers: [KuaCitizenResolver, MarriageRecordResolver],
    orphanedTypes: [KuaCitizen],
    // Keep the whole representation: a @requires elsewhere may depend on it.
    referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
  });
}
