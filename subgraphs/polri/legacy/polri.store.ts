import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimRow, SkckRow } from '../polri.wire';

/**
 * POLRI-SIM's store, what the simulator serves: two files in `<dataDir>/polri/`, each a JSON
 * array of rows in POLRI-SIM's own field names and notation (README.md, "Data directory"):
 * `sim.json` (driving licences, one row per licence) and `skck.json` (police clearances, one
 * row per certificate ever issued). A NIK absent from a file holds none.
 */
export const SIM_FILE = 'sim.json';
export const SKCK_FILE = 'skck.json';

/**
 * A stored row is kept as written, odd values included (an unknown class, an impossible date):
 * the simulator serves what the store holds, and the adapter must cope. Only `nik` is checked.
 */
export type StoredRow = Record<string, unknown> & { nik: string };

export interface PolriStore {
  /** Rows by NIK, in file order. */
  sim: ReadonlyMap<string, readonly StoredRow[]>;
  skck: ReadonlyMap<string, readonly StoredRow[]>;
}

export class PolriStoreError extends Error {}

export function polriStoreDir(dataDir: string): string {
  return join(dataDir, 'polri');
}

export function parseStoreFile(text: string, source: string): Map<string, StoredRow[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PolriStoreError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new PolriStoreError(`${source}: must be a JSON array of rows`);
  const byNik = new Map<string, StoredRow[]>();
  parsed.forEach((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new PolriStoreError(`${source}: row ${index} is not an object`);
    const nik = (row as Record<string, unknown>).nik;
    if (typeof nik !== 'string' || !/^[0-9]{16}$/.test(nik)) {
      throw new PolriStoreError(`${source}: row ${index} needs "nik" as a string of 16 digits (a JSON number loses leading zeros)`);
    }
    const rows = byNik.get(nik) ?? [];
    rows.push(row as StoredRow);
    byNik.set(nik, rows);
  });
  return byNik;
}

async function readStoreFile(dataDir: string, name: string): Promise<Map<string, StoredRow[]>> {
  const path = join(polriStoreDir(dataDir), name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolriStoreError(
      `cannot read the POLRI-SIM store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; run the seed first (an empty file is "[]")`,
    );
  }
  return parseStoreFile(text, path);
}

export async function loadPolriStore(dataDir: string): Promise<PolriStore> {
  const [sim, skck] = await Promise.all([readStoreFile(dataDir, SIM_FILE), readStoreFile(dataDir, SKCK_FILE)]);
  return { sim, skck };
}

/** One row per line: stable bytes for the same rows, and diffs that read well. */
export function serializeStoreRows(rows: readonly (SimRow | SkckRow)[]): string {
  if (rows.length === 0) return '[]\n';
  return `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`;
}
