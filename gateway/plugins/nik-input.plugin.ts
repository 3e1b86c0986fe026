import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { InvalidNikError, parseNik } from '../../subgraphs/kit/nik';

/** The scalar name in the public contract (DESIGN.md section 3). */
const NIK_SCALAR = 'NIK';

/**
 * The messages below never repeat the value they refuse: a NIK sent as a JSON number has already
 * been rounded by JSON.parse (beyond 2^53), and echoing a NIK puts personal data in a response
 * that proxies and client logs may keep. They name the place and the fault instead.
 */
function badNik(message: string, where: string): GraphQLError {
  return new GraphQLError(`${where}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

function checkNikValue(value: unknown, where: string): void {
  try {
    parseNik(value);
  } catch (error) {
    if (error instanceof InvalidNikError) throw badNik(error.message, where);
    throw error;
  }
}

/** Does this input type hold a NIK anywhere (itself, a list of them, or a field of an input object, at any depth)? */
function holdsNik(type: GraphQLNamedType, seen = new Set<string>()): boolean {
  if (type.name === NIK_SCALAR) return true;
  if (!isInputObjectType(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  return Object.values(type.getFields()).some((field) => holdsNik(getNamedType(field.type), seen));
}

/** Checks a JSON variable value against an input type that holds NIKs (NIK, lists, input objects). */
function checkVariableValue(value: unknown, type: GraphQLInputType, where: string): void {
  if (value === null || value === undefined) return; // nullability is GraphQL's own check
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, index) => checkVariableValue(item, inner.ofType, `${where}[${index}]`));
    return;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object' || Array.isArray(value)) return; // GraphQL's own coercion refuses it
    for (const field of Object.values(inner.getFields())) {
      if (holdsNik(getNamedType(field.type))) checkVariableValue((value as Record<string, unknown>)[field.name], field.type, `${where}.${field.name}`);
    }
    return;
  }
  checkNikValue(value, where);
}

const LITERAL_WORDS: Partial<Record<Kind, string>> = {
  [Kind.INT]: 'a number',
  [Kind.FLOAT]: 'a number',
  [Kind.BOOLEAN]: 'a boolean',
  [Kind.ENUM]: 'an enum value',
  [Kind.OBJECT]: 'an object',
};

/** Checks an inline literal; a number literal is refused without echoing its (possibly rounded) value. */
function checkLiteral(node: ValueNode, where: string): void {
  switch (node.kind) {
    case Kind.LIST:
      node.values.forEach((item, index) => checkLiteral(item, `${where}[${index}]`));
      return;
    case Kind.STRING:
      checkNikValue(node.value, where);
      return;
    case Kind.VARIABLE:
    case Kind.NULL:
      return;
    default:
      throw badNik(`NIK must be a quoted string of 16 digits, got ${LITERAL_WORDS[node.kind] ?? node.kind}`, where);
  }
}

/**
 * Every NIK input of the operation is validated: arguments and input object fields, as literals
 * or as variables, in lists, at any depth.
 */
export function validateNikInputs(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const type = typeInfo.getInputType();
        if (!type || !holdsNik(getNamedType(type))) return;
        const name = node.variable.name.value;
        checkVariableValue(variables?.[name], type, `variable $${name}`);
      },
      Argument(node) {
        const type = typeInfo.getInputType();
        if (!type || getNamedType(type).name !== NIK_SCALAR) return;
        checkLiteral(node.value, `argument ${node.name.value}`);
      },
      ObjectField(node) {
        const type = typeInfo.getInputType();
        if (!type || getNamedType(type).name !== NIK_SCALAR) return;
        checkLiteral(node.value, `input field ${node.name.value}`);
      },
    }),
  );
}

/**
 * Validates NIK arguments before planning, so a malformed NIK never reaches an agency.
 * The gateway's API schema carries NIK as an opaque scalar (composition keeps no parse
 * functions), so without this a JSON number or a 15-digit string would travel on.
 */
export function nikInputPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          validateNikInputs(schema, document, request.variables);
        },
      };
    },
  };
}
