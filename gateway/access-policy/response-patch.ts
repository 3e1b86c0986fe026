import type { GraphQLFormattedError } from 'graphql';
import { PLACEHOLDER_ALIAS, TYPENAME_MARKER_ALIAS, type FieldAccessPlan, type PathStep } from './field-access-plan';
import { forbiddenFieldError, moreOccurrencesError } from './forbidden-field-errors';

type JsonObject = Record<string, unknown>;
type ResponsePath = Array<string | number>;

export interface PatchOptions {
  /** Errors listed one by one per removed field (a field under a list occurs once per element). @default 20 */
  maxErrorsPerField?: number;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typenameOf(object: JsonObject): unknown {
  return object[TYPENAME_MARKER_ALIAS] ?? object.__typename;
}

/** Does `step` apply to this object (its concrete type is one the step's fragment was on)? */
function applies(step: PathStep, object: JsonObject): boolean {
  if (!step.onlyTypes) return true;
  const typename = typenameOf(object);
  return typeof typename === 'string' && step.onlyTypes.has(typename);
}

/**
 * Visits every object that holds the removed field, calling `atTarget(parent, path)`. Returns
 * true when `object` must become null because a non-null value below it did (propagation
 * runs only when `propagate` is set, after every error has been collected).
 */
function visitObject(object: JsonObject, steps: readonly PathStep[], index: number, path: ResponsePath, atTarget: (parent: JsonObject, path: ResponsePath) => void, propagate: boolean): boolean {
  const step = steps[index]!;
  if (!applies(step, object)) return false;
  path.push(step.key);
  try {
    if (index === steps.length - 1) {
      // A value already there came from an allowed selection with the same key (another concrete type); leave it.
      if (object[step.key] !== undefined && object[step.key] !== null) return false;
      atTarget(object, path);
      return propagate && step.nonNull;
    }
    const value = object[step.key];
    if (value === null || value === undefined) return false;
    if (visitValue(value, steps, index, 0, path, atTarget, propagate)) {
      object[step.key] = null;
      return step.nonNull;
    }
    return false;
  } finally {
    path.pop();
  }
}

function visitValue(value: unknown, steps: readonly PathStep[], index: number, listDepth: number, path: ResponsePath, atTarget: (parent: JsonObject, path: ResponsePath) => void, propagate: boolean): boolean {
  const step = steps[index]!;
  if (listDepth < step.listItemsNonNull.length) {
    if (!Array.isArray(value)) return false;
    let nullTheList = false;
    for (let position = 0; position < value.length; position += 1) {
      path.push(position);
      const nullTheItem = value[position] !== null && visitValue(value[position], steps, index, listDepth + 1, path, atTarget, propagate);
      path.pop();
      if (!nullTheItem) continue;
      if (step.listItemsNonNull[listDepth]) nullTheList = true;
      else value[position] = null;
    }
    return nullTheList;
  }
  return isObject(value) && visitObject(value, steps, index + 1, path, atTarget, propagate);
}

function stripHelperFields(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripHelperFields(item);
    return;
  }
  if (!isObject(value)) return;
  delete value[PLACEHOLDER_ALIAS];
  delete value[TYPENAME_MARKER_ALIAS];
  for (const child of Object.values(value)) stripHelperFields(child);
}

export interface PatchedResponse {
  /** The data, or null when a removed non-null root field nulled all of it (GraphQL's null propagation). */
  data: JsonObject | null | undefined;
  /** FORBIDDEN errors to append to the response's errors. */
  errors: GraphQLFormattedError[];
}

/**
 * After execution: null at every path where a removed field would have been (with GraphQL's
 * null propagation for non-null fields), one FORBIDDEN error per path (capped per field, plus
 * one error counting the rest), and the helper fields of the rewrite taken out. Mutates `data`
 * (the response being built).
 */
export function patchResponse(data: JsonObject | null | undefined, plan: Pick<FieldAccessPlan, 'removed' | 'addedHelperFields'>, options: PatchOptions = {}): PatchedResponse {
  const maxErrors = options.maxErrorsPerField ?? 20;
  const errors: GraphQLFormattedError[] = [];
  const reported = new Set<string>();
  const root = isObject(data) ? data : undefined;
  for (const field of plan.removed) {
    const key = field.path[field.path.length - 1]!.key;
    let hits = 0;
    let listed = 0;
    let omitted = 0;
    if (root) {
      visitObject(
        root,
        field.path,
        0,
        [],
        (parent, path) => {
          parent[key] = null;
          hits += 1;
          // The same field reached twice at one path (two fragments) is one error.
          const signature = `${field.coordinate}@${JSON.stringify(path)}`;
          if (reported.has(signature)) return;
          reported.add(signature);
          if (listed < maxErrors) {
            errors.push(forbiddenFieldError(field, path));
            listed += 1;
          } else {
            omitted += 1;
          }
        },
        false,
      );
    }
    if (omitted > 0) errors.push(moreOccurrencesError(field, omitted));
    // Nowhere to put a null (its parent is null, or there is no data): still say the field was withheld, once.
    if (hits === 0 && !reported.has(field.coordinate)) {
      reported.add(field.coordinate);
      errors.push(forbiddenFieldError(field, undefined));
    }
  }
  if (!root) return { data, errors };
  let nullData = false;
  // Second pass, once every error is known: a null in a non-null position nulls the nearest nullable parent.
  for (const field of plan.removed) {
    if (field.path[field.path.length - 1]!.nonNull && visitObject(root, field.path, 0, [], () => undefined, true)) nullData = true;
  }
  if (nullData) return { data: null, errors };
  if (plan.addedHelperFields) stripHelperFields(root);
  return { data: root, errors };
}
