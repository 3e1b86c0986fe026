import { Kind, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';

/** The value of a string or enum argument of a directive, if present. */
export function directiveArgument(node: ConstDirectiveNode | undefined, name: string): string | undefined {
  const argument = node?.arguments?.find((candidate) => candidate.name.value === name);
  if (!argument) return undefined;
  return argument.value.kind === Kind.STRING || argument.value.kind === Kind.ENUM ? argument.value.value : undefined;
}

/** Maps a supergraph's join__Graph enum values (BPJS_KESEHATAN) to subgraph names (bpjs-kesehatan). */
export function joinGraphNames(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = directiveArgument(
        value.directives?.find((candidate) => candidate.name.value === 'join__graph'),
        'name',
      );
      if (name) names.set(value.name.value, name);
    }
  }
  return names;
}

/** The subgraphs that define a type: its `@join__type(graph:)` entries. */
export function typeGraphs(type: { directives?: readonly ConstDirectiveNode[] }, graphs: ReadonlyMap<string, string>): string[] {
  return (type.directives ?? [])
    .filter((candidate) => candidate.name.value === 'join__type')
    .map((candidate) => graphs.get(directiveArgument(candidate, 'graph') ?? '') ?? '')
    .filter(Boolean);
}

/**
 * The subgraphs that resolve a supergraph field: its `@join__field(graph:)` entries, leaving
 * out those where the field is only `external` there (a subgraph that `@requires` it). A field
 * without `@join__field` belongs to every subgraph that defines its type (composition leaves
 * the directive out when there is nothing to say).
 */
export function fieldOwners(field: FieldDefinitionNode, graphs: ReadonlyMap<string, string>, ownerType?: { directives?: readonly ConstDirectiveNode[] }): string[] {
  const joinFields = (field.directives ?? []).filter((candidate) => candidate.name.value === 'join__field');
  if (joinFields.length === 0 && ownerType) return typeGraphs(ownerType, graphs);
  return joinFields
    .filter((candidate) => !candidate.arguments?.some((argument) => argument.name.value === 'external' && argument.value.kind === Kind.BOOLEAN && argument.value.value))
    .map((candidate) => graphs.get(directiveArgument(candidate, 'graph') ?? '') ?? '')
    .filter(Boolean);
}
