import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The one file of the store: an array of resident rows, SIAK field names, as the web service returns them. */
export const SIAK_STORE_FILE = 'penduduk.json';

/** A stored row, kept exactly as read: the simulator serves it byte-for-byte as JSON. */
export type StoredRow = Record<string, unknown>;

/**
 * The simulator's in-memory SIAK: the rows of `<dataDir>/dukcapil/penduduk.json`, indexed
 * by NIK and by family card (NO_KK; members keep file order, which is card order).
 */
export class SiakStore {
  private readonly byNikIndex = new Map<string, StoredRow>();
  private readonly byCardIndex = new Map<string, StoredRow[]>();

  constructor(rows: readonly StoredRow[]) {
    for (const row of rows) {
      const nik = row.NIK as string;
      this.byNikIndex.set(nik, row);
      const card = row.NO_KK;
      if (typeof card === 'string' && card !== '') {
        const members = this.byCardIndex.get(card) ?? [];
        members.push(row);
        this.byCardIndex.set(card, members);
      }
    }
  }

  /** Reads and checks the store file; a broken store stops the simulator with a message naming the row. */
  static async load(agencyDir: string): Promise<SiakStore> {
    const file = path.join(agencyDir, SIAK_STORE_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`SIAK simulator: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); run the seed or write it by hand (see subgraphs/dukcapil/README.md)`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`SIAK simulator: ${file} is not valid JSON: ${(error as Error).message}`);
    }
    return new SiakStore(checkedRows(parsed, file));
  }

  byNik(nik: string): StoredRow | undefined {
    return this.byNikIndex.get(nik);
  }

  byFamilyCard(familyCardNumber: string): readonly StoredRow[] {
    return this.byCardIndex.get(familyCardNumber) ?? [];
  }

  get size(): number {
    return this.byNikIndex.size;
  }
}

function checkedRows(parsed: unknown, file: string): StoredRow[] {
  if (!Array.isArray(parsed)) throw new Error(`SIAK simulator: ${file} must hold a JSON array of rows`);
  const seen = new Set<string>();
  parsed.forEach((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new Error(`SIAK simulator: ${file} row ${index} is not an object`);
    }
    const nik = (row as StoredRow).NIK;
    if (typeof nik !== 'string' || nik === '') throw new Error(`SIAK simulator: ${file} row ${index} has no NIK string`);
    if (seen.has(nik)) throw new Error(`SIAK simulator: ${file} row ${index} repeats a NIK already listed`);
    seen.add(nik);
  });
  return parsed as StoredRow[];
}
