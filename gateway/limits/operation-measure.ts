import {
  Kind,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { AgencyFanOut } from './agency-fan-out';

/**
 * The size of an operation, measured before planning in one pass over the document (issue 6,
 * item 4). Fragments are measured once each and their numbers reused wherever they are spread,
 * so a "fragment bomb" (fragments spreading each other many times) costs the measurement
 * nothing more than its text, while its numbers come out as large as its expansion.
 */
export interface OperationMeasures {
  /** Nesting of fields; a root field is depth 1. Introspection (`__schema`, `__type`) is not counted. */
  depth: number;
  aliases: number;
  directives: number;
  rootFields: number;
  /** The longest list argument (variables resolved), or null when there is none. */
  longestList: { coordinate: string; argument: string; length: number } | null;
  /**
   * Estimated agency record look-ups: for every selection set, the number of objects it is asked
   * for (the product of the list sizes above it) times the agencies its fields reach. A
   * `citizens` list of 100 NIKs asking fields of 10 agencies costs about 1000.
   */
  cost: number;
}

export interface MeasureRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Readonly<Record<string, unknown>>;
  fanOut: AgencyFanOut;
  /** Items assumed in a returned list whose size no list argument tells. */
  assumedListSize: number;
}

interface SetMeasure {
  depth: number;
  aliases: number;
  directives: number;
  fields: number;
  /** Agencies reached by fields with a single owner. */
  agencies: Set<string>;
  /**
   * Owner sets of fields several agencies can resolve (keys, shared fields): one of each counts.
   * Keyed by the set, so a fragment spread a million times adds one entry, not a million.
   */
  sharedOwners: Map<string, readonly string[]>;
  /** Cost of the selection sets nested below, for one object of this set. */
  nestedCost: number;
}

function emptyMeasure(): SetMeasure {
  return { depth: 0, aliases: 0, directives: 0, fields: 0, agencies: new Set(), sharedOwners: new Map(), nestedCost: 0 };
}

function merge(into: SetMeasure, other: SetMeasure): void {
  into.depth = Math.max(into.depth, other.depth);
  into.aliases += other.aliases;
  into.directives += other.directives;
  into.fields += other.fields;
  for (const agency of other.agencies) into.agencies.add(agency);
  for (const [key, owners] of other.sharedOwners) into.sharedOwners.set(key, owners);
  into.nestedCost += other.nestedCost;
}

/** Agencies one object of a selection set reaches: each single owner, plus one owner per shared field not already reached. */
function agencyCount(measure: SetMeasure): number {
  const reached = new Set(measure.agencies);
  for (const owners of measure.sharedOwners.values()) if (owners.length > 0 && !owners.some((owner) => reached.has(owner))) reached.add(owners[0]!);
  return reached.size;
}

/** Lengths of every list inside a coerced argument value, walking input objects. */
function longestListIn(value: unknown, type: GraphQLInputType): number {
  if (value === null || value === undefined) return 0;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return 0;
    let longest = value.length;
    for (const item of value) longest = Math.max(longest, longestListIn(item, inner.ofType));
    return longest;
  }
  if (isInputObjectType(inner) && typeof value === 'object') {
    let longest = 0;
    for (const [name, field] of Object.entries(inner.getFields())) longest = Math.max(longest, longestListIn((value as Record<string, unknown>)[name], field.type));
    return longest;
  }
  return 0;
}

/** How many list levels a return type has (`[[A]]` = 2). */
function listLevels(type: GraphQLOutputType): number {
  let levels = 0;
  let current: GraphQLOutputType = type;
  for (;;) {
    if (isNonNullType(current)) current = current.ofType;
    else if (isListType(current)) {
      levels += 1;
      current = current.ofType;
    } else return levels;
  }
}

class OperationMeasurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly fragmentMeasures = new Map<string, SetMeasure>();
  longestList: OperationMeasures['longestList'] = null;

  constructor(
    private readonly request: MeasureRequest,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of request.document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
  }

  /** The coerced arguments of a field, recording its longest list; the list's length when the field returns one item per input. */
  private listArguments(parentType: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, node: FieldNode): number {
    if (field.args.length === 0 || !node.arguments?.length) return 0;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, node, this.variables);
    } catch {
      return 0; // invalid arguments are refused by execution, before any agency is asked
    }
    let longest = 0;
    for (const argument of field.args) {
      const length = longestListIn(values[argument.name], argument.type);
      if (length > longest) longest = length;
      if (length > (this.longestList?.length ?? 0)) this.longestList = { coordinate: `${parentType.name}.${field.name}`, argument: argument.name, length };
    }
    return longest;
  }

  private fragment(name: string): SetMeasure {
    const known = this.fragmentMeasures.get(name);
    if (known) return known;
    const definition = this.fragments.get(name);
    // Validation refuses fragment cycles; the empty entry only stops a malformed document looping.
    this.fragmentMeasures.set(name, emptyMeasure());
    if (!definition) return emptyMeasure();
    const type = this.request.schema.getType(definition.typeCondition.name.value);
    const measure = isCompositeType(type) ? this.selectionSet(definition.selectionSet, type) : emptyMeasure();
    measure.directives += definition.directives?.length ?? 0;
    this.fragmentMeasures.set(name, measure);
    return measure;
  }

  selectionSet(set: SelectionSetNode, parentType: GraphQLCompositeType): SetMeasure {
    const measure = emptyMeasure();
    const { fanOut, assumedListSize, schema } = this.request;
    for (const selection of set.selections) {
      measure.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        merge(measure, this.fragment(selection.name.value));
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (isCompositeType(condition)) merge(measure, this.selectionSet(selection.selectionSet, condition));
        continue;
      }
      if (selection.alias) measure.aliases += 1;
      const name = selection.name.value;
      if (name.startsWith('__')) continue; // __typename is free; introspection is local and has its own gate
      measure.fields += 1;
      const field = 'getFields' in parentType ? parentType.getFields()[name] : undefined;
      if (!field) continue;
      const owners = fanOut.owners(parentType.name, name);
      if (owners.length === 1) measure.agencies.add(owners[0]!);
      else if (owners.length > 1) measure.sharedOwners.set(owners.join(','), owners);
      for (const agency of fanOut.requiredAgencies(parentType.name, name)) measure.agencies.add(agency);
      const perInput = this.listArguments(parentType, field, selection);
      const fieldType = getNamedType(field.type);
      if (!selection.selectionSet || !isCompositeType(fieldType)) {
        measure.depth = Math.max(measure.depth, 1);
        continue;
      }
      const inner = this.selectionSet(selection.selectionSet, fieldType);
      measure.depth = Math.max(measure.depth, 1 + inner.depth);
      measure.aliases += inner.aliases;
      measure.directives += inner.directives;
      // A list field with a list argument answers one item per input (citizens(niks:)); other lists are assumed.
      const levels = listLevels(field.type);
      const objects = levels === 0 ? 1 : (perInput > 0 ? perInput : assumedListSize) * assumedListSize ** (levels - 1);
      measure.nestedCost += objects * (agencyCount(inner) + inner.nestedCost);
    }
    return measure;
  }
}

/** Measures the operation that will run; undefined when there is no such operation (Apollo answers that itself). */
export function measureOperation(request: MeasureRequest): OperationMeasures | undefined {
  const { schema, document } = request;
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) return undefined;
  const rootType = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!rootType) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { ...request.variables });
  // Variables that do not coerce are refused by execution; measure what the text alone says.
  const measurer = new OperationMeasurer(request, coerced.coerced ?? {});
  const root = measurer.selectionSet(operation.selectionSet, rootType);
  return {
    depth: root.depth,
    aliases: root.aliases,
    directives: root.directives + (operation.directives?.length ?? 0),
    rootFields: root.fields,
    longestList: measurer.longestList,
    cost: agencyCount(root) + root.nestedCost,
  };
}
