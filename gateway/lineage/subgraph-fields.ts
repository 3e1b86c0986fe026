import { Kind, parse, type ConstDirectiveNode, type DefinitionNode } from 'graphql';
import { fieldTagsOf } from './field-tags';
import type { FieldTags } from './lineage.types';

/** The output fields one subgraph SDL defines, by coordinate (`Vehicle.plateNumber`). */
export interface SubgraphFields {
  /** Fields the subgraph resolves itself, with its own tags. */
  resolved: ReadonlyMap<string, FieldTags>;
  /** Fields it only declares `@external` (to `@requires` or to key on them): not its own. */
  external: ReadonlySet<string>;
}

const EXTERNAL_DIRECTIVES = new Set(['external', 'federation__external']);

function isExternal(directives: readonly ConstDirectiveNode[] | undefined): boolean {
  return (directives ?? []).some((directive) => EXTERNAL_DIRECTIVES.has(directive.name.value));
}

function isOutputType(definition: DefinitionNode): definition is Extract<DefinitionNode, { kind: Kind.OBJECT_TYPE_DEFINITION | Kind.OBJECT_TYPE_EXTENSION | Kind.INTERFACE_TYPE_DEFINITION | Kind.INTERFACE_TYPE_EXTENSION }> {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_EXTENSION
  );
}

/**
 * Reads a subgraph SDL as published: object and interface types, their extensions merged, each
 * field with the tags this subgraph put on it. A type-level `@external` (Federation 2) makes
 * every field of that definition external.
 */
export function subgraphFieldsOf(sdl: string): SubgraphFields {
  const resolved = new Map<string, FieldTags>();
  const external = new Set<string>();
  for (const definition of parse(sdl, { noLocation: true }).definitions) {
    if (!isOutputType(definition)) continue;
    const typeExternal = isExternal(definition.directives);
    for (const field of definition.fields ?? []) {
      const coordinate = `${definition.name.value}.${field.name.value}`;
      if (typeExternal || isExternal(field.directives)) external.add(coordinate);
      else resolved.set(coordinate, fieldTagsOf(field.directives, definition.directives));
    }
  }
  for (const coordinate of resolved.keys()) external.delete(coordinate);
  return { resolved, external };
}

/**
 * Parsed subgraph SDLs by content hash. A hash names one SDL for ever, so entries never go
 * stale; the bound only keeps a long-lived gateway from growing without limit.
 */
export class SubgraphFieldsCache {
  private readonly entries = new Map<string, SubgraphFields>();

  constructor(private readonly capacity = 5000) {}

  get(hash: string): SubgraphFields | undefined {
    const found = this.entries.get(hash);
    if (found) {
      // Move to the back: the oldest-used entry is the first to go.
      this.entries.delete(hash);
      this.entries.set(hash, found);
    }
    return found;
  }

  has(hash: string): boolean {
    return this.entries.has(hash);
  }

  /** Parses and keeps `sdl` under `hash`, unless it is there already. */
  add(hash: string, sdl: string): SubgraphFields {
    const existing = this.get(hash);
    if (existing) return existing;
    const parsed = subgraphFieldsOf(sdl);
    this.entries.set(hash, parsed);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return parsed;
  }

  get size(): number {
    return this.entries.size;
  }
}
