import { buildSchema, parse, type GraphQLError } from 'graphql';
import { validateNikInputs } from '../../../../gateway/plugins/nik-input.plugin';

const schema = buildSchema(`
  scalar NIK
  type Citizen { nik: NIK! }
  input Household { head: NIK!  members: [NIK!]  note: String  nested: Household }
  type Query { citizen(nik: NIK!): Citizen  citizens(niks: [NIK!]!): [Citizen]!  echo(text: String): String  household(input: Household!): [Citizen!]! }
`);

function errorOf(query: string, variables?: Record<string, unknown>): GraphQLError | undefined {
  try {
    validateNikInputs(schema, parse(query), variables);
    return undefined;
  } catch (error) {
    return error as GraphQLError;
  }
}

describe('NIK input validation at the gateway', () => {
  it('accepts valid NIKs as literals and variables', () => {
    expect(errorOf('{ citizen(nik: "1471080101900001") { nik } }')).toBeUndefined();
    expect(errorOf('query($n: NIK!) { citizen(nik: $n) { nik } }', { n: '1471084101900002' })).toBeUndefined();
    expect(errorOf('query($n: [NIK!]!) { citizens(niks: $n) { nik } }', { n: ['1471080101900001', '1471084101900002'] })).toBeUndefined();
  });

  it.each([
    ['147108010190001', 'exactly 16 digits'],
    ['14710801019000012', 'exactly 16 digits'],
    ['14710801019000a1', 'only the digits'],
    ['１４７１０８０１０１９００００１', 'only the digits'],
    ['9971080101900001', 'province'],
    ['1499080101900001', 'regency'],
    ['1471990101900001', 'district'],
    ['1471083202900001', 'birth date'],
    ['1471080101900000', 'serial'],
    ["1471' OR 1=1 --", 'only the digits'],
  ])('refuses %s naming the faulty part (%s)', (nik, part) => {
    const error = errorOf('query($n: NIK!) { citizen(nik: $n) { nik } }', { n: nik });
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain(part);
    expect(error?.message).toContain('$n');
  });

  it('refuses a NIK sent as a JSON number without echoing the (rounded) value', () => {
    const error = errorOf('query($n: NIK!) { citizen(nik: $n) { nik } }', { n: 1471080101900001 });
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toMatch(/string/);
    expect(error?.message).not.toContain('1471080101900001');
  });

  it('refuses a number literal and checks every element of a list literal', () => {
    expect(errorOf('{ citizen(nik: 1471080101900001) { nik } }')?.message).toMatch(/quoted string/);
    const error = errorOf('{ citizens(niks: ["1471080101900001", "123"]) { nik } }');
    expect(error?.message).toContain('niks[1]');
  });

  it('refuses NIKs sent as JSON numbers in a list variable, naming the item, never the value', () => {
    // 14711004059600011 is beyond 2^53: JSON.parse has already made it 14711004059600012.
    const error = errorOf('query($n: [NIK!]!) { citizens(niks: $n) { nik } }', { n: ['1471080101900001', JSON.parse('14711004059600011') as number] });
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toMatch(/^variable \$n\[1\]: NIK must be a string of 16 digits, got a number/);
    expect(error?.message).not.toMatch(/1471|4711004059600/);
  });

  it('checks NIKs inside input objects, as variables and as literals, at any depth', () => {
    const variable = errorOf('query($h: Household!) { household(input: $h) { nik } }', { h: { head: '1471080101900001', nested: { head: '1471080101900001', members: ['1471080101900001', 1471080101900001] } } });
    expect(variable?.message).toMatch(/^variable \$h\.nested\.members\[1\]: NIK must be a string/);
    const literal = errorOf('{ household(input: { head: "1471080101900001", members: ["147108010190001"] }) { nik } }');
    expect(literal?.message).toMatch(/^input field members\[0\]: NIK must have exactly 16 digits/);
    expect(errorOf('{ household(input: { head: 1471080101900001 }) { nik } }')?.message).toBe('input field head: NIK must be a quoted string of 16 digits, got a number');
    expect(errorOf('{ household(input: { head: "1471080101900001", note: "1234" }) { nik } }')).toBeUndefined();
  });

  it('says what kind of literal it got instead of a NIK', () => {
    expect(errorOf('{ citizen(nik: true) { nik } }')?.message).toBe('argument nik: NIK must be a quoted string of 16 digits, got a boolean');
    expect(errorOf('{ citizen(nik: { a: 1 }) { nik } }')?.message).toBe('argument nik: NIK must be a quoted string of 16 digits, got an object');
  });

  it('marks its refusals HTTP 400', () => {
    expect(errorOf('{ citizen(nik: "1") { nik } }')?.extensions.http).toEqual({ status: 400 });
  });

  it('leaves arguments of other types alone', () => {
    expect(errorOf('{ echo(text: "123") }')).toBeUndefined();
  });
});
