import { districtByCode } from '../kit/regions';
import { DEGREE_EDUCATION, EDUCATION, OCCUPATION } from './attributes';
import type { Address, Person } from './person';
import { BIRTH_PLACE_BY_NAME } from './places';
import type { Rng } from './seed-context';

/**
 * The benign and formatting-only ways an agency's copy of a name, place or address can
 * differ from the civil registry (DOMAIN.md, "Why agencies' copies disagree"). Each function
 * says whether it applies and what it produces; the identity planter decides when to use one.
 * Pure functions of their input and the Rng, so tests can check each rule on its own.
 */

// ---- titles (TITLE) -------------------------------------------------------------------------

/** Prefix titles and honorifics as legacy systems write them. */
export const PREFIX_TITLES = ['H.', 'HJ.', 'DRS.', 'IR.', 'DR.', 'BPK.', 'NY.'] as const;
/** Academic suffixes, written after a comma. */
export const SUFFIX_TITLES = ['S.KOM', 'S.E.', 'S.H.', 'M.M.'] as const;

/**
 * Titled forms of `name` that fit this person: H./HJ. for Muslims of 35 or more (hajj),
 * BPK./NY. for adults, DRS. (men born before 1969), IR., S.E., S.H., S.KOM for graduates of
 * the right generation, M.M. for a master's, DR. for doctors and doctorates. Empty when none fits.
 */
export function titledForms(name: string, person: Person, age: number, birthYear: number): string[] {
  const forms: string[] = [];
  const male = person.sex === 'MALE';
  const hajj = person.religion === 'ISLAM' && age >= 35 ? (male ? 'H.' : 'HJ.') : null;
  if (hajj) forms.push(`${hajj} ${name}`);
  if (male && age >= 30) forms.push(`BPK. ${name}`);
  if (!male && age >= 25 && person.maritalStatus !== 'BELUM KAWIN') forms.push(`NY. ${name}`);
  const academic: string[] = [];
  if (DEGREE_EDUCATION.has(person.education) && age >= 22) {
    if (male && birthYear <= 1968) academic.push(`DRS. ${name}`);
    if (birthYear <= 1985) academic.push(`IR. ${name}`);
    if (birthYear >= 1960) academic.push(`${name}, S.E.`, `${name}, S.H.`);
    if (birthYear >= 1970) academic.push(`${name}, S.KOM`);
    if (person.education === EDUCATION.MASTER) academic.push(`${name}, S.E., M.M.`);
    if (person.education === EDUCATION.DOCTORATE || person.occupation === OCCUPATION.DOCTOR) academic.push(`DR. ${name}`);
  }
  forms.push(...academic);
  // A hajj title often travels with an academic one: "H. SUPARMAN, S.E.".
  if (hajj) for (const form of academic) if (form.startsWith(name)) forms.push(`${hajj} ${form}`);
  return forms;
}

/** Titles a mother's name may carry in another agency's copy (we know only her child's religion). */
export function motherTitledForms(motherName: string, childReligion: Person['religion']): string[] {
  const forms = [`NY. ${motherName}`];
  if (childReligion === 'ISLAM') forms.push(`HJ. ${motherName}`);
  return forms;
}

// ---- Muhammad / Abdul (MUHAMMAD_ABBREVIATION, ABDUL_ABBREVIATION) ---------------------------

export const MUHAMMAD_FORMS = ['MUH.', 'MOCH.', 'M.', 'MUHAMAD', 'MOHAMMAD', 'MOCHAMAD'] as const;

export function hasWord(name: string, word: string): boolean {
  return name.split(' ').includes(word);
}

export function replaceWord(name: string, word: string, replacement: string): string {
  return name
    .split(' ')
    .map((w) => (w === word ? replacement : w))
    .join(' ');
}

// ---- old spelling (OLD_SPELLING) -------------------------------------------------------------

/**
 * Pre-1972 (Van Ophuijsen / Soewandi) spelling of a modern name: u -> oe, j -> dj, c -> tj
 * (SUKARNO -> SOEKARNO, JOKO -> DJOKO, CAHYO -> TJAHYO). A "u" after a vowel stays (diphthong).
 * Only these three rules are applied, so the copy maps back with oe -> u, dj -> j, tj -> c.
 */
export function toOldSpelling(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    const before = i > 0 ? name[i - 1]! : ' ';
    if (ch === 'U' && !'AEIOU'.includes(before)) out += 'OE';
    else if (ch === 'J') out += 'DJ';
    else if (ch === 'C') out += 'TJ';
    else out += ch;
  }
  return out;
}

/** The modern spelling of an old-spelling name (the reverse of toOldSpelling). */
export function fromOldSpelling(name: string): string {
  return name.replace(/OE/g, 'U').replace(/DJ/g, 'J').replace(/TJ/g, 'C');
}

/** Old spelling fits Muslim names of people born before 1980 that contain a u, j or c. */
export function oldSpellingApplies(name: string, religion: Person['religion'], birthYear: number): boolean {
  return religion === 'ISLAM' && birthYear < 1980 && toOldSpelling(name) !== name;
}

// ---- alias, passport conventions (ALIAS, PASSPORT_BIN, SURNAME_SPLIT) -------------------------

export function withAlias(name: string, alias: string): string {
  return `${name} / ${alias}`;
}

const TWO_WORD_LEADS = new Set(['MUHAMMAD', 'ABDUL', 'NUR', 'SITI']);

/** The father's first name as a passport writes it after BIN: two words when it starts with MUHAMMAD, ABDUL, NUR or SITI. */
export function fathersFirstName(fatherName: string): string {
  const words = fatherName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  return TWO_WORD_LEADS.has(words[0]!) && words.length > 1 ? `${words[0]} ${words[1]}` : words[0]!;
}

/** Hajj/umrah passports give single-name Muslims a second name: "SUPARMAN BIN SUKIMAN". */
export function passportBinApplies(person: Person): boolean {
  return person.religion === 'ISLAM' && wordCount(person.fullName) === 1 && fathersFirstName(person.fatherName) !== '';
}

export function passportBin(person: Person): string {
  return `${person.fullName} ${person.sex === 'MALE' ? 'BIN' : 'BINTI'} ${fathersFirstName(person.fatherName)}`;
}

/** The machine-readable zone's surname/given-name split: the last word comes first. */
export function surnameSplit(name: string): string {
  const words = name.split(' ');
  return [words[words.length - 1], ...words.slice(0, -1)].join(' ');
}

export function wordCount(value: string): number {
  return value.trim().split(/\s+/).filter(Boolean).length;
}

// ---- places (REGENCY_PREFIX, DISTRICT_RENAME) -----------------------------------------------

/** "PEKANBARU" -> "KOTA PEKANBARU", "KAMPAR" -> "KABUPATEN KAMPAR"; null for a town that is not a regency. */
export function withRegencyPrefix(place: string): string | null {
  const known = BIRTH_PLACE_BY_NAME.get(place);
  return known?.kind ? `${known.kind} ${place}` : null;
}

/** Former names of the address's district (RUMBAI for Rumbai Barat, TAMPAN for Binawidya); empty when it has none. */
export function formerDistrictNames(address: Address): readonly string[] {
  return districtByCode(address.districtCode)?.formerNames ?? [];
}

/** One line for ground-truth values and logs: "JL. DURIAN NO. 3, RT 003/RW 007, DELIMA, BINAWIDYA, PEKANBARU, RIAU 28293". */
export function addressLine(address: Address): string {
  return `${address.street}, RT ${address.rt}/RW ${address.rw}, ${address.village}, ${address.district}, ${address.regency}, ${address.province} ${address.postalCode}`;
}

// ---- formatting only (CASE, SPACING) ---------------------------------------------------------

export type CaseStyle = 'lower' | 'title';

/** Lower case or Title Case: what a system that does not force upper case keeps. */
export function toCase(value: string, style: CaseStyle): string {
  const lower = value.toLowerCase();
  if (style === 'lower') return lower;
  return lower.replace(/(^|[\s./-])([a-z])/g, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

/** Positions of single spaces between two words (where a doubled space can go). */
export function spacingGaps(value: string): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < value.length - 1; i++) if (value[i] === ' ' && value[i - 1] !== ' ' && value[i + 1] !== ' ') gaps.push(i);
  return gaps;
}

/** A doubled space between two words (a hand-typed or padded field). Unchanged for one word. */
export function spacingVariant(value: string, rng: Rng): string {
  const gaps = spacingGaps(value);
  if (gaps.length === 0) return value;
  const at = rng.pick(gaps);
  return `${value.slice(0, at)}  ${value.slice(at + 1)}`;
}

// ---- comparing names ---------------------------------------------------------------------------

/** Every spelling of MUHAMMAD, without dots. */
const MUHAMMAD_SPELLINGS: ReadonlySet<string> = new Set(['MUHAMMAD', 'MOHAMAD', ...MUHAMMAD_FORMS.map((form) => form.replace(/\./g, ''))]);

/**
 * The words of a name reduced to a canonical form (modern spelling, MUHAMMAD and ABDUL
 * unabbreviated, no punctuation), to tell whether two names share a word under any benign rule.
 */
export function canonicalWords(name: string): Set<string> {
  const words = new Set<string>();
  for (const raw of name.toUpperCase().split(/[\s/,]+/)) {
    let word = raw.replace(/\./g, '');
    if (!word) continue;
    if (MUHAMMAD_SPELLINGS.has(word)) word = 'MUHAMMAD';
    else if (word === 'ABD') word = 'ABDUL';
    words.add(fromOldSpelling(word));
  }
  return words;
}

export function shareAWord(a: string, b: string): boolean {
  const left = canonicalWords(a);
  for (const word of canonicalWords(b)) if (left.has(word)) return true;
  return false;
}
