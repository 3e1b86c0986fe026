import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { currentRequestId } from '../../subgraphs/kit/request-scope';
import type { Authenticator } from './authenticate';
import type { Caller, RequestIdentity } from './caller';
import { PURPOSE_HEADER, readPurpose, type PurposeConfig } from './purpose';
import { headerValues } from './request-headers';

/** The gateway's per-request context (Apollo `contextValue`): who asks, why, and the request id. */
export interface SatuContext {
  identity: RequestIdentity;
}

/**
 * Builds the context for one HTTP request before Apollo runs: the caller from verified
 * credentials only (UNAUTHENTICATED otherwise), and the purpose when one is named (an unknown
 * code is FORBIDDEN at once). Whether the operation needs a purpose is decided after parsing,
 * by the purpose plugin, because only then is it known whether it reads personal data.
 */
export function satuContextBuilder(options: { authenticator: Authenticator; purposes: PurposeConfig }): (request: IncomingMessage) => Promise<SatuContext> {
  return async (request) => {
    const caller = await options.authenticator.authenticate(request.headers);
    const named = headerValues(request.headers, PURPOSE_HEADER).some((value) => value.trim() !== '');
    // With access control switched off, purposes are not judged either (local work on any supergraph).
    const purpose = named && caller.via !== 'development' ? readPurpose(request.headers, options.purposes) : null;
    return { identity: { caller, purpose, requestId: currentRequestId() ?? randomUUID() } };
  };
}

/**
 * The gateway acting on a caller's behalf: the identity check it runs before a guarded mutation
 * reads every agency's identity copy, which the caller's own scopes may not cover. It carries the
 * caller's request id and purpose so the access ledger ties the read to the request that caused it.
 */
export function internalIdentityFor(onBehalfOf: RequestIdentity | undefined, scopes: Iterable<string>): RequestIdentity {
  const caller: Caller = {
    clientId: `satu-gateway (on behalf of ${onBehalfOf?.caller.clientId ?? 'unknown'})`,
    role: 'operator',
    scopes: new Set(scopes),
    agency: null,
    via: 'internal',
  };
  return { caller, purpose: onBehalfOf?.purpose ?? null, requestId: onBehalfOf?.requestId ?? randomUUID(), traceId: onBehalfOf?.traceId };
}
