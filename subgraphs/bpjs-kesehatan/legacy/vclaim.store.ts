import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VClaimPeserta } from '../vclaim.records';

/**
 * The BPJS store: what the VClaim simulator serves, one file `<dataDir>/bpjs-kesehatan/peserta.json`.
 * A JSON array of member rows, each exactly the `peserta` object VClaim returns (VClaim field
 * names and notation: dates yyyy-mm-dd, sex "L"/"P", codes as strings). People absent from
 * the array are not members. The README documents the format for hand-written data dirs.
 */
export const STORE_FILE = 'peserta.json';

export function vclaimStorePath(dataDir: string): string {
  return join(dataDir, 'bpjs-kesehatan', STORE_FILE);
}

/**
 * A stored row is kept as written, odd values included (an unknown code, an impossible
 * date): the simulator serves what the store holds, and the adapter must cope.
 */
export type StoredPeserta = Record<string, unknown> & { nik: string };

export class VClaimStoreError extends Error {}

/** Rows by NIK. */
export type VClaimStore = ReadonlyMap<string, StoredPeserta>;

export function parseVClaimStore(text: string, source: string): VClaimStore {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VClaimStoreError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new VClaimStoreError(`${source}: must be a JSON array of peserta rows`);
  const byNik = new Map<string, StoredPeserta>();
  parsed.forEach((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new VClaimStoreError(`${source}: row ${index} is not an object`);
    }
    const nik = (row as Record<string, unknown>).nik;
    if (typeof nik !== 'string' || !/^[0-9]{16}$/.test(nik)) {
      throw new VClaimStoreError(`${source}: row ${index} needs "nik" as a string of 16 digits`);
    }
    if (byNik.has(nik)) throw new VClaimStoreError(`${source}: row ${index} repeats a NIK already in row ${[...byNik.keys()].indexOf(nik)}`);
    byNik.set(nik, row as StoredPeserta);
  });
  return byNik;
}

export async function loadVClaimStore(dataDir: string): Promise<VClaimStore> {
  const path = vclaimStorePath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new VClaimStoreError(`cannot read the BPJS store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; run the seed first`);
  }
  return parseVClaimStore(text, path);
}

/** One row per line: stable bytes for the same rows, and diffs that read well. */
export function serializeVClaimStore(rows: readonly VClaimPeserta[]): string {
  if (rows.length === 0) return '[]\n';
  return `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`;
}
