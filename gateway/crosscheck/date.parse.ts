import { isCalendarDate } from '../../subgraphs/kit/nik';
import { upperClean } from './text.normalize';

/**
 * Reads a birth date in any notation the agencies use (DOMAIN.md, "Why agencies' copies
 * disagree"): dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd (an ISO midnight time part is
 * tolerated), yyyy/mm/dd, yyyymmdd, ddmmyyyy, Oracle dd-MON-yy and dd-MON-yyyy, day + month
 * name + year (English and Indonesian, abbreviated or full), dd-mm-yy.
 * Slashed and dotted dates are always read day first: mm/dd/yyyy cannot be told from
 * dd/mm/yyyy, and no Indonesian system writes it.
 */

export interface ParsedDate {
  day: number;
  month: number;
  /** Four-digit year, or the two-digit year (0-99) when `yearDigits` is 2. */
  year: number;
  /** 2 when the notation carries a two-digit year: its century is decided by the comparison. */
  yearDigits: 2 | 4;
}

export type DateReading = { date: ParsedDate; problem?: undefined } | { problem: 'unknown-notation' | 'impossible' };

/** Years a birth date can plausibly have in any copy (wider than any living person's). */
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR_FIRST = /^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$/;
const DAY_FIRST_LONG_YEAR = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
const DAY_FIRST_SHORT_YEAR = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2})$/;
const EIGHT_DIGITS = /^(\d{4})(\d{2})(\d{2})$/;
const NAMED_MONTH = /^(\d{1,2})[-/. ]+([A-Z]{3,9})\.?[-/., ]+(\d{4}|\d{2})$/;

/** Month names and abbreviations: Oracle AMERICAN and INDONESIAN, full names, and old spellings (PEB, NOP). */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const names: Record<number, readonly string[]> = {
    1: ['JAN', 'JANUARY', 'JANUARI'],
    2: ['FEB', 'FEBRUARY', 'FEBRUARI', 'PEB', 'PEBRUARI'],
    3: ['MAR', 'MARCH', 'MARET'],
    4: ['APR', 'APRIL'],
    5: ['MAY', 'MEI'],
    6: ['JUN', 'JUNE', 'JUNI'],
    7: ['JUL', 'JULY', 'JULI'],
    8: ['AUG', 'AUGUST', 'AGU', 'AGS', 'AGT', 'AGUS', 'AGUSTUS'],
    9: ['SEP', 'SEPT', 'SEPTEMBER'],
    10: ['OCT', 'OCTOBER', 'OKT', 'OKTOBER'],
    11: ['NOV', 'NOVEMBER', 'NOP', 'NOPEMBER'],
    12: ['DEC', 'DECEMBER', 'DES', 'DESEMBER'],
  };
  const map = new Map<string, number>();
  for (const [month, list] of Object.entries(names)) for (const name of list) map.set(name, Number(month));
  return map;
})();

export function readDate(text: string): DateReading {
  const value = upperClean(text);
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(value))) return fourDigit(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = YEAR_FIRST.exec(value))) return fourDigit(Number(m[4]), Number(m[3]), Number(m[1]));
  if ((m = DAY_FIRST_LONG_YEAR.exec(value))) return fourDigit(Number(m[1]), Number(m[3]), Number(m[4]));
  if ((m = DAY_FIRST_SHORT_YEAR.exec(value))) return twoDigit(Number(m[1]), Number(m[3]), Number(m[4]));
  if ((m = EIGHT_DIGITS.exec(value))) {
    // yyyymmdd and ddmmyyyy cannot both be plausible: as ddmmyyyy the year starts 18..21, which
    // as yyyymmdd would be an impossible month. So try yyyymmdd with a plausible year first.
    const asYearFirst = fourDigit(Number(m[3]), Number(m[2]), Number(m[1]));
    if (asYearFirst.problem === undefined) return asYearFirst;
    const asDayFirst = fourDigit(Number(value.slice(0, 2)), Number(value.slice(2, 4)), Number(value.slice(4)));
    return asDayFirst.problem === undefined ? asDayFirst : { problem: 'impossible' };
  }
  if ((m = NAMED_MONTH.exec(value))) {
    const month = MONTHS.get(m[2]!);
    if (month === undefined) return { problem: 'unknown-notation' };
    const yearText = m[3]!;
    return yearText.length === 4 ? fourDigit(Number(m[1]), month, Number(yearText)) : twoDigit(Number(m[1]), month, Number(yearText));
  }
  return { problem: 'unknown-notation' };
}

function fourDigit(day: number, month: number, year: number): DateReading {
  if (year < MIN_YEAR || year > MAX_YEAR || !isCalendarDate(year, month, day)) return { problem: 'impossible' };
  return { date: { day, month, year, yearDigits: 4 } };
}

/** A two-digit year: a real date in either century will do until the comparison picks one. */
function twoDigit(day: number, month: number, yy: number): DateReading {
  if (!isCalendarDate(1900 + yy, month, day) && !isCalendarDate(2000 + yy, month, day)) return { problem: 'impossible' };
  return { date: { day, month, year: yy, yearDigits: 2 } };
}

/**
 * The four-digit year for a two-digit `yy`, given the other value's four-digit year: the other
 * value's own year when its last two digits are `yy` (the century that makes the two consistent),
 * otherwise the year ending in `yy` closest to it (used only to word the reason of a mismatch).
 */
export function centuryFor(yy: number, otherYear: number): number {
  if (otherYear % 100 === yy) return otherYear;
  const base = Math.floor(otherYear / 100) * 100 + yy;
  return [base - 100, base, base + 100].reduce((best, year) => (Math.abs(year - otherYear) < Math.abs(best - otherYear) ? year : best));
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
