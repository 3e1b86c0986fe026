import { SIDE_POSSESSIVE, incomplete, match, mismatch, q, variant, type AttributeComparison } from './comparison';
import { parseAddress, type ParsedAddress } from './address.parse';
import { districtRelation } from './region-names';
import { compact, upperClean, words } from './text.normalize';

/**
 * ADDRESS: both one-line addresses are parsed (address.parse.ts) and compared part by part.
 * - street: formatting (case, spacing, punctuation) is MATCH; street-word abbreviations (JL./JALAN,
 *   GG./GANG, NO./NOMOR, ...) are VARIANT; anything else, a different house number included, MISMATCH;
 * - RT, RW: as numbers (`003` = `3`);
 * - village: MATCH or MISMATCH;
 * - district: a former name (TAMPAN for BINAWIDYA, RUMBAI for RUMBAI BARAT, RUMBAI PESISIR for
 *   RUMBAI) is VARIANT; another district MISMATCH;
 * - regency: with or without KOTA/KAB. is MATCH here: in an address line the kind is a label, like
 *   KEL. and KEC. (for BIRTH_PLACE, a bare name, the same prefix is a VARIANT);
 * - province and postal code: compared only when both sides hold them (most agencies hold neither).
 * A part the registry lacks is not compared; a street, RT, RW, village or district the agency's copy
 * lacks is a MISMATCH (the copy is not enough to find the citizen's home). Regency, province and
 * postal code may be absent from a copy.
 */

/** Street words written in full or abbreviated; NO is dropped (`JL. SUDIRMAN 12` = `JL. SUDIRMAN NO. 12`). */
const STREET_WORDS: ReadonlyMap<string, string> = new Map([
  ['JALAN', 'JL'], ['JLN', 'JL'], ['JL', 'JL'],
  ['GANG', 'GG'], ['GG', 'GG'],
  ['NOMOR', ''], ['NOMER', ''], ['NMR', ''], ['NO', ''],
  ['PERUMAHAN', 'PERUM'], ['PERUM', 'PERUM'],
  ['KOMPLEKS', 'KOMP'], ['KOMPLEK', 'KOMP'], ['KOMPL', 'KOMP'], ['KOMP', 'KOMP'],
  ['BLOK', 'BLOK'], ['BLK', 'BLOK'],
  ['LORONG', 'LR'], ['LR', 'LR'],
]);
const DIGIT_RUNS = /\d+/g;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

type PartName = 'street' | 'RT' | 'RW' | 'village' | 'district' | 'regency' | 'province' | 'postal code';
const REQUIRED_IN_COPY: ReadonlySet<PartName> = new Set<PartName>(['street', 'RT', 'RW', 'village', 'district']);

interface PartResult {
  verdict: 'MATCH' | 'VARIANT' | 'MISMATCH';
  rule: string;
  reason: string;
}

export function compareAddress(registryText: string, agencyText: string): AttributeComparison {
  if (registryText === agencyText && HAS_LETTER_OR_DIGIT.test(registryText)) return match('identical', 'the same address, written the same way');
  if (upperClean(registryText) === upperClean(agencyText) && HAS_LETTER_OR_DIGIT.test(registryText)) {
    return match('format', 'the same address once case and spacing are normalized');
  }
  const registry = parseAddress(registryText);
  const agency = parseAddress(agencyText);
  if (Object.values(registry).every((part) => part === null)) {
    return incomplete('no-value', `${SIDE_POSSESSIVE.registry} value ${q(registryText)} holds no address`);
  }

  const results: PartResult[] = [];
  const part = <T>(name: PartName, r: T | null, a: T | null, compare: (r: T, a: T) => PartResult | null): void => {
    if (r === null) return;
    if (a === null) {
      if (REQUIRED_IN_COPY.has(name)) results.push({ verdict: 'MISMATCH', rule: 'missing-part', reason: `the agency's copy has no ${name}` });
      return;
    }
    const result = compare(r, a);
    if (result) results.push(result);
  };

  part('street', registry.street, agency.street, compareStreet);
  part('RT', registry.rt, agency.rt, (r, a) => (r === a ? null : differs('different-rt', 'RT', pad3(r), pad3(a))));
  part('RW', registry.rw, agency.rw, (r, a) => (r === a ? null : differs('different-rw', 'RW', pad3(r), pad3(a))));
  part('village', registry.village, agency.village, (r, a) => (compact(r) === compact(a) ? null : differs('different-village', 'village (KEL.)', r, a)));
  part('district', registry.district, agency.district, compareDistrict);
  part('regency', registry.regency, agency.regency, (r, a) => {
    if (r.key !== a.key) return differs('different-regency', 'regency', r.name, a.name);
    if (r.kind && a.kind && r.kind !== a.kind) return differs('different-regency', 'regency', `${r.kind} ${r.name}`, `${a.kind} ${a.name}`);
    return null;
  });
  part('province', registry.province, agency.province, (r, a) => (compact(r) === compact(a) ? null : differs('different-province', 'province', r, a)));
  part('postal code', registry.postalCode, agency.postalCode, (r, a) => (r === a ? null : differs('different-postal-code', 'postal code', r, a)));

  const mismatches = results.filter((r) => r.verdict === 'MISMATCH');
  if (mismatches.length > 0) return mismatch(ruleOf(mismatches), mismatches.map((r) => r.reason).join('; '));
  const variants = results.filter((r) => r.verdict === 'VARIANT');
  if (variants.length > 0) return variant(ruleOf(variants), variants.map((r) => r.reason).join('; '));
  return match('format', describeFormatting(registry, agency));
}

/** The parts' rule ids, each once, in the order of the parts. */
function ruleOf(results: readonly PartResult[]): string {
  return [...new Set(results.map((r) => r.rule))].join('+');
}

function compareStreet(r: string, a: string): PartResult | null {
  if (compact(r) === compact(a)) return null;
  const expanded = (street: string): string => words(street).map((w) => STREET_WORDS.get(w) ?? w).join('');
  const [er, ea] = [expanded(r), expanded(a)];
  if (er === ea) return { verdict: 'VARIANT', rule: 'street-abbreviation', reason: `the street ${q(a)} abbreviates or spells out words of ${q(r)} (JL./JALAN, NO./NOMOR, ...)` };
  if (er.replace(DIGIT_RUNS, '#') === ea.replace(DIGIT_RUNS, '#')) {
    return { verdict: 'MISMATCH', rule: 'house-number', reason: `the house number differs: the registry says ${q(r)}, the agency ${q(a)} (another number is another address)` };
  }
  return differs('different-street', 'street', r, a);
}

function compareDistrict(r: string, a: string): PartResult | null {
  const relation = districtRelation(r, a);
  if (relation.kind === 'same') return null;
  if (relation.kind === 'renamed') {
    return {
      verdict: 'VARIANT',
      rule: 'district-rename',
      reason: `${q(relation.formerName)} is the former name of the district ${q(relation.currentName)} (${relation.code})`,
    };
  }
  return { ...differs('different-district', 'district (KEC.)', r, a), reason: `another district (KEC.): the registry says ${q(r)}, the agency ${q(a)}${relation.note}` };
}

function differs(rule: string, name: string, r: string, a: string): PartResult {
  return { verdict: 'MISMATCH', rule, reason: `another ${name}: the registry says ${q(r)}, the agency ${q(a)}` };
}

function describeFormatting(registry: ParsedAddress, agency: ParsedAddress): string {
  const prefix = registry.regency && agency.regency && registry.regency.kind !== agency.regency.kind ? '; the regency is written with and without its kind' : '';
  return `the same address once case, spacing, punctuation and layout are normalized${prefix}`;
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}
