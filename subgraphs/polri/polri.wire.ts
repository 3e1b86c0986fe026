/**
 * POLRI-SIM's wire shapes, limits and code lists, in its own field names and notation.
 * Shared by the simulator, the store, the seed (which writes them) and the mapper (which
 * reads them). Nothing here is ours: the clean records are in polri.records.ts.
 */

/** Every list answer: one page of a result, with the totals of the whole result. */
export interface PolriPage<Row> {
  data: Row[];
  /** 1-based page number of this answer (should echo the request). */
  page: number;
  /** Page size the server applied. */
  size: number;
  totalPages: number;
  totalItems: number;
}

/** Error answers (HTTP 400, 401, 404, 429): `{ "status": 401, "message": "..." }`. */
export interface PolriErrorBody {
  status: number;
  message: string;
}

/**
 * One driving licence (SIM) row as POLRI-SIM stores and returns it. Dates are `dd-MM-yyyy`;
 * `gol_sim` is the class as the counter typed it ("B I", "BII", "B1", "A UMUM", ...);
 * `jenis_kelamin` is `PRIA` / `WANITA`, as printed on the card.
 */
export interface SimRow {
  /** 12 digits (older cards) or 14 digits (newer); sometimes written grouped with dashes. */
  no_sim: string;
  nik: string;
  nama: string;
  tempat_lahir: string;
  tgl_lahir: string;
  jenis_kelamin: string;
  gol_sim: string;
  tgl_terbit: string;
  tgl_berlaku: string;
  /** The issuing office: `SATPAS POLRESTA PEKANBARU`, `SIM KELILING POLRESTA PEKANBARU`, ... */
  satpas: string;
}

/** One police-clearance certificate (SKCK) row. A NIK may hold several over the years. */
export interface SkckRow {
  /** e.g. `SKCK/YANMAS/01234/V/2025/INTELKAM`. */
  no_skck: string;
  nik: string;
  nama: string;
  tgl_terbit: string;
  /** SKCK is valid six months from issue. */
  tgl_berlaku: string;
  /** Purpose stated on the certificate, free text: `MELAMAR PEKERJAAN`, `PENDAFTARAN CPNS`, ... */
  keperluan: string;
  /** Issuing unit: `POLRESTA PEKANBARU`, `POLSEK BUKIT RAYA`, `POLDA RIAU`. */
  kesatuan: string;
}

/** The API key header every call carries. */
export const API_KEY_HEADER = 'X-Api-Key';

/** Most NIKs one `POST /sim/search` accepts (more is HTTP 400). */
export const MAX_SEARCH_NIKS = 50;
/** Largest page size the service accepts (more is HTTP 400); the default when `size` is absent is 20. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `jenis_kelamin` as POLRI-SIM writes it (older rows: LAKI-LAKI / PEREMPUAN, read as the same). */
export const JENIS_KELAMIN = { MALE: 'PRIA', FEMALE: 'WANITA' } as const;
