import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FILE_NAME, ExportFormatError, decodeExport, parseExportText } from '../djp-export.format';
import type { DetailValues } from '../djp-export.layout';

/**
 * The export's place on disk and how to read it back. DJP's job writes the whole file with the
 * kit's writeExportAtomically (temp + rename), so a reader sees either the previous export or the
 * new one, never a part.
 */

/** `<dataDir>/djp/EXPORT_WP_OP.TXT`: the subgraph's legacyLocation. */
export function exportFilePath(dataDir: string): string {
  return path.join(dataDir, 'djp', EXPORT_FILE_NAME);
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
