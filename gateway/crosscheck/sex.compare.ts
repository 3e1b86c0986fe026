import { SIDE_POSSESSIVE, incomplete, match, mismatch, q, type AttributeComparison, type Side } from './comparison';
import { compact } from './text.normalize';

type SexValue = 'MALE' | 'FEMALE';

/**
 * Every sex notation we read (DOMAIN.md, "Why agencies' copies disagree"), keyed by the value's
 * letters and digits only (`LAKI-LAKI`, `Laki laki` and `LAKILAKI` are one key).
 */
const SEX_NOTATIONS: ReadonlyMap<string, SexValue> = new Map<string, SexValue>([
  ['L', 'MALE'], ['LK', 'MALE'], ['LAKILAKI', 'MALE'], ['LAKI2', 'MALE'], ['LAKI', 'MALE'], ['LELAKI', 'MALE'],
  ['PRIA', 'MALE'], ['M', 'MALE'], ['MALE', 'MALE'], ['MAN', 'MALE'],
  ['P', 'FEMALE'], ['PR', 'FEMALE'], ['PEREMPUAN', 'FEMALE'], ['WANITA', 'FEMALE'], ['F', 'FEMALE'], ['FEMALE', 'FEMALE'], ['WOMAN', 'FEMALE'],
]);

/**
 * Numeric codes differ between systems (DOMAIN.md: compare labels, never codes); mapping an agency's
 * own codes is its adapter's business. We read 1/2 only as the civil registry's SIAK codes, so only
 * on the registry side; a number in an agency's copy is an unknown notation.
 */
const SIAK_SEX_CODES: ReadonlyMap<string, SexValue> = new Map<string, SexValue>([
  ['1', 'MALE'],
  ['2', 'FEMALE'],
]);

const DIGITS_ONLY = /^\d+$/;

const LABEL: Readonly<Record<SexValue, string>> = { MALE: 'LAKI-LAKI', FEMALE: 'PEREMPUAN' };

function readSex(text: string, side: Side): SexValue | undefined {
  const key = compact(text);
  return SEX_NOTATIONS.get(key) ?? (side === 'registry' ? SIAK_SEX_CODES.get(key) : undefined);
}

/** SEX: MATCH in any notation, MISMATCH for the other sex, INCOMPLETE for a notation we do not know. */
export function compareSex(registryText: string, agencyText: string): AttributeComparison {
  const registry = readSex(registryText, 'registry');
  const agency = readSex(agencyText, 'agency');
  for (const [side, text, value] of [['registry', registryText, registry], ['agency', agencyText, agency]] as const) {
    if (value === undefined) {
      const hint = side === 'agency' && DIGITS_ONLY.test(text) ? ' (numeric codes differ between systems: the agency adapter must map its own codes to a label)' : '';
      return incomplete('unknown-sex-notation', `unknown sex notation ${q(text)} in ${SIDE_POSSESSIVE[side]} value${hint}`);
    }
  }
  if (registry === agency) {
    return registryText === agencyText
      ? match('identical', 'the same sex, written the same way')
      : match('sex-notation', `the same sex in another notation (${q(registryText)} = ${q(agencyText)} = ${LABEL[registry!]})`);
  }
  return mismatch('different-sex', `another sex: the registry says ${LABEL[registry!]}, the agency ${LABEL[agency!]} (${q(agencyText)})`);
}
