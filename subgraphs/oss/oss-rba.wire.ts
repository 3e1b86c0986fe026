/**
 * The OSS-RBA wire as our simulator and adapter speak it: paths, the envelope, the NIB
 * record with OSS's own (Indonesian, snake_case) field names, and the code lists. Only the
 * adapter, the mapper, the simulator and the seed read this file; nothing of it reaches GraphQL.
 *
 * OSS-RBA (Online Single Submission, Risk-Based Approach; Kementerian Investasi/BKPM, served
 * at the mall by DPMPTSP) publishes partner APIs per NIK; the exact partner API is not public,
 * so this is our model of it, documented in README.md.
 */

/** The legacy system's name in `@source(system:)`. */
export const OSS_RBA = 'OSS-RBA';

/** The one call: the NIB records in which a NIK is a responsible person (owner, partner, director). */
export const NIB_BY_OWNER_PATH = '/api/v1/nib/pemilik/{nik}';
export const NIB_BY_OWNER = `GET ${NIB_BY_OWNER_PATH}`;

/**
 * Every answer from OSS-RBA behind the gateway: HTTP 200 (or 401 for Basic auth) with
 * `{ status, message, data }`. The `status` inside, not the HTTP status, says what happened.
 */
export interface OssEnvelope {
  /** A number; some ESB nodes send it as a string ("200"). */
  status: number | string;
  message: string;
  data: OssNibByOwnerData | null;
}

/** Envelope `status` codes (OSS reuses HTTP numbers inside the body). */
export const OSS_STATUS = {
  OK: 200,
  /** Malformed NIK in the path. */
  BAD_REQUEST: 400,
  /** Basic auth refused (the app also answers HTTP 401 for it). */
  UNAUTHORIZED: 401,
  /** The account may not use this API. */
  FORBIDDEN: 403,
  /** "Data NIB tidak ditemukan": the NIK is responsible for no business. An answer, not an error. */
  NOT_FOUND: 404,
  /** OSS's backend failed behind the ESB, wrapped in an HTTP 200. */
  SERVER_ERROR: 500,
  UNAVAILABLE: 503,
} as const;

/** `data` of the NIB-by-owner call. */
export interface OssNibByOwnerData {
  nik: string;
  /** Number of records in `daftar_nib`; a mismatch means the ESB cut the answer. */
  jumlah_nib: number;
  /**
   * The NIB records. ESB quirk (XML-to-JSON on OSS's service bus): a list of exactly one
   * element arrives as that element (an object), and an empty list as null. The same holds
   * for every list inside a record.
   */
  daftar_nib: OssNibRecord[] | OssNibRecord | null;
}

/** A responsible person of a business (`penanggung_jawab`). */
export interface OssPenanggungJawab {
  nik: string;
  /** The name as OSS holds it (taken from the civil registry when the NIB was issued). */
  nama: string;
  /** PEMILIK, DIREKTUR, KOMISARIS, PESERO AKTIF, PESERO KOMANDITER, SEKUTU, PENGURUS. */
  jabatan: string;
}

/** One business activity (`data_kbli`): a KBLI 2020 code with its title and its risk under PP 5/2021. */
export interface OssKbli {
  /** Five digits as a string (KBLI codes may start with 0: 01262). */
  kbli: string;
  judul_kbli: string;
  /** "Rendah", "Menengah Rendah", "Menengah Tinggi", "Tinggi" (also the short codes R, MR, MT, T). */
  tingkat_risiko: string;
}

/** One licence (`data_izin`). */
export interface OssIzin {
  /** NIB, SS (Sertifikat Standar), IZIN, PB_UMKU. */
  jenis_izin: string;
  nama_izin: string;
  /** Empty while the licence is still being processed. */
  nomor_izin: string;
  /** The KBLI code it covers; null for the NIB itself. */
  kbli: string | null;
  /** yyyy-mm-dd; null while in process. */
  tgl_terbit_izin: string | null;
  /** yyyy-mm-dd; null when it does not expire. */
  tgl_berlaku_sampai: string | null;
  /** AKTIF, DALAM PROSES, DIBEKUKAN, DICABUT, KEDALUWARSA. */
  status_izin: string;
}

/** One NIB record as OSS-RBA stores and returns it (the store holds proper lists; see `daftar_nib`). */
export interface OssNibRecord {
  /** 13 digits. Not the land office's parcel "NIB". */
  nib: string;
  /** "yyyy-mm-dd" (records migrated from OSS 1.1) or "yyyy-mm-dd HH:mm:ss" (OSS-RBA, Jakarta time). */
  tgl_terbit_nib: string;
  nama_usaha: string;
  /** PERORANGAN, PT PERORANGAN, CV, FIRMA, PT, KOPERASI. */
  jenis_badan_usaha: string;
  /** MIKRO, KECIL (together: UMK), MENENGAH, BESAR. */
  skala_usaha: string;
  alamat_usaha: string;
  kelurahan_usaha: string;
  /**
   * Home Affairs (Kemendagri) region id of the business location: a district "14.71.08" (dotted,
   * records migrated from OSS 1.1) or a village "1471081001" (ten digits, OSS-RBA).
   */
  kd_wilayah: string;
  penanggung_jawab: OssPenanggungJawab[];
  data_kbli: OssKbli[];
  data_izin: OssIzin[];
}

/** `tingkat_risiko` labels and short codes -> our risk level (normalized keys: "menengah_rendah" matches too). */
export const TINGKAT_RISIKO: Record<string, 'LOW' | 'MEDIUM_LOW' | 'MEDIUM_HIGH' | 'HIGH'> = {
  RENDAH: 'LOW',
  'MENENGAH RENDAH': 'MEDIUM_LOW',
  'MENENGAH TINGGI': 'MEDIUM_HIGH',
  TINGGI: 'HIGH',
  R: 'LOW',
  MR: 'MEDIUM_LOW',
  MT: 'MEDIUM_HIGH',
  T: 'HIGH',
};

/** How the seed writes each level (OSS's screens use these labels). */
export const RISIKO_LABEL = {
  LOW: 'Rendah',
  MEDIUM_LOW: 'Menengah Rendah',
  MEDIUM_HIGH: 'Menengah Tinggi',
  HIGH: 'Tinggi',
} as const;

/** `skala_usaha` -> our scale. */
export const SKALA_USAHA: Record<string, 'MICRO' | 'SMALL' | 'MEDIUM' | 'LARGE'> = {
  MIKRO: 'MICRO',
  KECIL: 'SMALL',
  MENENGAH: 'MEDIUM',
  BESAR: 'LARGE',
};

/** `jenis_badan_usaha` -> our legal form. */
export const JENIS_BADAN_USAHA: Record<string, 'INDIVIDUAL' | 'SOLE_LIMITED_COMPANY' | 'LIMITED_PARTNERSHIP' | 'GENERAL_PARTNERSHIP' | 'LIMITED_COMPANY' | 'COOPERATIVE'> = {
  PERORANGAN: 'INDIVIDUAL',
  'PT PERORANGAN': 'SOLE_LIMITED_COMPANY',
  CV: 'LIMITED_PARTNERSHIP',
  FIRMA: 'GENERAL_PARTNERSHIP',
  PT: 'LIMITED_COMPANY',
  KOPERASI: 'COOPERATIVE',
};

/**
 * `jenis_izin` -> our licence kind. Keys are in the mapper's normalized form (upper case,
 * "_" and "-" read as spaces), so `PB_UMKU`, `PB-UMKU` and `pb umku` all match.
 */
export const JENIS_IZIN: Record<string, 'NIB' | 'STANDARD_CERTIFICATE' | 'LICENCE' | 'PB_UMKU'> = {
  NIB: 'NIB',
  SS: 'STANDARD_CERTIFICATE',
  IZIN: 'LICENCE',
  'PB UMKU': 'PB_UMKU',
};

/** `status_izin` -> our licence status. */
export const STATUS_IZIN: Record<string, 'ACTIVE' | 'IN_PROCESS' | 'SUSPENDED' | 'REVOKED' | 'EXPIRED'> = {
  AKTIF: 'ACTIVE',
  'DALAM PROSES': 'IN_PROCESS',
  DIBEKUKAN: 'SUSPENDED',
  DICABUT: 'REVOKED',
  KEDALUWARSA: 'EXPIRED',
};
