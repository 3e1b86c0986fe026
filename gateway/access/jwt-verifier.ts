import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { GraphQLError } from 'graphql';
import type { Caller } from './caller';
import { unauthenticated } from './access-errors';
import type { JwtAlgorithm, JwtKeys } from './jwt-keys';
import { callerFromClaims } from './token-claims';

/**
 * Offline JWT verification: the algorithm is checked against the allow-list before any key is
 * chosen, and the key source follows from the algorithm (HS256 -> the secret, RS256/ES256 -> the
 * JWKS). That ordering is what defeats algorithm confusion: an HS256 token can never be checked
 * with a public key used as an HMAC secret, and `alg: none` never reaches a verifier.
 */
export interface JwtVerifierOptions {
  keys: JwtKeys;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** The clock, for tests. @default () => new Date() */
  now?: () => Date;
}

/** The time claims of a verified token: they decide how long a verdict on it stays true. */
export interface TokenLifetime {
  /** `exp`, in epoch seconds (every accepted token has one). */
  expiresAt: number;
  /** `nbf`, in epoch seconds, when the token carries one. */
  notBefore?: number;
}

export interface VerifiedJwt {
  caller: Caller;
  lifetime: TokenLifetime;
}

export interface JwtVerifier {
  /** Every check (form, algorithm, signature, iss, aud, exp, nbf, claims): the caller, or UNAUTHENTICATED. */
  verify(token: string): Promise<VerifiedJwt>;
  /**
   * Whether a token with this lifetime would still pass the time checks now. It uses this
   * verifier's clock and tolerance and jose's own comparisons, so a remembered verdict ends on the
   * very second a fresh verification would start to refuse the token.
   */
  isCurrent(lifetime: TokenLifetime): boolean;
}

/** Real tokens are well under 2 KB; a bound keeps a hostile header from costing a big parse. */
const MAX_TOKEN_CHARS = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

function isoTime(seconds: unknown): string {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : 'an invalid time';
}

const MALFORMED = 'the bearer token is malformed: expected a signed JWT (three base64url parts separated by dots)';

/** Maps jose's failure to our own message; the token itself is never part of it. */
function explain(error: unknown, options: JwtVerifierOptions): GraphQLError {
  if (error instanceof errors.JWTExpired) {
    return unauthenticated(`the token expired at ${isoTime(error.payload.exp)}; get a new one from the issuer`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const { claim, reason, payload } = error;
    if (reason === 'missing') return unauthenticated(`the token has no "${claim}" claim; ${claim === 'exp' ? 'tokens without an expiry are refused' : 'it is required'}`);
    if (reason === 'invalid') return unauthenticated(`the token's "${claim}" claim is not a number of seconds`);
    if (claim === 'nbf') return unauthenticated(`the token is not valid before ${isoTime(payload.nbf)}`);
    if (claim === 'iss') return unauthenticated(`the token has the wrong issuer: this gateway accepts tokens issued by "${options.issuer}"`);
    if (claim === 'aud') return unauthenticated(`the token has the wrong audience: this gateway accepts tokens for "${options.audience}"`);
    return unauthenticated(`the token's "${claim}" claim failed its check`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthenticated('the token\'s signature does not verify against the configured keys');
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return unauthenticated(`the token's algorithm is not supported: this gateway accepts ${options.keys.algorithms.join(', ')}`);
  }
  if (error instanceof errors.JOSEError) return unauthenticated(MALFORMED);
  // Not a verdict on the token but a fault on our side (e.g. a key jose cannot use): keep it for the log.
  return unauthenticated('the token could not be verified', error instanceof Error ? error : undefined);
}

/** jose's clock: whole epoch seconds, rounded down (its `epoch()` helper). */
function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** jose 5's `nbf` and `exp` comparisons, written the same way so both agree on every boundary. */
function passesTimeChecks(lifetime: TokenLifetime, nowSeconds: number, toleranceSeconds: number): boolean {
  if (lifetime.notBefore !== undefined && lifetime.notBefore > nowSeconds + toleranceSeconds) return false;
  return !(lifetime.expiresAt <= nowSeconds - toleranceSeconds);
}

function lifetimeOf(payload: JWTPayload): TokenLifetime {
  // jose has already required `exp` and checked that `exp` and `nbf` are numbers; this only narrows the types.
  if (typeof payload.exp !== 'number') throw unauthenticated('the token has no "exp" claim; tokens without an expiry are refused');
  return typeof payload.nbf === 'number' ? { expiresAt: payload.exp, notBefore: payload.nbf } : { expiresAt: payload.exp };
}

export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const allowed = new Set<JwtAlgorithm>(options.keys.algorithms);
  const jwks: JWTVerifyGetKey | undefined = options.keys.jwks ? createLocalJWKSet(options.keys.jwks) : undefined;
  const secret = options.keys.hmacSecret;
  const now = options.now ?? (() => new Date());
  const verify = async (token: string): Promise<VerifiedJwt> => {
    if (token.length > MAX_TOKEN_CHARS || !COMPACT_JWS.test(token)) throw unauthenticated(MALFORMED);
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated(MALFORMED);
    }
    if (typeof alg !== 'string' || !allowed.has(alg as JwtAlgorithm)) {
      const named = typeof alg === 'string' && /^[A-Za-z0-9]{1,16}$/.test(alg) ? ` "${alg}"` : '';
      throw unauthenticated(`the token's algorithm${named} is not supported: this gateway accepts ${[...allowed].join(', ') || 'no JWTs (no keys configured)'}`);
    }
    const verifyOptions = {
      algorithms: [alg],
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: options.clockToleranceSeconds,
      requiredClaims: ['exp'],
      currentDate: now(),
    };
    let payload: JWTPayload;
    try {
      payload = alg === 'HS256'
        ? (await jwtVerify(token, secret as Uint8Array, verifyOptions)).payload
        : (await jwtVerify(token, jwks as JWTVerifyGetKey, verifyOptions)).payload;
    } catch (error) {
      throw explain(error, options);
    }
    return { caller: callerFromClaims(payload), lifetime: lifetimeOf(payload) };
  };
  return {
    verify,
    isCurrent: (lifetime) => passesTimeChecks(lifetime, epochSeconds(now()), options.clockToleranceSeconds),
  };
}
