import { isCalendarDate } from '../kit/nik';

/**
 * POLRI-SIM writes every date `dd-MM-yyyy` (`07-03-1985`). We read exactly that notation and
 * nothing else: a `1985-03-07` or `7-3-1985` in this system means a row was written by some
 * other tool, and guessing which part is the day is how birth dates get swapped.
 */
const POLRI_DATE = /^(\d{2})-(\d{2})-(\d{4})$/;

/** `dd-MM-yyyy` -> ISO `yyyy-mm-dd`; undefined for another notation or an impossible date (31-02-2020). */
export function parsePolriDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = POLRI_DATE.exec(value.trim());
  if (!match) return undefined;
  const [, day, month, year] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return undefined;
  return `${year}-${month}-${day}`;
}

/** ISO `yyyy-mm-dd` -> `dd-MM-yyyy` (the seed and tests write the legacy notation with it). */
export function formatPolriDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}-${month}-${year}`;
}
