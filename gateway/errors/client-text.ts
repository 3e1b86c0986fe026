import { maskNikRuns } from '../../subgraphs/kit/nik-mask';

/**
 * A last pass over every message a client reads, whatever made it. Our own messages are written
 * not to need it; it is there for the ones that quote something (GraphQL quoting a literal of the
 * client's query, a library naming the address it could not reach). Host names cannot be told
 * from words, which is why agency text is never shown at all (see client-error-formatter.ts).
 */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>),;]+/gi;
const IPV4_PATTERN = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g;
// Full eight-group IPv6, or a compressed one with "::" and at least one group beside it. Times
// (08:00:00) and GraphQL coordinates (Type.field) do not match.
const IPV6_PATTERN = /(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?|::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*))(?![\w:])/gi;
// graphql-js appends suggestions as ` Did you mean "a", "b" or "c"?` (validation and variable coercion alike).
const SUGGESTION_PATTERN = / ?Did you mean .*?\?(?=\s|$)/g;

export interface ClientTextOptions {
  /** Keep graphql-js "Did you mean ...?" suggestions. */
  suggestions: boolean;
}

export function scrubClientText(message: string, options: ClientTextOptions): string {
  let text = maskNikRuns(message).replace(URL_PATTERN, '[address]').replace(IPV4_PATTERN, '[address]').replace(IPV6_PATTERN, '[address]');
  if (!options.suggestions) text = text.replace(SUGGESTION_PATTERN, '');
  return text;
}
