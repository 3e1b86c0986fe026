import { AsyncLocalStorage } from 'node:async_hooks';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { GatewayPublicKey } from './gateway-context-keys';
import { currentRequestId, isSaneRequestId } from './request-scope';

/**
 * The gateway context (issue 6, item 5): for every fetch to a subgraph the gateway signs a short-lived
 * JWT saying who asked (client id, role), why (purpose) and which request it belongs to, addressed to
 * that subgraph alone. A subgraph configured with the gateway's public key refuses every call that
 * does not carry one, so nobody on the network can bypass the gateway's access control and ledger.
 * This file is the wire contract both sides code against, the subgraph's verifier, and the
 * per-request store adapters read the request id from.
 */
export const GATEWAY_CONTEXT_HEADER = 'x-satu-context';
/** Who signs: the `iss` of every context. */
export const GATEWAY_CONTEXT_ISSUER = 'satu-gateway';
/**
 * Explicit typing (RFC 8725 section 3.11): a JWT made for another use (a client's bearer token, were
 * it ever signed by the same key) can never pass for a gateway context.
 */
export const GATEWAY_CONTEXT_TYPE = 'satu-context+jwt';
/** A context lives at most this long; the gateway's configured lifetime must fit in it. */
export const GATEWAY_CONTEXT_MAX_LIFETIME_SECONDS = 300;
/** Slack on `exp`/`iat` for clocks of different hosts. */
export const DEFAULT_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS = 5;
/**
 * Request and trace ids travel on to legacy systems in HTTP headers and SQL comments, so both sides
 * hold them to the request scope's rule (./request-scope): up to 64 of `A-Za-z0-9._:-`, no NIK-like
 * digit run. UUIDs, ULIDs and W3C trace ids fit.
 */
export function isPassableId(value: unknown): value is string {
  return typeof value === 'string' && isSaneRequestId(value);
}
/** What the refusal says first, whatever the reason. */
export const GATEWAY_CONTEXT_REFUSAL = 'calls must come through the Satu gateway';

/** The claims of a gateway context, as signed. */
export interface GatewayContextClaims {
  /** The caller's client id. */
  sub: string;
  role: string;
  /** The X-Satu-Purpose code, or null when the operation named none. */
  purpose: string | null;
  request_id: string;
  trace_id?: string;
}

/** A verified gateway context, as a subgraph's resolvers and adapters see it. */
export interface GatewayCallContext {
  requestId: string;
  traceId?: string;
  clientId: string;
  role: string;
  purpose: string | null;
  /** The subgraph the context was addressed to (this one). */
  subgraph: string;
  expiresAt: Date;
}

/** Why a call was refused; the message is safe to send back (it names no key and no token). */
export class GatewayContextRefusal extends Error {
  constructor(readonly reason: string) {
    super(`${GATEWAY_CONTEXT_REFUSAL}: ${reason}`);
    this.name = 'GatewayContextRefusal';
  }
}

/** What a subgraph needs to require gateway contexts. */
export interface GatewayContextRequirement {
  /** The gateway's public key(s) (gateway-context-keys.ts). */
  keys: readonly GatewayPublicKey[];
  /** @default 5 */
  clockToleranceSeconds?: number;
}

export interface GatewayContextVerifier {
  /** The context carried by `header` (the X-Satu-Context value), or a GatewayContextRefusal. */
  verify(header: string | undefined): Promise<GatewayCallContext>;
}

/** A compact JWT of our claims is ~400 characters; anything far larger is not one of ours. */
const MAX_TOKEN_LENGTH = 4096;
/** Verified tokens kept, so the several fetches of one request to this subgraph verify once. */
const VERIFIED_CACHE_SIZE = 1024;

function isOptionalId(value: unknown): value is string | undefined {
  return value === undefined || isPassableId(value);
}

/** Checks the claims jose does not know about; returns what is wrong, or the context. */
function callContextOf(payload: JWTPayload, subgraph: string): GatewayCallContext | string {
  const { sub, role, purpose, request_id: requestId, trace_id: traceId, exp, iat } = payload as JWTPayload & Partial<Record<keyof GatewayContextClaims, unknown>>;
  // jose has checked both are numbers; a context meant to outlive the limit is refused even while young.
  if ((exp ?? 0) - (iat ?? 0) > GATEWAY_CONTEXT_MAX_LIFETIME_SECONDS) return `the context is meant to live longer than ${GATEWAY_CONTEXT_MAX_LIFETIME_SECONDS} s`;
  if (typeof sub !== 'string' || sub === '') return 'the context names no client (sub)';
  if (typeof role !== 'string' || role === '') return 'the context names no role';
  if (purpose !== undefined && purpose !== null && typeof purpose !== 'string') return 'the context purpose is not a string';
  if (!isPassableId(requestId)) return 'the context request_id is missing or malformed';
  if (!isOptionalId(traceId)) return 'the context trace_id is malformed';
  return { requestId, traceId, clientId: sub, role, purpose: purpose ?? null, subgraph, expiresAt: new Date((exp ?? 0) * 1000) };
}

/** jose's failure -> a reason an operator can act on. Never repeats the token. */
function reasonOf(error: unknown, subgraph: string): string {
  if (error instanceof joseErrors.JWTExpired && error.claim === 'iat') {
    return `the context was issued more than ${GATEWAY_CONTEXT_MAX_LIFETIME_SECONDS} s ago (is this a replayed call, or are the clocks apart?)`;
  }
  if (error instanceof joseErrors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? new Date(error.payload.exp * 1000).toISOString() : 'an unknown time';
    return `the context expired at ${exp} (contexts live seconds: is this a replayed call, or are the clocks apart?)`;
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      const aud = error.payload.aud;
      const to = Array.isArray(aud) ? aud.join(', ') : typeof aud === 'string' ? aud : 'no subgraph';
      return `the context is addressed to ${to}, not to ${subgraph}`;
    }
    if (error.claim === 'iss') return `the context was not issued by ${GATEWAY_CONTEXT_ISSUER}`;
    if (error.claim === 'typ') return `the token is not a gateway context (typ must be ${GATEWAY_CONTEXT_TYPE})`;
    if (error.claim === 'iat') return 'the context was issued in the future (are the clocks apart?)';
    return `the context's ${error.claim} claim is missing or invalid`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the context signature does not verify';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the context is signed with an algorithm this key does not use';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'the X-Satu-Context header is not a well-formed signed context';
  return 'the context could not be verified';
}

/**
 * Verifies contexts addressed to `subgraph`. A verified token is remembered until it expires (a
 * small bounded cache): the gateway reuses one context for all fetches of a request to a subgraph,
 * so only the first fetch pays for the signature check.
 */
export function createGatewayContextVerifier(
  requirement: GatewayContextRequirement,
  subgraph: string,
  now: () => number = Date.now,
): GatewayContextVerifier {
  if (requirement.keys.length === 0) throw new Error('a gateway context requirement needs at least one public key');
  const byKid = new Map(requirement.keys.map((key) => [key.kid, key]));
  const toleranceSeconds = requirement.clockToleranceSeconds ?? DEFAULT_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS;
  const verified = new Map<string, GatewayCallContext>();

  function remembered(token: string): GatewayCallContext | undefined {
    const context = verified.get(token);
    if (context === undefined) return undefined;
    if (context.expiresAt.getTime() + toleranceSeconds * 1000 > now()) return context;
    verified.delete(token);
    return undefined;
  }

  function remember(token: string, context: GatewayCallContext): void {
    // Oldest first out: Map keeps insertion order.
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, context);
  }

  return {
    async verify(header) {
      const token = header?.trim();
      if (!token) throw new GatewayContextRefusal('the X-Satu-Context header is missing');
      if (token.length > MAX_TOKEN_LENGTH) throw new GatewayContextRefusal('the X-Satu-Context header is too long to be a gateway context');
      const known = remembered(token);
      if (known) return known;
      let kid: unknown;
      try {
        kid = decodeProtectedHeader(token).kid;
      } catch {
        throw new GatewayContextRefusal('the X-Satu-Context header is not a well-formed signed context');
      }
      const key = typeof kid === 'string' ? byKid.get(kid) : undefined;
      if (!key) throw new GatewayContextRefusal("the context is signed with a key this subgraph does not trust (is SATU_GATEWAY_PUBLIC_KEY_FILE the gateway's current public key?)");
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key.key, {
          algorithms: [key.alg],
          issuer: GATEWAY_CONTEXT_ISSUER,
          audience: subgraph,
          typ: GATEWAY_CONTEXT_TYPE,
          clockTolerance: toleranceSeconds,
          maxTokenAge: GATEWAY_CONTEXT_MAX_LIFETIME_SECONDS,
          requiredClaims: ['exp', 'iat', 'sub'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        throw new GatewayContextRefusal(reasonOf(error, subgraph));
      }
      const context = callContextOf(payload, subgraph);
      if (typeof context === 'string') throw new GatewayContextRefusal(context);
      remember(token, context);
      return context;
    },
  };
}

/**
 * The verified context of the request being served, for adapters deep below the resolvers (the
 * request id for legacy calls). An AsyncLocalStorage rather than a parameter threaded through every
 * loader and client: DataLoader batches are scheduled from inside the request, so they see it too.
 */
const currentContext = new AsyncLocalStorage<GatewayCallContext>();

/** The verified gateway context of the current request; undefined when the subgraph does not require one. */
export function currentGatewayContext(): GatewayCallContext | undefined {
  return currentContext.getStore();
}

/** Runs `work` (and everything it starts) as part of the request `context` belongs to. */
export function runWithGatewayContext<T>(context: GatewayCallContext, work: () => T): T {
  return currentContext.run(context, work);
}

/**
 * The request id legacy calls carry: the one the gateway signed when the subgraph requires a context,
 * else the request scope's (a sane X-Request-Id from the caller, or generated): still worth matching
 * logs on, though nobody vouches for it.
 */
function legacyRequestId(): string | undefined {
  const requestId = currentContext.getStore()?.requestId ?? currentRequestId();
  return requestId !== undefined && isPassableId(requestId) ? requestId : undefined;
}

/** The header that carries the request id to an HTTP legacy system: `X-Request-Id`, when there is one. */
export function legacyRequestIdHeaders(): Record<string, string> {
  const requestId = legacyRequestId();
  return requestId === undefined ? {} : { 'x-request-id': requestId };
}

/**
 * A leading SQL comment naming the request (`/* satu request <id> *\/ `), or '' outside one. The
 * database shows it in its activity view and statement log, where a DBA can match it to the ledger.
 * The id is checked again here: it is pasted into SQL text, so it must never close the comment.
 */
export function legacyRequestIdSqlComment(): string {
  const requestId = legacyRequestId();
  return requestId === undefined ? '' : `/* satu request ${requestId} */ `;
}
