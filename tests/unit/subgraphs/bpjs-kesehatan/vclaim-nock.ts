import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { DEMO_CREDENTIALS, type VClaimCredentials } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.config';
import { encodeVClaimResponse, isValidVClaimSignature } from '../../../../subgraphs/bpjs-kesehatan/vclaim-crypto';

/** Test helpers that answer like VClaim, with the same crypto helpers the simulator uses. */

export const VCLAIM_ORIGIN = 'http://vclaim.test';
export const VCLAIM_BASE = `${VCLAIM_ORIGIN}/vclaim-rest`;
/** 2024-06-01T20:00:00Z is already 2024-06-02 in Jakarta (WIB, UTC+7). */
export const FIXED_NOW = Date.UTC(2024, 5, 1, 20, 0, 0);
export const FIXED_TIMESTAMP = String(FIXED_NOW / 1000);

export function pesertaPath(nik: string, date = '2024-06-02'): string {
  return `/vclaim-rest/peserta/nik/${nik}/tglSEP/${date}`;
}

export function memberRow(nik: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    noKartu: '0001234567890',
    nik,
    nama: 'BUDI SANTOSO',
    tglLahir: '1985-03-07',
    sex: 'L',
    hakKelas: { kode: '3', keterangan: 'KELAS III' },
    jenisPeserta: { kode: '11', keterangan: 'PBI (APBN)' },
    statusPeserta: { kode: '0', keterangan: 'AKTIF' },
    provUmum: { kdProvider: '04020801', nmProvider: 'PUSKESMAS SIDOMULYO' },
    tunggakan: 0,
    ...overrides,
  };
}

type Headers = Record<string, string | string[] | undefined>;

function headerOf(headers: Headers, name: string): string {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * The body VClaim answers for these request headers: 401 inside 200 when the signature or
 * keys are wrong, else `{ peserta }` compressed and encrypted with the request's timestamp.
 */
export function vclaimBody(headers: Headers, decoded: unknown, credentials: VClaimCredentials = DEMO_CREDENTIALS): string {
  const consId = headerOf(headers, 'x-cons-id');
  const timestamp = headerOf(headers, 'x-timestamp');
  const signed = isValidVClaimSignature(headerOf(headers, 'x-signature'), credentials.consId, credentials.secret, timestamp);
  if (consId !== credentials.consId || headerOf(headers, 'user_key') !== credentials.userKey || !signed) {
    return JSON.stringify({ metaData: { code: '401', message: 'Unauthorized! Signature tidak sesuai' }, response: null });
  }
  const response = encodeVClaimResponse(JSON.stringify(decoded), { consId, secret: credentials.secret, timestamp });
  return JSON.stringify({ metaData: { code: '200', message: 'OK' }, response });
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
