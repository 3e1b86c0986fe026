import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { BoundedLru } from './bounded-lru';
import { operationCoordinates } from './operation-coordinates';

/** What a request context carries that decides an operation's coordinates. */
export interface ResolvedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** Apollo's hash of the document text (a rewritten document gets its own). */
  queryHash: string;
}

export const DEFAULT_COORDINATE_CACHE_SIZE = 1000;

/**
 * The field coordinates of an operation, walked once per (schema, document, operation name) and
 * remembered: the purpose check, the usage recorder and the access ledger all ask on every request,
 * and a client sends the same few documents over and over. Schemas have no identity of their own;
 * a number per schema object keeps keys short and lets a replaced schema (a reload) be collected.
 */
export class OperationCoordinatesCache {
  private readonly cache: BoundedLru<string, readonly string[]>;
  private readonly schemaIds = new WeakMap<GraphQLSchema, number>();
  private nextSchemaId = 1;

  constructor(maxEntries: number = DEFAULT_COORDINATE_CACHE_SIZE) {
    this.cache = new BoundedLru(maxEntries);
  }

  /** A key naming the operation on its schema; equal keys have equal coordinates. */
  keyOf({ schema, queryHash, operation }: ResolvedOperation): string {
    let id = this.schemaIds.get(schema);
    if (id === undefined) {
      id = this.nextSchemaId++;
      this.schemaIds.set(schema, id);
    }
    return `${id}:${queryHash}:${operation.name?.value ?? ''}`;
  }

  of(resolved: ResolvedOperation): readonly string[] {
    const key = this.keyOf(resolved);
    let coordinates = this.cache.get(key);
    if (!coordinates) {
      coordinates = operationCoordinates(resolved.schema, resolved.document, resolved.operation);
      this.cache.set(key, coordinates);
    }
    return coordinates;
  }
}
