import type { ApolloServer, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, parse, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { maskNik } from '../../subgraphs/kit/nik';
import { directiveArgument } from '../../schema/supergraph-ownership';

/** Mutation fields guarded by `@requiresConsistentIdentity`, with the name of their NIK argument. */
export function guardedMutations(supergraphSdl: string): Map<string, string> {
  const guarded = new Map<string, string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Mutation') continue;
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((candidate) => candidate.name.value === 'requiresConsistentIdentity');
      const nikArgument = directiveArgument(directive, 'nikArgument');
      if (nikArgument) guarded.set(field.name.value, nikArgument);
    }
  }
  return guarded;
}

interface Discrepancy {
  attribute: string;
  agency: string;
  registryValue: string | null;
  agencyValue: string | null;
  severity: string;
  reason: string;
}
interface IdentityCheckAnswer {
  status: 'CONSISTENT' | 'VARIANT' | 'MISMATCH' | 'INCOMPLETE';
  discrepancies: Discrepancy[];
  unreachableAgencies: string[];
}

const CHECK_QUERY = `query SatuConsistentIdentityGuard($nik: NIK!) {
  citizen(nik: $nik) { identityCheck { status unreachableAgencies discrepancies { attribute agency registryValue agencyValue severity reason } } }
}`;

export interface ConsistentIdentityOptions {
  /** The server itself, to run the identity check through the same graph (set after construction). */
  server: () => ApolloServer<BaseContext> | undefined;
  /** Also refuse when some agency could not be asked (INCOMPLETE). @default false */
  refuseOnIncomplete?: boolean;
  /**
   * The context the internal identity check runs with, from the guarded request's own: the
   * gateway asks on the caller's behalf (access control and the ledger see who and why).
   * @default an empty context
   */
  internalContextOf?: (requestContext: BaseContext) => BaseContext;
}

function nikArgumentValue(value: ValueNode | undefined, variables: Record<string, unknown> | undefined): unknown {
  if (!value) return undefined;
  if (value.kind === Kind.VARIABLE) return variables?.[value.name.value];
  return value.kind === Kind.STRING ? value.value : undefined;
}

function refusal(field: string, nik: string, check: IdentityCheckAnswer, refuseOnIncomplete: boolean): GraphQLError {
  const blocking = check.discrepancies.filter((discrepancy) => discrepancy.severity === 'MISMATCH');
  const where = [...new Set(blocking.map((discrepancy) => discrepancy.agency))];
  const summary = blocking.map((d) => `${d.attribute} at ${d.agency} ("${d.agencyValue ?? ''}" vs the registry's "${d.registryValue ?? ''}")`).join('; ');
  const message =
    check.status === 'MISMATCH'
      ? `${field} refused: the identity of citizen ${maskNik(nik)} disagrees with the civil registry: ${summary}. ` +
        `Synchronize first: correct the copy at ${where.join(', ')}, or at the civil registry (Disdukcapil) if the registry is the one in error, then try again.`
      : `${field} refused: the identity of citizen ${maskNik(nik)} could not be checked against ${check.unreachableAgencies.join(', ')} (INCOMPLETE), and this gateway refuses on incomplete checks; try again when they answer.`;
  return new GraphQLError(message, {
    extensions: {
      code: 'IDENTITY_MISMATCH',
      status: check.status,
      refuseOnIncomplete,
      discrepancies: blocking,
      unreachableAgencies: check.unreachableAgencies,
      correctAt: where,
    },
  });
}

/**
 * The MPP's rule (DESIGN.md section 4): a mutation marked `@requiresConsistentIdentity` runs
 * only when the citizen's identity agrees across agencies. The check runs before planning,
 * so a refused mutation never reaches its agency. Directives are read from the supergraph
 * (the API schema strips them, STYLE.md pitfall 5), and read again whenever the gateway loads
 * another supergraph (live reload from the registry).
 */
export function consistentIdentityPlugin(options: ConsistentIdentityOptions): ApolloServerPlugin<BaseContext> {
  let guarded = new Map<string, string>();
  const refuseOnIncomplete = options.refuseOnIncomplete ?? false;
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          guarded = coreSupergraphSdl ? guardedMutations(coreSupergraphSdl) : new Map();
        },
      };
    },
    async requestDidStart() {
      if (guarded.size === 0) return {};
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          for (const selection of (operation as OperationDefinitionNode).selectionSet.selections) {
            if (selection.kind !== Kind.FIELD) continue;
            const nikArgument = guarded.get(selection.name.value);
            if (!nikArgument) continue;
            const nik = nikArgumentValue(selection.arguments?.find((argument) => argument.name.value === nikArgument)?.value, request.variables);
            if (typeof nik !== 'string') continue; // the NIK plugin and GraphQL validation answer a missing or malformed NIK
            const server = options.server();
            if (!server) throw new GraphQLError('the identity check is not available yet', { extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'crosscheck' } });
            const result = await server.executeOperation({ query: CHECK_QUERY, variables: { nik } }, { contextValue: options.internalContextOf?.(contextValue) ?? {} });
            const single = result.body.kind === 'single' ? result.body.singleResult : undefined;
            const citizen = (single?.data as { citizen?: { identityCheck: IdentityCheckAnswer | null } | null } | undefined)?.citizen;
            if (citizen === null) {
              throw new GraphQLError(`${selection.name.value} refused: the civil registry does not know the NIK ${maskNik(nik)}`, { extensions: { code: 'BAD_USER_INPUT' } });
            }
            const check = citizen?.identityCheck;
            if (!check) {
              throw new GraphQLError(`${selection.name.value} refused: the identity check could not run, so consistency cannot be confirmed; try again later`, {
                extensions: { code: 'IDENTITY_MISMATCH', status: 'INCOMPLETE' },
              });
            }
            if (check.status === 'MISMATCH' || (refuseOnIncomplete && check.status === 'INCOMPLETE')) {
              throw refusal(selection.name.value, nik, check, refuseOnIncomplete);
            }
          }
        },
      };
    },
  };
}
