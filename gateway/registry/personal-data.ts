import { Kind, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/** A field or type tagged `@personalData`, with its category. Type-level tags use the type name as coordinate. */
export type PersonalDataMap = Map<string, string>;

export interface PrivacyChange {
  kind: 'ADDED' | 'REMOVED' | 'RECLASSIFIED';
  coordinate: string;
  before: string | null;
  after: string | null;
  message: string;
}

function categoryOf(directives: readonly ConstDirectiveNode[] | undefined): string | null {
  const tag = directives?.find((directive) => directive.name.value === 'personalData');
  if (!tag) return null;
  const argument = tag.arguments?.find((arg) => arg.name.value === 'category');
  if (!argument) return 'UNSPECIFIED';
  const value = argument.value;
  return value.kind === Kind.ENUM || value.kind === Kind.STRING ? value.value : 'UNSPECIFIED';
}

/**
 * Reads `@personalData` from a subgraph SDL's AST (the directive as written, not as composed):
 * object, interface and input types and their fields, definitions and extensions alike.
 */
export function personalDataOf(document: DocumentNode): PersonalDataMap {
  const tagged: PersonalDataMap = new Map();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION &&
      definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INPUT_OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    const typeCategory = categoryOf(definition.directives);
    if (typeCategory) tagged.set(typeName, typeCategory);
    for (const field of definition.fields ?? []) {
      const category = categoryOf(field.directives);
      if (category) tagged.set(`${typeName}.${field.name.value}`, category);
    }
  }
  return tagged;
}

/**
 * Personal data that appears, disappears or changes class between two SDLs of one subgraph.
 * Each needs the data protection officer's sign-off (UU 27/2022): a new exposure widens what
 * the mall hands out, a removal changes what auditors were told is held.
 */
export function privacyChanges(before: PersonalDataMap, after: PersonalDataMap): PrivacyChange[] {
  const changes: PrivacyChange[] = [];
  for (const [coordinate, category] of after) {
    const old = before.get(coordinate);
    if (old === undefined) changes.push({ kind: 'ADDED', coordinate, before: null, after: category, message: `${coordinate} is newly exposed as personal data (${category})` });
    else if (old !== category) changes.push({ kind: 'RECLASSIFIED', coordinate, before: old, after: category, message: `${coordinate} changes personal-data class from ${old} to ${category}` });
  }
  for (const [coordinate, category] of before) {
    if (!after.has(coordinate)) changes.push({ kind: 'REMOVED', coordinate, before: category, after: null, message: `${coordinate} is no longer exposed as personal data (${category}): removed or untagged` });
  }
  return changes.sort((a, b) => a.coordinate.localeCompare(b.coordinate));
}
