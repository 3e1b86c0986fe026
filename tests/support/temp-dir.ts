import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Creates a fresh directory under the OS temp dir (name starts with `prefix`), plus any `subdirectories` inside it. */
export function makeTempDir(prefix: string, ...subdirectories: string[]): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const subdirectory of subdirectories) fs.mkdirSync(path.join(directory, subdirectory), { recursive: true });
  return directory;
}

/** Removes a directory made by makeTempDir (no error if it is already gone or was never made). */
export function removeTempDir(directory: string | undefined): void {
  if (directory) fs.rmSync(directory, { recursive: true, force: true });
}

/** Remembers every directory it makes, so one afterAll can remove them all. */
export class TempDirs {
  private readonly made: string[] = [];

  make(prefix: string, ...subdirectories: string[]): string {
    const directory = makeTempDir(prefix, ...subdirectories);
    this.made.push(directory);
    return directory;
  }

  removeAll(): void {
    for (const directory of this.made.splice(0)) removeTempDir(directory);
  }
}
