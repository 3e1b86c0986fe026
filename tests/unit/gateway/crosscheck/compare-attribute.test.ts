import { COMPARED_ATTRIBUTES, MAX_VALUE_LENGTH, compareAttribute, type AttributeVerdict } from '../../../../gateway/crosscheck';
import { ALIAS_SEPARATOR, DOTTED_ONLY_SUFFIX_TITLES, MUHAMMAD_ABBREVIATIONS, PATRONYMIC_WORDS, PREFIX_TITLES, SUFFIX_TITLES } from '../../../../gateway/crosscheck/name-rules';
import { canonOf } from '../../../../gateway/crosscheck/name.parse';
import { IDENTITY_ATTRIBUTES } from '../../../../subgraphs/kit/directives';
import * as pools from '../../../../subgraphs/population/name-pools';
import { createRng } from '../../../../subgraphs/population/rng';

/** A plausible value of each attribute, used where any real value will do. */
const SAMPLE: Readonly<Record<(typeof IDENTITY_ATTRIBUTES)[number], string>> = {
  FULL_NAME: 'MUHAMMAD RIZKI',
  BIRTH_DATE: '1982-10-09',
  BIRTH_PLACE: 'PEKANBARU',
  SEX: 'LAKI-LAKI',
  MOTHER_NAME: 'SITI AMINAH',
  MARITAL_STATUS: 'KAWIN',
  ADDRESS: 'JL. PAUS NO. 3 RT 001 RW 002, KEL. MAHARANI, KEC. RUMBAI BARAT, PEKANBARU',
};

describe('compareAttribute', () => {
  it('compares every identity attribute of the schema', () => {
    expect([...COMPARED_ATTRIBUTES]).toEqual([...IDENTITY_ATTRIBUTES]);
  });

  it('refuses an attribute that is not an identity attribute (a programming error)', () => {
    expect(() => compareAttribute('SHOE_SIZE' as never, 'a', 'b')).toThrow(TypeError);
    expect(() => compareAttribute('toString' as never, 'a', 'b')).toThrow(TypeError);
  });

  describe.each(IDENTITY_ATTRIBUTES)('%s: values it cannot compare', (attribute) => {
    const value = SAMPLE[attribute];

    it('gives MATCH for the sample against itself', () => {
      expect(compareAttribute(attribute, value, value).verdict).toBe('MATCH');
    });

    it.each([null, undefined, '', '   ', '-', 'NULL', 'n/a'])('agency value %j: INCOMPLETE, "the agency holds no value"', (empty) => {
      expect(compareAttribute(attribute, value, empty)).toEqual({ verdict: 'INCOMPLETE', rule: 'no-value', reason: 'the agency holds no value' });
      expect(compareAttribute(attribute, empty, value)).toEqual({ verdict: 'INCOMPLETE', rule: 'no-value', reason: 'the registry holds no value' });
    });

    it('both empty: INCOMPLETE naming neither', () => {
      expect(compareAttribute(attribute, null, '')).toMatchObject({ verdict: 'INCOMPLETE', reason: 'neither the registry nor the agency holds a value' });
    });

    it.each([[42], [true], [{ name: 'X' }], [['X']], [new Date('1982-10-09')]])('a value that is not text (%p): INCOMPLETE', (notText) => {
      const result = compareAttribute(attribute, value, notText);
      expect(result).toMatchObject({ verdict: 'INCOMPLETE', rule: 'not-text' });
      expect(result.reason).toMatch(/^the agency's value is an? \w+, not text/);
      expect(compareAttribute(attribute, notText, value)).toMatchObject({ verdict: 'INCOMPLETE', rule: 'not-text' });
    });

    it('an absurdly long copy is a MISMATCH, an absurdly long registry value INCOMPLETE, never a crash or a MATCH', () => {
      const long = `${value} ${' '.repeat(MAX_VALUE_LENGTH)}`;
      expect(compareAttribute(attribute, value, long)).toMatchObject({ verdict: 'MISMATCH', rule: 'absurd-length' });
      expect(compareAttribute(attribute, long, value)).toMatchObject({ verdict: 'INCOMPLETE', rule: 'absurd-length' });
      const huge = 'A'.repeat(5_000_000);
      const started = Date.now();
      expect(compareAttribute(attribute, value, huge).reason).toContain('5000000 characters long');
      expect(Date.now() - started).toBeLessThan(100);
    });

    it('reads a value of exactly MAX_VALUE_LENGTH characters', () => {
      const padded = value.padEnd(MAX_VALUE_LENGTH, ' ');
      expect(compareAttribute(attribute, value, padded).verdict).toBe('MATCH');
    });
  });

  it('never throws and always explains itself on random garbage (seeded fuzz)', () => {
    const rng = createRng('crosscheck-fuzz');
    const alphabet = 'AZaz09 ./-,\'@:;()\u00e9\u0301\t\n\u00a0RTWKELKECBINMUHOEDJ/';
    const verdicts: AttributeVerdict[] = ['MATCH', 'VARIANT', 'MISMATCH', 'INCOMPLETE'];
    for (let i = 0; i < 3000; i++) {
      const length = rng.int(0, 60);
      let garbage = '';
      for (let j = 0; j < length; j++) garbage += alphabet[rng.int(0, alphabet.length - 1)];
      for (const attribute of IDENTITY_ATTRIBUTES) {
        for (const [registry, agency] of [[SAMPLE[attribute], garbage], [garbage, SAMPLE[attribute]], [garbage, garbage]]) {
          const result = compareAttribute(attribute, registry, agency);
          expect(verdicts).toContain(result.verdict);
          expect(result.rule).toMatch(/^[a-z-]+(\+[a-z-]+)*$/);
          expect(result.reason.length).toBeGreaterThan(5);
        }
      }
    }
  });

  it('is cheap: a 100-citizen x 10-agency crosscheck (7,000 comparisons, all different) takes well under a second', () => {
    const pairs: [(typeof IDENTITY_ATTRIBUTES)[number], string, string][] = [
      ['FULL_NAME', 'MUHAMMAD RIZKI PRATAMA', 'PRATAMA RIZKI MUH.'],
      ['BIRTH_DATE', '1982-10-09', '09-OCT-82'],
      ['BIRTH_PLACE', 'PEKANBARU', 'KOTA PEKANBARU'],
      ['SEX', 'LAKI-LAKI', 'L'],
      ['MOTHER_NAME', 'SITI AMINAH', 'HJ. SITI AMINAH'],
      ['MARITAL_STATUS', 'KAWIN', 'MARRIED'],
      ['ADDRESS', SAMPLE.ADDRESS, 'Jl. Paus No. 3 RT 001 RW 002, KEL. Maharani, KEC. Rumbai, Kota Pekanbaru'],
    ];
    const started = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) for (const [attribute, r, a] of pairs) compareAttribute(attribute, r, a);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});

describe('the name rules data', () => {
  const poolWords = new Set(
    Object.values(pools)
      .flat()
      .flatMap((name) => (name as string).split(' ')),
  );

  it('takes no word of the population name pools for a title, a MUHAMMAD abbreviation, a patronymic or an alias word', () => {
    const special = [...PREFIX_TITLES, ...SUFFIX_TITLES, ...DOTTED_ONLY_SUFFIX_TITLES, ...MUHAMMAD_ABBREVIATIONS, ...PATRONYMIC_WORDS];
    expect(special.filter((word) => poolWords.has(word))).toEqual([]);
    expect([...poolWords].filter((word) => ALIAS_SEPARATOR.test(` ${word} `))).toEqual([]);
  });

  it('never merges two different pool words into one canonical form', () => {
    const byCanon = new Map<string, string[]>();
    for (const word of poolWords) byCanon.set(canonOf(word), [...(byCanon.get(canonOf(word)) ?? []), word]);
    expect([...byCanon.values()].filter((words) => words.length > 1)).toEqual([]);
  });
});
