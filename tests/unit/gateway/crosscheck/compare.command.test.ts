import { runCompare, type CompareArgs } from '../../../../gateway/cli/commands/compare.command';
import { runSatu, type CliIo } from '../../../../gateway/cli/satu';

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

function compare(args: CompareArgs): { code: number; out: string; err: string } {
  const io = capture();
  const code = runCompare(args, io);
  return { code, out: io.out, err: io.err };
}

describe('runCompare', () => {
  it('prints the verdict and the reason (registry first, agency second)', () => {
    expect(compare({ attribute: 'FULL_NAME', registryValue: 'MUHAMMAD RIZKI', agencyValue: 'MUH. RIZKI' })).toEqual({
      code: 0,
      out: 'VARIANT  "MUH." is an abbreviation of "MUHAMMAD"\n',
      err: '',
    });
  });

  it('prints one JSON object with --json', () => {
    const { code, out } = compare({ attribute: 'BIRTH_DATE', registryValue: '1982-03-07', agencyValue: '03-07-1982', json: true });
    expect(code).toBe(0);
    expect(out.endsWith('\n')).toBe(true);
    const answer = JSON.parse(out);
    expect(Object.keys(answer)).toEqual(['attribute', 'registryValue', 'agencyValue', 'verdict', 'rule', 'reason']);
    expect(answer).toMatchObject({ attribute: 'BIRTH_DATE', registryValue: '1982-03-07', agencyValue: '03-07-1982', verdict: 'MISMATCH', rule: 'day-month-swap' });
  });

  it('exits 0 whatever the verdict, 1 on MISMATCH with --fail-on-mismatch', () => {
    expect(compare({ attribute: 'SEX', registryValue: 'L', agencyValue: 'P' }).code).toBe(0);
    expect(compare({ attribute: 'SEX', registryValue: 'L', agencyValue: 'P', failOnMismatch: true }).code).toBe(1);
    expect(compare({ attribute: 'SEX', registryValue: 'L', agencyValue: 'M', failOnMismatch: true }).code).toBe(0);
    expect(compare({ attribute: 'SEX', registryValue: 'L', agencyValue: 'X', failOnMismatch: true })).toMatchObject({ code: 0, out: expect.stringMatching(/^INCOMPLETE /) });
  });

  it('accepts the attribute in any case and with hyphens', () => {
    expect(compare({ attribute: 'mother-name', registryValue: 'SITI AMINAH', agencyValue: 'NY. SITI AMINAH' }).out).toMatch(/^VARIANT /);
  });

  it('an empty value is compared (INCOMPLETE), not a usage error', () => {
    expect(compare({ attribute: 'FULL_NAME', registryValue: 'SUPARMAN', agencyValue: '' })).toMatchObject({ code: 0, out: 'INCOMPLETE  the agency holds no value\n' });
  });

  it.each<[string, CompareArgs, RegExp]>([
    ['no attribute', { registryValue: 'A', agencyValue: 'B' }, /--attribute/],
    ['an unknown attribute', { attribute: 'SHOE_SIZE', registryValue: 'A', agencyValue: 'B' }, /unknown attribute "SHOE_SIZE"/],
    ['no values', { attribute: 'FULL_NAME' }, /missing the registry's value and the agency's value/],
    ['one value', { attribute: 'FULL_NAME', registryValue: 'A' }, /missing the agency's value/],
  ])('%s: exit 2 with a message listing the valid attributes', (_, args, message) => {
    const { code, out, err } = compare(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toContain('valid attributes: FULL_NAME, BIRTH_DATE, BIRTH_PLACE, SEX, MOTHER_NAME, MARITAL_STATUS, ADDRESS');
  });
});

describe('satu (commander wiring)', () => {
  async function satu(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = capture();
    const code = await runSatu(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('runs `compare` with its options and arguments', async () => {
    expect(await satu('compare', '--attribute', 'FULL_NAME', 'MUHAMMAD RIZKI', 'MUH. RIZKI')).toEqual({
      code: 0,
      out: 'VARIANT  "MUH." is an abbreviation of "MUHAMMAD"\n',
      err: '',
    });
    const json = await satu('compare', 'MUHAMMAD RIZKI', 'MUHAMMAD RISKI', '-a', 'FULL_NAME', '--json', '--fail-on-mismatch');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ verdict: 'MISMATCH', rule: 'one-letter-difference' });
  });

  it('passes the command exit code for missing values and unknown attributes', async () => {
    expect((await satu('compare', '--attribute', 'FULL_NAME', 'SUPARMAN')).code).toBe(2);
    expect((await satu('compare', '--attribute', 'NOPE', 'A', 'B')).code).toBe(2);
  });

  it('reads values after -- even when they start with a dash', async () => {
    expect(await satu('compare', '--attribute', 'FULL_NAME', '--', 'SUPARMAN', '-')).toMatchObject({ code: 0, out: 'INCOMPLETE  the agency holds no value\n' });
  });

  it.each([
    [['compare', '--bogus']],
    [['compare', '-a', 'SEX', 'L', 'P', 'extra']],
    [['frobnicate']],
    [[]],
  ])('usage errors %j exit 2 without exiting the process', async (argv) => {
    const { code, err } = await satu(...argv);
    expect(code).toBe(2);
    expect(err.length).toBeGreaterThan(0);
  });

  it('--help exits 0 and documents the exit codes', async () => {
    const { code, out } = await satu('compare', '--help');
    expect(code).toBe(0);
    expect(out).toContain('--fail-on-mismatch');
    expect(out).toContain('Exit codes: 0 whatever the verdict');
  });
});
