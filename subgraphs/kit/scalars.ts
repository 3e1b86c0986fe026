import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { InvalidNikError, isCalendarDate, parseNik } from './nik';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function validatedNik(value: unknown): string {
  try {
    return parseNik(value).nik;
  } catch (error) {
    if (error instanceof InvalidNikError) throw badInput(error.message);
    throw error;
  }
}

/** NIK: 16 digits, validated (DOMAIN.md). Always a string on the wire. */
export const NikScalar = new GraphQLScalarType({
  name: 'NIK',
  description: 'Nomor Induk Kependudukan: 16 digits, always sent as a string (PP RR DD ddmmyy SSSS).',
  serialize: (value) => String(value),
  parseValue: validatedNik,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw badInput(`NIK must be a quoted string of 16 digits, got a ${ast.kind === Kind.INT ? 'number' : ast.kind} literal`);
    }
    return validatedNik(ast.value);
  },
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validatedDate(value: unknown): string {
  if (typeof value !== 'string') throw badInput('Date must be a string yyyy-mm-dd');
  const match = ISO_DATE.exec(value);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw badInput(`Date must be a real calendar date written yyyy-mm-dd, got "${value.slice(0, 40)}"`);
  }
  return value;
}

/** Date: a calendar date written yyyy-mm-dd, with no time and no zone. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, yyyy-mm-dd.',
  serialize: (value) => validatedDate(value),
  parseValue: validatedDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a quoted string yyyy-mm-dd');
    return validatedDate(ast.value);
  },
});
