import type { BusinessRiskLevelName } from '../business.records';

/**
 * The business activities the seed registers: KBLI 2020 codes (Klasifikasi Baku Lapangan
 * Usaha Indonesia, BPS) with their titles, and a risk level for UMK (micro, small) and for
 * larger businesses in the spirit of PP 5/2021's annexes. Demo data: codes and titles as we
 * understand KBLI 2020, risk levels simplified (the real annexes also weigh land area and
 * location); not an authoritative list.
 */
export interface KbliEntry {
  code: string;
  title: string;
  riskUmk: BusinessRiskLevelName;
  riskNonUmk: BusinessRiskLevelName;
  /** Relative weight among micro businesses (0: never micro). */
  micro: number;
  /** Relative weight among small and medium businesses (0: never). */
  sme: number;
  /** First words of a micro outlet's name: "WARUNG MAKAN", "LAUNDRY". */
  outlet: readonly string[];
  /** A word for a company's name: "CV MAJU JAYA KONSTRUKSI". */
  sector: string;
  /** Outlets named after a nickname ("WARUNG MAKAN UNI ROS") rather than a good-luck word. */
  nickname?: boolean;
  /** Share of such businesses located outside Kota Pekanbaru (plantations). */
  outside?: number;
  /** The Izin a HIGH-risk activity needs. */
  izin?: string;
  /** A supporting licence (PB-UMKU) such businesses often hold. */
  pbUmku?: { name: string; kind: 'SPP-IRT' | 'SLHS'; validYears: number; umkOnly: boolean };
}

const SPP_IRT = { name: 'Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)', kind: 'SPP-IRT', validYears: 5, umkOnly: true } as const;
const SLHS = { name: 'Sertifikat Laik Higiene Sanitasi', kind: 'SLHS', validYears: 3, umkOnly: false } as const;

export const KBLI_CATALOG: readonly KbliEntry[] = [
  {
    code: '47112',
    title: 'Perdagangan Eceran Berbagai Macam Barang yang Utamanya Makanan, Minuman atau Tembakau Bukan di Minimarket/Supermarket/Hypermarket (Tradisional)',
    riskUmk: 'LOW', riskNonUmk: 'MEDIUM_LOW', micro: 22, sme: 2, outlet: ['TOKO', 'KEDAI', 'TOKO KELONTONG', 'WARUNG'], sector: 'NIAGA',
  },
  {
    code: '47111',
    title: 'Perdagangan Eceran Berbagai Macam Barang yang Utamanya Makanan, Minuman atau Tembakau di Minimarket/Supermarket/Hypermarket',
    riskUmk: 'MEDIUM_LOW', riskNonUmk: 'MEDIUM_LOW', micro: 0, sme: 7, outlet: ['MINIMARKET', 'SWALAYAN'], sector: 'RITEL',
  },
  { code: '56102', title: 'Rumah/Warung Makan', riskUmk: 'LOW', riskNonUmk: 'MEDIUM_LOW', micro: 18, sme: 2, outlet: ['WARUNG MAKAN', 'RUMAH MAKAN', 'WARUNG NASI', 'KEDAI NASI'], sector: 'BOGA', nickname: true },
  { code: '56103', title: 'Kedai Makanan', riskUmk: 'LOW', riskNonUmk: 'MEDIUM_LOW', micro: 6, sme: 0, outlet: ['KEDAI', 'KEDAI KOPI', 'MIE AYAM', 'BAKSO'], sector: 'BOGA', nickname: true },
  { code: '56104', title: 'Penyediaan Makanan Keliling/Tempat Tidak Tetap', riskUmk: 'LOW', riskNonUmk: 'LOW', micro: 5, sme: 0, outlet: ['SATE', 'BAKSO', 'MARTABAK', 'GORENGAN'], sector: 'BOGA', nickname: true },
  { code: '56101', title: 'Restoran', riskUmk: 'MEDIUM_LOW', riskNonUmk: 'MEDIUM_HIGH', micro: 0, sme: 7, outlet: ['RESTORAN', 'RUMAH MAKAN'], sector: 'BOGA' },
  {
    code: '56210', title: 'Jasa Boga Untuk Suatu Event Tertentu (Event Catering)', riskUmk: 'MEDIUM_LOW', riskNonUmk: 'MEDIUM_HIGH', micro: 6, sme: 4,
    outlet: ['CATERING', 'KATERING', 'DAPUR'], sector: 'BOGA', nickname: true, pbUmku: SLHS,
  },
  { code: '96112', title: 'Aktivitas Penatu', riskUmk: 'LOW', riskNonUmk: 'LOW', micro: 8, sme: 1, outlet: ['LAUNDRY', 'LAUNDRY KILOAN', 'BINATU'], sector: 'JASA' },
  { code: '45407', title: 'Reparasi dan Perawatan Sepeda Motor', riskUmk: 'LOW', riskNonUmk: 'MEDIUM_LOW', micro: 7, sme: 1, outlet: ['BENGKEL MOTOR', 'BENGKEL', 'SERVIS MOTOR'], sector: 'MOTOR' },
  { code: '45201', title: 'Reparasi Mobil', riskUmk: 'MEDIUM_LOW', riskNonUmk: 'MEDIUM_LOW', micro: 1, sme: 5, outlet: ['BENGKEL MOBIL', 'AUTO SERVIS'], sector: 'OTOMOTIF' },
  // "Doorsmeer" is what Sumatra calls a car wash.
  { code: '45202', title: 'Pencucian dan Penyemiran Mobil', riskUmk: 'LOW', riskNonUmk: 'LOW', micro: 2, sme: 0, outlet: ['DOORSMEER', 'CUCI MOBIL'], sector: 'OTOMOTIF' },
  { code: '10710', title: 'Industri Produk Roti dan Kue', riskUmk: 'LOW', riskNonUmk: 'MEDIUM_HIGH', micro: 6, sme: 2, outlet: ['KUE', 'TOKO KUE', 'BAKERY', 'ROTI'], sector: 'PANGAN', nickname: true, pbUmku: SPP_IRT },
  { code: '10794', title: 'Industri Kerupuk, Keripik, Peyek dan Sejenisnya', riskUmk: 'LOW', riskNonUmk: 'MEDIUM_LOW', micro: 3, sme: 1, outlet: ['KERIPIK', 'KERUPUK', 'KERIPIK NENAS'], sector: 'PANGAN', pbUmku: SPP_IRT },
  { code: '14120', title: 'Penjahitan dan Pembuatan Pakaian Sesuai Pesanan', riskUmk: 'LOW', riskNonUmk: 'LOW', micro: 4, sme: 0, outlet: ['PENJAHIT', 'TAILOR', 'KONVEKSI'], sector: 'BUSANA', nickname: true },
  { code: '47711', title: 'Perdagangan Eceran Pakaian', riskUmk: 'LOW', riskNonUmk: 'LOW', micro: 5, sme: 2, outlet: ['TOKO PAKAIAN', 'BUTIK', 'TOKO BAJU'], sector: 'BUSANA' },
  { code: '47919', title: 'Perdagangan Eceran Melalui Media Untuk Berbagai Macam Barang Lainnya', riskUmk: 'LOW', riskNonUmk: 'LOW', micro: 6, sme: 1, outlet: ['OLSHOP', 'ONLINE SHOP'], sector: 'DIGITAL' },
  { code: '47413', title: 'Perdagangan Eceran Alat Telekomunikasi', riskUmk: 'LOW', riskNonUmk: 'LOW', micro: 4, sme: 1, outlet: ['PONSEL', 'KONTER PULSA', 'CELLULAR'], sector: 'SELULER' },
  {
    code: '01262', title: 'Perkebunan Buah Kelapa Sawit', riskUmk: 'MEDIUM_LOW', riskNonUmk: 'HIGH', micro: 4, sme: 3, outlet: ['KEBUN SAWIT', 'KEBUN'], sector: 'AGRO',
    outside: 0.8, izin: 'Izin Usaha Perkebunan (IUP)',
  },
  { code: '31001', title: 'Industri Furnitur dari Kayu', riskUmk: 'LOW', riskNonUmk: 'MEDIUM_LOW', micro: 1, sme: 1, outlet: ['MEUBEL', 'FURNITURE'], sector: 'MEBEL' },
  { code: '41011', title: 'Konstruksi Gedung Hunian', riskUmk: 'MEDIUM_HIGH', riskNonUmk: 'MEDIUM_HIGH', micro: 0, sme: 8, outlet: ['KONTRAKTOR'], sector: 'KONSTRUKSI' },
  { code: '46900', title: 'Perdagangan Besar Berbagai Macam Barang', riskUmk: 'LOW', riskNonUmk: 'MEDIUM_LOW', micro: 0, sme: 5, outlet: ['GROSIR', 'DISTRIBUTOR'], sector: 'NIAGA' },
  {
    code: '47721', title: 'Perdagangan Eceran Barang dan Obat Farmasi di Apotek', riskUmk: 'HIGH', riskNonUmk: 'HIGH', micro: 0, sme: 4, outlet: ['APOTEK'], sector: 'FARMA',
    izin: 'Surat Izin Apotek',
  },
  {
    code: '47300', title: 'Perdagangan Eceran Bahan Bakar Kendaraan Bermotor', riskUmk: 'HIGH', riskNonUmk: 'HIGH', micro: 0, sme: 1, outlet: ['SPBU'], sector: 'ENERGI',
    izin: 'Izin Usaha Niaga Bahan Bakar Minyak',
  },
  { code: '62019', title: 'Aktivitas Pemrograman Komputer Lainnya', riskUmk: 'LOW', riskNonUmk: 'LOW', micro: 1, sme: 2, outlet: ['STUDIO', 'DIGITAL'], sector: 'TEKNOLOGI' },
];

/** Good-luck words of Indonesian trading names. */
export const NAME_WORDS: readonly string[] = [
  'BERKAH', 'AMANAH', 'BAROKAH', 'SINAR JAYA', 'MAJU JAYA', 'SEJAHTERA', 'RIZKI', 'MANDIRI', 'SEHATI', 'HARAPAN BARU',
  'SUMBER REZEKI', 'CAHAYA', 'MUTIARA', 'SEPAKAT', 'SAIYO', 'DAMAI', 'ANUGERAH', 'ABADI', 'BERSAMA', 'BUNDA', 'KELUARGA',
  'SEJATI', 'LANCAR', 'INDAH', 'MEKAR', 'TUAH', 'LANCANG KUNING', 'SRIKANDI', 'PUTRA', 'PUTRI',
];

/** Call names on signboards ("UNI" and "UDA" are Minang, "MAK" and "ETEK" Malay and Minang). Not the owners' names. */
export const NICKNAMES: readonly string[] = [
  'UNI ROS', 'UNI EMI', 'UNI IS', 'UDA MAN', 'UDA JON', 'MAK ITAM', 'MAK LONG', 'ETEK YET', 'PAK DE', 'BU SRI', 'MBAK YUNI',
  'KAK LINDA', 'BANG UCOK', 'BANG IPUL', 'OPUNG', 'ACIK', 'AMAK', 'MAMAK',
];

/** Last word of a company's name. */
export const COMPANY_TAILS: readonly string[] = ['INDONESIA', 'RIAU', 'NUSANTARA', 'PERKASA', 'UTAMA', 'MANDIRI', 'LESTARI'];
