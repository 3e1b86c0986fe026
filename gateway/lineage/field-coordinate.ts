import { suggestionList } from 'graphql/jsutils/suggestionList';
import { LineageInputError } from './lineage-input-error';

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
const FIELD_COORDINATE = new RegExp(`^${NAME}\\.${NAME}$`);
const ARGUMENT_COORDINATE = new RegExp(`^(${NAME}\\.${NAME})\\.${NAME}$`);
const TYPE_NAME = new RegExp(`^${NAME}$`);
const EXAMPLE = 'Citizen.vehicles';
const MAX_SUGGESTIONS = 5;

/** "a, b or c" */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * Checks that `text` is a field coordinate (`Type.field`, GraphQL's schema-coordinate form)
 * and returns it trimmed; anything else gets an error saying what to give instead.
 */
export function parseFieldCoordinate(text: string): string {
  const coordinate = text.trim();
  if (coordinate === '') throw new LineageInputError(`give a field coordinate Type.field, e.g. ${EXAMPLE}`);
  if (FIELD_COORDINATE.test(coordinate)) return coordinate;
  const argument = ARGUMENT_COORDINATE.exec(coordinate);
  if (argument) {
    throw new LineageInputError(`${coordinate} names an argument; lineage is kept per field: ask for ${argument[1]} (its history lists the argument's changes)`, [argument[1]!]);
  }
  if (TYPE_NAME.test(coordinate)) throw new LineageInputError(`${coordinate} is a type, not a field: give Type.field, e.g. ${coordinate}.<field> or ${EXAMPLE}`);
  throw new LineageInputError(`${JSON.stringify(coordinate)} is not a field coordinate: give Type.field (letters, digits and _ on each side of one dot), e.g. ${EXAMPLE}`);
}

/**
 * The error for a well-formed coordinate the graph does not have. Suggestions go type first, the
 * way a person mistypes: the closest type names (GraphQL's own "did you mean" ranking), then in
 * each the field of that name or the closest ones; a type with nothing close lists its fields.
 */
export function unknownCoordinateError(coordinate: string, fieldsByType: ReadonlyMap<string, readonly string[]>): LineageInputError {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const types = fieldsByType.has(typeName) ? [typeName] : suggestionList(typeName, [...fieldsByType.keys()]);
  const close: string[] = [];
  for (const type of types) {
    const fields = fieldsByType.get(type) ?? [];
    const matches = fields.includes(fieldName) ? [fieldName] : suggestionList(fieldName, [...fields]);
    close.push(...matches.map((field) => `${type}.${field}`));
  }
  const suggestions = close.slice(0, MAX_SUGGESTIONS);
  if (suggestions.length > 0) return new LineageInputError(`the graph has no field ${coordinate}; did you mean ${orList(suggestions)}?`, suggestions);
  const ofType = fieldsByType.get(typeName);
  if (ofType && ofType.length > 0) {
    const shown = ofType.slice(0, 12).map((field) => `${typeName}.${field}`);
    return new LineageInputError(`${typeName} has no field ${fieldName} nor one close to it; its fields are ${shown.join(', ')}${ofType.length > shown.length ? ', ...' : ''}`, shown);
  }
  return new LineageInputError(`the graph has no type ${typeName} and nothing close to ${coordinate}; e.g. ${EXAMPLE}`);
}

/** The error for a subgraph name nobody registered or composed: lists the known ones. */
export function unknownSubgraphError(name: string, known: readonly string[]): LineageInputError {
  const close = suggestionList(name, [...known]);
  const hint = close.length > 0 ? `did you mean ${orList(close.slice(0, 3))}? ` : '';
  return new LineageInputError(`no subgraph ${JSON.stringify(name)}; ${hint}known subgraphs: ${known.join(', ')}`, known);
}
