/**
 * Pekanbaru is on WIB (UTC+7, no daylight saving): the calendar date the agencies' counters use
 * and their export jobs stamp. ISO `yyyy-mm-dd`.
 */
export function todayInPekanbaru(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
