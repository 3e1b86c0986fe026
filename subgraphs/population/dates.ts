import { isCalendarDate } from '../kit/nik';

/**
 * ISO-date arithmetic for the generator, on whole UTC days. Everything is a function of
 * the run's reference date, never of the wall clock, so a seed gives the same bytes tomorrow.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function parseIsoDate(iso: string): DateParts {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`not a yyyy-mm-dd date: "${iso}"`);
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isCalendarDate(parts.year, parts.month, parts.day)) throw new RangeError(`not a real calendar date: "${iso}"`);
  return parts;
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function isoFromParts(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Days since 1970-01-01. */
export function toDayNumber(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): string {
  const date = new Date(dayNumber * MS_PER_DAY);
  return isoFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Completed years between a birth date and a reference date. */
export function ageOn(birthDate: string, referenceDate: string): number {
  const birth = parseIsoDate(birthDate);
  const ref = parseIsoDate(referenceDate);
  let age = ref.year - birth.year;
  if (ref.month < birth.month || (ref.month === birth.month && ref.day < birth.day)) age -= 1;
  return age;
}

/** The same calendar day `years` later (29 February falls back to 28). */
export function addYears(iso: string, years: number): string {
  const { year, month, day } = parseIsoDate(iso);
  const target = year + years;
  return isoFromParts(target, month, isCalendarDate(target, month, day) ? day : day - 1);
}

/** Year, month and day of a day number, without parsing strings (the generator's hot path). */
export function partsOfDay(dayNumber: number): DateParts {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Completed years on `reference` of someone born on day `birthDay`. */
export function ageOnDay(birthDay: number, reference: DateParts): number {
  const birth = partsOfDay(birthDay);
  let age = reference.year - birth.year;
  if (reference.month < birth.month || (reference.month === birth.month && reference.day < birth.day)) age -= 1;
  return age;
}

/** `ddmmyy` of a day number, with 40 added to the day for women when `female`. */
export function ddmmyyOfDay(dayNumber: number, female = false): string {
  const { year, month, day } = partsOfDay(dayNumber);
  return pad2(female ? day + 40 : day) + pad2(month) + pad2(year % 100);
}

/** `ddmmyy`, with 40 added to the day for women when `female` (the NIK rule). */
export function ddmmyy(iso: string, female = false): string {
  const { year, month, day } = parseIsoDate(iso);
  return pad2(female ? day + 40 : day) + pad2(month) + pad2(year % 100);
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
