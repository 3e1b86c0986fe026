import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  GATEWAY_CONTEXT_ISSUER,
  GATEWAY_CONTEXT_MAX_LIFETIME_SECONDS,
  GATEWAY_CONTEXT_TYPE,
  isPassableId,
  type GatewayContextClaims,
} from '../../subgraphs/kit/gateway-context';
import type { GatewayPublicKey } from '../../subgraphs/kit/gateway-context-keys';
import type { RequestIdentity } from '../access/caller';
import { CONTEXT_SIGNING_DEFAULTS } from './context-signing-config';

export interface ContextSignerOptions {
  /** How long a context is valid. @default 60 */
  lifetimeSeconds?: number;
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number;
}

interface Signed {
  token: Promise<string>;
  /** `exp`, in seconds. */
  expiresAt: number;
}

/** The client id of the gateway's own calls (readiness probes, schema verification before a reload). */
export const GATEWAY_CLIENT_ID = 'satu-gateway';

/**
 * Signs the gateway context for subgraph fetches: a compact JWT (EdDSA or ES256) with the caller's
 * client id and role, the purpose, the request and trace ids, addressed (`aud`) to one subgraph and
 * valid for a minute. A plan reaches a subgraph several times (entity fetches per plan step), so the
 * token is signed once per (request, subgraph) and reused while at least half its life is left; the
 * cache hangs off the request's identity object and goes away with it.
 */
export class ContextSigner {
  private readonly lifetimeSeconds: number;
  private readonly now: () => number;
  private readonly byRequest = new WeakMap<RequestIdentity, Map<string, Signed>>();
  private signed = 0;

  constructor(
    private readonly keys: { privateKey: KeyObject; publicKey: GatewayPublicKey },
    options: ContextSignerOptions = {},
  ) {
    this.lifetimeSeconds = options.lifetimeSeconds ?? CONTEXT_SIGNING_DEFAULTS.lifetimeSeconds;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.lifetimeSeconds) || this.lifetimeSeconds < 1 || this.lifetimeSeconds > GATEWAY_CONTEXT_MAX_LIFETIME_SECONDS) {
      throw new RangeError(`a gateway context lifetime must be 1-${GATEWAY_CONTEXT_MAX_LIFETIME_SECONDS} seconds, got ${this.lifetimeSeconds}`);
    }
  }

  /** Signatures made so far (tests and the benchmark check the per-request cache with it). */
  get signatureCount(): number {
    return this.signed;
  }

  /**
   * The X-Satu-Context value for a fetch to `subgraph` on behalf of the request `identity` belongs
   * to. Call it with the same identity object for the whole request (the gateway's contextValue.identity).
   */
  contextFor(identity: RequestIdentity, subgraph: string): Promise<string> {
    const nowSeconds = Math.floor(this.now() / 1000);
    let perSubgraph = this.byRequest.get(identity);
    if (!perSubgraph) {
      perSubgraph = new Map();
      this.byRequest.set(identity, perSubgraph);
    }
    const cached = perSubgraph.get(subgraph);
    if (cached && cached.expiresAt - nowSeconds >= this.lifetimeSeconds / 2) return cached.token;
    const claims: GatewayContextClaims = {
      sub: identity.caller.clientId,
      role: identity.caller.role,
      purpose: identity.purpose,
      request_id: identity.requestId,
    };
    // A trace id comes from the client's trace header: one we cannot pass on safely is left out, not fatal.
    if (isPassableId(identity.traceId)) claims.trace_id = identity.traceId;
    const signed = this.sign(claims, subgraph, nowSeconds);
    perSubgraph.set(subgraph, signed);
    // A failed signature must not be served from the cache to the request's next fetch.
    signed.token.catch(() => {
      if (perSubgraph.get(subgraph) === signed) perSubgraph.delete(subgraph);
    });
    return signed.token;
  }

  /**
   * A context for the gateway's own calls to `subgraph` (readiness probe, `{ _service { sdl } }`
   * before a reload): client `satu-gateway`, role `gateway`, a fresh request id. Not cached.
   */
  internalContextFor(subgraph: string, purpose: string): Promise<string> {
    const claims: GatewayContextClaims = { sub: GATEWAY_CLIENT_ID, role: 'gateway', purpose, request_id: `gateway-${randomUUID()}` };
    return this.sign(claims, subgraph, Math.floor(this.now() / 1000)).token;
  }

  private sign(claims: GatewayContextClaims, subgraph: string, issuedAt: number): Signed {
    if (!isPassableId(claims.request_id)) {
      // The HTTP layer makes request ids sane; one that could break a legacy header or SQL comment is a bug there.
      return { token: Promise.reject(new Error('the request id is not one the request scope accepts (1-64 of A-Za-z0-9._:-, no NIK-like run)')), expiresAt: 0 };
    }
    this.signed += 1;
    const { sub, ...rest } = claims;
    const expiresAt = issuedAt + this.lifetimeSeconds;
    const token = new SignJWT({ ...rest })
      .setProtectedHeader({ alg: this.keys.publicKey.alg, kid: this.keys.publicKey.kid, typ: GATEWAY_CONTEXT_TYPE })
      .setIssuer(GATEWAY_CONTEXT_ISSUER)
      .setAudience(subgraph)
      .setSubject(sub)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.keys.privateKey);
    return { token, expiresAt };
  }
}
