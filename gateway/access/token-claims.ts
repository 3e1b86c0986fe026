import type { JWTPayload } from 'jose';
import { ROLES, isRole, type Caller } from './caller';
import { unauthenticated } from './access-errors';

/**
 * Turns the claims of a verified token into a Caller. Only signed claims are read here; the
 * messages name the claim, never its value, so a client cannot make us echo arbitrary text.
 */
const CLIENT_ID_MAX = 200;
const AGENCY_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

function clientIdOf(payload: JWTPayload): string {
  // OAuth client-credentials tokens (RFC 9068) name the client in client_id; others only in sub.
  const value = payload.client_id ?? payload.sub;
  if (typeof value !== 'string' || value.trim() === '' || value.length > CLIENT_ID_MAX) {
    throw unauthenticated(`the token names no client: it needs a "client_id" or "sub" claim (a non-empty string of at most ${CLIENT_ID_MAX} characters)`);
  }
  return value;
}

function scopesOf(payload: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  if (payload.scope !== undefined) {
    if (typeof payload.scope !== 'string') throw unauthenticated('the token\'s "scope" claim must be a space-separated string of scopes');
    for (const scope of payload.scope.split(/\s+/)) if (scope !== '') scopes.add(scope);
  }
  if (payload.scopes !== undefined) {
    if (!Array.isArray(payload.scopes) || !payload.scopes.every((scope) => typeof scope === 'string')) {
      throw unauthenticated('the token\'s "scopes" claim must be an array of strings');
    }
    for (const scope of payload.scopes as string[]) if (scope.trim() !== '') scopes.add(scope.trim());
  }
  return scopes;
}

export function callerFromClaims(payload: JWTPayload): Caller {
  const clientId = clientIdOf(payload);
  if (!isRole(payload.role)) throw unauthenticated(`the token's "role" claim must be one of ${ROLES.join(', ')}`);
  const role = payload.role;
  let agency: string | null = null;
  if (payload.agency !== undefined && payload.agency !== null) {
    if (typeof payload.agency !== 'string' || !AGENCY_PATTERN.test(payload.agency)) {
      throw unauthenticated('the token\'s "agency" claim must be an agency name in lower case (e.g. "imigrasi")');
    }
    agency = payload.agency;
  }
  if (role === 'agency-publisher' && agency === null) throw unauthenticated('an agency-publisher token must name its agency in an "agency" claim');
  return { clientId, role, scopes: scopesOf(payload), agency, via: 'jwt' };
}
