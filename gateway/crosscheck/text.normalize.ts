/**
 * Formatting-only normalization shared by every attribute: case, accents, spacing and
 * punctuation. Nothing here changes what a value says, only how it is written, so two values
 * equal after these functions are a MATCH. All patterns are compiled once, at module load.
 */

const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['\u2018\u2019\u201B\u0060\u00B4\u02BC]/g;
const WHITESPACE_RUN = /\s+/g;
/** Whitespace that `upperClean` must rewrite: a run of two, or any whitespace other than a plain space. */
const UNCLEAN_WHITESPACE = /\s\s|[^\S ]/;
const NON_ALPHANUMERIC = /[^A-Z0-9]+/g;

/** Upper case, no accents (`É` -> `E`), trimmed, inner whitespace runs collapsed to one space. */
export function upperClean(value: string): string {
  // Unicode normalization is the costly step; most legacy values are plain ASCII and skip it.
  const plain = NON_ASCII.test(value) ? value.normalize('NFKD').replace(COMBINING_MARKS, '') : value;
  const upper = plain.toUpperCase();
  // Testing first is several times cheaper than a replace that rewrites every single space.
  return (UNCLEAN_WHITESPACE.test(upper) ? upper.replace(WHITESPACE_RUN, ' ') : upper).trim();
}

/** Upper case without apostrophes (`MA'RUF` = `MARUF`): an apostrophe is never a word boundary. */
export function upperNoApostrophes(value: string): string {
  return upperClean(value).replace(APOSTROPHES, '');
}

/**
 * Letters and digits only, everything else dropped: the form used for place names and streets,
 * where spacing and punctuation vary freely (`LIMAPULUH` = `LIMA PULUH`, `NO.12` = `NO 12`).
 */
export function compact(value: string): string {
  return upperNoApostrophes(value).replace(NON_ALPHANUMERIC, '');
}

/** Letters and digits as words separated by one space: `Jl.  Sudirman,No.12` -> `JL SUDIRMAN NO 12`. */
export function words(value: string): string[] {
  const cleaned = upperNoApostrophes(value).replace(NON_ALPHANUMERIC, ' ').trim();
  return cleaned === '' ? [] : cleaned.split(' ');
}
