import { isCalendarDate } from '../../subgraphs/kit/nik';
import { SIDE_POSSESSIVE, incomplete, match, mismatch, q, type AttributeComparison, type Side } from './comparison';
import { centuryFor, pad2, readDate, type ParsedDate } from './date.parse';

interface Resolved {
  day: number;
  month: number;
  year: number;
  /** How the year is shown: four digits, or two when neither value tells the century. */
  yearText: string;
}

/**
 * BIRTH_DATE: MATCH when both notations give the same calendar date; MISMATCH for any other date,
 * with the reason naming a day/month swap; INCOMPLETE for a notation we cannot read.
 *
 * Two-digit years (Oracle `dd-MON-yy`): the century is taken from the other value when its last two
 * digits agree (`09-OCT-82` = `1982-10-09`, `01-JAN-05` = `1905-01-01` and = `2005-01-01`). When both
 * values have two-digit years the two digits are compared as they are.
 */
export function compareBirthDate(registryText: string, agencyText: string): AttributeComparison {
  const registry = readDate(registryText);
  const agency = readDate(agencyText);
  for (const [side, text, reading] of [['registry', registryText, registry], ['agency', agencyText, agency]] as const) {
    if (reading.problem === 'unknown-notation') {
      return incomplete('unknown-date-notation', `unknown date notation ${q(text)} in ${SIDE_POSSESSIVE[side]} value`);
    }
    if (reading.problem === 'impossible') return impossible(side, text);
  }
  if (registry.problem !== undefined || agency.problem !== undefined) throw new Error('unreachable: both dates were read');
  const [r, a] = resolve(registry.date, agency.date);
  if (!isCalendarDate(a.year, a.month, a.day) && a.yearText.length === 4) return impossible('agency', agencyText, a.year);
  if (!isCalendarDate(r.year, r.month, r.day) && r.yearText.length === 4) return impossible('registry', registryText, r.year);

  if (r.day === a.day && r.month === a.month && r.year === a.year) {
    if (registryText === agencyText) return match('identical', 'the same date, written the same way');
    const century =
      registry.date.yearDigits !== agency.date.yearDigits
        ? `; the two-digit year is read in the century of the other value (${a.yearText})`
        : '';
    return match('date-notation', `the same date in another notation (${q(registryText)} = ${q(agencyText)})${century}`);
  }
  if (r.year === a.year && r.day === a.month && r.month === a.day) {
    return mismatch(
      'day-month-swap',
      `day and month swapped (${pad2(r.day)}-${pad2(r.month)} vs ${pad2(a.day)}-${pad2(a.month)}): the registry says ${show(r)}, the agency ${show(a)}`,
    );
  }
  const parts = [r.day !== a.day ? 'day' : '', r.month !== a.month ? 'month' : '', r.year !== a.year ? 'year' : ''].filter(Boolean);
  return mismatch('different-date', `another date: the registry says ${show(r)}, the agency ${show(a)} (the ${parts.join(' and ')} ${parts.length > 1 ? 'differ' : 'differs'})`);
}

function impossible(side: Side, text: string, year?: number): AttributeComparison {
  const inCentury = year === undefined ? '' : ` (read as the year ${year})`;
  const sentence = `${SIDE_POSSESSIVE[side]} date ${q(text)}${inCentury} is not a real calendar date`;
  // A copy that is no real date cannot be the registry's date: it needs correcting. A registry date
  // that is no real date leaves nothing to judge the copy against.
  return side === 'agency'
    ? mismatch('impossible-date', sentence)
    : incomplete('impossible-date', `${sentence}: the copy cannot be judged against it`);
}

function resolve(registry: ParsedDate, agency: ParsedDate): [Resolved, Resolved] {
  const at = (date: ParsedDate, year: number, digits: 2 | 4): Resolved => ({
    day: date.day,
    month: date.month,
    year,
    yearText: digits === 4 ? String(year).padStart(4, '0') : pad2(year),
  });
  if (registry.yearDigits === 4 && agency.yearDigits === 4) return [at(registry, registry.year, 4), at(agency, agency.year, 4)];
  if (registry.yearDigits === 2 && agency.yearDigits === 2) return [at(registry, registry.year, 2), at(agency, agency.year, 2)];
  if (agency.yearDigits === 2) return [at(registry, registry.year, 4), at(agency, centuryFor(agency.year, registry.year), 4)];
  return [at(registry, centuryFor(registry.year, agency.year), 4), at(agency, agency.year, 4)];
}

function show(date: Resolved): string {
  return `${pad2(date.day)}-${pad2(date.month)}-${date.yearText}`;
}
