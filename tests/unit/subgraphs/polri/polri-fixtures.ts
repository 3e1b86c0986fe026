import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/** Test helpers that answer like POLRI-SIM: its rows, its page envelope. */

export const POLRI_ORIGIN = 'http://polri.test';
export const POLRI_BASE = `${POLRI_ORIGIN}/api/v1`;

export const BUDI = '1471080703850001';
export const SITI = '1471084512900002';
export const NOBODY = '1471080101990009';

export function simRow(nik: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    no_sim: '850314710123',
    nik,
    nama: 'BUDI SANTOSO',
    tempat_lahir: 'PEKANBARU',
    tgl_lahir: '07-03-1985',
    jenis_kelamin: 'PRIA',
    gol_sim: 'C',
    tgl_terbit: '12-05-2021',
    tgl_berlaku: '07-03-2026',
    satpas: 'SATPAS POLRESTA PEKANBARU',
    ...overrides,
  };
}

export function skckRow(nik: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    no_skck: 'SKCK/YANMAS/01234/V/2025/INTELKAM',
    nik,
    nama: 'BUDI SANTOSO',
    tgl_terbit: '20-05-2025',
    tgl_berlaku: '20-11-2025',
    keperluan: 'MELAMAR PEKERJAAN',
    kesatuan: 'POLRESTA PEKANBARU',
    ...overrides,
  };
}

/** Page `page` of `rows` at `size`, as POLRI-SIM answers it; `override` breaks the envelope on purpose. */
export function pageOf(rows: readonly unknown[], page: number, size: number, override: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    data: rows.slice((page - 1) * size, page * size),
    page,
    size,
    totalPages: Math.ceil(rows.length / size),
    totalItems: rows.length,
    ...override,
  };
}

/** A pino logger writing into an array, to assert what was logged (and that NIKs are masked). */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}
