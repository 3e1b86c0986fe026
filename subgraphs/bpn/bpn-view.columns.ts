import { BPN_VIEW } from './bpn.system';

/**
 * The columns of KKP's reporting view `v_bidang_tanah_pemilik`, one row per (holder,
 * certificate), as the land office defined it (README.md, "The view"). The adapter selects
 * them by name, so a view that lost or renamed a column fails the query (AGENCY_BAD_RESPONSE).
 */
export const VIEW_COLUMNS = [
  'nik_pemilik',
  'nama_pemilik',
  'no_sertipikat',
  'nib',
  'jenis_hak',
  'luas_m2',
  'desa',
  'kecamatan',
  'kabupaten',
  'tgl_daftar',
  'tgl_berakhir_hak',
  'bagian',
] as const;
export type ViewColumn = (typeof VIEW_COLUMNS)[number];

/**
 * What the drivers hand back. Declared types are the view's; values are still checked one by
 * one in the mapper, because SQLite keeps whatever was inserted (a text in a NUMERIC column)
 * and PostgreSQL returns NUMERIC as a string.
 */
export interface BidangTanahPemilikRow {
  nik_pemilik: string | null;
  nama_pemilik: string | null;
  no_sertipikat: string | null;
  nib: string | null;
  jenis_hak: string | null;
  /** NUMERIC(12,2): a number from SQLite, a decimal string ("250.00") from PostgreSQL. */
  luas_m2: number | string | null;
  desa: string | null;
  kecamatan: string | null;
  kabupaten: string | null;
  /** VARCHAR(10), KKP writes dd-mm-yyyy. */
  tgl_daftar: string | null;
  tgl_berakhir_hak: string | null;
  /** VARCHAR(10), "p/q"; blank for a sole holder. */
  bagian: string | null;
}

/** The kysely schema: the view is all Satu can see (its database user has SELECT on it only). */
export interface BpnKkpDatabase {
  [BPN_VIEW]: BidangTanahPemilikRow;
}

/** A row as the mapper sees it: every value unknown until read. */
export type ViewRow = Readonly<Record<ViewColumn, unknown>>;
