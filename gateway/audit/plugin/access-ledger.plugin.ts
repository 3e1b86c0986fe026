import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { SatuContext } from '../../access/satu-context';
import { fieldAccessOutcomeOf } from '../../access-policy';
import type { OperationCoordinatesCache } from '../../usage/operation-coordinates-cache';
import type { LedgerEntryDraft, LedgerOutcome } from '../ledger-entry';
import { auditUnavailable } from '../audit-unavailable';
import { niksIn } from './niks-in';
import type { PlannedAgencies } from './query-plan-agencies';

/** What the plugin needs of the ledger: one durable append per operation. */
export interface LedgerSink {
  append(draft: LedgerEntryDraft): Promise<unknown>;
}

export interface AccessLedgerPluginOptions {
  ledger: LedgerSink;
  plannedAgencies: PlannedAgencies;
  /** Shared with the purpose check and the usage recorder, so an operation is walked once. */
  coordinates: OperationCoordinatesCache;
  logger: Logger;
}

/** Codes that mean "the gateway said no" rather than "something broke". */
const REFUSAL_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_FOUND',
  'IDENTITY_MISMATCH',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
]);

function errorCodesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return [...new Set((errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))].sort();
}

function outcomeOf(hasData: boolean, codes: readonly string[]): LedgerOutcome {
  if (codes.length === 0) return 'OK';
  if (hasData) return 'PARTIAL';
  return codes.every((code) => REFUSAL_CODES.has(code)) ? 'REFUSED' : 'ERROR';
}

/** NIKs written as literals in the document (variables are read separately). */
function literalNiks(document: DocumentNode | undefined, into: Set<string>): void {
  if (!document) return;
  visit(document, {
    [Kind.STRING]: (node) => {
      niksIn(node.value, into);
    },
  });
}

/**
 * One access-ledger entry per operation (issue 6, item 6): who, role, purpose, operation name
 * and hash, the NIKs asked about and answered, the field coordinates, the agencies the plan
 * reached, outcome and latency. Fail closed: the answer waits for the entry's commit (batched
 * with others, so the gateway is not serialized), and if the entry cannot be written the caller
 * gets AUDIT_UNAVAILABLE and no data.
 */
export function accessLedgerPlugin(options: AccessLedgerPluginOptions): ApolloServerPlugin<SatuContext> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      let coordinates: readonly string[] = [];
      return {
        async executionDidStart(requestContext) {
          // After every plugin's didResolveOperation: the document is the one that runs (fields the
          // caller may not read are gone), so these are the coordinates actually resolved.
          if (requestContext.operation) coordinates = options.coordinates.of(requestContext);
        },
        async willSendResponse(requestContext) {
          const { response } = requestContext;
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const identity = requestContext.contextValue.identity;
          if (!identity) return; // no identity: refused before the gateway knew who asked (nothing was read)
          const argumentNiks = niksIn(requestContext.request.variables ?? {});
          literalNiks(requestContext.document, argumentNiks);
          const codes = errorCodesOf(result.errors);
          const draft: LedgerEntryDraft = {
            requestId: identity.requestId,
            traceId: identity.traceId ?? null,
            clientId: identity.caller.clientId,
            role: identity.caller.role,
            purpose: identity.purpose,
            operationName: requestContext.operationName ?? null,
            // The hash of what the client sent, even when field access rewrote it.
            operationHash: fieldAccessOutcomeOf(requestContext)?.originalQueryHash ?? requestContext.queryHash ?? '',
            argumentNiks: [...argumentNiks],
            answerNiks: [...niksIn(result.data ?? null)],
            coordinates,
            agencies: options.plannedAgencies.of(requestContext.contextValue),
            outcome: outcomeOf(result.data !== undefined && result.data !== null, codes),
            errorCodes: codes,
            latencyMs: Math.round(performance.now() - startedAt),
          };
          try {
            await options.ledger.append(draft);
          } catch (error) {
            // No entry, no data: the answer is replaced by the refusal, whatever it held.
            const refusal = auditUnavailable(error);
            response.body.singleResult = { errors: [{ message: refusal.message, extensions: { ...refusal.extensions } }] };
            response.http.status = 503;
          }
        },
      };
    },
  };
}
