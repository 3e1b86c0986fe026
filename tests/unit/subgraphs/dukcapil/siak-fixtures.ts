import type { SiakRow } from '../../../../subgraphs/dukcapil/siak.wire';

/** A hand-written family in SIAK's notation, shared by the dukcapil tests. */
export const KK = '1471081501100001';
export const BUDI = '1471080407830001'; // male, 04-07-1983
export const ANI = '1471085203850002'; // female (+40), 12-03-1985
export const CITRA = '1471086001100003'; // female, 20-01-2010
export const UNKNOWN = '1471011505900003';

export const BASE_URL = 'http://siak.test';

const common = {
  NO_KK: KK,
  ALAMAT: 'JL. HR SOEBRANTAS NO. 12',
  NO_RT: '3',
  NO_RW: '7',
  NO_PROP: '14',
  PROP_NAME: 'RIAU',
  NO_KAB: '71',
  KAB_NAME: 'PEKANBARU',
  NO_KEC: '8',
  KEC_NAME: 'BINAWIDYA',
  NO_KEL: '1002',
  KEL_NAME: 'SIMPANG BARU',
  KODE_POS: '28293',
};

export function budiRow(overrides: Partial<Record<keyof SiakRow, unknown>> = {}): Record<string, unknown> {
  return {
    NIK: BUDI,
    NAMA_LGKP: 'BUDI SANTOSO',
    TMPT_LHR: 'PEKANBARU',
    TGL_LHR: '04-07-1983',
    JENIS_KLMIN: 'LAKI-LAKI',
    GOL_DARAH: 'O',
    AGAMA: 'ISLAM',
    STATUS_KAWIN: 'KAWIN',
    STAT_HBKEL: 'KEPALA KELUARGA',
    PDDK_AKH: 'DIPLOMA IV/STRATA I',
    JENIS_PKRJN: 'WIRASWASTA',
    NAMA_LGKP_IBU: 'SITI AMINAH',
    NIK_IBU: '',
    NAMA_LGKP_AYAH: 'AHMAD SANTOSO',
    NIK_AYAH: '',
    EKTP_STATUS: 'SUDAH REKAM',
    ...common,
    ...overrides,
  };
}

export function aniRow(overrides: Partial<Record<keyof SiakRow, unknown>> = {}): Record<string, unknown> {
  return {
    NIK: ANI,
    NAMA_LGKP: 'ANI MARLINA',
    TMPT_LHR: 'KAMPAR',
    TGL_LHR: '12-03-1985',
    JENIS_KLMIN: 'PEREMPUAN',
    GOL_DARAH: 'A+',
    AGAMA: 'ISLAM',
    STATUS_KAWIN: 'KAWIN',
    STAT_HBKEL: 'ISTRI',
    PDDK_AKH: 'SLTA/SEDERAJAT',
    JENIS_PKRJN: 'MENGURUS RUMAH TANGGA',
    NAMA_LGKP_IBU: 'RAHMAH',
    NIK_IBU: '',
    NAMA_LGKP_AYAH: 'ZAINUDDIN',
    NIK_AYAH: '',
    EKTP_STATUS: 'SUDAH REKAM',
    ...common,
    ...overrides,
  };
}

export function citraRow(overrides: Partial<Record<keyof SiakRow, unknown>> = {}): Record<string, unknown> {
  return {
    NIK: CITRA,
    NAMA_LGKP: 'CITRA AYU LESTARI',
    TMPT_LHR: 'PEKANBARU',
    TGL_LHR: '20-01-2010',
    JENIS_KLMIN: 'PEREMPUAN',
    GOL_DARAH: 'TIDAK TAHU',
    AGAMA: 'ISLAM',
    STATUS_KAWIN: 'BELUM KAWIN',
    STAT_HBKEL: 'ANAK',
    PDDK_AKH: 'BELUM TAMAT SD/SEDERAJAT',
    JENIS_PKRJN: 'PELAJAR/MAHASISWA',
    NAMA_LGKP_IBU: 'ANI MARLINA',
    NIK_IBU: ANI,
    NAMA_LGKP_AYAH: 'BUDI SANTOSO',
    NIK_AYAH: BUDI,
    EKTP_STATUS: '',
    ...common,
    ...overrides,
  };
}

/** SIAK's paging envelope around some content. */
export function envelope(content: unknown[]): Record<string, unknown> {
  return { content, lastPage: true, numberOfElements: content.length, sort: null, totalElements: content.length, firstPage: true, number: 0, size: content.length };
}
