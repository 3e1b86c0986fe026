import { SIDE_POSSESSIVE, incomplete, match, mismatch, q, variant, type AttributeComparison } from './comparison';
import { ABDUL_ABBREVIATIONS, MUHAMMAD_ABBREVIATIONS, modernSpelling } from './name-rules';
import { readingsOf, tokenizeName, type NameReading, type NameWord } from './name.parse';
import { upperClean } from './text.normalize';

/**
 * FULL_NAME and MOTHER_NAME. MATCH once case, spacing and punctuation are normalized. VARIANT when
 * the benign rules explain every difference, alone or combined: titles, MUHAMMAD and ABDUL forms,
 * pre-1972 spelling, aliases, the passport's BIN/BINTI + father, and the same words in another
 * order (the passport's surname/given split). Otherwise MISMATCH: the rules work word by word and
 * never forgive a different word, a missing or extra word, an initial other than M. for MUHAMMAD,
 * or a one-letter difference (README, judgment calls).
 */

/** Rule ids in the order they are listed when several explain one difference. */
const RULE_ORDER = ['alias', 'title', 'passport-bin', 'muhammad-abbreviation', 'muhammad-spelling', 'abdul-abbreviation', 'old-spelling', 'word-order'] as const;
type NameRule = (typeof RULE_ORDER)[number];

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

interface Explanation {
  rules: Set<NameRule>;
  reasons: string[];
}

export function compareName(registryText: string, agencyText: string): AttributeComparison {
  // Fast paths first: most copies are exact, and a crosscheck compares thousands per query.
  const holdsName = HAS_LETTER_OR_DIGIT.test(registryText) && HAS_LETTER_OR_DIGIT.test(agencyText);
  if (holdsName && registryText === agencyText) return match('identical', 'the same name, written the same way');
  if (holdsName && upperClean(registryText) === upperClean(agencyText)) return formatMatch(registryText, agencyText);

  const registry = tokenizeName(registryText);
  const agency = tokenizeName(agencyText);
  if (registry.parts.length === 0) return incomplete('no-value', `${SIDE_POSSESSIVE.registry} value ${q(registryText)} holds no name`);
  if (agency.parts.length === 0) return incomplete('no-value', `${SIDE_POSSESSIVE.agency} value ${q(agencyText)} holds no name`);
  if (registry.formatted === agency.formatted) return formatMatch(registryText, agencyText);

  const registryReadings = readingsOf(registry);
  const agencyReadings = readingsOf(agency);
  let best: Explanation | null = null;
  for (const r of registryReadings) {
    for (const a of agencyReadings) {
      // Both sides with a patronymic: their fathers' names must agree, so they stay in the words.
      if (r.patronymic !== null && a.patronymic !== null) continue;
      const explanation = explain(r, a);
      if (explanation && (best === null || explanation.rules.size < best.rules.size)) best = explanation;
    }
  }
  if (best) {
    const rules = RULE_ORDER.filter((rule) => best.rules.has(rule));
    return variant(rules.join('+'), best.reasons.join('; '));
  }
  return explainMismatch(registryReadings, agencyReadings);
}

function formatMatch(registryText: string, agencyText: string): AttributeComparison {
  return match('format', `the same name once case, spacing and punctuation are normalized (${q(registryText)} = ${q(agencyText)})`);
}

/** The rules that make reading `a` (agency) equal to reading `r` (registry), or null when none do. */
function explain(r: NameReading, a: NameReading): Explanation | null {
  const pairs = alignInOrder(r.words, a.words) ?? alignAnyOrder(r.words, a.words);
  if (!pairs) return null;
  const rules = new Set<NameRule>();
  const reasons: string[] = [];
  const add = (rule: NameRule, reason: string): void => {
    rules.add(rule);
    if (!reasons.includes(reason)) reasons.push(reason);
  };

  if (r.parts > 1 || a.parts > 1) {
    if (a.parts > 1) add('alias', `the agency's copy ${q(a.shownAll)} gives the name with an alias, and ${q(a.shownPart)} is the registered one`);
    if (r.parts > 1) add('alias', `the registry's ${q(r.shownAll)} gives the name with an alias, and the agency holds ${q(r.shownPart)}`);
  }
  const titleDifference = titlesOnOneSide(r.titles, a.titles);
  if (titleDifference.length > 0) {
    add('title', `${titleDifference.length > 1 ? 'the titles' : 'the title'} ${titleDifference.map((w) => q(w.shown)).join(', ')} ${titleDifference.length > 1 ? 'are' : 'is'} not part of the name`);
  }
  if (r.patronymic !== null) add('passport-bin', `the registry adds ${q(r.patronymic)} (a father's name, as passports write it)`);
  if (a.patronymic !== null) add('passport-bin', `the agency's copy adds ${q(a.patronymic)} (a father's name, as passports write it for single-name holders)`);
  for (const [rw, aw] of pairs.pairs) {
    if (rw.base === aw.base) continue;
    const [rule, reason] = wordRule(rw, aw);
    add(rule, reason);
  }
  if (!pairs.inOrder) add('word-order', 'the same words in another order (a surname/given-name split)');
  return { rules, reasons };
}

interface Alignment {
  pairs: [NameWord, NameWord][];
  inOrder: boolean;
}

function alignInOrder(r: readonly NameWord[], a: readonly NameWord[]): Alignment | null {
  if (r.length !== a.length) return null;
  for (let i = 0; i < r.length; i++) if (r[i]!.canon !== a[i]!.canon) return null;
  return { pairs: r.map((w, i) => [w, a[i]!]), inOrder: true };
}

/** The same multiset of canonical words in another order; each registry word paired with the first unused equal one. */
function alignAnyOrder(r: readonly NameWord[], a: readonly NameWord[]): Alignment | null {
  if (r.length !== a.length) return null;
  const used = new Array<boolean>(a.length).fill(false);
  const pairs: [NameWord, NameWord][] = [];
  for (const rw of r) {
    const index = a.findIndex((aw, i) => !used[i] && aw.canon === rw.canon);
    if (index === -1) return null;
    used[index] = true;
    pairs.push([rw, a[index]!]);
  }
  return { pairs, inOrder: false };
}

/** Titles present on one side and not the other (same title both sides is no difference). */
function titlesOnOneSide(r: readonly NameWord[], a: readonly NameWord[]): NameWord[] {
  const remaining = a.map((w) => w.base);
  const onlyRegistry: NameWord[] = [];
  for (const w of r) {
    const index = remaining.indexOf(w.base);
    if (index === -1) onlyRegistry.push(w);
    else remaining.splice(index, 1);
  }
  const onlyAgency = a.filter((w) => remaining.includes(w.base));
  return [...onlyAgency, ...onlyRegistry];
}

/** Which rule makes two words with the same canonical form equal, and the sentence saying so. */
function wordRule(r: NameWord, a: NameWord): [NameRule, string] {
  if (r.canon === 'MUHAMMAD') {
    const abbreviated = [a, r].filter((w) => MUHAMMAD_ABBREVIATIONS.has(w.base) || MUHAMMAD_ABBREVIATIONS.has(modernSpelling(w.base)));
    if (abbreviated.length === 2) return ['muhammad-abbreviation', `${q(a.shown)} and ${q(r.shown)} both abbreviate "MUHAMMAD"`];
    if (abbreviated.length === 1) return ['muhammad-abbreviation', `${q(abbreviated[0]!.shown)} is an abbreviation of "MUHAMMAD"`];
    const spelled = [a, r].filter((w) => w.base !== 'MUHAMMAD');
    return ['muhammad-spelling', `${spelled.map((w) => q(w.shown)).join(' and ')} ${spelled.length > 1 ? 'are spellings' : 'is a spelling'} of "MUHAMMAD"`];
  }
  if (r.canon === 'ABDUL' && (ABDUL_ABBREVIATIONS.has(a.base) || ABDUL_ABBREVIATIONS.has(r.base))) {
    const short = ABDUL_ABBREVIATIONS.has(a.base) ? a : r;
    return ['abdul-abbreviation', `${q(short.shown)} is an abbreviation of "ABDUL"`];
  }
  const [old, modern] = modernSpelling(a.base) !== a.base ? [a, r] : [r, a];
  return ['old-spelling', `${q(old.shown)} is the pre-1972 spelling of ${q(modern.shown)}`];
}

// ---- mismatches ------------------------------------------------------------------------------

/** Words of `from` whose canonical form `other` lacks (as multisets). */
function unmatched(from: readonly NameWord[], other: readonly NameWord[]): NameWord[] {
  const remaining = other.map((w) => w.canon);
  const out: NameWord[] = [];
  for (const w of from) {
    const index = remaining.indexOf(w.canon);
    if (index === -1) out.push(w);
    else remaining.splice(index, 1);
  }
  return out;
}

const list = (ws: readonly NameWord[]): string => ws.map((w) => q(w.shown)).join(', ');

/** A MISMATCH whose reason names the words no rule explains, from the closest pair of readings. */
function explainMismatch(registry: readonly NameReading[], agency: readonly NameReading[]): AttributeComparison {
  let closest: { r: NameReading; a: NameReading; onlyR: NameWord[]; onlyA: NameWord[] } | null = null;
  for (const r of registry) {
    for (const a of agency) {
      if (r.patronymic !== null && a.patronymic !== null) continue;
      const onlyR = unmatched(r.words, a.words);
      const onlyA = unmatched(a.words, r.words);
      if (closest === null || onlyR.length + onlyA.length < closest.onlyR.length + closest.onlyA.length) closest = { r, a, onlyR, onlyA };
    }
  }
  const { r, a, onlyR, onlyA } = closest!;
  const joined = (ws: readonly NameWord[]): string => ws.map((w) => w.canon).join('');
  if (joined(r.words) === joined(a.words)) {
    return mismatch(
      'joined-words',
      `${q(a.words.map((w) => w.shown).join(' '))} and ${q(r.words.map((w) => w.shown).join(' '))} split the name into different words: registered names are compared word by word`,
    );
  }
  const initial = onlyA.find((w) => MUHAMMAD_ABBREVIATIONS.has(w.base)) ?? onlyR.find((w) => MUHAMMAD_ABBREVIATIONS.has(w.base));
  if (initial && onlyR.length > 0 && onlyA.length > 0) {
    const other = (onlyA.includes(initial) ? onlyR : onlyA).find((w) => w.base.startsWith(initial.base[0]!));
    if (other) {
      return mismatch('initial-not-muhammad', `${q(initial.shown)} stands only for "MUHAMMAD", not for ${q(other.shown)}: no rule reads other initials`);
    }
  }
  if (onlyR.length === 1 && onlyA.length === 1 && editDistanceIsOne(onlyR[0]!.canon, onlyA[0]!.canon)) {
    return mismatch(
      'one-letter-difference',
      `${q(onlyA[0]!.shown)} is not ${q(onlyR[0]!.shown)}: one letter apart, but no rule forgives a different letter (a typo or another person: send it for synchronization)`,
    );
  }
  if (onlyA.length === 0) return mismatch('missing-word', `the agency's copy lacks ${list(onlyR)}, which no rule lets it drop`);
  if (onlyR.length === 0) return mismatch('extra-word', `the agency's copy adds ${list(onlyA)}, which no rule explains`);
  return mismatch('different-name', `no rule explains ${list(onlyA)} in the agency's copy for ${list(onlyR)} in the registry`);
}

/** True when one substitution, insertion or deletion turns `a` into `b` (for the reason only). */
function editDistanceIsOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
