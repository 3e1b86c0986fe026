import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SippTkPeserta } from '../sipp-tk.wire';

/**
 * The SIPP-TK store: what the simulator serves, one file
 * `<dataDir>/bpjs-ketenagakerjaan/kepesertaan.json`. A JSON array of member rows in SIPP-TK's
 * field names and notation (see sipp-tk.wire.ts and the README); a NIK absent from the array
 * holds no membership. The README documents the format for hand-written data dirs.
 */
export const STORE_FILE = 'kepesertaan.json';
export const STORE_FOLDER = 'bpjs-ketenagakerjaan';

export function sippTkStorePath(dataDir: string): string {
  return join(dataDir, STORE_FOLDER, STORE_FILE);
}

/**
 * A stored row is kept as written, odd values included (an unknown segment, an impossible
 * date, a KPJ as a number): the simulator serves what the store holds, and the adapter must cope.
 */
export type StoredPeserta = Record<string, unknown> & { NIK: string };

/** Rows by NIK. */
export type SippTkStore = ReadonlyMap<string, StoredPeserta>;

export class SippTkStoreError extends Error {}

export function parseSippTkStore(text: string, source: string): SippTkStore {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SippTkStoreError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new SippTkStoreError(`${source}: must be a JSON array of member rows`);
  const byNik = new Map<string, StoredPeserta>();
  const rowOfNik = new Map<string, number>();
  parsed.forEach((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new SippTkStoreError(`${source}: row ${index} is not an object`);
    }
    const nik = (row as Record<string, unknown>).NIK;
    if (typeof nik !== 'string' || !/^[0-9]{16}$/.test(nik)) {
      throw new SippTkStoreError(`${source}: row ${index} needs "NIK" as a string of 16 digits`);
    }
    const earlier = rowOfNik.get(nik);
    if (earlier !== undefined) throw new SippTkStoreError(`${source}: row ${index} repeats the NIK of row ${earlier}; one membership per NIK`);
    rowOfNik.set(nik, index);
    byNik.set(nik, row as StoredPeserta);
  });
  return byNik;
}

export async function loadSippTkStore(dataDir: string): Promise<SippTkStore> {
  const path = sippTkStorePath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SippTkStoreError(`cannot read the SIPP-TK store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; run the seed first`);
  }
  return parseSippTkStore(text, path);
}

/** One row per line: stable bytes for the same rows, and diffs that read well. */
export function serializeSippTkStore(rows: readonly SippTkPeserta[]): string {
  if (rows.length === 0) return '[]\n';
  return `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`;
}
