/**
 * SIAK's web service as partner institutions see it: the contract shared by the adapter
 * (dukcapil.client.ts) and the simulator (legacy/siak.simulator.ts). Only wire facts live
 * here: paths, request and row field names, the paging envelope, the RESPON messages.
 */

/** Our institution's segment in the path; SIAK gives each partner its own. */
export const SIAK_PARTNER = 'SATU_MPP_PEKANBARU';

/** The calls we use, named as SIAK names them (also the `operation` in `@source`). */
export const SIAK_OPERATIONS = {
  /** One NIK -> its row. */
  byNik: 'CALL_NIK',
  /** Up to SIAK_BATCH_LIMIT NIKs -> one row (or one not-found marker) per NIK, in request order. */
  batch: 'CALL_NIK_BATCH',
  /** A KK number -> the rows of every member of that family card, in card order. */
  familyCard: 'CALL_KK',
  /** A NIK plus elements -> "Sesuai" / "Tidak Sesuai" per element ("zero data sharing"). */
  verify: 'CALL_VERIFY_BY_ELEMEN',
} as const;
export type SiakOperation = (typeof SIAK_OPERATIONS)[keyof typeof SIAK_OPERATIONS];

export const SIAK_BATCH_LIMIT = 100;

/** Every call is `POST <base>/dukcapil/get_json/<partner>/<OPERATION>` with a JSON body. */
export function siakPath(operation: SiakOperation): string {
  return `/dukcapil/get_json/${SIAK_PARTNER}/${operation}`;
}

/** Credentials travel in the body of every call (SIAK quirk: no auth header). */
export interface SiakCredentialsBody {
  user_id: string;
  password: string;
  /** The caller's IP as registered with Dukcapil. */
  ip_user: string;
}

/** The registry's row fields, exactly as the web service spells them. */
export const SIAK_ROW_FIELDS = [
  'NIK',
  'NO_KK',
  'NAMA_LGKP',
  'TMPT_LHR',
  'TGL_LHR',
  'JENIS_KLMIN',
  'GOL_DARAH',
  'AGAMA',
  'STATUS_KAWIN',
  'STAT_HBKEL',
  'PDDK_AKH',
  'JENIS_PKRJN',
  'NAMA_LGKP_IBU',
  'NIK_IBU',
  'NAMA_LGKP_AYAH',
  'NIK_AYAH',
  'ALAMAT',
  'NO_RT',
  'NO_RW',
  'NO_PROP',
  'PROP_NAME',
  'NO_KAB',
  'KAB_NAME',
  'NO_KEC',
  'KEC_NAME',
  'NO_KEL',
  'KEL_NAME',
  'KODE_POS',
  'EKTP_STATUS',
] as const;
export type SiakRowField = (typeof SIAK_ROW_FIELDS)[number];

/**
 * One resident row. Values are uppercase strings (numbers too); a missing value is "" in
 * our store, but the real service also sends null, so the adapter accepts both.
 */
export type SiakRow = { [K in SiakRowField]: string | null };

/** A message row: how SIAK says "not found" or "login failed", inside `content`, with HTTP 200. */
export interface SiakResponRow {
  RESPON: string;
  /** Present in batch answers: which requested NIK the message is about. */
  NIK?: string;
}

export const SIAK_RESPON = {
  notFound: 'Data Tidak Ditemukan',
  loginFailed: 'User ID / Password salah',
  batchTooLarge: `Jumlah NIK melebihi batas maksimal ${SIAK_BATCH_LIMIT}`,
  badRequest: 'Format request tidak sesuai',
} as const;

/** The verify-by-element answer per element. */
export const SIAK_VERDICT = { match: 'Sesuai', noMatch: 'Tidak Sesuai' } as const;

/** Request fields of the verify-by-element call, beside NIK and the credentials. */
export const SIAK_VERIFY_ELEMENTS = ['NAMA_LGKP', 'TGL_LHR', 'TMPT_LHR', 'JENIS_KLMIN', 'NAMA_LGKP_IBU'] as const;
export type SiakVerifyElement = (typeof SIAK_VERIFY_ELEMENTS)[number];

/** The paging envelope SIAK wraps every answer in (a Spring Data `Page`, never more than one page). */
export interface SiakEnvelope<T> {
  content: T[];
  lastPage: boolean;
  numberOfElements: number;
  sort: null;
  totalElements: number;
  firstPage: boolean;
  number: number;
  size: number;
}

export function siakEnvelope<T>(content: T[]): SiakEnvelope<T> {
  return {
    content,
    lastPage: true,
    numberOfElements: content.length,
    sort: null,
    totalElements: content.length,
    firstPage: true,
    number: 0,
    size: content.length,
  };
}

/** SIAK's sex labels (JENIS_KLMIN); codes 1/2 are SIAK-internal and never compared. */
export const SIAK_SEX_LABELS = { MALE: 'LAKI-LAKI', FEMALE: 'PEREMPUAN' } as const;

/** dd-mm-yyyy, SIAK's date notation (TGL_LHR). */
export function toSiakDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}-${month}-${year}`;
}
