import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, getOperationAST, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createHash } from 'node:crypto';
import type { Caller } from '../access/caller';
import { SupergraphAccessPolicy, type AccessPolicy } from './access-policy';
import { planFieldAccess, type FieldAccessPlan } from './field-access-plan';
import { operationRefusedError } from './forbidden-field-errors';
import { patchResponse } from './response-patch';

export interface FieldAccessPluginOptions<TContext extends BaseContext> {
  /**
   * The access rules of the supergraph being served.
   * @default read from the supergraph the gateway loads, and again whenever it changes
   */
  policy?: () => AccessPolicy | undefined;
  /** The caller of this request (built by the HTTP layer); undefined = unknown, and refused. */
  callerOf(contextValue: TContext): Pick<Caller, 'scopes' | 'via'> | undefined;
  /** The request's purpose as a field filter (`Type.field` -> allowed?); undefined = no restriction. */
  purposeFilterOf?(contextValue: TContext): ((coordinate: string) => boolean) | undefined;
  /** Refuse the whole operation (FORBIDDEN listing the fields) instead of answering without them. @default false */
  rejectWholeOperation?: boolean;
  /** FORBIDDEN errors listed one by one per removed field before the rest are only counted. @default 20 */
  maxErrorsPerField?: number;
}

/** What the plugin did to one request, for the audit ledger (which records the coordinates resolved). */
export interface FieldAccessOutcome {
  /** The hash of the operation as the client sent it (the request context's hash now names the rewrite). */
  originalQueryHash: string;
  removedCoordinates: readonly string[];
}

const outcomes = new WeakMap<object, FieldAccessOutcome>();

/** The outcome for a request context, when the plugin removed something from its operation. */
export function fieldAccessOutcomeOf(requestContext: object): FieldAccessOutcome | undefined {
  return outcomes.get(requestContext);
}

/**
 * The query-plan cache key of a rewritten operation. ApolloGateway keys its plan cache by the
 * request context's `queryHash` (+ operation name) and reads `document` only on a miss, so two
 * callers who send the same text but may read different fields must get different keys, or
 * the second would be served the first one's plan. The rewrite is a pure function of the text
 * and the set of removed coordinates, so those two make the key.
 */
export function accessAwareQueryHash(queryHash: string, removedCoordinates: readonly string[]): string {
  return createHash('sha256').update(queryHash).update('\0satu-field-access\0').update(removedCoordinates.join(',')).digest('hex');
}

interface WritableOperationFields {
  document: DocumentNode;
  operation: OperationDefinitionNode | undefined;
  queryHash: string;
}

/**
 * Apollo types these fields read-only, but `didResolveOperation` is the documented last point
 * before execution, and the gateway executor reads exactly these three (document, operation
 * name, queryHash) when it plans. This is the one place we write them.
 */
function replaceOperation(requestContext: GraphQLRequestContextDidResolveOperation<BaseContext>, document: DocumentNode, queryHash: string): void {
  const writable = requestContext as unknown as WritableOperationFields;
  writable.document = document;
  writable.operation = getOperationAST(document, requestContext.operationName ?? undefined) ?? undefined;
  writable.queryHash = queryHash;
}

function noCaller(): GraphQLError {
  return new GraphQLError('This request carries no caller identity, so no field can be released; the gateway refuses it.', {
    extensions: { code: 'FORBIDDEN', http: { status: 403 } },
  });
}

function noPolicy(): GraphQLError {
  return new GraphQLError('The access rules of the schema are not loaded yet; try again in a moment.', { extensions: { code: 'FORBIDDEN', http: { status: 503 } } });
}

/**
 * Field-level access from `@access(scopes)` and the request's purpose (issue 6, item 3).
 * Before planning, the operation is rewritten without the fields the caller may not read, so
 * they are never fetched from an agency; after execution each one comes back null with a
 * FORBIDDEN error at its path, and the rest of the answer stands. With `rejectWholeOperation`
 * the operation is refused instead. A caller whose access control is switched off
 * (`via: 'development'`) passes untouched.
 */
export function fieldAccessPlugin<TContext extends BaseContext>(options: FieldAccessPluginOptions<TContext>): ApolloServerPlugin<TContext> {
  const tracked = new SupergraphAccessPolicy();
  const currentPolicy = options.policy ?? (() => tracked.current());
  return {
    async serverWillStart() {
      if (options.policy) return;
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          if (coreSupergraphSdl) tracked.update(coreSupergraphSdl);
        },
      };
    },
    async requestDidStart() {
      let plan: FieldAccessPlan | undefined;
      return {
        async didResolveOperation(requestContext) {
          const caller = options.callerOf(requestContext.contextValue);
          if (!caller) throw noCaller();
          if (caller.via === 'development') return;
          const policy = currentPolicy();
          if (!policy) throw noPolicy();
          const candidate = planFieldAccess({
            schema: requestContext.schema,
            policy,
            document: requestContext.document,
            operationName: requestContext.operationName,
            variables: requestContext.request.variables,
            scopes: caller.scopes,
            purposeAllows: options.purposeFilterOf?.(requestContext.contextValue),
          });
          if (candidate.document === requestContext.document) return;
          if (options.rejectWholeOperation && candidate.removed.length > 0) throw operationRefusedError(candidate.removed);
          outcomes.set(requestContext, { originalQueryHash: requestContext.queryHash, removedCoordinates: candidate.removedCoordinates });
          replaceOperation(requestContext as unknown as GraphQLRequestContextDidResolveOperation<BaseContext>, candidate.document, accessAwareQueryHash(requestContext.queryHash, candidate.removedCoordinates));
          plan = candidate;
        },
        async willSendResponse({ response }) {
          if (!plan || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const patched = patchResponse(result.data, plan, { maxErrorsPerField: options.maxErrorsPerField });
          response.body.singleResult = {
            ...result,
            data: patched.data,
            errors: [...(result.errors ?? []), ...patched.errors],
          };
        },
      };
    },
  };
}
