/**
 * SIPP-TK's membership service (BPJS Ketenagakerjaan) as partner institutions see it: the
 * contract shared by the adapter (bpjs-ketenagakerjaan.client.ts), the simulator
 * (legacy/sipp-tk.simulator.ts) and the seed. Only wire facts live here: paths, field
 * names, status codes and code lists, in SIPP-TK's own spelling. Nothing here is ours.
 */

/** The service's root under the host; the simulator's `url` ends with it. */
export const SIPP_TK_BASE_PATH = '/sipp-tk';

/** The calls, as written in `@source(operation:)`. */
export const SIPP_TK_OPERATIONS = {
  /** Up to SIPP_TK_BATCH_LIMIT NIKs -> one entry per NIK, in request order. */
  batch: 'POST /api/kepesertaan/batch',
  /** One NIK -> its member row. */
  single: 'GET /api/kepesertaan/{nik}',
} as const;

export const SIPP_TK_PATHS = {
  batch: '/api/kepesertaan/batch',
  single: (nik: string): string => `/api/kepesertaan/${encodeURIComponent(nik)}`,
} as const;

/** Most NIKs one batch call takes; more is refused with status "02". */
export const SIPP_TK_BATCH_LIMIT = 100;

/**
 * The `status` of the envelope and the `KODE_RESPON` of each batch entry. SIPP-TK answers
 * HTTP 200 for all of them: the code, not the HTTP status, says what happened.
 */
export const SIPP_TK_STATUS = {
  /** SUKSES. */
  OK: '00',
  /** DATA TIDAK DITEMUKAN: the NIK holds no membership (an answer, not an error). */
  NOT_FOUND: '01',
  /** PARAMETER TIDAK VALID: a NIK that is not 16 digits, a batch over the limit, a body that is not JSON. */
  BAD_PARAMETER: '02',
  /** OTENTIKASI GAGAL: wrong user or password (a missing Authorization header is HTTP 401 instead). */
  AUTH_FAILED: '03',
  /** LAYANAN SEDANG DALAM PEMELIHARAAN: the nightly maintenance window; transient. */
  MAINTENANCE: '05',
  /** KESALAHAN SISTEM: the backend (core database) failed; transient. */
  SYSTEM_ERROR: '99',
} as const;

export const SIPP_TK_MESSAGES: Record<string, string> = {
  '00': 'SUKSES',
  '01': 'DATA TIDAK DITEMUKAN',
  '02': 'PARAMETER TIDAK VALID',
  '03': 'OTENTIKASI GAGAL',
  '05': 'LAYANAN SEDANG DALAM PEMELIHARAAN',
  '99': 'KESALAHAN SISTEM',
};

/** Every answer: `{ status, message, data }`; `data` is a list (batch), an object (single) or null. */
export interface SippTkEnvelope {
  status: string;
  message: string;
  data: unknown;
}

/**
 * One member row as SIPP-TK returns it and as the store holds it. Dates are dd/MM/yyyy,
 * the JHT balance is a decimal string in rupiah, PROGRAM a comma-separated list of codes.
 */
export interface SippTkPeserta {
  /** Kartu Peserta Jamsostek number: 11 digits, a string. */
  KPJ: string;
  NIK: string;
  NAMA_PESERTA: string;
  /** dd/MM/yyyy. */
  TGL_LAHIR: string;
  /** PU, BPU, PMI, JAKON. */
  SEGMEN: string;
  /** AKTIF, NON AKTIF (older rows: NONAKTIF, TIDAK AKTIF). */
  STATUS_KEPESERTAAN: string;
  /** Nomor Pendaftaran Perusahaan (employer registration), 8 digits; null when there is no employer (BPU, PMI). */
  NPP: string | null;
  NAMA_PERUSAHAAN: string | null;
  /** e.g. "JHT,JKK,JKM,JP"; rows from before 2014 may still carry JPK. */
  PROGRAM: string;
  /** Old-age savings balance, rupiah with two decimals ("12500000.00"); null without a JHT account. */
  SALDO_JHT: string | null;
  /** dd/MM/yyyy: first registration. */
  TGL_KEPESERTAAN: string;
}

/** A batch entry: a member row plus its KODE_RESPON, or just the NIK and a code for a NIK without membership. */
export type SippTkBatchEntry =
  | (SippTkPeserta & { KODE_RESPON: '00'; KETERANGAN?: string })
  | { NIK: string; KODE_RESPON: string; KETERANGAN: string };

/** SEGMEN code list. */
export const SEGMEN = {
  PU: 'PENERIMA UPAH',
  BPU: 'BUKAN PENERIMA UPAH',
  PMI: 'PEKERJA MIGRAN INDONESIA',
  JAKON: 'JASA KONSTRUKSI',
} as const;
export type SegmenCode = keyof typeof SEGMEN;

/** Programme codes. */
export const PROGRAM = {
  JHT: 'JAMINAN HARI TUA',
  JKK: 'JAMINAN KECELAKAAN KERJA',
  JKM: 'JAMINAN KEMATIAN',
  JP: 'JAMINAN PENSIUN',
  JKP: 'JAMINAN KEHILANGAN PEKERJAAN',
} as const;
export type ProgramCode = keyof typeof PROGRAM;

/**
 * JPK (Jaminan Pemeliharaan Kesehatan) was Jamsostek's health programme until it moved to
 * BPJS Kesehatan in 2014; SIPP-TK rows migrated from Jamsostek still list it. Known, obsolete.
 */
export const OBSOLETE_PROGRAM_CODES: ReadonlySet<string> = new Set(['JPK']);

/** STATUS_KEPESERTAAN labels (compared after trimming, upper-casing and collapsing spaces). */
export const STATUS_KEPESERTAAN_AKTIF = 'AKTIF';
export const STATUS_KEPESERTAAN_NON_AKTIF: ReadonlySet<string> = new Set(['NON AKTIF', 'NONAKTIF', 'TIDAK AKTIF']);

/** `Authorization: Basic base64(user:password)`: the partner account SIPP-TK issues to an institution. */
export interface SippTkCredentials {
  user: string;
  password: string;
}

export function basicAuthorization(credentials: SippTkCredentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** yyyy-mm-dd -> SIPP-TK's dd/MM/yyyy (the seed writes its dates with it). */
export function sippTkDateFromIso(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
