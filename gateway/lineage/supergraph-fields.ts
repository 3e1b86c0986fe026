import { Kind, parse, print, type ObjectTypeDefinitionNode, type InterfaceTypeDefinitionNode, type TypeNode } from 'graphql';
import { directiveArgument, fieldOwners, joinGraphNames } from '../../schema/supergraph-ownership';
import { fieldTagsOf } from './field-tags';
import type { FieldTags } from './lineage.types';

/** One field of the composed graph. */
export interface SupergraphField {
  coordinate: string;
  typeName: string;
  name: string;
  /** As written: `[Vehicle!]`. */
  returnType: string;
  /** The named type under lists and non-nulls: `Vehicle`. */
  returnTypeName: string;
  /** Subgraphs that resolve it (`@external` copies left out), in the supergraph's order. */
  owners: string[];
  /** The supergraph's copy of our tags: composition keeps one per field, whichever subgraph it came from. */
  tags: FieldTags;
}

export interface SupergraphGraph {
  name: string;
  url: string;
}

/** The composed graph as lineage needs it: its subgraphs and every output field with its owners. */
export interface SupergraphFields {
  graphs: SupergraphGraph[];
  /** Object and interface types in the supergraph's order, each with its fields. */
  types: ReadonlyArray<{ name: string; fields: SupergraphField[] }>;
  byCoordinate: ReadonlyMap<string, SupergraphField>;
}

/** Federation's own bookkeeping types (`join__Graph`, `link__Purpose`) are not part of the graph. */
function isFederationInternal(name: string): boolean {
  return name.startsWith('join__') || name.startsWith('link__') || name.startsWith('__');
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Reads a supergraph SDL (with `@join__*`): which subgraph resolves which field, and the composed tags. */
export function supergraphFieldsOf(supergraphSdl: string): SupergraphFields {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphEnum = joinGraphNames(document);
  const graphs: SupergraphGraph[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const joinGraph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const name = directiveArgument(joinGraph, 'name');
      if (name) graphs.push({ name, url: directiveArgument(joinGraph, 'url') ?? '' });
    }
  }
  const types: Array<{ name: string; fields: SupergraphField[] }> = [];
  const byCoordinate = new Map<string, SupergraphField>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    if (isFederationInternal(definition.name.value)) continue;
    const type: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode = definition;
    const fields: SupergraphField[] = [];
    for (const field of type.fields ?? []) {
      const entry: SupergraphField = {
        coordinate: `${type.name.value}.${field.name.value}`,
        typeName: type.name.value,
        name: field.name.value,
        returnType: print(field.type),
        returnTypeName: namedType(field.type),
        owners: fieldOwners(field, graphEnum, type),
        tags: fieldTagsOf(field.directives, type.directives),
      };
      fields.push(entry);
      byCoordinate.set(entry.coordinate, entry);
    }
    types.push({ name: type.name.value, fields });
  }
  return { graphs, types, byCoordinate };
}

