import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FILE_NAME, ExportFormatError, parseExportText, type ExportRow } from '../kua-export.format';

/**
 * The export's place on disk and the exporter's way of writing it. SIMKAH's export job writes
 * the whole file under a temporary name in the same directory and renames it over the old one,
 * so a reader sees either the previous export or the new one, never a part.
 */

/** `<dataDir>/kua/SIMKAH_EKSPOR_NIKAH.csv`: the subgraph's legacyLocation. */
export function exportFilePath(dataDir: string): string {
  return path.join(dataDir, 'kua', EXPORT_FILE_NAME);
}

let temporaryCounter = 0;

/** A temporary name next to the export (same filesystem, so rename is atomic); dot-prefixed so readers ignore it. */
export function temporaryPathFor(file: string): string {
  temporaryCounter += 1;
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${temporaryCounter}.tmp`);
}

/** Writes the complete text under a temporary name, flushes it, then renames it over `file`. */
export async function writeExportAtomically(file: string, text: string | Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryPathFor(file);
  const handle = await fs.promises.open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temporary, file);
}

/** The detail lines of a good export at `file`, or null when it is missing or not a good export. */
export async function readExportRows(file: string): Promise<ExportRow[] | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return parseExportText(text).rows.flatMap((row) => (row.values ? [row.values] : []));
  } catch (error) {
    if (error instanceof ExportFormatError) return null;
    throw error;
  }
}

/** Pekanbaru is on WIB (UTC+7, no daylight saving): the calendar date SIMKAH's export job stamps. */
export function todayInPekanbaru(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
