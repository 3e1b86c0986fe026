import { SIDE_NAME, SIDE_POSSESSIVE, incomplete, mismatch, type AttributeComparison, type Side } from './comparison';

/**
 * Longest value we read. No identity value comes near it (the longest Indonesian full names with
 * titles are about 100 characters, addresses about 200); anything longer is a corrupted field or a
 * hostile input, and is refused before any normalization runs on it.
 */
export const MAX_VALUE_LENGTH = 500;

/** What legacy systems write for "nothing here"; compared case-insensitively after trimming. */
const EMPTY_PLACEHOLDERS: ReadonlySet<string> = new Set(['', '-', '--', '.', 'NULL', '(NULL)', 'N/A', 'NIL']);

export type ValueReading = { text: string; problem?: undefined } | { problem: 'empty' | 'not-text' | 'too-long'; detail: string };

/** Reads one side's raw value: a usable string, or the problem that prevents comparing it. */
export function readValue(value: unknown): ValueReading {
  if (value === null || value === undefined) return { problem: 'empty', detail: '' };
  if (typeof value !== 'string') {
    const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    return { problem: 'not-text', detail: kind };
  }
  if (value.length > MAX_VALUE_LENGTH) return { problem: 'too-long', detail: String(value.length) };
  const trimmed = value.trim();
  if (EMPTY_PLACEHOLDERS.has(trimmed.toUpperCase())) return { problem: 'empty', detail: trimmed };
  return { text: trimmed };
}

/**
 * The comparison when either side cannot be read, or null when both can. Registry problems come
 * first: without the reference there is nothing to judge the copy against. An absurdly long copy
 * is a MISMATCH (the agency holds a corrupted value that needs correcting); an absurdly long
 * registry value is INCOMPLETE (the reference itself is unusable, so the copy cannot be judged).
 */
export function unreadable(registry: ValueReading, agency: ValueReading): AttributeComparison | null {
  if (registry.problem === 'empty' && agency.problem === 'empty') {
    return incomplete('no-value', 'neither the registry nor the agency holds a value');
  }
  if (registry.problem !== undefined) return problemOf('registry', registry);
  if (agency.problem !== undefined) return problemOf('agency', agency);
  return null;
}

function problemOf(side: Side, reading: Exclude<ValueReading, { text: string }>): AttributeComparison {
  switch (reading.problem) {
    case 'empty':
      return incomplete('no-value', `${SIDE_NAME[side]} holds no value`);
    case 'not-text':
      return incomplete('not-text', `${SIDE_POSSESSIVE[side]} value is ${reading.detail}, not text: its adapter must map it to a string`);
    case 'too-long': {
      const sentence = `${SIDE_POSSESSIVE[side]} value is ${reading.detail} characters long, more than the ${MAX_VALUE_LENGTH} any identity value needs: not read`;
      return side === 'agency'
        ? mismatch('absurd-length', `${sentence}; the agency's copy is corrupted and must be corrected`)
        : incomplete('absurd-length', `${sentence}; the copy cannot be judged against it`);
    }
  }
}
