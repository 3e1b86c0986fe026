import { buildSchema, parse, type GraphQLError } from 'graphql';
import { validateNikInputs } from '../../../../gateway/plugins/nik-input.plugin';

const schema = buildSchema(`
  scalar NIK
  type Citizen { nik: NIK! }
  type Query { citizen(nik: NIK!): Citizen  citizens(niks: [NIK!]!): [Citizen]!  echo(text: String): String }
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

  it('leaves arguments of other types alone', () => {
    expect(errorOf('{ echo(text: "123") }')).toBeUndefined();
  });
});
