import { Kind, parse, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { directiveArgument, fieldOwners, joinGraphNames } from '../../schema/supergraph-ownership';

/**
 * Which agencies a field reaches, from the supergraph's `@join__field(graph:)` ownership: the
 * subgraphs that resolve it, plus those owning the fields it `@requires` (the crosscheck's
 * `identityCheck` requires every agency's identity copy, so asking it reaches all of them).
 */
export interface AgencyFanOut {
  /** The agencies that may resolve `typeName.fieldName`; more than one when it is shared or a key. */
  owners(typeName: string, fieldName: string): readonly string[];
  /** The agencies the field needs besides its owner (through `@requires`). */
  requiredAgencies(typeName: string, fieldName: string): readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

/** Top-level field names of a `@requires` field set (`"fullName address { street }"` -> fullName, address). */
function requiredFieldNames(fieldSet: string): string[] {
  try {
    const operation = parse(`{ ${fieldSet} }`).definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  } catch {
    return []; // composition validated it; a field set we cannot read adds no agency
  }
}

function requiresOf(field: FieldDefinitionNode): string[] {
  return (field.directives ?? [])
    .filter((directive) => directive.name.value === 'join__field')
    .flatMap((directive) => {
      const requires = directiveArgument(directive, 'requires');
      return requires ? requiredFieldNames(requires) : [];
    });
}

export function agencyFanOutFromSupergraph(supergraphSdl: string): AgencyFanOut {
  return agencyFanOutFromDocument(parse(supergraphSdl));
}

export function agencyFanOutFromDocument(document: DocumentNode): AgencyFanOut {
  const graphs = joinGraphNames(document);
  const owners = new Map<string, readonly string[]>();
  const requires = new Map<string, readonly string[]>();
  const requiredFields: Array<[string, string, string[]]> = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${definition.name.value}.${field.name.value}`;
      owners.set(coordinate, [...new Set(fieldOwners(field, graphs, definition))]);
      const required = requiresOf(field);
      if (required.length > 0) requiredFields.push([coordinate, definition.name.value, required]);
    }
  }
  for (const [coordinate, typeName, required] of requiredFields) {
    const own = new Set(owners.get(coordinate) ?? NONE);
    const others = new Set<string>();
    for (const name of required) for (const agency of owners.get(`${typeName}.${name}`) ?? NONE) if (!own.has(agency)) others.add(agency);
    requires.set(coordinate, [...others].sort());
  }
  return {
    owners: (typeName, fieldName) => owners.get(`${typeName}.${fieldName}`) ?? NONE,
    requiredAgencies: (typeName, fieldName) => requires.get(`${typeName}.${fieldName}`) ?? NONE,
  };
}
