/**
 * The land office's own database, as its dump (`bpn.sql`) writes it: KKP's internal tables and
 * the reporting view Satu is allowed to read. Kept as TS string constants (not .sql files) so
 * they reach dist/. Portable SQL: the same text loads into SQLite and PostgreSQL.
 */

/** The name of the dump file in `<dataDir>/bpn/`. */
export const BPN_DUMP_FILE = 'bpn.sql';

/** KKP's internal tables (Satu never reads them; only the view). */
export const KKP_TABLES_DDL = `CREATE TABLE ref_jenis_hak (
  kd_jenis_hak VARCHAR(1) PRIMARY KEY,
  singkatan VARCHAR(6) NOT NULL,
  nama_hak VARCHAR(60) NOT NULL
);

CREATE TABLE ref_desa (
  kd_desa VARCHAR(8) PRIMARY KEY,
  nama_desa VARCHAR(60) NOT NULL,
  nama_kecamatan VARCHAR(60) NOT NULL,
  nama_kabupaten VARCHAR(60) NOT NULL
);

CREATE TABLE pemegang_hak (
  id_pemegang INTEGER PRIMARY KEY,
  nik VARCHAR(16),
  nama_pemegang VARCHAR(100) NOT NULL
);

CREATE TABLE bidang_tanah (
  nib VARCHAR(20) PRIMARY KEY,
  kd_desa VARCHAR(8) NOT NULL REFERENCES ref_desa (kd_desa),
  luas NUMERIC(12,2)
);

CREATE TABLE sertipikat (
  no_sertipikat VARCHAR(20) PRIMARY KEY,
  nib VARCHAR(20) NOT NULL REFERENCES bidang_tanah (nib),
  kd_jenis_hak VARCHAR(1) NOT NULL,
  tgl_daftar VARCHAR(10),
  tgl_berakhir_hak VARCHAR(10)
);

CREATE TABLE pemegang_sertipikat (
  no_sertipikat VARCHAR(20) NOT NULL REFERENCES sertipikat (no_sertipikat),
  id_pemegang INTEGER NOT NULL REFERENCES pemegang_hak (id_pemegang),
  bagian VARCHAR(10),
  PRIMARY KEY (no_sertipikat, id_pemegang)
);

CREATE INDEX ix_pemegang_hak_nik ON pemegang_hak (nik);
CREATE INDEX ix_pemegang_sertipikat_pemegang ON pemegang_sertipikat (id_pemegang);`;

/** The reporting view: one row per (holder, certificate), owner + certificate + parcel + region. */
export const KKP_VIEW_DDL = `CREATE VIEW v_bidang_tanah_pemilik AS
SELECT ph.nik AS nik_pemilik,
       ph.nama_pemegang AS nama_pemilik,
       s.no_sertipikat,
       s.nib,
       j.singkatan AS jenis_hak,
       b.luas AS luas_m2,
       d.nama_desa AS desa,
       d.nama_kecamatan AS kecamatan,
       d.nama_kabupaten AS kabupaten,
       s.tgl_daftar,
       s.tgl_berakhir_hak,
       ps.bagian
  FROM pemegang_sertipikat ps
  JOIN pemegang_hak ph ON ph.id_pemegang = ps.id_pemegang
  JOIN sertipikat s ON s.no_sertipikat = ps.no_sertipikat
  JOIN bidang_tanah b ON b.nib = s.nib
  LEFT JOIN ref_jenis_hak j ON j.kd_jenis_hak = s.kd_jenis_hak
  LEFT JOIN ref_desa d ON d.kd_desa = b.kd_desa;`;

/**
 * KKP's right type codes: the 9th digit of a certificate number and the key of ref_jenis_hak
 * (PMNA/KBPN 3/1997). HPL and wakaf are never held by residents but are in the code list.
 */
export const KKP_RIGHT_CODES: ReadonlyArray<readonly [code: string, abbreviation: string, name: string]> = [
  ['1', 'HM', 'HAK MILIK'],
  ['2', 'HGU', 'HAK GUNA USAHA'],
  ['3', 'HGB', 'HAK GUNA BANGUNAN'],
  ['4', 'HP', 'HAK PAKAI'],
  ['5', 'HPL', 'HAK PENGELOLAAN'],
  ['7', 'HMSRS', 'HAK MILIK ATAS SATUAN RUMAH SUSUN'],
  ['8', 'WAKAF', 'TANAH WAKAF'],
];

/** A SQL string literal (standard SQL: a quote is doubled), or NULL. */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** `INSERT INTO table (a, b) VALUES (...);` as a dump writes one row. */
export function insertStatement(table: string, row: Readonly<Record<string, string | number | null>>): string {
  const columns = Object.keys(row);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => sqlLiteral(row[column] ?? null)).join(', ')});`;
}
