import { GraphQLError } from 'graphql';

/**
 * The error catalogue: every code a client may see (DESIGN.md section 3), with what it
 * means and what the caller should do. Errors are made from here, never ad hoc.
 */
export const ERROR_CATALOGUE = {
  BAD_USER_INPUT: 'An argument is malformed (for example a NIK that is not 16 digits). Fix the input; retrying will not help.',
  UNAUTHENTICATED: 'No valid credentials were presented.',
  FORBIDDEN: 'The caller may not read this field or run this operation for the stated purpose.',
  AGENCY_UNAVAILABLE: "The agency's system could not be reached or failed; only its fields are null. Retry later.",
  AGENCY_TIMEOUT: "The agency's system did not answer within its time limit; only its fields are null. Retry later.",
  AGENCY_BAD_RESPONSE: "The agency's system answered something Satu could not read; only its fields are null.",
  IDENTITY_MISMATCH: "An agency's copy of the citizen's identity disagrees with the civil registry; synchronize it first.",
  QUERY_TOO_COMPLEX: 'The operation exceeds a configured limit (depth, aliases, cost, ...).',
  RATE_LIMITED: 'Too many requests from this consumer; retry after the stated delay.',
  PERSISTED_QUERY_NOT_FOUND: 'The operation is not in the registered safelist.',
  AUDIT_UNAVAILABLE: 'The access ledger could not be written, so no personal data was released.',
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The three ways an agency can fail; they become AGENCY_* codes at the field's path. */
export type AgencyFailureCode = 'AGENCY_UNAVAILABLE' | 'AGENCY_TIMEOUT' | 'AGENCY_BAD_RESPONSE';

/**
 * A failure of an agency's legacy system, raised by adapters. The message is for logs
 * (it may name hosts or legacy messages); clients get the catalogue text for the code.
 */
export class LegacyError extends Error {
  /** The HTTP status the legacy system answered, where there was one (e.g. to log a 401 as a configuration fault). */
  readonly httpStatus?: number;

  constructor(
    readonly code: AgencyFailureCode,
    readonly agency: string,
    message: string,
    options?: { cause?: unknown; httpStatus?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LegacyError';
    this.httpStatus = options?.httpStatus;
  }
}

export function satuError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** What a client sees for an agency failure: the generic text plus the code and the agency. */
export function agencyError(code: AgencyFailureCode, agency: string): GraphQLError {
  return satuError(code, `${agency}: ${ERROR_CATALOGUE[code]}`, { agency });
}

/** Turns anything an adapter threw into a client-safe GraphQL error for that agency. */
export function toAgencyGraphQLError(error: unknown, agency: string): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof LegacyError) return agencyError(error.code, error.agency);
  return agencyError('AGENCY_BAD_RESPONSE', agency);
}
