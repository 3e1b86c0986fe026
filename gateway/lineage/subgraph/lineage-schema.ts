import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { satuError } from '../../../subgraphs/kit/errors';
import type { RegistryStore } from '../../registry/registry.store';
import { LineageInputError } from '../lineage-input-error';
import { SchemaLineage, type LineageLogger } from '../schema-lineage';
import { SubgraphFieldsCache } from '../subgraph-fields';
import { lineageSdl } from './lineage-sdl';

export interface LineageSubgraphDeps {
  /** The schema registry; null on a static supergraph (the answers say so and carry no history). */
  registry: RegistryStore | null;
  /** The supergraph being served, read per question so that a reload is reflected at once. */
  supergraphSdl: () => string;
  /** The gateway's logger (pino): registry read failures are logged here, answers fall back to the supergraph. */
  logger: LineageLogger;
  /** Parsed SDLs by hash, shared by the schemas a factory builds. @default a cache of this schema's own */
  parsedSdls?: SubgraphFieldsCache;
}

/** Turns a caller's mistake into BAD_USER_INPUT with the suggestions; anything else stays what it was. */
async function answering<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (error) {
    if (error instanceof LineageInputError) throw satuError('BAD_USER_INPUT', error.message, { suggestions: error.suggestions });
    throw error;
  }
}

/**
 * The `lineage` subgraph, executable: auditors' questions about the graph itself. It runs in the
 * gateway process (a local data source) and keeps no state of its own beyond parsed SDLs by hash.
 */
export function buildLineageSubgraphSchema(deps: LineageSubgraphDeps): GraphQLSchema {
  const lineage = new SchemaLineage(deps);
  return buildSubgraphSchema([
    {
      typeDefs: parse(lineageSdl()),
      resolvers: {
        Query: {
          lineageOverview: () => answering(() => lineage.overview()),
          schemaLineage: (_root: unknown, args: { coordinate: string }) => answering(() => lineage.field(args.coordinate)),
          schemaHistory: (_root: unknown, args: { subgraph: string }) => answering(async () => (await lineage.history(args.subgraph)).versions),
        },
      } as never,
    },
  ]);
}

/**
 * For a gateway that builds its in-process subgraphs per loaded supergraph
 * (`localSubgraphs: { lineage: lineageSubgraphFactory({ registry, logger }) }`): each schema
 * describes the supergraph it was built for, and all share one cache of parsed SDLs, so a
 * reload does not parse every stored version again.
 */
export function lineageSubgraphFactory(deps: Omit<LineageSubgraphDeps, 'supergraphSdl' | 'parsedSdls'>): (supergraphSdl: string) => GraphQLSchema {
  const parsedSdls = new SubgraphFieldsCache();
  return (supergraphSdl) => buildLineageSubgraphSchema({ ...deps, supergraphSdl: () => supergraphSdl, parsedSdls });
}
