import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FILE_NAME, ExportFormatError, parseExportText, type ExportRow } from '../samsat-export.format';

/**
 * The export's place on disk and how to read it back. SAMSAT's job writes the whole file with the
 * kit's writeExportAtomically (temp + rename), so a reader sees either the previous export or the
 * new one, never a part.
 */

/** `<dataDir>/samsat/EXPORT_KENDARAAN.csv`: the subgraph's legacyLocation. */
export function exportFilePath(dataDir: string): string {
  return path.join(dataDir, 'samsat', EXPORT_FILE_NAME);
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
