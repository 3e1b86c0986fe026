import { GraphQLError } from 'graphql';
import { ERROR_CATALOGUE } from '../../subgraphs/kit/errors';

/**
 * The error every failed append rejects with: AUDIT_UNAVAILABLE with the catalogue's generic text.
 * The cause (a database message that may name hosts and tables) stays on `originalError` for the
 * log; it is never the client's message.
 */
export function auditUnavailable(cause: unknown): GraphQLError {
  return new GraphQLError(ERROR_CATALOGUE.AUDIT_UNAVAILABLE, {
    extensions: { code: 'AUDIT_UNAVAILABLE' },
    originalError: cause instanceof Error ? cause : new Error(String(cause)),
  });
}
