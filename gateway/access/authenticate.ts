import type { Caller } from './caller';
import { unauthenticated } from './access-errors';
import { MAX_API_KEY_CHARS, findApiKeyHolder, type ApiKeyTable } from './api-keys';
import type { JwtVerifier } from './jwt-verifier';
import { headerValues, type RequestHeaders } from './request-headers';
import { KNOWN_SCOPES } from './scopes';
import { DEFAULT_VERIFIED_TOKEN_ENTRIES, VerifiedTokenCache } from './verified-token-cache';

/**
 * Who is calling, from the two credential headers only: `Authorization` (Bearer <JWT> or
 * ApiKey <key>) and `X-Api-Key`. No other header is read, so a role or scope sent in a plain
 * header (X-Satu-Scopes, X-Satu-Role, ...) grants nothing: what a caller may do comes only from
 * a signature we checked or a key we issued.
 */
export interface Authenticator {
  /** The caller, or a GraphQLError with code UNAUTHENTICATED saying what is wrong. */
  authenticate(headers: RequestHeaders): Promise<Caller>;
  /**
   * Forgets every remembered token verdict. Nothing reloads keys at run time today (a restart
   * starts with an empty cache); whatever comes to change the JWT keys, issuer, audience or
   * tolerance without a restart must call this, or tokens verified with the old ones stay accepted.
   */
  forgetVerifiedTokens(): void;
}

export interface AuthenticatorOptions {
  /** Absent: bearer tokens are refused (no JWT keys configured). */
  verifyJwt?: JwtVerifier;
  /** Absent: API keys are refused (no key file configured). */
  apiKeys?: ApiKeyTable;
  /**
   * How many verified bearer tokens to remember (least recently used out first), so a repeated
   * token skips the signature check; 0 verifies every request in full. API keys are not cached:
   * their lookup is one SHA-256 and a table scan. @default 10_000
   */
  verifiedTokenEntries?: number;
}

type Credential = { kind: 'jwt'; token: string } | { kind: 'api-key'; key: string };

const HOW_TO = 'send Authorization: Bearer <token> or X-Api-Key: <key>';

function credentialsIn(headers: RequestHeaders): Credential[] {
  const credentials: Credential[] = [];
  const authorization = headerValues(headers, 'authorization');
  if (authorization.length > 1) throw unauthenticated('the Authorization header was sent more than once; send one credential');
  if (authorization.length === 1) {
    const match = /^\s*(\S+)(?:\s+(.*?))?\s*$/.exec(authorization[0] ?? '');
    const scheme = match?.[1]?.toLowerCase();
    const value = match?.[2] ?? '';
    if (scheme === 'bearer') credentials.push({ kind: 'jwt', token: value });
    else if (scheme === 'apikey') credentials.push({ kind: 'api-key', key: value });
    // Naming the scheme is safe: it is one word and never the secret part.
    else throw unauthenticated(`the Authorization scheme is not supported: ${HOW_TO} (or Authorization: ApiKey <key>)`);
  }
  for (const key of headerValues(headers, 'x-api-key')) credentials.push({ kind: 'api-key', key: key.trim() });
  return credentials;
}

function tokenCacheFor(options: AuthenticatorOptions): VerifiedTokenCache | undefined {
  const maxEntries = options.verifiedTokenEntries ?? DEFAULT_VERIFIED_TOKEN_ENTRIES;
  const verifier = options.verifyJwt;
  if (!verifier || maxEntries === 0) return undefined;
  return new VerifiedTokenCache({ maxEntries, isCurrent: (lifetime) => verifier.isCurrent(lifetime) });
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const tokenCache = tokenCacheFor(options);
  return {
    forgetVerifiedTokens: () => tokenCache?.clear(),
    async authenticate(headers) {
      const credentials = credentialsIn(headers);
      if (credentials.length === 0) throw unauthenticated(`no credentials: ${HOW_TO}`);
      if (credentials.length > 1) {
        const kinds = new Set(credentials.map((credential) => credential.kind));
        throw unauthenticated(kinds.size > 1
          ? 'ambiguous credentials: a bearer token and an API key were both sent; send exactly one'
          : 'ambiguous credentials: more than one credential was sent; send exactly one');
      }
      const credential = credentials[0] as Credential;
      if (credential.kind === 'jwt') {
        if (credential.token === '') throw unauthenticated('the bearer token is empty: send Authorization: Bearer <token>');
        if (!options.verifyJwt) throw unauthenticated('this gateway accepts no bearer tokens (no JWT keys are configured); send X-Api-Key: <key>');
        const verifier = options.verifyJwt;
        if (tokenCache) return tokenCache.callerFor(credential.token, (token) => verifier.verify(token));
        return (await verifier.verify(credential.token)).caller;
      }
      if (credential.key === '') throw unauthenticated('the API key is empty');
      if (!options.apiKeys) throw unauthenticated('this gateway accepts no API keys (no key file is configured); send Authorization: Bearer <token>');
      // Node joins a repeated X-Api-Key with ", "; real keys have no spaces or commas.
      if (credential.key.length > MAX_API_KEY_CHARS || /[\s,]/.test(credential.key)) {
        throw unauthenticated('the API key is malformed (or was sent more than once); send exactly one key');
      }
      const caller = findApiKeyHolder(options.apiKeys, credential.key);
      if (!caller) throw unauthenticated('the API key is not known: ask the gateway operator for a key');
      return caller;
    },
  };
}

/** The caller every request gets while access control is off (SATU_ACCESS_CONTROL=off). */
export const DEVELOPMENT_CALLER: Caller = Object.freeze({
  clientId: 'development',
  // No single role can do everything; consumers of Caller treat via 'development' as "allow".
  role: 'operator',
  scopes: new Set(KNOWN_SCOPES),
  agency: null,
  via: 'development',
});

export function createDevelopmentAuthenticator(): Authenticator {
  return { authenticate: async () => DEVELOPMENT_CALLER, forgetVerifiedTokens: () => undefined };
}
