import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A SIMKIM data directory written by hand, following subgraphs/imigrasi/README.md
 * (T_PASPOR.csv, SQL Developer CSV export). NIKs:
 * - 1471011207850003: two passports (an old-series one from 2008 with INDONESIAN month names, an e-passport)
 * - 1471085505900002: one expired ordinary passport, a "BINTI" name split
 * - 1471020101700001: a single-name holder (GIVEN_NAMES NULL) whose row has an impossible
 *   issue date, an unknown status code and an unknown sex code
 * - 1471030303030003: known to nobody here
 */
export const NIK_TWO_PASSPORTS = '1471011207850003';
export const NIK_BINTI = '1471085505900002';
export const NIK_QUIRKY = '1471020101700001';
export const NIK_UNKNOWN = '1471030303030003';

export const T_PASPOR_CSV = [
  '"NO_PASPOR","NIK","SURNAME","GIVEN_NAMES","TGL_LAHIR","TMPT_LAHIR","JNS_KELAMIN","JNS_PASPOR","TGL_TERBIT","TGL_HABIS_BERLAKU","KANTOR_PENERBIT","STATUS_PASPOR"',
  '"AR123456","1471011207850003","RIZKI","MUHAMMAD","12-JUL-85","PEKANBARU","M","PB","03-MEI-08","03-MEI-13","KANTOR IMIGRASI KELAS I TPI PEKANBARU","A"',
  '"X1234567","1471011207850003","RIZKI","MUHAMMAD","12-JUL-85","PEKANBARU","M","PE","14-FEB-23","14-FEB-33","UNIT LAYANAN PASPOR MPP PEKANBARU","A"',
  '"B7654321","1471085505900002","AHMAD","SITI BINTI","15-MAY-90","KAMPAR","F","PB","01-JUN-19","01-JUN-24","KANTOR IMIGRASI KELAS II TPI DUMAI","A"',
  '"C1111111","1471020101700001","SUKARNO",,"01-JAN-40","MEDAN","X","PB","31-FEB-20","01-MAR-25","KANTOR IMIGRASI KELAS I TPI PEKANBARU","Z"',
  '',
].join('\r\n');

/** Creates `<tmp>/imigrasi/T_PASPOR.csv` and returns the data directory root. */
export async function writeSimkimDataDir(csv = T_PASPOR_CSV): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'satu-imigrasi-'));
  await mkdir(path.join(dataDir, 'imigrasi'));
  await writeFile(path.join(dataDir, 'imigrasi', 'T_PASPOR.csv'), csv, 'utf8');
  return dataDir;
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

/** A warn() that records what it was given, for asserting "null + a warning". */
export function recordingLogger(): { warn: (object: object, message?: string) => void; warnings: Array<{ object: object; message?: string }> } {
  const warnings: Array<{ object: object; message?: string }> = [];
  return { warnings, warn: (object: object, message?: string) => void warnings.push({ object, message }) };
}
