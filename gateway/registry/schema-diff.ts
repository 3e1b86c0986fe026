import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildASTSchema, buildSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Criticality } from './registry.store';

export interface SchemaChange {
  criticality: Criticality;
  type: string;
  /** Schema coordinate (`Citizen.passports`, `Passport`, `Citizen.citizen.nik`), when the change has one. */
  coordinate: string | null;
  message: string;
}

function criticalityOf(change: Change): Criticality {
  if (change.criticality.level === CriticalityLevel.Breaking) return 'BREAKING';
  if (change.criticality.level === CriticalityLevel.Dangerous) return 'DANGEROUS';
  return 'SAFE';
}

async function changesBetween(before: GraphQLSchema, after: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(before, after);
  return changes.map((change) => ({ criticality: criticalityOf(change), type: String(change.type), coordinate: change.path ?? null, message: change.message }));
}

/**
 * A subgraph SDL as a plain schema for diffing. Federation directives (`@key`, `@link`) have no
 * definitions in a subgraph SDL, so validation is skipped: composition has judged validity already.
 */
function subgraphSchema(document: DocumentNode): GraphQLSchema {
  return buildASTSchema(document, { assumeValidSDL: true });
}

/** Changes between two SDLs of one subgraph (what its publisher changed). */
export async function diffSubgraph(before: DocumentNode, after: DocumentNode): Promise<SchemaChange[]> {
  return changesBetween(subgraphSchema(before), subgraphSchema(after));
}

/** Changes between two API schemas (what clients see). */
export async function diffApi(beforeSdl: string, afterSdl: string): Promise<SchemaChange[]> {
  return changesBetween(buildSchema(beforeSdl), buildSchema(afterSdl));
}
