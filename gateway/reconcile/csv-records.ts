/**
 * Splits CSV text, line by line, into records (RFC 4180: a quoted field may hold delimiters,
 * doubled quotes and line breaks) without parsing the fields, so that one malformed record costs
 * only its own lines: a quote that is never closed is given up after MAX_RECORD_LINES lines and
 * the lines after its first are read again as records of their own. (csv-parse on its own, with
 * skip_records_with_error, loses the records that follow an error in the same chunk, and an
 * unclosed quote swallows the rest of the file.) The fields are then parsed by csv-parse
 * (input-reader.ts).
 */

/** A quoted field spanning more lines than this is taken for an unclosed quote. */
export const MAX_RECORD_LINES = 20;
/** Longest record read (characters); no identity record comes near it. */
export const MAX_RECORD_CHARS = 64 * 1024;

export type BadRecordProblem = 'unclosed-quote' | 'text-after-quote' | 'record-too-long';

export type SplitRecord =
  | { kind: 'record'; line: number; endLine: number; text: string }
  | { kind: 'bad'; line: number; endLine: number; problem: BadRecordProblem; detail: string; text: string };

interface LineScan {
  /** Still inside a quoted field at the end of the line. */
  inQuotes: boolean;
  /** Index of a character that follows a closing quote and is not a delimiter (RFC 4180 violation), or -1. */
  textAfterQuote: number;
}

/** Scans one line, starting inside a quoted field or not. A quote opens a quoted field only at the start of a field. */
function scanLine(line: string, delimiter: string, startInQuotes: boolean): LineScan {
  let inQuotes = startInQuotes;
  let atFieldStart = !startInQuotes;
  let justClosed = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"') {
        if (line[i + 1] === '"') i++;
        else {
          inQuotes = false;
          justClosed = true;
        }
      }
      continue;
    }
    if (c === delimiter) {
      atFieldStart = true;
      justClosed = false;
      continue;
    }
    if (justClosed) return { inQuotes: false, textAfterQuote: i };
    if (c === '"' && atFieldStart) inQuotes = true;
    atFieldStart = false;
  }
  return { inQuotes, textAfterQuote: -1 };
}

/**
 * Turns numbered lines into records. Feed it with push(); call end() at the end of the input.
 * Blank lines outside a quoted field are skipped (counted in `blankLines`).
 */
export class CsvRecordSplitter {
  private pending: Array<{ line: number; text: string }> = [];
  private pendingChars = 0;
  blankLines = 0;

  constructor(private readonly delimiter: string) {}

  push(lineNumber: number, text: string, out: SplitRecord[] = []): SplitRecord[] {
    if (this.pending.length === 0) {
      if (text.trim() === '') {
        this.blankLines++;
        return out;
      }
      if (text.length > MAX_RECORD_CHARS) {
        out.push({ kind: 'bad', line: lineNumber, endLine: lineNumber, problem: 'record-too-long', detail: `the line has ${text.length} characters, more than the ${MAX_RECORD_CHARS} a record may have`, text });
        return out;
      }
    }
    this.pending.push({ line: lineNumber, text });
    this.pendingChars += text.length + 1;
    const scan = scanLine(this.pending.map((entry) => entry.text).join('\n'), this.delimiter, false);
    if (scan.textAfterQuote >= 0) {
      const joined = this.take();
      out.push({ kind: 'bad', line: joined.line, endLine: joined.endLine, problem: 'text-after-quote', detail: `a quoted field is followed by text before the next delimiter (character ${scan.textAfterQuote + 1}); double a quote inside a quoted field ("")`, text: joined.text });
      return out;
    }
    if (!scan.inQuotes) {
      const joined = this.take();
      out.push({ kind: 'record', ...joined });
      return out;
    }
    if (this.pending.length >= MAX_RECORD_LINES || this.pendingChars > MAX_RECORD_CHARS) {
      this.giveUpFirstLine(out, `a quoted field is not closed within ${MAX_RECORD_LINES} lines or ${MAX_RECORD_CHARS} characters`);
    }
    return out;
  }

  end(out: SplitRecord[] = []): SplitRecord[] {
    while (this.pending.length > 0) this.giveUpFirstLine(out, 'a quoted field is not closed before the end of the file');
    return out;
  }

  /** The first pending line opened a quote that never closed: it is a bad record; the lines after it are read again. */
  private giveUpFirstLine(out: SplitRecord[], detail: string): void {
    const [first, ...rest] = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    out.push({
      kind: 'bad',
      line: first!.line,
      endLine: first!.line,
      problem: 'unclosed-quote',
      detail,
      text: first!.text,
    });
    for (const entry of rest) this.push(entry.line, entry.text, out);
  }

  private take(): { line: number; endLine: number; text: string } {
    const taken = { line: this.pending[0]!.line, endLine: this.pending[this.pending.length - 1]!.line, text: this.pending.map((entry) => entry.text).join('\n') };
    this.pending = [];
    this.pendingChars = 0;
    return taken;
  }
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a header line: the candidate (`,` `;` tab `|`) that occurs most often outside
 * quotes; `,` when none does. SAMSAT's and many agencies' exports use `;`.
 */
export function detectDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    let count = 0;
    let inQuotes = false;
    for (const c of headerLine) {
      if (c === '"') inQuotes = !inQuotes;
      else if (!inQuotes && c === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
