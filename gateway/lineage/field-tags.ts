import type { ConstDirectiveNode } from 'graphql';
import { directiveArgument } from '../../schema/supergraph-ownership';
import type { FieldSource, FieldTags } from './lineage.types';

type Directives = readonly ConstDirectiveNode[] | undefined;

function find(directives: Directives, name: string): ConstDirectiveNode | undefined {
  return directives?.find((directive) => directive.name.value === name);
}

/** `@source(system, operation, field)`, when all three arguments are there. */
export function sourceOf(directives: Directives): FieldSource | null {
  const node = find(directives, 'source');
  const system = directiveArgument(node, 'system');
  const operation = directiveArgument(node, 'operation');
  const field = directiveArgument(node, 'field');
  return system !== undefined && operation !== undefined && field !== undefined ? { system, operation, field } : null;
}

/**
 * Our tags on one field definition. A type-level `@personalData` classifies every field of the
 * type that has no class of its own (the directive is allowed on OBJECT for exactly that).
 */
export function fieldTagsOf(fieldDirectives: Directives, typeDirectives: Directives): FieldTags {
  return {
    source: sourceOf(fieldDirectives),
    personalDataCategory: directiveArgument(find(fieldDirectives, 'personalData'), 'category') ?? directiveArgument(find(typeDirectives, 'personalData'), 'category') ?? null,
    identityClaim: directiveArgument(find(fieldDirectives, 'identityClaim'), 'attribute') ?? null,
  };
}
