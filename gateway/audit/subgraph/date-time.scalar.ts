import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// RFC 3339 date-time: a date, a time and a zone (Z or an offset); fractions of a second allowed.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Parses a DateTime argument to the ledger's own notation (Date.toISOString, UTC): the ledger
 * compares times as text, which is right only when every time is written the same way.
 */
export function parseDateTime(value: unknown): string {
  if (typeof value !== 'string') throw badInput('DateTime must be a string such as "2026-12-01T08:00:00+07:00"');
  const millis = RFC3339.test(value) ? Date.parse(value.replace(' ', 'T')) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw badInput(`DateTime must be an ISO 8601 date and time with its zone (Z or +07:00), e.g. "2026-12-01T08:00:00+07:00"; got "${value.slice(0, 40)}"`);
  }
  return new Date(millis).toISOString();
}

/** An instant: ISO 8601 with a zone on input, UTC (`...Z`) on output. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with its zone: "2026-12-01T08:00:00+07:00" in, UTC ("2026-12-01T01:00:00.000Z") out.',
  serialize: (value) => parseDateTime(value),
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be a quoted string such as "2026-12-01T08:00:00+07:00"');
    return parseDateTime(ast.value);
  },
});
