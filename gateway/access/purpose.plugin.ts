import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import type { OperationCoordinatesCache } from '../usage/operation-coordinates-cache';
import type { AccessPolicy } from '../access-policy';
import { forbidden } from './access-errors';
import { PURPOSE_HEADER, type PurposeConfig } from './purpose';
import { DATA_READ_SCOPES } from './scopes';
import type { SatuContext } from './satu-context';

const DATA_SCOPES: ReadonlySet<string> = new Set(DATA_READ_SCOPES);

/** Does an argument of this type carry a NIK (the scalar itself, a list of it, or an input holding one)? */
function carriesNik(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return carriesNik(inner.ofType, seen);
  const named = getNamedType(inner);
  if (named.name === 'NIK') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => carriesNik(field.type, seen));
}

/**
 * Whether an operation reads personal data: it names a citizen (a NIK argument: even "is this NIK
 * known" is personal data), or it selects a field guarded by a data-domain scope
 * (`identity:read`, `health:read`, ...). Lineage and schema questions need no purpose.
 */
export function readsPersonalData(coordinates: readonly string[], schema: GraphQLSchema, policy: AccessPolicy): boolean {
  for (const coordinate of coordinates) {
    const parts = coordinate.split('.');
    if (parts.length < 2) continue;
    const [typeName, fieldName, argumentName] = parts as [string, string, string | undefined];
    if (argumentName !== undefined) {
      const type = schema.getType(typeName);
      const field = type && 'getFields' in type ? (type.getFields() as Record<string, { args?: ReadonlyArray<{ name: string; type: GraphQLInputType }> }>)[fieldName] : undefined;
      const argument = field?.args?.find((candidate) => candidate.name === argumentName);
      if (argument && carriesNik(argument.type)) return true;
      continue;
    }
    if (policy.requiredScopes(typeName, fieldName).some((scope) => DATA_SCOPES.has(scope))) return true;
  }
  return false;
}

export interface PurposePluginOptions {
  purposes: PurposeConfig;
  /** The access policy of the supergraph being served (it changes on reload). */
  policy: () => AccessPolicy;
  /** Shared with the usage recorder and the ledger, so an operation is walked once. */
  coordinates: OperationCoordinatesCache;
}

/**
 * Every operation that reads personal data names its purpose (`X-Satu-Purpose`, issue 6 item 2).
 * The code itself was checked when the context was built; here a missing one is refused, before
 * planning, so no agency is asked. Internal calls (the gateway on a caller's behalf) carry the
 * caller's purpose and are judged the same way.
 */
export function purposePlugin(options: PurposePluginOptions): ApolloServerPlugin<SatuContext> {
  const validCodes = [...options.purposes.purposes.keys()].join(', ');
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, queryHash, contextValue }) {
          if (contextValue.identity?.purpose) return;
          if (contextValue.identity?.caller.via === 'development') return;
          if (!operation) return;
          const coordinates = options.coordinates.of({ schema, document, operation, queryHash });
          if (!readsPersonalData(coordinates, schema, options.policy())) return;
          throw forbidden(`${PURPOSE_HEADER} is missing: this operation reads personal data and must name its purpose. Valid codes: ${validCodes}`);
        },
      };
    },
  };
}
