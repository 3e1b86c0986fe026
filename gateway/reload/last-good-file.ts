import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../registry/registry.store';

/** The last supergraph this gateway served from the registry after verifying it. */
export interface LastGoodSupergraph {
  sdl: string;
  sequence: number;
  hash: string;
  savedAt: string;
}

export type LastGoodRead = { status: 'found'; lastGood: LastGoodSupergraph } | { status: 'missing' } | { status: 'unusable'; reason: string };

/** The sidecar next to the SDL file: `<file>.json`. */
export function sidecarPathOf(file: string): string {
  return `${file}.json`;
}

/** Write to a temporary file in the same directory, flush it, then rename over the target: readers see the old file or the new one, never half of one. */
function writeAtomically(file: string, content: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const descriptor = openSync(temporary, 'w');
  try {
    writeSync(descriptor, content);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, file);
}

/**
 * Saves the supergraph (SDL file) and its registry sequence and hash (JSON sidecar), each written
 * atomically, SDL first. The sidecar names the SDL's hash, so a crash between the two renames
 * leaves a pair that `readLastGood` recognizes as inconsistent instead of serving a mismatch.
 */
export function writeLastGood(file: string, supergraph: { sdl: string; sequence: number; hash: string }, now: Date = new Date()): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeAtomically(file, supergraph.sdl);
  const sidecar: Omit<LastGoodSupergraph, 'sdl'> = { sequence: supergraph.sequence, hash: supergraph.hash, savedAt: now.toISOString() };
  writeAtomically(sidecarPathOf(file), JSON.stringify(sidecar, null, 2) + '\n');
}

/** Reads the last-good pair; "unusable" (with the reason) when either file is damaged or they do not belong together. */
export function readLastGood(file: string): LastGoodRead {
  let sdl: string;
  let sidecarText: string;
  try {
    sdl = readFileSync(file, 'utf8');
    sidecarText = readFileSync(sidecarPathOf(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'unusable', reason: `cannot read ${file}: ${(error as Error).message}` };
  }
  let sidecar: Partial<LastGoodSupergraph>;
  try {
    sidecar = JSON.parse(sidecarText) as Partial<LastGoodSupergraph>;
  } catch {
    return { status: 'unusable', reason: `${sidecarPathOf(file)} is not JSON` };
  }
  if (typeof sidecar.sequence !== 'number' || typeof sidecar.hash !== 'string' || typeof sidecar.savedAt !== 'string') {
    return { status: 'unusable', reason: `${sidecarPathOf(file)} lacks sequence, hash or savedAt` };
  }
  if (sha256(sdl) !== sidecar.hash) return { status: 'unusable', reason: `${file} does not match the hash in ${sidecarPathOf(file)} (a damaged or half-written pair)` };
  return { status: 'found', lastGood: { sdl, sequence: sidecar.sequence, hash: sidecar.hash, savedAt: sidecar.savedAt } };
}
