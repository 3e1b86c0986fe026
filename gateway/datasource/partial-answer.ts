import { Kind, parse, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { AgencyFailureCode } from '../../subgraphs/kit/errors';
import { ERROR_CATALOGUE } from '../../subgraphs/kit/errors';

/** What a failed fetch asked for: root fields, or per-type fields of `_entities`. */
interface FetchShape {
  /** Response keys of the root fields (aliases respected). */
  rootKeys: readonly string[];
  /** For an `_entities` fetch: the response keys requested under `... on Type`, by type. */
  entityKeysByType: ReadonlyMap<string, readonly string[]> | null;
  /** The response key of the `_entities` field. */
  entitiesKey: string | null;
}

export interface PartialAnswer {
  data: Record<string, unknown>;
  errors: Array<{ message: string; path: Array<string | number>; extensions: { code: AgencyFailureCode; agency: string } }>;
}

const shapeCache = new Map<string, FetchShape>();
const SHAPE_CACHE_LIMIT = 2000;

/**
 * The gateway's query plans are few and repeat, so each fetch's shape is parsed once.
 * (Plans are cached by Apollo too; the fetch text of a plan node is stable.)
 */
function shapeOf(query: string): FetchShape {
  const cached = shapeCache.get(query);
  if (cached) return cached;
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const rootFields = operation ? fieldsOf(operation.selectionSet) : [];
  const entitiesField = rootFields.find((field) => field.name.value === '_entities') ?? null;
  let entityKeysByType: Map<string, string[]> | null = null;
  if (entitiesField?.selectionSet) {
    entityKeysByType = new Map();
    for (const selection of entitiesField.selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT && selection.typeCondition) {
        const typeName = selection.typeCondition.name.value;
        const keys = entityKeysByType.get(typeName) ?? [];
        for (const field of fieldsOf(selection.selectionSet)) {
          if (field.name.value !== '__typename') keys.push(responseKey(field));
        }
        entityKeysByType.set(typeName, keys);
      }
    }
  }
  const shape: FetchShape = {
    rootKeys: rootFields.map(responseKey),
    entityKeysByType,
    entitiesKey: entitiesField ? responseKey(entitiesField) : null,
  };
  if (shapeCache.size >= SHAPE_CACHE_LIMIT) shapeCache.clear();
  shapeCache.set(query, shape);
  return shape;
}

function fieldsOf(selectionSet: SelectionSetNode): FieldNode[] {
  return selectionSet.selections.filter((selection): selection is FieldNode => selection.kind === Kind.FIELD);
}

function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

/**
 * The answer the gateway gets when an agency fails: every field the fetch asked for is an
 * explicit null, with one coded error at each of those paths. Answering this way (rather
 * than failing the fetch) keeps the rest of the plan running, including `@requires` steps
 * such as the identity check, which then sees the agency's fields as null.
 * See STYLE.md, "partial answers that keep the cross-check alive".
 */
export function partialAnswer(
  query: string,
  variables: Record<string, unknown> | undefined,
  agency: string,
  code: AgencyFailureCode,
): PartialAnswer {
  const shape = shapeOf(query);
  const message = `${agency}: ${ERROR_CATALOGUE[code]}`;
  const extensions = { code, agency };
  const errors: PartialAnswer['errors'] = [];
  const data: Record<string, unknown> = {};

  if (shape.entitiesKey && shape.entityKeysByType) {
    const representations = Array.isArray(variables?.representations) ? (variables.representations as unknown[]) : [];
    data[shape.entitiesKey] = representations.map((representation, index) => {
      const typeName = typeof representation === 'object' && representation !== null ? (representation as { __typename?: unknown }).__typename : undefined;
      const keys = typeof typeName === 'string' ? (shape.entityKeysByType?.get(typeName) ?? []) : [];
      const entity: Record<string, unknown> = { __typename: typeName };
      for (const key of keys) {
        entity[key] = null;
        errors.push({ message, path: [shape.entitiesKey as string, index, key], extensions });
      }
      return entity;
    });
    return { data, errors };
  }
  for (const key of shape.rootKeys) {
    data[key] = null;
    errors.push({ message, path: [key], extensions });
  }
  return { data, errors };
}
