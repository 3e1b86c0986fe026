/**
 * A hand-written SAMSAT export, following subgraphs/samsat/README.md: `;`-separated, a header
 * line, detail lines in mixed legacy notations, a trailer with the line count, CRLF.
 */
export const OWNER_TWO_VEHICLES = '1471081203850001'; // two vehicles, messy notations
export const OWNER_ONE_CAR = '1471024507900002'; // one car, tax overdue
export const NIK_WITHOUT_VEHICLE = '1471010101800003';

export const HEADER =
  'NO_POLISI;NIK_PEMILIK;NAMA_PEMILIK;ALAMAT_PEMILIK;JENIS_KB;MEREK;TIPE;THN_BUAT;WARNA;TGL_AKHIR_STNK;TGL_JT_PKB;PKB_POKOK;TUNGGAKAN_PKB';

export const DETAIL_LINES = [
  'BM 1234 AJ;1471081203850001;AHMAD FAUZI;JL. SUDIRMAN NO. 12 RT 003 RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU;SPD. MOTOR;HONDA;VARIO 125;2019;HITAM;14/03/2029;14/03/2099;287.500;-',
  'bm-77-tq;1471081203850001;AHMAD FAUZI;JL. SUDIRMAN NO. 12 RT 003 RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU;MINIBUS;TOYOTA;AVANZA 1.3 G;2016;SILVER METALIK;20260901;20990901;3150000;0',
  'BM8801NA;1471024507900002;SITI AMINAH;JL. TUANKU TAMBUSAI NO. 5 RT 001 RW 002, KEL. SUKA MULIA, KEC. SAIL, PEKANBARU;JEEP;DAIHATSU;TERIOS 1.5 X;2015;PUTIH;02-05-2025;02-05-2020;3.400.000;19.040.000',
];

export function exportText(lines: readonly string[] = DETAIL_LINES, options: { trailerCount?: number; eol?: string } = {}): string {
  const eol = options.eol ?? '\r\n';
  const count = options.trailerCount ?? lines.length;
  return [HEADER, ...lines, `TRAILER;${count};10/06/2025`].join(eol) + eol;
}
