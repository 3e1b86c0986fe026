import { isCalendarDate } from '../kit/nik';

/**
 * SIMKIM quirk: its Oracle DATE columns reach the wire as text in the session's default
 * `NLS_DATE_FORMAT` `DD-MON-RR` (`07-MAR-85`), because the Java DAO reads them with
 * `ResultSet.getString`. The year has two digits, so the century must be inferred, and the
 * month abbreviation follows `NLS_DATE_LANGUAGE`: AMERICAN (`MAY`, `AUG`, `OCT`, `DEC`) on the
 * current server, INDONESIAN (`MEI`, `AGU`, `OKT`, `DES`) in rows that older application
 * servers wrote. We read both and write AMERICAN.
 */

const AMERICAN_MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const INDONESIAN_MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MEI', 'JUN', 'JUL', 'AGU', 'SEP', 'OKT', 'NOV', 'DES'] as const;

const MONTH_NUMBER = new Map<string, number>();
AMERICAN_MONTHS.forEach((name, index) => MONTH_NUMBER.set(name, index + 1));
INDONESIAN_MONTHS.forEach((name, index) => MONTH_NUMBER.set(name, index + 1));

const ORACLE_DATE = /^(\d{1,2})-([A-Za-z]{3})-(\d{2})$/;

/** A `dd-MON-yy` value split into its parts; the century is not known yet. */
export interface OracleDateParts {
  day: number;
  month: number;
  /** Two-digit year, 0-99. */
  yy: number;
}

/** Splits `07-MAR-85` (either month language, any case); null when the text is not that notation. */
export function splitOracleDate(text: string): OracleDateParts | null {
  const match = ORACLE_DATE.exec(text.trim());
  if (!match) return null;
  const month = MONTH_NUMBER.get(match[2]!.toUpperCase());
  if (month === undefined) return null;
  return { day: Number(match[1]), month, yy: Number(match[3]) };
}

/**
 * How to pick the century of a two-digit year. Each rule is what a human clerk would do with
 * that kind of date (README.md, "Century rule"):
 * - `rr`: Oracle's own RR rule around `today`'s year (a 50-year window): with today in 2026,
 *   00-49 -> 20yy and 50-99 -> 19yy. Used for issue dates, which are never far from today.
 * - `notAfter`: the latest year whose date is not after `limit` (20yy unless that date is after
 *   the limit, then 19yy). Used for birth dates, limited by the passport's issue date (or today):
 *   a holder is born before the passport is issued. Only a holder aged 100 or more at issue
 *   is read a century too late, a limit of the two-digit year we cannot remove.
 * - `notBefore`: the first year from `limit`'s year on. Used for expiry dates, which follow the
 *   issue date by five or ten years.
 */
export type CenturyRule = { kind: 'rr'; today: string } | { kind: 'notAfter'; limit: string } | { kind: 'notBefore'; limit: string };

/** `dd-MON-yy` -> ISO yyyy-mm-dd under a century rule; null when not that notation or not a real date. */
export function parseOracleDate(text: string, rule: CenturyRule): string | null {
  const parts = splitOracleDate(text);
  if (!parts) return null;
  const year = resolveYear(parts, rule);
  if (!isCalendarDate(year, parts.month, parts.day)) return null;
  return isoDate(year, parts.month, parts.day);
}

function resolveYear(parts: OracleDateParts, rule: CenturyRule): number {
  if (rule.kind === 'rr') {
    const currentYear = Number(rule.today.slice(0, 4));
    const currentCentury = Math.floor(currentYear / 100) * 100;
    const currentYy = currentYear % 100;
    if (currentYy < 50) return parts.yy < 50 ? currentCentury + parts.yy : currentCentury - 100 + parts.yy;
    return parts.yy < 50 ? currentCentury + 100 + parts.yy : currentCentury + parts.yy;
  }
  const limitYear = Number(rule.limit.slice(0, 4));
  const limitCentury = Math.floor(limitYear / 100) * 100;
  if (rule.kind === 'notAfter') {
    const candidate = limitCentury + parts.yy;
    // Compare as ISO text: same width, so string order is date order.
    return isoDate(candidate, parts.month, parts.day) > rule.limit ? candidate - 100 : candidate;
  }
  const candidate = limitCentury + parts.yy;
  return candidate < limitYear ? candidate + 100 : candidate;
}

/** ISO yyyy-mm-dd -> `DD-MON-RR` as the AMERICAN session writes it (`1985-03-07` -> `07-MAR-85`). */
export function formatOracleDate(iso: string, language: 'AMERICAN' | 'INDONESIAN' = 'AMERICAN'): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const months = language === 'AMERICAN' ? AMERICAN_MONTHS : INDONESIAN_MONTHS;
  return `${pad2(day)}-${months[month - 1]}-${pad2(year % 100)}`;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
