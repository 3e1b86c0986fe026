import fs from 'node:fs';
import path from 'node:path';

/**
 * How the agencies' export jobs publish: the whole file under a temporary name in the same
 * directory, flushed, then renamed over the old one, so a reader sees either the previous
 * export or the new one, never a part.
 */

let temporaryCounter = 0;

/** A temporary name next to the export (same filesystem, so rename is atomic); dot-prefixed so readers ignore it. */
export function temporaryPathFor(file: string): string {
  temporaryCounter += 1;
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${temporaryCounter}.tmp`);
}

/** Writes the complete content under a temporary name, flushes it, then renames it over `file`. */
export async function writeExportAtomically(file: string, content: string | Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryPathFor(file);
  const handle = await fs.promises.open(temporary, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temporary, file);
}
