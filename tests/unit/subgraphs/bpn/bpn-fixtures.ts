/**
 * A land office database written by hand from subgraphs/bpn/README.md (not through our seed
 * writer): the same text loads into SQLite and PostgreSQL, which is what the adapter tests
 * run over both dialects.
 */

/** Holds two parcels: an HM with the share left blank, and a migrated HGB (dotted numbers, dd/mm/yyyy). */
export const SOLE_HOLDER = '1471081203850001';
/** Husband and wife holding one HM in Kampar, 1/2 each. */
export const HUSBAND = '1471020101800003';
export const WIFE = '1471024502820004';
/** One parcel whose row is full of values KKP should not have. */
export const BAD_VALUES = '1471084512900002';
/** Holds a parcel but is never asked for. */
export const BYSTANDER = '1471050505750005';
/** A valid NIK the land office does not know. */
export const UNKNOWN = '1471080101990009';

export const FIXTURE_TABLES = `CREATE TABLE ref_jenis_hak (kd_jenis_hak VARCHAR(1) PRIMARY KEY, singkatan VARCHAR(6) NOT NULL, nama_hak VARCHAR(60) NOT NULL);
CREATE TABLE ref_desa (kd_desa VARCHAR(8) PRIMARY KEY, nama_desa VARCHAR(60) NOT NULL, nama_kecamatan VARCHAR(60) NOT NULL, nama_kabupaten VARCHAR(60) NOT NULL);
CREATE TABLE pemegang_hak (id_pemegang INTEGER PRIMARY KEY, nik VARCHAR(16), nama_pemegang VARCHAR(100) NOT NULL);
CREATE TABLE bidang_tanah (nib VARCHAR(20) PRIMARY KEY, kd_desa VARCHAR(8) NOT NULL, luas NUMERIC(12,2));
CREATE TABLE sertipikat (no_sertipikat VARCHAR(20) PRIMARY KEY, nib VARCHAR(20) NOT NULL, kd_jenis_hak VARCHAR(1) NOT NULL, tgl_daftar VARCHAR(10), tgl_berakhir_hak VARCHAR(10));
CREATE TABLE pemegang_sertipikat (no_sertipikat VARCHAR(20) NOT NULL, id_pemegang INTEGER NOT NULL, bagian VARCHAR(10), PRIMARY KEY (no_sertipikat, id_pemegang));

INSERT INTO ref_jenis_hak VALUES ('1', 'HM', 'HAK MILIK'), ('2', 'HGU', 'HAK GUNA USAHA'), ('3', 'HGB', 'HAK GUNA BANGUNAN'), ('4', 'HP', 'HAK PAKAI'), ('7', 'HMSRS', 'HAK MILIK ATAS SATUAN RUMAH SUSUN');
INSERT INTO ref_desa VALUES ('04051101', 'SIMPANG BARU', 'TAMPAN', 'KOTA PEKANBARU');
INSERT INTO ref_desa VALUES ('04050302', 'TANGKERANG TENGAH', 'MARPOYAN DAMAI', 'KOTA PEKANBARU');
INSERT INTO ref_desa VALUES ('04010201', 'RIMBO PANJANG', 'TAMBANG', 'KABUPATEN KAMPAR');

INSERT INTO pemegang_hak VALUES (1, '${SOLE_HOLDER}', 'AHMAD FAUZI');
INSERT INTO pemegang_hak VALUES (2, '${HUSBAND}', 'H. SYAMSUL BAHRI');
INSERT INTO pemegang_hak VALUES (3, '${WIFE}', 'NURHAYATI');
INSERT INTO pemegang_hak VALUES (4, '${BAD_VALUES}', 'siti  aminah');
INSERT INTO pemegang_hak VALUES (5, '${BYSTANDER}', 'RUSLI');

INSERT INTO bidang_tanah VALUES ('0405110100456', '04051101', 250);
INSERT INTO bidang_tanah VALUES ('04.05.03.02.01234', '04050302', 120.4);
INSERT INTO bidang_tanah VALUES ('0401020100077', '04010201', 20000);
INSERT INTO bidang_tanah VALUES ('0405110100999', '04051101', 0);
INSERT INTO bidang_tanah VALUES ('0405110100500', '04051101', 300);

INSERT INTO sertipikat VALUES ('04051101100123', '0405110100456', '1', '14-03-2012', NULL);
INSERT INTO sertipikat VALUES ('04.05.03.02.3.00077', '04.05.03.02.01234', '3', '05/06/2015', '05/06/2045');
INSERT INTO sertipikat VALUES ('04010201100042', '0401020100077', '1', '2009-11-30', NULL);
INSERT INTO sertipikat VALUES ('0405110190001', '0405110100999', '9', '31-02-2019', NULL);
INSERT INTO sertipikat VALUES ('04051101100200', '0405110100500', '1', '01-01-2001', NULL);

INSERT INTO pemegang_sertipikat VALUES ('04051101100123', 1, NULL);
INSERT INTO pemegang_sertipikat VALUES ('04.05.03.02.3.00077', 1, '1/1');
INSERT INTO pemegang_sertipikat VALUES ('04010201100042', 2, '1/2');
INSERT INTO pemegang_sertipikat VALUES ('04010201100042', 3, '1/2');
INSERT INTO pemegang_sertipikat VALUES ('0405110190001', 4, 'SETENGAH');
INSERT INTO pemegang_sertipikat VALUES ('04051101100200', 5, NULL);
`;

export const FIXTURE_VIEW = `CREATE VIEW v_bidang_tanah_pemilik AS
SELECT ph.nik AS nik_pemilik, ph.nama_pemegang AS nama_pemilik, s.no_sertipikat, s.nib, j.singkatan AS jenis_hak,
       b.luas AS luas_m2, d.nama_desa AS desa, d.nama_kecamatan AS kecamatan, d.nama_kabupaten AS kabupaten,
       s.tgl_daftar, s.tgl_berakhir_hak, ps.bagian
  FROM pemegang_sertipikat ps
  JOIN pemegang_hak ph ON ph.id_pemegang = ps.id_pemegang
  JOIN sertipikat s ON s.no_sertipikat = ps.no_sertipikat
  JOIN bidang_tanah b ON b.nib = s.nib
  LEFT JOIN ref_jenis_hak j ON j.kd_jenis_hak = s.kd_jenis_hak
  LEFT JOIN ref_desa d ON d.kd_desa = b.kd_desa;
`;

/** The whole hand-written dump, as `<dataDir>/bpn/bpn.sql`. */
export const FIXTURE_DUMP = `-- written by hand from subgraphs/bpn/README.md\n${FIXTURE_TABLES}\n${FIXTURE_VIEW}`;

/** What the adapter must make of the fixture, per NIK (clean records; the loopback test reuses it). */
export const SOLE_HOLDER_PARCELS = [
  {
    holderNik: SOLE_HOLDER,
    certificateNumber: '04050302300077',
    parcelId: '0405030201234',
    rightType: 'HGB',
    areaSquareMeters: 120,
    village: 'TANGKERANG TENGAH',
    district: 'MARPOYAN DAMAI',
    regency: 'KOTA PEKANBARU',
    registeredOn: '2015-06-05',
    rightExpiresOn: '2045-06-05',
    ownershipShare: '1/1',
    ownerName: 'AHMAD FAUZI',
    coOwnerNiks: [],
  },
  {
    holderNik: SOLE_HOLDER,
    certificateNumber: '04051101100123',
    parcelId: '0405110100456',
    rightType: 'HM',
    areaSquareMeters: 250,
    village: 'SIMPANG BARU',
    district: 'TAMPAN',
    regency: 'KOTA PEKANBARU',
    registeredOn: '2012-03-14',
    rightExpiresOn: null,
    ownershipShare: '1/1',
    ownerName: 'AHMAD FAUZI',
    coOwnerNiks: [],
  },
];

export const HUSBAND_PARCELS = [
  {
    holderNik: HUSBAND,
    certificateNumber: '04010201100042',
    parcelId: '0401020100077',
    rightType: 'HM',
    areaSquareMeters: 20000,
    village: 'RIMBO PANJANG',
    district: 'TAMBANG',
    regency: 'KABUPATEN KAMPAR',
    registeredOn: '2009-11-30',
    rightExpiresOn: null,
    ownershipShare: '1/2',
    ownerName: 'H. SYAMSUL BAHRI',
    coOwnerNiks: [WIFE],
  },
];

export const BAD_VALUES_PARCELS = [
  {
    holderNik: BAD_VALUES,
    certificateNumber: null,
    parcelId: '0405110100999',
    rightType: null,
    areaSquareMeters: null,
    village: 'SIMPANG BARU',
    district: 'TAMPAN',
    regency: 'KOTA PEKANBARU',
    registeredOn: null,
    rightExpiresOn: null,
    ownershipShare: null,
    ownerName: 'siti  aminah',
    coOwnerNiks: [],
  },
];
