import {
  ABDUL_ABBREVIATIONS,
  ABDUL_SPELLINGS,
  ALIAS_SEPARATOR,
  DOTTED_ONLY_SUFFIX_TITLES,
  KNOWN_DOTTED_WORDS,
  MUHAMMAD_ABBREVIATIONS,
  MUHAMMAD_SPELLINGS,
  PATRONYMIC_WORDS,
  PREFIX_TITLES,
  SUFFIX_TITLES,
  modernSpelling,
} from './name-rules';
import { upperNoApostrophes } from './text.normalize';

/** One word of a name as written and as compared. */
export interface NameWord {
  /** As written, upper case, with its dots: `MUH.` (for reasons). */
  shown: string;
  /** Without dots: `MUH` (formatting-only comparison). */
  base: string;
  /** Canonical: MUHAMMAD and ABDUL unabbreviated, modern spelling: `MUHAMMAD`. */
  canon: string;
  /** Written with a dot (an abbreviation or an initial). */
  dotted: boolean;
}

/** One way to read one alias part of a name: titles set aside, and possibly a passport "BIN X" set aside. */
export interface NameReading {
  words: readonly NameWord[];
  titles: readonly NameWord[];
  /** `BIN HASANUDIN` when this reading sets the passport patronymic aside, else null. */
  patronymic: string | null;
  /** Which alias part (0 = the only or first one) of how many. */
  part: number;
  parts: number;
  /** The whole part as written, for reasons. */
  shownPart: string;
  /** All parts as written, joined with ` / `. */
  shownAll: string;
}

export interface TokenizedName {
  /** Formatting-only form: equal forms mean MATCH. */
  formatted: string;
  /** The words of each alias part (a name without alias has one part). */
  parts: readonly (readonly NameWord[])[];
  /** The alias parts as written. */
  shownParts: readonly string[];
}

const NOT_WORD_OR_DOT = /[^A-Z0-9.]+/g;
const DOTS = /\./g;

export function canonOf(base: string): string {
  if (MUHAMMAD_SPELLINGS.has(base) || MUHAMMAD_ABBREVIATIONS.has(base)) return 'MUHAMMAD';
  if (ABDUL_SPELLINGS.has(base) || ABDUL_ABBREVIATIONS.has(base)) return 'ABDUL';
  const modern = modernSpelling(base);
  if (MUHAMMAD_SPELLINGS.has(modern) || MUHAMMAD_ABBREVIATIONS.has(modern)) return 'MUHAMMAD';
  if (ABDUL_SPELLINGS.has(modern)) return 'ABDUL';
  return modern;
}

/** `H.SUPARMAN,S.E.` -> H., SUPARMAN, S.E. ; inner dots split initials (`M.RIZKI`) but not known titles (`S.KOM`, `A.MD`). */
function tokenize(part: string): NameWord[] {
  const result: NameWord[] = [];
  for (const token of part.replace(NOT_WORD_OR_DOT, ' ').split(' ')) {
    if (token === '') continue;
    const undotted = token.replace(DOTS, '');
    if (undotted === '') continue;
    if (!token.includes('.') || KNOWN_DOTTED_WORDS.has(undotted)) {
      result.push(word(token, undotted, token.includes('.')));
      continue;
    }
    const pieces = token.split('.');
    pieces.forEach((piece, i) => {
      if (piece !== '') result.push(word(i < pieces.length - 1 ? `${piece}.` : piece, piece, i < pieces.length - 1));
    });
  }
  return result;
}

function word(shown: string, base: string, dotted: boolean): NameWord {
  return { shown, base, canon: canonOf(base), dotted };
}

function isSuffixTitle(w: NameWord): boolean {
  return SUFFIX_TITLES.has(w.base) || (w.dotted && DOTTED_ONLY_SUFFIX_TITLES.has(w.base));
}

/** Splits a name into its alias parts and their words (cheap: enough to decide a formatting-only MATCH). */
export function tokenizeName(text: string): TokenizedName {
  const parts: NameWord[][] = [];
  for (const raw of upperNoApostrophes(text).split(ALIAS_SEPARATOR)) {
    const tokens = tokenize(raw);
    if (tokens.length > 0) parts.push(tokens);
  }
  const formatted = parts.map((tokens) => tokens.map((w) => w.base).join(' ')).join(' / ');
  const shownParts = parts.map((tokens) => tokens.map((w) => w.shown).join(' '));
  return { formatted, parts, shownParts };
}

/** The ways to read a name: each alias part with titles set aside, with and without a passport patronymic. */
export function readingsOf(name: TokenizedName): NameReading[] {
  const readings: NameReading[] = [];
  const shownAll = name.shownParts.join(' / ');
  name.parts.forEach((tokens, part) => {
    let start = 0;
    let end = tokens.length;
    // Titles come off the ends only, and never the last remaining word.
    while (end - start > 1 && PREFIX_TITLES.has(tokens[start]!.base)) start++;
    while (end - start > 1 && isSuffixTitle(tokens[end - 1]!)) end--;
    const titles = start === 0 && end === tokens.length ? [] : [...tokens.slice(0, start), ...tokens.slice(end)];
    const words = start === 0 && end === tokens.length ? tokens : tokens.slice(start, end);
    const shownPart = name.shownParts[part]!;
    const parts = name.parts.length;
    readings.push({ words, titles, patronymic: null, part, parts, shownPart, shownAll });
    // BIN/BINTI + father's name: a word before it and at least one after it.
    const at = words.findIndex((w, i) => i > 0 && i < words.length - 1 && PATRONYMIC_WORDS.has(w.base));
    if (at > 0) {
      const patronymic = words.slice(at).map((w) => w.shown).join(' ');
      readings.push({ words: words.slice(0, at), titles, patronymic, part, parts, shownPart, shownAll });
    }
  });
  return readings;
}
