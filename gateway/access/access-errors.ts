import { GraphQLError } from 'graphql';

/**
 * The two error codes this folder raises (DESIGN.md section 3). `extensions.http` sets the
 * response status when Apollo meets the error outside execution (the context function); Apollo
 * strips it from the body.
 */
export function unauthenticated(message: string, originalError?: Error): GraphQLError {
  // originalError stays on the server side (logs); GraphQL never serializes it to the client.
  return new GraphQLError(message, { originalError, extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}
