import type { GraphQLRequest } from '@apollo/server';

/** The client name recorded when a request names none. */
export const ANONYMOUS_CLIENT = 'anonymous';

/** Client names land in the registry and in check reports: keep them short and printable. */
const MAX_CLIENT_NAME_LENGTH = 64;

/** Headers that name the calling client, in order of preference: ours, then Apollo's convention. */
const CLIENT_HEADERS = ['x-satu-client', 'apollographql-client-name'] as const;

/** A client name fit to store: printable ASCII, at most 64 characters; undefined when nothing is left. */
export function cleanClientName(raw: string | undefined | null): string | undefined {
  const cleaned = raw?.replace(/[^\x20-\x7e]/g, '').trim().slice(0, MAX_CLIENT_NAME_LENGTH).trim();
  return cleaned ? cleaned : undefined;
}

/**
 * The client a request says it is: `x-satu-client`, else `apollographql-client-name`, else
 * "anonymous". Self-declared and unauthenticated: good enough to tell frontends apart in usage
 * counts until access control supplies the authenticated client id (pass that as `clientOf`).
 */
export function clientFromHeaders(request: GraphQLRequest): string {
  const headers = request.http?.headers;
  for (const header of CLIENT_HEADERS) {
    const name = cleanClientName(headers?.get(header));
    if (name) return name;
  }
  return ANONYMOUS_CLIENT;
}
