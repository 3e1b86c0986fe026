import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * SIMKIM's passport table `SIMKIM.T_PASPOR` as the DBAs export it with Oracle SQL Developer
 * ("Export > csv"): one file `<dataDir>/imigrasi/T_PASPOR.csv`, UTF-8, CRLF line ends, a
 * header row with the column names, every non-NULL value double-quoted, NULL as an empty
 * unquoted field, DATE columns in the session format `DD-MON-RR`. README.md documents the
 * columns; this module is the only place that knows them.
 */
export const PASPOR_TABLE_FILE = 'T_PASPOR.csv';

export const PASPOR_COLUMNS = [
  'NO_PASPOR',
  'NIK',
  'SURNAME',
  'GIVEN_NAMES',
  'TGL_LAHIR',
  'TMPT_LAHIR',
  'JNS_KELAMIN',
  'JNS_PASPOR',
  'TGL_TERBIT',
  'TGL_HABIS_BERLAKU',
  'KANTOR_PENERBIT',
  'STATUS_PASPOR',
] as const;
export type PasporColumn = (typeof PASPOR_COLUMNS)[number];

/** One row; '' is NULL (Oracle does not tell them apart). */
export type PasporRow = Record<PasporColumn, string>;

/** The file path inside an agency directory (`<dataDir>/imigrasi`). */
export function pasporTablePath(agencyDir: string): string {
  return path.join(agencyDir, PASPOR_TABLE_FILE);
}

/** Rows -> the export's bytes (deterministic: same rows, same text). */
export function formatPasporTable(rows: readonly PasporRow[]): string {
  return stringify(
    rows.map((row) => PASPOR_COLUMNS.map((column) => row[column])),
    {
      header: true,
      columns: [...PASPOR_COLUMNS],
      quoted: true,
      quoted_empty: false,
      record_delimiter: 'windows',
    },
  );
}

/** Export text -> rows. Missing columns are an error naming them; extra columns are ignored. */
export function parsePasporTable(text: string, source = PASPOR_TABLE_FILE): PasporRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
  } catch (error) {
    throw new Error(`${source} is not a readable CSV export: ${(error as Error).message}`);
  }
  const first = records[0];
  if (first) {
    const missing = PASPOR_COLUMNS.filter((column) => !(column in first));
    if (missing.length > 0) throw new Error(`${source} lacks the column(s) ${missing.join(', ')}; expected ${PASPOR_COLUMNS.join(',')}`);
  }
  return records.map((record) => {
    const row = {} as PasporRow;
    for (const column of PASPOR_COLUMNS) row[column] = record[column] ?? '';
    return row;
  });
}

export async function readPasporTable(agencyDir: string): Promise<PasporRow[]> {
  const file = pasporTablePath(agencyDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`SIMKIM store ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); run the seed or write it by hand (subgraphs/imigrasi/README.md)`);
  }
  return parsePasporTable(text, file);
}
