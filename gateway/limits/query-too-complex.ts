import { GraphQLError } from 'graphql';

/** The limits an operation can exceed, as named in QUERY_TOO_COMPLEX errors (`extensions.limit`). */
export type LimitName = 'tokens' | 'depth' | 'aliases' | 'directives' | 'rootFields' | 'listArgument' | 'cost';

const WHAT: Record<LimitName, string> = {
  tokens: 'parser tokens',
  depth: 'depth (levels of nested fields)',
  aliases: 'aliased fields',
  directives: 'directive uses',
  rootFields: 'root fields',
  listArgument: 'items in a list argument',
  cost: 'estimated cost (agency record look-ups)',
};

const ADVICE: Record<LimitName, string> = {
  tokens: 'Send a shorter operation.',
  depth: 'Ask for fewer nested levels (for example fewer familyCard.members levels); walk further with a second query.',
  aliases: 'Ask for each field once; for several citizens use citizens(niks:) instead of aliased citizen(nik:) fields.',
  directives: 'Use fewer @include/@skip directives.',
  rootFields: 'Split the operation into several requests.',
  listArgument: 'Send the list in several requests.',
  cost: 'Ask fewer citizens at once, or fewer agencies’ fields per citizen.',
};

/**
 * QUERY_TOO_COMPLEX (DESIGN.md section 3), naming the limit, the operation's value and the
 * maximum, with what to do instead. `where` adds the place (e.g. the argument) when there is one.
 * `atLeast` says the value was counted only up to a point (the parser stops early).
 */
export function queryTooComplex(limit: LimitName, value: number, maximum: number, where?: string, atLeast = false): GraphQLError {
  const shown = `${atLeast ? 'more than ' : ''}${value}`;
  return new GraphQLError(`The operation is too complex: ${WHAT[limit]} ${shown}${where ? ` (${where})` : ''}, maximum ${maximum}. ${ADVICE[limit]}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, value, maximum, ...(where ? { where } : {}), http: { status: 400 } },
  });
}
