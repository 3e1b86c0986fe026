import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OssNibRecord } from '../oss-rba.wire';

/**
 * The OSS store: what the OSS-RBA simulator serves, one file `<dataDir>/oss/nib.json`.
 * A JSON array of NIB records with OSS-RBA's field names and notation, lists as proper
 * arrays (the ESB's one-element quirk is applied by the simulator on the way out). A NIK
 * that is no record's responsible person has no business. README.md documents the format.
 */
export const STORE_FILE = 'nib.json';

export function ossStorePath(dataDir: string): string {
  return join(dataDir, 'oss', STORE_FILE);
}

/**
 * A stored record is kept as written, odd values included (an unknown code, an impossible
 * date): the simulator serves what the store holds, and the adapter must cope.
 */
export type StoredNibRecord = Record<string, unknown> & { nib: string; penanggung_jawab: Array<Record<string, unknown> & { nik: string }> };

export class OssStoreError extends Error {}

/** Records by responsible person's NIK, each list in file order. */
export interface OssStore {
  records: number;
  byOwner: ReadonlyMap<string, readonly StoredNibRecord[]>;
}

export function parseOssStore(text: string, source: string): OssStore {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OssStoreError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new OssStoreError(`${source}: must be a JSON array of NIB records`);
  const byOwner = new Map<string, StoredNibRecord[]>();
  const rowOfNib = new Map<string, number>();
  parsed.forEach((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new OssStoreError(`${source}: record ${index} is not an object`);
    const record = row as Record<string, unknown>;
    if (typeof record.nib !== 'string' || record.nib.trim() === '') throw new OssStoreError(`${source}: record ${index} needs "nib" as a non-empty string`);
    const earlier = rowOfNib.get(record.nib);
    if (earlier !== undefined) throw new OssStoreError(`${source}: record ${index} repeats NIB ${record.nib} of record ${earlier}`);
    rowOfNib.set(record.nib, index);
    const persons = record.penanggung_jawab;
    if (!Array.isArray(persons) || persons.length === 0) {
      throw new OssStoreError(`${source}: record ${index} needs "penanggung_jawab" as a non-empty array`);
    }
    const owners = new Set<string>();
    persons.forEach((person: unknown, position) => {
      const nik = typeof person === 'object' && person !== null ? (person as Record<string, unknown>).nik : undefined;
      if (typeof nik !== 'string' || !/^[0-9]{16}$/.test(nik)) {
        throw new OssStoreError(`${source}: record ${index} penanggung_jawab[${position}] needs "nik" as a string of 16 digits`);
      }
      owners.add(nik);
    });
    for (const nik of owners) {
      const list = byOwner.get(nik) ?? [];
      list.push(record as StoredNibRecord);
      byOwner.set(nik, list);
    }
  });
  return { records: parsed.length, byOwner };
}

export async function loadOssStore(dataDir: string): Promise<OssStore> {
  const path = ossStorePath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new OssStoreError(`cannot read the OSS store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; run the seed first`);
  }
  return parseOssStore(text, path);
}

/** One record per line: stable bytes for the same records, and diffs that read well. */
export function serializeOssStore(records: readonly OssNibRecord[]): string {
  if (records.length === 0) return '[]\n';
  return `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]\n`;
}
