import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  visit,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { AccessPolicy } from './access-policy';

/**
 * Removing what a caller may not read from an operation, before the query planner sees it, so
 * a forbidden field is never fetched from its agency (issue 6, item 3). Pure: the plugin and
 * the benchmark call the same functions.
 */

/** Stands in for every selection of a selection set that lost them all (a selection set may not be empty). */
export const PLACEHOLDER_ALIAS = '_satu_placeholder';
/** `__typename` under our own alias, so the response can tell which concrete type an abstract value is. */
export const TYPENAME_MARKER_ALIAS = '_satu_typename';
const RESERVED_ALIAS_PREFIX = '_satu_';
const DEFAULT_MAX_VISITED_SELECTIONS = 100_000;

export interface FieldVerdict {
  allowed: boolean;
  /** Scopes the field needs that the caller does not hold. */
  missingScopes: readonly string[];
  /** The request's purpose does not cover the field. */
  purposeRefused: boolean;
}

/** One step of a response path, from the root. */
export interface PathStep {
  /** The response key: the alias, or the field name. */
  key: string;
  /** Only objects of these concrete types have this key (a type-conditioned fragment); null = every object. */
  onlyTypes: ReadonlySet<string> | null;
  /** The field's type is non-null: a null here makes its parent null (GraphQL's null propagation). */
  nonNull: boolean;
  /** For a list field, per list level from the outside in: are the items non-null? */
  listItemsNonNull: readonly boolean[];
}

export interface RemovedField {
  coordinate: string;
  missingScopes: readonly string[];
  purposeRefused: boolean;
  /** From the root to the removed field; the last step is the removed field. */
  path: readonly PathStep[];
}

export interface FieldAccessPlan {
  /** What to plan and execute: the original document when nothing was removed. */
  document: DocumentNode;
  /** Every removed selection with its response path (deduplicated by coordinate and path). */
  removed: readonly RemovedField[];
  /** The removed coordinates, distinct and sorted. With the query text they determine the rewritten document. */
  removedCoordinates: readonly string[];
  /** Placeholder or marker fields were added: strip them from the response. */
  addedHelperFields: boolean;
}

export interface FieldAccessRequest {
  /** The API schema the document was validated against. */
  schema: GraphQLSchema;
  policy: AccessPolicy;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Readonly<Record<string, unknown>>;
  scopes: ReadonlySet<string>;
  /** The request's purpose: may it read `Type.field`? Absent = no purpose restriction. */
  purposeAllows?: (coordinate: string) => boolean;
  /** Bound on the selections visited while listing removed paths through fragments. @default 100000 */
  maxVisitedSelections?: number;
}

function badAlias(alias: string): GraphQLError {
  return new GraphQLError(`The alias "${alias}" is reserved by the gateway (aliases starting with "${RESERVED_ALIAS_PREFIX}"); choose another alias.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

function tooManySelections(max: number): GraphQLError {
  return new GraphQLError(`The operation expands (through its fragments) to more than ${max} selections; the gateway refuses it. Use fewer fragment spreads.`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'expandedSelections', maximum: max, http: { status: 400 } },
  });
}

function helperField(alias: string): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: alias }, name: { kind: Kind.NAME, value: '__typename' } };
}

function stepFor(key: string, type: GraphQLOutputType, onlyTypes: ReadonlySet<string> | null): PathStep {
  const nonNull = isNonNullType(type);
  const listItemsNonNull: boolean[] = [];
  let current: GraphQLOutputType = nonNull ? type.ofType : type;
  while (isListType(current)) {
    const item: GraphQLOutputType = current.ofType;
    listItemsNonNull.push(isNonNullType(item));
    current = isNonNullType(item) ? item.ofType : item;
  }
  return { key, onlyTypes, nonNull, listItemsNonNull };
}

interface Rewritten {
  node: SelectionSetNode;
  /** Something was removed here or below, fragments included. */
  containsRemoval: boolean;
}

class FieldAccessRewriter {
  private readonly verdicts = new Map<string, FieldVerdict>();
  private readonly fragmentDefinitions = new Map<string, FragmentDefinitionNode>();
  private readonly rewrittenFragments = new Map<string, { node: FragmentDefinitionNode; containsRemoval: boolean }>();
  /** Original selection set -> whether it contains a removal: the path walk enters only those. */
  readonly containsRemoval = new WeakMap<SelectionSetNode, boolean>();
  readonly removedCoordinates = new Set<string>();
  addedHelperFields = false;

  constructor(
    private readonly request: FieldAccessRequest,
    document: DocumentNode,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragmentDefinitions.set(definition.name.value, definition);
    }
  }

  verdict(parentType: GraphQLCompositeType, fieldName: string): FieldVerdict {
    const coordinate = `${parentType.name}.${fieldName}`;
    const known = this.verdicts.get(coordinate);
    if (known) return known;
    const { policy, scopes, purposeAllows, schema } = this.request;
    const missingScopes = policy.requiredScopes(parentType.name, fieldName).filter((scope) => !scopes.has(scope));
    let purposeRefused = false;
    if (purposeAllows && !purposeAllows(coordinate)) {
      // Through an interface or union: allowed when the purpose covers the field on every possible type.
      purposeRefused = !isAbstractType(parentType) || !schema.getPossibleTypes(parentType).every((type) => purposeAllows(`${type.name}.${fieldName}`));
    }
    const verdict: FieldVerdict = { allowed: missingScopes.length === 0 && !purposeRefused, missingScopes, purposeRefused };
    this.verdicts.set(coordinate, verdict);
    return verdict;
  }

  fragment(name: string): { node: FragmentDefinitionNode; containsRemoval: boolean } | undefined {
    const done = this.rewrittenFragments.get(name);
    if (done) return done;
    const definition = this.fragmentDefinitions.get(name);
    if (!definition) return undefined;
    // Validation has refused fragment cycles; this entry only stops a malformed document looping.
    this.rewrittenFragments.set(name, { node: definition, containsRemoval: false });
    const type = this.request.schema.getType(definition.typeCondition.name.value);
    const result = isCompositeType(type) ? this.selectionSet(definition.selectionSet, type) : { node: definition.selectionSet, containsRemoval: false };
    const rewritten = { node: result.node === definition.selectionSet ? definition : { ...definition, selectionSet: result.node }, containsRemoval: result.containsRemoval };
    this.rewrittenFragments.set(name, rewritten);
    return rewritten;
  }

  selectionSet(set: SelectionSetNode, parentType: GraphQLCompositeType): Rewritten {
    let changed = false;
    let containsRemoval = false;
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        containsRemoval = this.fragment(selection.name.value)?.containsRemoval === true || containsRemoval;
        selections.push(selection);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const conditionType = selection.typeCondition ? this.request.schema.getType(selection.typeCondition.name.value) : parentType;
        if (!isCompositeType(conditionType)) {
          selections.push(selection);
          continue;
        }
        const inner = this.selectionSet(selection.selectionSet, conditionType);
        containsRemoval = inner.containsRemoval || containsRemoval;
        if (inner.node !== selection.selectionSet) changed = true;
        selections.push(inner.node === selection.selectionSet ? selection : { ...selection, selectionSet: inner.node });
        continue;
      }
      if (selection.alias?.value.startsWith(RESERVED_ALIAS_PREFIX)) throw badAlias(selection.alias.value);
      const fieldName = selection.name.value;
      if (fieldName.startsWith('__')) {
        // __typename reveals nothing; __schema/__type are the introspection plugin's business.
        selections.push(selection);
        continue;
      }
      const verdict = this.verdict(parentType, fieldName);
      if (!verdict.allowed) {
        this.removedCoordinates.add(`${parentType.name}.${fieldName}`);
        changed = true;
        containsRemoval = true;
        continue;
      }
      const definition = 'getFields' in parentType ? parentType.getFields()[fieldName] : undefined;
      const fieldType = definition ? getNamedType(definition.type) : undefined;
      if (!selection.selectionSet || !isCompositeType(fieldType)) {
        selections.push(selection);
        continue;
      }
      const inner = this.selectionSet(selection.selectionSet, fieldType);
      let innerNode = inner.node;
      if (inner.containsRemoval) {
        containsRemoval = true;
        if (isAbstractType(fieldType)) {
          // The response patch must know each value's concrete type to null the right objects.
          innerNode = { ...innerNode, selections: [...innerNode.selections, helperField(TYPENAME_MARKER_ALIAS)] };
          this.addedHelperFields = true;
        }
      }
      if (innerNode !== selection.selectionSet) changed = true;
      selections.push(innerNode === selection.selectionSet ? selection : { ...selection, selectionSet: innerNode });
    }
    this.containsRemoval.set(set, containsRemoval);
    if (!changed) return { node: set, containsRemoval };
    if (selections.length === 0) {
      selections.push(helperField(PLACEHOLDER_ALIAS));
      this.addedHelperFields = true;
    }
    return { node: { ...set, selections }, containsRemoval };
  }

  /** Every fragment definition, rewritten (each once, whatever the number of spreads). */
  fragmentDefinitionsRewritten(): Map<string, FragmentDefinitionNode> {
    const all = new Map<string, FragmentDefinitionNode>();
    for (const name of this.fragmentDefinitions.keys()) all.set(name, this.fragment(name)!.node);
    return all;
  }

  fragmentContainsRemoval(name: string): boolean {
    return this.fragment(name)?.containsRemoval === true;
  }

  fragmentDefinition(name: string): FragmentDefinitionNode | undefined {
    return this.fragmentDefinitions.get(name);
  }
}

/** Lists each removed selection's response path, walking the original operation through its fragments. */
class RemovedPathCollector {
  readonly removed: RemovedField[] = [];
  private readonly seen = new Set<string>();
  private visited = 0;

  constructor(
    private readonly request: FieldAccessRequest,
    private readonly rewriter: FieldAccessRewriter,
    private readonly variables: Record<string, unknown> | undefined,
    private readonly maxVisited: number,
  ) {}

  private included(selection: SelectionNode): boolean {
    if (!selection.directives?.length || !this.variables) return true;
    const skip = getDirectiveValues(GraphQLSkipDirective, selection, this.variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, selection, this.variables);
    return include?.if !== false;
  }

  /** The concrete types a fragment on `condition` narrows an object of static type `objectType` to; null = no narrowing. */
  private narrow(objectType: GraphQLCompositeType, narrowing: ReadonlySet<string> | null, condition: GraphQLCompositeType): ReadonlySet<string> | null {
    if (!isAbstractType(objectType)) return null;
    const { schema } = this.request;
    const allowed = new Set(isAbstractType(condition) ? schema.getPossibleTypes(condition).map((type) => type.name) : [condition.name]);
    const base = narrowing ?? new Set(schema.getPossibleTypes(objectType).map((type) => type.name));
    const result = new Set([...base].filter((name) => allowed.has(name)));
    return result.size === schema.getPossibleTypes(objectType).length ? null : result;
  }

  walk(set: SelectionSetNode, scopeType: GraphQLCompositeType, objectType: GraphQLCompositeType, prefix: PathStep[], narrowing: ReadonlySet<string> | null): void {
    for (const selection of set.selections) {
      this.visited += 1;
      if (this.visited > this.maxVisited) throw tooManySelections(this.maxVisited);
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
        let inner: SelectionSetNode | undefined;
        let conditionName: string | undefined;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          if (!this.rewriter.fragmentContainsRemoval(selection.name.value)) continue;
          const definition = this.rewriter.fragmentDefinition(selection.name.value);
          inner = definition?.selectionSet;
          conditionName = definition?.typeCondition.name.value;
        } else {
          inner = selection.selectionSet;
          conditionName = selection.typeCondition?.name.value;
        }
        const condition = conditionName ? this.request.schema.getType(conditionName) : scopeType;
        if (!inner || !isCompositeType(condition)) continue;
        this.walk(inner, condition, objectType, prefix, this.narrow(objectType, narrowing, condition));
        continue;
      }
      const fieldName = selection.name.value;
      if (fieldName.startsWith('__')) continue;
      const definition = 'getFields' in scopeType ? scopeType.getFields()[fieldName] : undefined;
      if (!definition) continue;
      const key = selection.alias?.value ?? fieldName;
      const step = stepFor(key, definition.type, narrowing);
      const verdict = this.rewriter.verdict(scopeType, fieldName);
      if (!verdict.allowed) {
        const path = [...prefix, step];
        const coordinate = `${scopeType.name}.${fieldName}`;
        const signature = `${coordinate}@${path.map((part) => (part.onlyTypes ? `${part.key}<${[...part.onlyTypes].sort().join('|')}>` : part.key)).join('.')}`;
        if (!this.seen.has(signature)) {
          this.seen.add(signature);
          this.removed.push({ coordinate, missingScopes: verdict.missingScopes, purposeRefused: verdict.purposeRefused, path });
        }
        continue;
      }
      const fieldType = getNamedType(definition.type);
      if (selection.selectionSet && isCompositeType(fieldType) && this.rewriter.containsRemoval.get(selection.selectionSet)) {
        this.walk(selection.selectionSet, fieldType, fieldType, [...prefix, step], null);
      }
    }
  }
}

/** Variables the operation still uses after the rewrite, through the fragments it spreads. */
function usedVariables(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Set<string> {
  const used = new Set<string>();
  const seenFragments = new Set<string>();
  const pending: ASTNode[] = [operation.selectionSet];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      Variable(node) {
        used.add(node.name.value);
      },
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !seenFragments.has(node.name.value)) {
          seenFragments.add(node.name.value);
          pending.push(fragment.selectionSet);
        }
      },
    });
  }
  return used;
}

/**
 * The rewritten operation. A variable used only by removed fields is dropped from the
 * definitions: GraphQL forbids unused variables, and the planner must get a valid operation.
 */
function rewrittenOperation(operation: OperationDefinitionNode, selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): OperationDefinitionNode {
  if (selectionSet === operation.selectionSet) return operation;
  const rewritten: OperationDefinitionNode = { ...operation, selectionSet };
  if (!operation.variableDefinitions?.length) return rewritten;
  const used = usedVariables(rewritten, fragments);
  const variableDefinitions = operation.variableDefinitions.filter((definition) => used.has(definition.variable.name.value));
  return variableDefinitions.length === operation.variableDefinitions.length ? rewritten : { ...rewritten, variableDefinitions };
}

function rootTypeOf(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLCompositeType | undefined {
  return (operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()) ?? undefined;
}

/** Coerced variable values (defaults applied, single values wrapped in lists), or undefined when they do not coerce. */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> | undefined {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], { ...variables });
  return result.coerced;
}

/**
 * Decides, for one operation and one caller, which selections to remove and where their nulls go.
 * Linear in the document for the rewrite (each fragment once); the path listing walks fragment
 * spreads only where something was removed, within `maxVisitedSelections`.
 */
export function planFieldAccess(request: FieldAccessRequest): FieldAccessPlan {
  const { schema, document } = request;
  const operation = getOperationAST(document, request.operationName ?? undefined);
  const unchanged: FieldAccessPlan = { document, removed: [], removedCoordinates: [], addedHelperFields: false };
  if (!operation) return unchanged; // Apollo has already answered "no such operation"
  const rootType = rootTypeOf(schema, operation);
  if (!rootType) return unchanged;

  const rewriter = new FieldAccessRewriter(request, document);
  const root = rewriter.selectionSet(operation.selectionSet, rootType);
  const fragments = rewriter.fragmentDefinitionsRewritten();
  if (rewriter.removedCoordinates.size === 0 && !rewriter.addedHelperFields) return unchanged;

  const collector = new RemovedPathCollector(request, rewriter, coercedVariables(schema, operation, request.variables), request.maxVisitedSelections ?? DEFAULT_MAX_VISITED_SELECTIONS);
  collector.walk(operation.selectionSet, rootType, rootType, [], null);

  const rewrittenDocument: DocumentNode = {
    ...document,
    definitions: document.definitions.map((definition) => {
      if (definition === operation) return rewrittenOperation(operation, root.node, fragments);
      if (definition.kind === Kind.FRAGMENT_DEFINITION) return fragments.get(definition.name.value) ?? definition;
      return definition;
    }),
  };
  return {
    document: rewrittenDocument,
    removed: collector.removed,
    removedCoordinates: [...rewriter.removedCoordinates].sort(),
    addedHelperFields: rewriter.addedHelperFields,
  };
}
