/**
 * Who is calling (issue 6 shared contract). The HTTP layer builds one `RequestIdentity` per
 * request before Apollo runs; plugins read it from `contextValue.identity` and never look at
 * headers themselves, so nothing unsigned can widen what a caller may do.
 */
export type Role = 'frontend' | 'agency-publisher' | 'auditor' | 'operator';

export const ROLES: readonly Role[] = ['frontend', 'agency-publisher', 'auditor', 'operator'];

export interface Caller {
  /** JWT `client_id` (or `sub`) claim, or the API key's client id. */
  clientId: string;
  role: Role;
  /** e.g. identity:read health:read vehicle:read tax:read land:read lineage:read audit:read schema:read */
  scopes: ReadonlySet<string>;
  /** Publishers: their agency (required for `agency-publisher`). */
  agency: string | null;
  /**
   * 'development' = access control switched off (SATU_ACCESS_CONTROL=off); 'internal' = the
   * gateway itself, asking on a caller's behalf (the identity check before a guarded mutation).
   */
  via: 'jwt' | 'api-key' | 'development' | 'internal';
}

export interface RequestIdentity {
  caller: Caller;
  purpose: string | null;
  requestId: string;
  traceId?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
