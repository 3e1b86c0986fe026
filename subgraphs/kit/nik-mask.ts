/**
 * Masking of NIK-like digit runs in free text and in finished JSON log lines (issue 6, items 8
 * and 9). A "NIK-like run" is 16 or more decimal digits in a row, in any script (`\p{Nd}`, so
 * full-width digits too): a valid NIK, a mistyped one (17 digits) and a family card number
 * (also 16 digits) are all personal data. Region and serial stay readable, the birth date does
 * not: `1471100405960001` becomes `1471********0001`, as maskNik() in ./nik does.
 */

const NIK_RUN = /\p{Nd}{16,}/gu;
const HAS_NIK_RUN = /\p{Nd}{16}/u;

/** Masks one run of digits: the first and last four stay, everything between becomes `*`. */
export function maskDigitRun(run: string): string {
  const digits = [...run];
  return `${digits.slice(0, 4).join('')}${'*'.repeat(digits.length - 8)}${digits.slice(-4).join('')}`;
}

/** True when the text holds a NIK-like run (16 or more digits in a row). */
export function hasNikRun(text: string): boolean {
  return HAS_NIK_RUN.test(text);
}

/** Masks every NIK-like run in free text (error messages, header values...). */
export function maskNikRuns(text: string): string {
  return HAS_NIK_RUN.test(text) ? text.replace(NIK_RUN, maskDigitRun) : text;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Where the JSON number token around [start, end) begins and ends (sign, fraction, exponent). */
function numberTokenBounds(line: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && /[-+.eE0-9]/.test(line[from - 1]!)) from -= 1;
  let to = end;
  while (to < line.length && /[-+.eE0-9]/.test(line[to]!)) to += 1;
  return [from, to];
}

/**
 * Masks every NIK-like run in one serialized JSON line and keeps it valid JSON: a run inside a
 * string is masked in place; a run in a bare number (`"nik":1471100405960001`) replaces the
 * whole number with a quoted masked string, since `*` is not a digit. One regex test answers
 * the common case (no run at all); only a line with a run is scanned for string boundaries.
 */
export function maskNikRunsInJsonLine(line: string): string {
  if (!HAS_NIK_RUN.test(line)) return line;
  let out = '';
  let copiedUpTo = 0;
  // String state is tracked incrementally from `scanned` to each match, so the line is read once.
  let scanned = 0;
  let inString = false;
  NIK_RUN.lastIndex = 0;
  for (let match = NIK_RUN.exec(line); match !== null; match = NIK_RUN.exec(line)) {
    const start = match.index;
    for (let index = scanned; index < start; index += 1) {
      const code = line.charCodeAt(index);
      if (inString && code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = !inString;
    }
    scanned = start;
    const end = start + match[0].length;
    if (start < copiedUpTo) continue; // already inside a replaced number token
    if (inString) {
      out += line.slice(copiedUpTo, start) + maskDigitRun(match[0]);
      copiedUpTo = end;
    } else {
      const [from, to] = numberTokenBounds(line, start, end);
      out += `${line.slice(copiedUpTo, from)}"${maskDigitRun(match[0])}"`;
      copiedUpTo = to;
    }
  }
  return out + line.slice(copiedUpTo);
}
