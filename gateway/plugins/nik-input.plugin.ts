import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isListType,
  isNonNullType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { InvalidNikError, parseNik } from '../../subgraphs/kit/nik';

/** The scalar name in the public contract (DESIGN.md section 3). */
const NIK_SCALAR = 'NIK';

function badNik(message: string, where: string): GraphQLError {
  return new GraphQLError(`${where}: ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

function checkNikValue(value: unknown, where: string): void {
  try {
    parseNik(value);
  } catch (error) {
    if (error instanceof InvalidNikError) throw badNik(error.message, where);
    throw error;
  }
}

/** Checks a JSON variable value against a (possibly list) NIK input type. */
function checkVariableValue(value: unknown, type: GraphQLInputType, where: string): void {
  if (value === null || value === undefined) return; // nullability is GraphQL's own check
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, index) => checkVariableValue(item, inner.ofType, `${where}[${index}]`));
    return;
  }
  checkNikValue(value, where);
}

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
      throw badNik(`NIK must be a quoted string of 16 digits, got a ${node.kind === Kind.INT || node.kind === Kind.FLOAT ? 'number' : node.kind}`, where);
  }
}

/** Every NIK argument of the operation, literal or variable, is validated. */
export function validateNikInputs(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const type = typeInfo.getInputType();
        if (!type || getNamedType(type).name !== NIK_SCALAR) return;
        const name = node.variable.name.value;
        checkVariableValue(variables?.[name], type, `variable $${name}`);
      },
      Argument(node) {
        const type = typeInfo.getInputType();
        if (!type || getNamedType(type).name !== NIK_SCALAR) return;
        checkLiteral(node.value, `argument ${node.name.value}`);
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
