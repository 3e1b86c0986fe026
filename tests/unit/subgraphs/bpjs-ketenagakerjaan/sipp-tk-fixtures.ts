import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/** Shared fixtures for the bpjs-ketenagakerjaan tests: NIKs, SIPP-TK rows and envelopes, a log capture. */

export const SIPP_ORIGIN = 'http://sipp-tk.test';
export const SIPP_BASE = `${SIPP_ORIGIN}/sipp-tk`;
export const BATCH_PATH = '/sipp-tk/api/kepesertaan/batch';

export const BUDI = '1471080703850001';
export const SITI = '1471084512900002';
export const RAHMAT = '1471101506920003';
export const UNKNOWN = '1471080101990009';

export function budiRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    KPJ: '09123456789',
    NIK: BUDI,
    NAMA_PESERTA: 'BUDI SANTOSO',
    TGL_LAHIR: '07/03/1985',
    SEGMEN: 'PU',
    STATUS_KEPESERTAAN: 'AKTIF',
    NPP: '14010027',
    NAMA_PERUSAHAAN: 'PT RIAU SAWIT LESTARI',
    PROGRAM: 'JKK,JKM,JHT,JPK,JP,JKP',
    SALDO_JHT: '125750000.85',
    TGL_KEPESERTAAN: '02/05/2009',
    ...overrides,
  };
}

export function sitiRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    KPJ: '21987654321',
    NIK: SITI,
    NAMA_PESERTA: 'Hj. SITI AMINAH',
    TGL_LAHIR: '05/12/1990',
    SEGMEN: 'BPU',
    STATUS_KEPESERTAAN: 'NON AKTIF',
    NPP: null,
    NAMA_PERUSAHAAN: null,
    PROGRAM: 'JKK,JKM',
    SALDO_JHT: null,
    TGL_KEPESERTAAN: '14/08/2021',
    ...overrides,
  };
}

export function rahmatRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    KPJ: '24555000111',
    NIK: RAHMAT,
    NAMA_PESERTA: 'RAHMAT HIDAYAT',
    TGL_LAHIR: '15/06/1992',
    SEGMEN: 'JAKON',
    STATUS_KEPESERTAAN: 'AKTIF',
    NPP: '14090012',
    NAMA_PERUSAHAAN: 'CV TUAH NEGERI KONSTRUKSI',
    PROGRAM: 'JKK,JKM',
    SALDO_JHT: null,
    TGL_KEPESERTAAN: '03/01/2024',
    ...overrides,
  };
}

/** A batch entry for a member row. */
export function found(row: Record<string, unknown>): Record<string, unknown> {
  return { KODE_RESPON: '00', KETERANGAN: 'SUKSES', ...row };
}

export function notFound(nik: string): Record<string, unknown> {
  return { NIK: nik, KODE_RESPON: '01', KETERANGAN: 'DATA TIDAK DITEMUKAN' };
}

export function envelope(status: string, data: unknown, message = status === '00' ? 'SUKSES' : 'DATA TIDAK DITEMUKAN'): string {
  return JSON.stringify({ status, message, data });
}

/** What the clean record of budiRow() is. */
export const BUDI_RECORD = {
  status: 'ACTIVE',
  active: true,
  membershipNumber: '09123456789',
  segment: 'WAGE_EARNER',
  employer: { registrationNumber: '14010027', name: 'PT RIAU SAWIT LESTARI' },
  programmes: ['OLD_AGE_SAVINGS', 'WORK_ACCIDENT', 'DEATH', 'PENSION', 'JOB_LOSS'],
  oldAgeSavingsBalance: 125750000,
  memberSince: '2009-05-02',
  holderName: 'BUDI SANTOSO',
  holderBirthDate: '1985-03-07',
};

/** A pino logger writing into an array, to assert what was logged (and that NIKs are masked). */
export function captureLogger(level = 'debug'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level }, stream), lines };
}
