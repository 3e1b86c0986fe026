/**
 * VClaim's wire shapes and code lists, in its own field names. Shared by the simulator,
 * the seed (which writes them) and the mapper (which reads them). Nothing here is ours.
 */

/** Every VClaim answer: `{ metaData: { code, message }, response }`, with the code as a string. */
export interface VClaimEnvelope {
  metaData: { code: string; message: string };
  /** Encrypted + compressed JSON on success; null on errors and "not found". */
  response: string | null;
}

/** metaData codes. VClaim answers HTTP 200 for all of them: the code, not the status, says what happened. */
export const VCLAIM_CODES = {
  OK: '200',
  /** "No data": VClaim reuses it for every empty answer, e.g. "Peserta tidak ditemukan". */
  NOT_FOUND: '201',
  /** Malformed parameter (assumed code; the simulator uses it for a bad NIK or tglSEP). */
  BAD_PARAMETER: '400',
  /** Unknown cons-id, bad signature, bad user_key or X-timestamp outside the allowed skew. */
  UNAUTHORIZED: '401',
} as const;

export interface VClaimCodeLabel {
  kode: string;
  keterangan: string;
}

export interface VClaimProvider {
  kdProvider: string;
  nmProvider: string;
}

/**
 * One member (`peserta`) as VClaim returns it inside the decrypted response, and as the
 * BPJS store (`peserta.json`) holds it. Dates are yyyy-mm-dd; sex is "L" / "P".
 */
export interface VClaimPeserta {
  /** Card number: 13 digits as a string, usually starting "000". */
  noKartu: string;
  nik: string;
  nama: string;
  tglLahir: string;
  sex: string;
  hakKelas: VClaimCodeLabel;
  jenisPeserta: VClaimCodeLabel;
  statusPeserta: VClaimCodeLabel;
  provUmum: VClaimProvider;
  /** Unpaid contributions in rupiah (0 when none). */
  tunggakan: number;
}

/** The decrypted `response` of the member-by-NIK call. */
export interface VClaimPesertaResponse {
  peserta: VClaimPeserta;
}

/** `hakKelas`: the ward class the member is entitled to. */
export const HAK_KELAS: Record<string, string> = {
  '1': 'KELAS I',
  '2': 'KELAS II',
  '3': 'KELAS III',
};

/**
 * `statusPeserta`. VClaim's rule: "0" is AKTIF, every other code is a reason the card is
 * not active. The non-zero list is as we model it (the reasons vary between VClaim versions).
 */
export const STATUS_PESERTA: Record<string, string> = {
  '0': 'AKTIF',
  '1': 'TIDAK AKTIF KARENA PREMI',
  '2': 'KELUAR KEMAUAN SENDIRI',
  '3': 'MENINGGAL',
  '4': 'PENANGGUHAN PESERTA',
  '5': 'NON AKTIF KARENA MUTASI',
};
export const STATUS_AKTIF = '0';

/** The membership segments of the JKN programme. */
export type VClaimSegment = 'PBI_APBN' | 'PBI_APBD' | 'PPU' | 'PBPU' | 'BP';

/**
 * `jenisPeserta`: the member type. VClaim's real code list is not public in full; these
 * codes are our model of it (documented in the README), each with its JKN segment.
 */
export const JENIS_PESERTA: Record<string, { keterangan: string; segment: VClaimSegment }> = {
  '11': { keterangan: 'PBI (APBN)', segment: 'PBI_APBN' },
  '12': { keterangan: 'PBI (APBD)', segment: 'PBI_APBD' },
  '21': { keterangan: 'PNS PUSAT', segment: 'PPU' },
  '22': { keterangan: 'PNS DAERAH', segment: 'PPU' },
  '23': { keterangan: 'TNI', segment: 'PPU' },
  '24': { keterangan: 'POLRI', segment: 'PPU' },
  '25': { keterangan: 'PEGAWAI SWASTA', segment: 'PPU' },
  '26': { keterangan: 'PEGAWAI BUMN', segment: 'PPU' },
  '31': { keterangan: 'PEKERJA MANDIRI', segment: 'PBPU' },
  '41': { keterangan: 'PENERIMA PENSIUN', segment: 'BP' },
  '42': { keterangan: 'INVESTOR', segment: 'BP' },
  '43': { keterangan: 'PEMBERI KERJA', segment: 'BP' },
  '44': { keterangan: 'VETERAN', segment: 'BP' },
};
