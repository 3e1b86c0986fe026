import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FILE_NAME, ExportFormatError, decodeExport, parseExportText } from '../djp-export.format';
import type { DetailValues } from '../djp-export.layout';

/**
 * The export's place on disk and the exporter's way of writing it. DJP's job writes the whole
 * file under a temporary name in the same directory and renames it over the old one, so a
 * reader sees either the previous export or the new one, never a part.
 */

/** `<dataDir>/djp/EXPORT_WP_OP.TXT`: the subgraph's legacyLocation. */
export function exportFilePath(dataDir: string): string {
  return path.join(dataDir, 'djp', EXPORT_FILE_NAME);
}

let temporaryCounter = 0;

/** A temporary name next to the export (same filesystem, so rename is atomic); dot-prefixed so readers ignore it. */
export function temporaryPathFor(file: string): string {
  temporaryCounter += 1;
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${temporaryCounter}.tmp`);
}

/** Writes the complete bytes under a temporary name, flushes them, then renames over `file`. */
export async function writeExportAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryPathFor(file);
  const handle = await fs.promises.open(temporary, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temporary, file);
}

/**
 * The detail values of a good export at `file` (padding kept, so they write back byte for
 * byte), or null when it is missing or not a good export.
 */
export async function readExportDetails(file: string): Promise<DetailValues[] | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch {
    return null;
  }
  try {
    return parseExportText(decodeExport(bytes)).details.flatMap((detail) => {
      if (detail.fields === null) return [];
      const { REC_TYPE: _type, FILLER: _filler, ...values } = detail.fields;
      return [values];
    });
  } catch (error) {
    if (error instanceof ExportFormatError) return null;
    throw error;
  }
}
