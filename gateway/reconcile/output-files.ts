import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The files a reconciliation writes into its --out directory (README.md, "Output"). */
export const DISCREPANCIES_FILE = 'discrepancies.csv';
export const BAD_ROWS_FILE = 'bad-rows.csv';
export const SUMMARY_JSON_FILE = 'summary.json';
export const SUMMARY_HTML_FILE = 'summary.html';
export const CHECKPOINT_FILE = 'reconcile-checkpoint.json';

export const DISCREPANCY_COLUMNS = ['line', 'nik', 'attribute', 'verdict', 'registry_value', 'agency_value', 'reason', 'rule'] as const;
export const BAD_ROW_COLUMNS = ['line', 'problem', 'detail', 'raw'] as const;

/**
 * Spreadsheets run a cell that starts with = + @ (or a tab / carriage return) as a formula;
 * such a value read from an agency's file is written with a leading apostrophe, as spreadsheets
 * themselves mark text (OWASP "CSV injection"). No identity value starts that way.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A CSV file the run appends to batch by batch. On a fresh run it is created with its header; on
 * a resumed one it is cut back to the size the checkpoint recorded, which drops any rows written
 * after the last checkpoint (a crash between writing rows and recording the checkpoint), so no
 * row is ever written twice.
 */
export class AppendOnlyCsv {
  private constructor(
    private readonly handle: fs.FileHandle,
    private bytes: number,
  ) {}

  static async create(file: string, header: readonly string[]): Promise<AppendOnlyCsv> {
    const handle = await fs.open(file, 'w');
    const csv = new AppendOnlyCsv(handle, 0);
    await csv.append([[...header]]);
    return csv;
  }

  /** Reopens a file written by an earlier run and cuts it back to `size` bytes. Throws when it is shorter (it was changed). */
  static async resume(file: string, size: number): Promise<AppendOnlyCsv> {
    const handle = await fs.open(file, 'r+');
    const { size: actual } = await handle.stat();
    if (actual < size) {
      await handle.close();
      throw new Error(`${path.basename(file)} has ${actual} bytes, fewer than the ${size} the checkpoint recorded: it was changed since; rerun with --restart`);
    }
    await handle.truncate(size);
    return new AppendOnlyCsv(handle, size);
  }

  /** Flushes to disk, so that the checkpoint written next never claims rows a power cut lost. */
  async sync(): Promise<void> {
    await this.handle.datasync();
  }

  get size(): number {
    return this.bytes;
  }

  async append(rows: ReadonlyArray<ReadonlyArray<string | number>>): Promise<void> {
    if (rows.length === 0) return;
    const text = Buffer.from(stringify(rows.map((row) => row.map((cell) => (typeof cell === 'string' ? spreadsheetSafe(cell) : String(cell))))));
    await this.handle.write(text, 0, text.length, this.bytes);
    this.bytes += text.length;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Writes a file whole or not at all: a temporary sibling, then a rename. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
}
