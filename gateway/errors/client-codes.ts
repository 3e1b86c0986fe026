import { ERROR_CATALOGUE, type AgencyFailureCode, type ErrorCode } from '../../subgraphs/kit/errors';

/**
 * Every `extensions.code` a client of the gateway may see: Satu's catalogue (DESIGN.md section 3,
 * subgraphs/kit/errors.ts) plus the codes GraphQL and Apollo Server give the client's own
 * mistakes, plus INTERNAL_SERVER_ERROR for everything else. A code outside this list never
 * reaches a client.
 */
export const GRAPHQL_REQUEST_CODES = {
  GRAPHQL_PARSE_FAILED: 'The operation text is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The operation does not fit the schema (an unknown field, a wrong argument...).',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request the gateway accepts (method, headers, body).',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run could not be chosen (operationName missing or unknown).',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are not supported on this path.',
} as const;

export const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';

export type ClientCode = ErrorCode | keyof typeof GRAPHQL_REQUEST_CODES | typeof INTERNAL_SERVER_ERROR;

const CLIENT_CODES: ReadonlySet<string> = new Set<string>([...Object.keys(ERROR_CATALOGUE), ...Object.keys(GRAPHQL_REQUEST_CODES)]);

/** True for a code our own code or GraphQL may show a client with its own message. */
export function isClientCode(code: unknown): code is Exclude<ClientCode, typeof INTERNAL_SERVER_ERROR> {
  return typeof code === 'string' && CLIENT_CODES.has(code);
}

const AGENCY_FAILURE_CODES: ReadonlySet<string> = new Set<AgencyFailureCode>(['AGENCY_UNAVAILABLE', 'AGENCY_TIMEOUT', 'AGENCY_BAD_RESPONSE']);

/**
 * The code a client sees for an error an agency's subgraph sent: its AGENCY_* code or
 * BAD_USER_INPUT as they are; anything else (UNAUTHENTICATED from a subgraph that refused the
 * gateway, an unknown code, none) means the agency answered something we cannot use.
 */
export function agencyCodeFor(code: unknown): AgencyFailureCode | 'BAD_USER_INPUT' {
  if (typeof code === 'string' && AGENCY_FAILURE_CODES.has(code)) return code as AgencyFailureCode;
  return code === 'BAD_USER_INPUT' ? 'BAD_USER_INPUT' : 'AGENCY_BAD_RESPONSE';
}

/**
 * The only text a client reads about an agency's error: the catalogue's generic sentence, named
 * after the agency (the same words the gateway's own partial answers use, gateway/datasource).
 */
export function agencyMessage(code: AgencyFailureCode | 'BAD_USER_INPUT', agency: string): string {
  if (code === 'BAD_USER_INPUT') return `${agency}: the agency refused an argument of this field as malformed; check the arguments (retrying will not help).`;
  return `${agency}: ${ERROR_CATALOGUE[code]}`;
}

/** What a client reads for any error we cannot vouch for; the request id finds the original in the log. */
export function internalErrorMessage(requestId: string | undefined): string {
  return requestId === undefined ? 'internal error' : `internal error (request id ${requestId})`;
}
