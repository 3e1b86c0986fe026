import type { FetchShape, ScalarCheck, SchemaIndex, ShapeSelection, ValueType } from './fetch-shape';

export type { ScalarCheck } from './fetch-shape';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date written yyyy-mm-dd; arithmetic only (a Date object per value cost 10% of the walk). */
function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Satu's own scalars (subgraphs/kit/scalars.ts, the audit's DateTime). A NIK's shape only: its
 * region and date are the civil registry's business, and another region's NIK is a NIK.
 * Custom scalars not named here accept any JSON value (a JSON scalar may be an object).
 */
export const SATU_SCALAR_CHECKS: Readonly<Record<string, ScalarCheck>> = {
  NIK: (value) => typeof value === 'string' && /^[0-9]{16}$/.test(value),
  Date: isIsoDate,
  DateTime: (value) => typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T'))),
};

/** One value that was not of its type: where, what was expected, and the JSON kind found (never the value). */
export interface TypeViolation {
  path: ReadonlyArray<string | number>;
  expected: string;
  found: string;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A path as a set key (subgraph error paths and our walk's path compare through it). */
export function pathKey(path: ReadonlyArray<unknown>): string {
  return path.join('\u0001');
}

/**
 * Walks one subgraph answer against the fetch's shape and replaces every value that is not of
 * its type with null, in place, recording where. ApolloGateway's own post-processing would
 * also drop such values, but silently: it reports them only in `extensions.valueCompletion`
 * and only when no other error occurred, passes custom scalars (a Date) through unchecked, and
 * fails the whole response, quoting the value, on a non-list or non-object where one belongs.
 * A null or missing value where the type is non-null counts too, unless the subgraph already
 * reported an error at that path (its own partial answer).
 */
export class FetchedValueCheck {
  readonly violations: TypeViolation[] = [];
  /** More violations than the maximum: the answer is not worth keeping at all. */
  overflow = false;
  private readonly path: Array<string | number> = [];

  constructor(
    private readonly index: SchemaIndex,
    private readonly reportedPaths: ReadonlySet<string>,
    private readonly maxViolations: number,
  ) {}

  /** Checks `data` (the `data` of the answer) against a root fetch; entity fetches use checkEntity. */
  checkRoot(data: Record<string, unknown>, shape: FetchShape): void {
    if (shape.root) this.checkSelections(data, shape.root, shape.rootType, shape.rootType);
  }

  /** Checks one `_entities` item; its type is its own `__typename`, else its representation's. */
  checkEntity(entity: unknown, index: number, entitiesKey: string, shape: FetchShape, representationType: string | null): unknown {
    this.path.push(entitiesKey, index);
    try {
      if (entity === null || entity === undefined) return entity;
      if (!isPlainObject(entity)) return this.violation('an entity object', entity);
      const typename = entity.__typename;
      const runtime = typeof typename === 'string' ? typename : representationType;
      if (runtime === null || !this.index.compositeTypes.has(runtime)) return this.violation('an entity with a known __typename', entity);
      this.checkSelections(entity, shape.entitySelections, runtime, runtime);
      return entity;
    } finally {
      this.path.length -= 2;
    }
  }

  private violation(expected: string, found: unknown): null {
    if (this.violations.length <= this.maxViolations) this.violations.push({ path: [...this.path], expected, found: kindOf(found) });
    this.overflow = this.violations.length > this.maxViolations;
    return null;
  }

  /**
   * `staticType` is the type the selections were written against; `runtimeType` the object's
   * own `__typename` where known. A fragment applies when its condition is either of them or
   * covers the runtime type (an abstract type it belongs to).
   */
  private checkSelections(object: Record<string, unknown>, selections: readonly ShapeSelection[], staticType: string | null, runtimeType: string | null): void {
    for (const selection of selections) {
      if (this.overflow) return;
      if (selection.kind === 'typename') {
        const value = object[selection.key];
        if (value !== undefined && typeof value !== 'string') {
          this.path.push(selection.key);
          object[selection.key] = this.violation('a type name', value);
          this.path.pop();
        }
      } else if (selection.kind === 'fragment') {
        const condition = selection.typeCondition;
        const applies =
          condition === null || condition === runtimeType || condition === staticType || (runtimeType !== null ? selection.covers.has(runtimeType) : staticType !== null && selection.covers.has(staticType));
        if (applies) this.checkSelections(object, selection.selections, condition ?? staticType, runtimeType);
      } else if (selection.type !== null) {
        const own = object[selection.key];
        // JSON holds no functions: a function here is Object.prototype's (a field named `constructor` that is missing).
        const value = typeof own === 'function' ? undefined : own;
        if (value === undefined && selection.conditional) continue;
        this.path.push(selection.key);
        const checked = this.checkValue(value, selection.type, selection.selections);
        if (checked !== value) object[selection.key] = checked;
        this.path.pop();
      }
    }
  }

  private checkValue(value: unknown, type: ValueType, selections: readonly ShapeSelection[] | null): unknown {
    if (value === null || value === undefined) {
      if (type.kind === 'nonNull' && !(this.reportedPaths.size > 0 && this.reportedPaths.has(pathKey(this.path)))) return this.violation(type.label, value);
      return null;
    }
    const inner = type.kind === 'nonNull' ? type.of : type;
    switch (inner.kind) {
      case 'list': {
        if (!Array.isArray(value)) return this.violation(inner.label, value);
        for (let index = 0; index < value.length && !this.overflow; index += 1) {
          this.path.push(index);
          const item: unknown = value[index];
          const checked = this.checkValue(item, inner.of, selections);
          if (checked !== item) value[index] = checked;
          this.path.pop();
        }
        return value;
      }
      case 'composite': {
        if (!isPlainObject(value)) return this.violation(inner.label, value);
        const typename = value.__typename;
        let runtime: string | null = null;
        if (typeof typename === 'string') {
          // The object's own type must be the field's type or one of its members.
          if (typename !== inner.name && !inner.members.has(typename)) return this.violation(`${inner.label} (a __typename of it)`, value);
          runtime = typename;
        } else if (!inner.abstract) {
          runtime = inner.name;
        }
        if (selections) this.checkSelections(value, selections, inner.name, runtime);
        return value;
      }
      case 'leaf':
        return inner.accepts(value) ? value : this.violation(inner.label, value);
      default:
        return value;
    }
  }
}
