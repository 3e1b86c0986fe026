import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { DEMO_CREDENTIALS, basicAuthorization, type OssCredentials } from '../../../../subgraphs/oss/oss.config';

/** Test helpers that answer like OSS-RBA (nock) and build NIB records with OSS's field names. */

export const OSS_ORIGIN = 'http://oss.test';
export const OWNER = '1471081203850001';
export const PARTNER = '1471084507880002';
export const STRANGER = '1471080101990009';

export function ownerPath(nik: string): string {
  return `/api/v1/nib/pemilik/${nik}`;
}

/** A micro warung with one activity and its NIB, as the OSS store holds it (proper lists). */
export function nibRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nib: '9120001234567',
    tgl_terbit_nib: '2022-03-14 10:22:31',
    nama_usaha: 'WARUNG MAKAN UNI ROS',
    jenis_badan_usaha: 'PERORANGAN',
    skala_usaha: 'MIKRO',
    alamat_usaha: 'JL. DURIAN NO. 12 RT 002 RW 005',
    kelurahan_usaha: 'SIMPANG BARU',
    kd_wilayah: '1471081001',
    penanggung_jawab: [{ nik: OWNER, nama: 'ROSNIAR', jabatan: 'PEMILIK' }],
    data_kbli: [{ kbli: '56102', judul_kbli: 'Rumah/Warung Makan', tingkat_risiko: 'Rendah' }],
    data_izin: [
      { jenis_izin: 'NIB', nama_izin: 'Nomor Induk Berusaha', nomor_izin: '9120001234567', kbli: null, tgl_terbit_izin: '2022-03-14', tgl_berlaku_sampai: null, status_izin: 'AKTIF' },
    ],
    ...overrides,
  };
}

/** The envelope OSS-RBA answers for these records (no ESB quirk: tests add it where they mean to). */
export function okBody(nik: string, records: unknown): string {
  const count = Array.isArray(records) ? records.length : records === null ? 0 : 1;
  return JSON.stringify({ status: 200, message: 'OK', data: { nik, jumlah_nib: count, daftar_nib: records } });
}

export function envelopeBody(status: number | string, message: string, data: unknown = null): string {
  return JSON.stringify({ status, message, data });
}

type Headers = Record<string, string | string[] | undefined>;

function headerOf(headers: Headers, name: string): string {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** What OSS-RBA's two doors answer for these request headers: 401 from the gateway or from OSS, else null (let in). */
export function refusal(headers: Headers, credentials: OssCredentials = DEMO_CREDENTIALS): [number, string, Record<string, string>] | null {
  if (headerOf(headers, 'user_key') !== credentials.userKey) return [401, JSON.stringify({ error: 'Authentication failed' }), {}];
  if (headerOf(headers, 'authorization') !== basicAuthorization(credentials)) {
    return [401, envelopeBody(401, 'Username atau password salah'), { 'WWW-Authenticate': 'Basic realm="OSS-RBA"' }];
  }
  return null;
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
