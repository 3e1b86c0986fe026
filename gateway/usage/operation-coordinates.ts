import {
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Introspection (`__schema`, `__type`, `__typename`, `__Type.fields`) is no agency's field: no coordinate. */
function isIntrospection(name: string): boolean {
  return name.startsWith('__');
}

/** The fragment definitions `operation` uses, directly or through other fragments. */
function reachableFragments(document: DocumentNode, operation: OperationDefinitionNode): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) byName.set(definition.name.value, definition);
  }
  const reached = new Map<string, FragmentDefinitionNode>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  // Each fragment is queued at most once, so this ends even on (invalid) fragment cycles.
  for (let selectionSet = pending.pop(); selectionSet; selectionSet = pending.pop()) {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = byName.get(name);
        if (fragment && !reached.has(name)) {
          reached.set(name, fragment);
          pending.push(fragment.selectionSet);
        }
      } else if (selection.selectionSet) {
        pending.push(selection.selectionSet);
      }
    }
  }
  return [...reached.values()];
}

/**
 * The schema coordinates one operation reads, in the form the registry's usage-aware check looks
 * up (gateway/registry/check.ts, usageHit): `Type.field` for every field selected, in the
 * operation or in a fragment it spreads; `Type.field.arg` for every argument actually given;
 * and, for values written in the document, `Input.field` for input-object fields and `Enum.VALUE`
 * for enum values (a removed input field or enum value breaks that operation too). Values passed
 * in variables are not looked into: they change per request, and the coordinates are cached per
 * document. Sorted, without duplicates.
 */
export function operationCoordinates(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const coordinates = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const reading: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...reachableFragments(document, operation)] };
  visit(
    reading,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || isIntrospection(parent.name) || isIntrospection(node.name.value) || !typeInfo.getFieldDef()) return;
        coordinates.add(`${parent.name}.${node.name.value}`);
      },
      Argument(node) {
        // Directive arguments (@include(if:)) are the language's, not the schema's.
        if (typeInfo.getDirective()) return;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || isIntrospection(parent.name) || !typeInfo.getArgument()) return;
        coordinates.add(`${parent.name}.${field.name}.${node.name.value}`);
      },
      ObjectField(node) {
        const input = typeInfo.getParentInputType();
        if (input && !typeInfo.getDirective()) coordinates.add(`${getNamedType(input).name}.${node.name.value}`);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        const named = type ? getNamedType(type) : undefined;
        if (named && isEnumType(named) && !typeInfo.getDirective()) coordinates.add(`${named.name}.${node.value}`);
      },
    }),
  );
  return [...coordinates].sort();
}
