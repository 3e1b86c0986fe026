import { parse } from 'csv-parse/sync';
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { InvalidNikError, parseNik } from '../../subgraphs/kit/nik';
import { CsvRecordSplitter, detectDelimiter, type BadRecordProblem, type SplitRecord } from './csv-records';
import { InputHeaderError, layoutOf, type InputColumn, type InputLayout } from './input-columns';

/** One data row whose NIK is valid, with the agency's values of the columns present. */
export interface InputRow {
  /** The line of the file where the record starts (1 = the first line, usually the header). */
  line: number;
  nik: string;
  values: ReadonlyArray<{ column: InputColumn; value: string }>;
}

export type BadRowProblem = BadRecordProblem | 'column-count' | 'malformed-nik' | 'unparseable';

export interface BadRow {
  line: number;
  problem: BadRowProblem;
  /** What is wrong, for an operator: "NIK must have exactly 16 digits, got 15". */
  detail: string;
  /** The record as written, cut to RAW_EXCERPT_CHARS. */
  raw: string;
}

/** A run of consecutive records: at most `batchSize` of them, good and bad together. */
export interface InputBatch {
  rows: InputRow[];
  badRows: BadRow[];
  /** Blank lines and all-empty records skipped in this batch. */
  blankLines: number;
  /** The last line this batch covers: everything up to it has been read. */
  lastLine: number;
}

export interface InputFormat {
  layout: InputLayout;
  delimiter: string;
  /** Last line of the header record. */
  headerLine: number;
}

export const RAW_EXCERPT_CHARS = 200;

/** The input cannot be read at all (missing file, no header, bad header): a bad argument, exit code 2. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

async function* numberedLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

function parseFields(text: string, delimiter: string): string[] | null {
  try {
    const records = parse(text, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return records.length === 1 ? records[0]! : null;
  } catch {
    return null;
  }
}

/** Reads the header (the first non-blank record): its delimiter and which columns sit where. */
export async function readInputFormat(file: string): Promise<InputFormat> {
  let header: SplitRecord | undefined;
  let splitter: CsvRecordSplitter | undefined;
  try {
    for await (const { line, text } of numberedLines(file)) {
      splitter ??= text.trim() === '' ? undefined : new CsvRecordSplitter(detectDelimiter(text));
      if (!splitter) continue;
      header = splitter.push(line, text)[0];
      if (header) break;
    }
    header ??= splitter?.end()[0];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? `${file} does not exist` : code === 'EISDIR' ? `${file} is a directory, not a CSV file` : `cannot read ${file}: ${(error as Error).message}`);
  }
  if (!header || !splitter) throw new InputFileError(`${file} is empty: it needs a header line (nik and the columns to compare) and rows`);
  const delimiter = detectDelimiter(header.text);
  const fields = header.kind === 'record' ? parseFields(header.text, delimiter) : null;
  if (!fields) throw new InputFileError(`${file}: the header on line ${header.line} cannot be read as CSV`);
  try {
    return { layout: layoutOf(fields), delimiter, headerLine: header.endLine };
  } catch (error) {
    if (error instanceof InputHeaderError) throw new InputFileError(`${file}, header on line ${header.line}: ${error.message}`);
    throw error;
  }
}

/** Lines in the file after the header, for a progress bar's total (counts newlines; a quoted line break counts too). */
export async function countDataLines(file: string, format: InputFormat): Promise<number> {
  let newlines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file)) {
    const buffer = chunk as Buffer;
    for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) newlines++;
    if (buffer.length > 0) last = buffer[buffer.length - 1]!;
  }
  const lines = newlines + (last === 10 ? 0 : 1);
  return Math.max(0, lines - format.headerLine);
}

export interface ReadBatchesOptions {
  /** Records per batch (good and bad together), 1-100. */
  batchSize: number;
  /** Skip every record that ends on or before this line (resuming); 0 to read all. */
  afterLine: number;
}

/**
 * Streams the data records after the header in batches: each record is split by
 * CsvRecordSplitter, its fields parsed with csv-parse, its width checked against the header and
 * its NIK validated like the gateway does (parseNik), so a batch never carries a NIK the gateway
 * would refuse. Only one batch is held in memory.
 */
export async function* readInputBatches(file: string, format: InputFormat, options: ReadBatchesOptions): AsyncGenerator<InputBatch> {
  const splitter = new CsvRecordSplitter(format.delimiter);
  let pending: SplitRecord[] = [];
  let blankBefore = 0;
  let lastLine = options.afterLine;
  let lines = 0;

  const flush = (): InputBatch => {
    const batch = toBatch(pending, format, splitter.blankLines - blankBefore, lastLine);
    blankBefore = splitter.blankLines;
    pending = [];
    return batch;
  };

  const out: SplitRecord[] = [];
  const take = function* (): Generator<InputBatch> {
    for (const record of out) {
      if (record.endLine <= options.afterLine) continue;
      pending.push(record);
      lastLine = record.endLine;
      if (pending.length >= options.batchSize) yield flush();
    }
    out.length = 0;
  };

  for await (const { line, text } of numberedLines(file)) {
    if (line <= format.headerLine) continue;
    if (line <= options.afterLine) {
      // Resuming: still split (a quoted field may span the boundary), never parse.
      splitter.push(line, text, out);
      out.length = 0;
      blankBefore = splitter.blankLines;
      continue;
    }
    lines = line;
    splitter.push(line, text, out);
    yield* take();
  }
  splitter.end(out);
  yield* take();
  // The last batch covers the file to its end (trailing blank lines included).
  lastLine = Math.max(lastLine, lines);
  if (pending.length > 0 || splitter.blankLines > blankBefore) yield flush();
}

function excerpt(text: string): string {
  return text.length > RAW_EXCERPT_CHARS ? `${text.slice(0, RAW_EXCERPT_CHARS)}...` : text;
}

function toBatch(records: readonly SplitRecord[], format: InputFormat, blankLines: number, lastLine: number): InputBatch {
  const batch: InputBatch = { rows: [], badRows: [], blankLines, lastLine };
  const good = records.filter((record): record is Extract<SplitRecord, { kind: 'record' }> => record.kind === 'record');
  // One csv-parse call for the whole batch; record by record only when that fails, to tell which.
  let parsed: Array<string[] | null> | null = null;
  try {
    const all = parse(good.map((record) => record.text).join('\n'), { delimiter: format.delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    if (all.length === good.length) parsed = all;
  } catch {
    parsed = null;
  }
  parsed ??= good.map((record) => parseFields(record.text, format.delimiter));
  let index = 0;
  for (const record of records) {
    if (record.kind === 'bad') {
      batch.badRows.push({ line: record.line, problem: record.problem, detail: record.detail, raw: excerpt(record.text) });
      continue;
    }
    const fields = parsed[index++];
    if (!fields) {
      batch.badRows.push({ line: record.line, problem: 'unparseable', detail: 'the record cannot be read as CSV', raw: excerpt(record.text) });
      continue;
    }
    if (fields.every((field) => field.trim() === '')) {
      batch.blankLines++;
      continue;
    }
    if (fields.length !== format.layout.width) {
      batch.badRows.push({
        line: record.line,
        problem: 'column-count',
        detail: `${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${format.layout.width}`,
        raw: excerpt(record.text),
      });
      continue;
    }
    const nik = fields[format.layout.nikIndex]!.trim();
    try {
      parseNik(nik);
    } catch (error) {
      if (!(error instanceof InvalidNikError)) throw error;
      batch.badRows.push({ line: record.line, problem: 'malformed-nik', detail: nik === '' ? 'the NIK is empty' : error.message, raw: excerpt(record.text) });
      continue;
    }
    batch.rows.push({ line: record.line, nik, values: format.layout.columns.map((column) => ({ column, value: fields[column.index]! })) });
  }
  return batch;
}
