import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';
import { satuDirectiveName } from './satu-directive-name';

/**
 * Who may read what, from the `@access(scopes: [...])` tags composed into the supergraph
 * (DESIGN.md section 4). The API schema Apollo executes against carries none of our directives
 * (STYLE.md pitfall 5), so the rules are read from the supergraph SDL, once per supergraph.
 *
 * A field needs the union of:
 * - its own `@access` scopes;
 * - the scopes of the type it is declared on (a type-level tag guards every field of the type);
 * - the scopes of the type it returns (a tagged type cannot be reached through an untagged field).
 * A field asked through an interface needs what the field needs on every type that may stand
 * behind the interface: the check happens before execution, when the concrete type is unknown,
 * and refusing too much is the safe side. Ask `... on ConcreteType { field }` to get the types
 * the caller may read.
 */
export interface AccessPolicy {
  /** The scopes needed to read `typeName.fieldName`, sorted; empty when the field is open. */
  requiredScopes(typeName: string, fieldName: string): readonly string[];
  /** Every coordinate that needs a scope, with its scopes (for documentation and tests). */
  readonly requirements: ReadonlyMap<string, readonly string[]>;
}

const OPEN: readonly string[] = Object.freeze([]);

interface TypeShape {
  kind: 'object' | 'interface' | 'union';
  scopes: readonly string[];
  /** Field name -> its own scopes and the name of the type it returns. */
  fields: Map<string, { scopes: readonly string[]; returns: string }>;
  /** Object types that may stand behind an interface or union (objects: themselves). */
  possibleTypes: Set<string>;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** `scopes: [...]` of our access directive among `directives`, or none. */
function scopesOf(directives: readonly ConstDirectiveNode[] | undefined, directiveName: string): readonly string[] {
  const scopes = new Set<string>();
  for (const directive of directives ?? []) {
    if (directive.name.value !== directiveName) continue;
    const argument = directive.arguments?.find((candidate) => candidate.name.value === 'scopes');
    const value = argument?.value;
    if (value?.kind === Kind.LIST) {
      for (const item of value.values) if (item.kind === Kind.STRING) scopes.add(item.value);
    } else if (value?.kind === Kind.STRING) {
      scopes.add(value.value); // a single string is coerced to a one-item list, as GraphQL does for list inputs
    }
  }
  return scopes.size === 0 ? OPEN : [...scopes].sort();
}

function union(...lists: ReadonlyArray<readonly string[]>): readonly string[] {
  const all = new Set<string>();
  for (const list of lists) for (const scope of list) all.add(scope);
  return all.size === 0 ? OPEN : [...all].sort();
}

function collectTypes(document: DocumentNode, accessName: string): Map<string, TypeShape> {
  const types = new Map<string, TypeShape>();
  const shapeOf = (name: string, kind: TypeShape['kind']): TypeShape => {
    let shape = types.get(name);
    if (!shape) {
      shape = { kind, scopes: OPEN, fields: new Map(), possibleTypes: new Set(kind === 'object' ? [name] : []) };
      types.set(name, shape);
    }
    return shape;
  };
  const addFields = (shape: TypeShape, fields: readonly FieldDefinitionNode[] | undefined): void => {
    for (const field of fields ?? []) shape.fields.set(field.name.value, { scopes: scopesOf(field.directives, accessName), returns: namedTypeOf(field.type) });
  };
  const implementations: Array<[string, string]> = [];
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION: {
        const shape = shapeOf(definition.name.value, 'object');
        shape.scopes = union(shape.scopes, scopesOf(definition.directives, accessName));
        addFields(shape, definition.fields);
        for (const implemented of definition.interfaces ?? []) implementations.push([definition.name.value, implemented.name.value]);
        break;
      }
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        addFields(shapeOf(definition.name.value, 'interface'), definition.fields);
        break;
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.UNION_TYPE_EXTENSION: {
        const shape = shapeOf(definition.name.value, 'union');
        for (const member of definition.types ?? []) shape.possibleTypes.add(member.name.value);
        break;
      }
      default:
        break;
    }
  }
  // GraphQL requires an object to name every interface it implements, transitively, so one pass suffices.
  for (const [objectName, interfaceName] of implementations) types.get(interfaceName)?.possibleTypes.add(objectName);
  return types;
}

/** Builds the policy from a supergraph SDL. Pure: the same SDL always gives the same policy. */
export function accessPolicyFromSupergraph(supergraphSdl: string): AccessPolicy {
  const document = parse(supergraphSdl);
  const types = collectTypes(document, satuDirectiveName(document, 'access'));

  const typeScopes = (name: string): readonly string[] => {
    const shape = types.get(name);
    if (!shape) return OPEN; // scalars and enums carry no access rule
    if (shape.kind === 'object') return shape.scopes;
    return union(...[...shape.possibleTypes].map((possible) => types.get(possible)?.scopes ?? OPEN));
  };
  const objectFieldScopes = (objectName: string, fieldName: string): readonly string[] => {
    const shape = types.get(objectName);
    const field = shape?.fields.get(fieldName);
    if (!shape || !field) return OPEN;
    return union(field.scopes, shape.scopes, typeScopes(field.returns));
  };

  const requirements = new Map<string, readonly string[]>();
  for (const [typeName, shape] of types) {
    for (const [fieldName, field] of shape.fields) {
      const scopes =
        shape.kind === 'object'
          ? objectFieldScopes(typeName, fieldName)
          : union(field.scopes, typeScopes(field.returns), ...[...shape.possibleTypes].map((possible) => objectFieldScopes(possible, fieldName)));
      if (scopes.length > 0) requirements.set(`${typeName}.${fieldName}`, scopes);
    }
  }
  return {
    requirements,
    requiredScopes: (typeName, fieldName) => requirements.get(`${typeName}.${fieldName}`) ?? OPEN,
  };
}

/**
 * The policy of the supergraph being served, rebuilt only when the SDL changes (a registry
 * reload). Reading it is a map lookup, so plugins can ask on every request.
 */
export class SupergraphAccessPolicy {
  private sdl: string | undefined;
  private policy: AccessPolicy | undefined;

  /** The policy for `supergraphSdl`; rebuilt only when it differs from the last one asked for. */
  update(supergraphSdl: string): AccessPolicy {
    if (this.policy === undefined || this.sdl !== supergraphSdl) {
      this.policy = accessPolicyFromSupergraph(supergraphSdl);
      this.sdl = supergraphSdl;
    }
    return this.policy;
  }

  /** The latest policy, or undefined before any supergraph was seen. */
  current(): AccessPolicy | undefined {
    return this.policy;
  }
}
