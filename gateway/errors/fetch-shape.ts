import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  Kind,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A check for a custom scalar's wire value: true when the value is one. */
export type ScalarCheck = (value: unknown) => boolean;

/**
 * A field's type, compiled to what the answer walk needs, so the walk itself calls no graphql-js
 * predicate: those go through graphql-js's `instanceOf`, which outside NODE_ENV=production does
 * realm checks that made 80% of the walk's time in a profile.
 */
export type ValueType =
  | { kind: 'nonNull'; of: ValueType; label: string }
  | { kind: 'list'; of: ValueType; label: string }
  | { kind: 'leaf'; label: string; accepts: ScalarCheck }
  | { kind: 'composite'; label: string; name: string; abstract: boolean; members: ReadonlySet<string> };

/**
 * What one fetch of the query plan asks a subgraph for, with the type each response key must
 * have: compiled once per fetch text (plans repeat), then used to check every answer to it.
 */
export type ShapeSelection =
  | {
      kind: 'field';
      key: string;
      /** Null when the field is not in the schema we check against (a supergraph reload raced the fetch): not checked. */
      type: ValueType | null;
      /** Under @skip/@include: a missing value is no fault. */
      conditional: boolean;
      /** For object, interface and union fields. */
      selections: readonly ShapeSelection[] | null;
    }
  | { kind: 'typename'; key: string }
  | {
      kind: 'fragment';
      typeCondition: string | null;
      /** The object types the condition covers (itself, or an abstract type's members). */
      covers: ReadonlySet<string>;
      selections: readonly ShapeSelection[];
    };

export interface FetchShape {
  /** The operation's root selections, against the root type (null: the schema has no such root). */
  root: readonly ShapeSelection[] | null;
  /** The root type's name (Query, Mutation). */
  rootType: string | null;
  /** The response key of `_entities`, when the fetch is an entity fetch. */
  entitiesKey: string | null;
  /** For an entity fetch, the selections under `_entities` (inline fragments by entity type). */
  entitySelections: readonly ShapeSelection[];
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

const BUILT_IN_SCALARS: Readonly<Record<string, ScalarCheck>> = {
  [GraphQLString.name]: (value) => typeof value === 'string',
  [GraphQLInt.name]: (value) => typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX,
  [GraphQLFloat.name]: (value) => typeof value === 'number' && Number.isFinite(value),
  [GraphQLBoolean.name]: (value) => typeof value === 'boolean',
  [GraphQLID.name]: (value) => typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)),
};

const ANY_JSON: ScalarCheck = () => true;

/** A fragment inlined deeper than this in one fetch is not followed (a valid plan is far shallower). */
const MAX_FRAGMENT_DEPTH = 32;

function isConditional(directives: readonly DirectiveNode[] | undefined): boolean {
  return directives?.some((directive) => directive.name.value === 'skip' || directive.name.value === 'include') ?? false;
}

/** What of the schema the walk needs, computed once per supergraph (shared by every fetch's compile). */
export class SchemaIndex {
  /** Names of every object, interface and union type: what a `__typename` may say. */
  readonly compositeTypes: ReadonlySet<string>;
  private readonly members = new Map<string, ReadonlySet<string>>();
  private readonly leafChecks = new Map<string, ScalarCheck>();

  constructor(
    readonly schema: GraphQLSchema,
    private readonly scalarChecks: Readonly<Record<string, ScalarCheck>>,
  ) {
    this.compositeTypes = new Set(Object.values(schema.getTypeMap()).filter((type) => isCompositeType(type)).map((type) => type.name));
  }

  /** The object types a type condition or field type covers. */
  membersOf(type: GraphQLCompositeType): ReadonlySet<string> {
    let members = this.members.get(type.name);
    if (!members) {
      members = new Set(isAbstractType(type) ? this.schema.getPossibleTypes(type).map((member) => member.name) : [type.name]);
      this.members.set(type.name, members);
    }
    return members;
  }

  compile(type: GraphQLOutputType): ValueType {
    if (isNonNullType(type)) return { kind: 'nonNull', of: this.compile(type.ofType), label: String(type) };
    if (isListType(type)) return { kind: 'list', of: this.compile(type.ofType), label: String(type) };
    if (isCompositeType(type)) return { kind: 'composite', label: type.name, name: type.name, abstract: isAbstractType(type), members: this.membersOf(type) };
    return { kind: 'leaf', label: type.name, accepts: this.leafCheck(type.name) };
  }

  private leafCheck(name: string): ScalarCheck {
    let check = this.leafChecks.get(name);
    if (!check) {
      const type = this.schema.getType(name);
      if (type && isEnumType(type)) {
        const values = new Set(type.getValues().map((value) => value.name));
        check = (value) => typeof value === 'string' && values.has(value);
      } else {
        check = BUILT_IN_SCALARS[name] ?? this.scalarChecks[name] ?? ANY_JSON;
      }
      this.leafChecks.set(name, check);
    }
    return check;
  }
}

class ShapeCompiler {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();

  constructor(
    private readonly index: SchemaIndex,
    document: DocumentNode,
  ) {
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
  }

  selections(selectionSet: SelectionSetNode, parent: GraphQLCompositeType | null, depth = 0): ShapeSelection[] {
    const compiled: ShapeSelection[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (selection.name.value === '__typename') {
          compiled.push({ kind: 'typename', key });
          continue;
        }
        const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        const named = definition ? getNamedType(definition.type) : null;
        const childParent = named && isCompositeType(named) ? named : null;
        compiled.push({
          kind: 'field',
          key,
          type: definition ? this.index.compile(definition.type) : null,
          conditional: isConditional(selection.directives),
          selections: selection.selectionSet ? this.selections(selection.selectionSet, childParent, depth) : null,
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = this.compositeNamed(selection.typeCondition?.name.value ?? null);
        if (selection.typeCondition && !condition) continue; // a type this supergraph does not know: nothing to check against
        compiled.push({
          kind: 'fragment',
          typeCondition: condition?.name ?? null,
          covers: condition ? this.index.membersOf(condition) : new Set(),
          selections: this.selections(selection.selectionSet, condition ?? parent, depth),
        });
      } else {
        const fragment = this.fragments.get(selection.name.value);
        const condition = fragment ? this.compositeNamed(fragment.typeCondition.name.value) : null;
        if (!fragment || !condition || depth >= MAX_FRAGMENT_DEPTH) continue;
        compiled.push({ kind: 'fragment', typeCondition: condition.name, covers: this.index.membersOf(condition), selections: this.selections(fragment.selectionSet, condition, depth + 1) });
      }
    }
    return compiled;
  }

  private compositeNamed(name: string | null): GraphQLCompositeType | null {
    if (name === null) return null;
    const type = this.index.schema.getType(name);
    return type && isCompositeType(type) ? type : null;
  }
}

/**
 * Compiles a fetch's operation against the schema the answer is checked with. `_entities` is the
 * federation entry point and not in the supergraph: its selections (`... on Citizen { ... }`)
 * are compiled apart, each fragment against its entity type.
 */
export function compileFetchShape(index: SchemaIndex, document: DocumentNode): FetchShape {
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return { root: null, rootType: null, entitiesKey: null, entitySelections: [] };
  const compiler = new ShapeCompiler(index, document);
  const entities = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities');
  if (entities?.kind === Kind.FIELD) {
    return {
      root: null,
      rootType: null,
      entitiesKey: entities.alias?.value ?? '_entities',
      entitySelections: entities.selectionSet ? compiler.selections(entities.selectionSet, null) : [],
    };
  }
  const rootType = index.schema.getRootType(operation.operation);
  return { root: rootType ? compiler.selections(operation.selectionSet, rootType) : null, rootType: rootType?.name ?? null, entitiesKey: null, entitySelections: [] };
}
