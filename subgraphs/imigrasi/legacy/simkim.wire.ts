/**
 * SIMKIM PasporService wire vocabulary (the `pasporDto` and `pasporResponse` types of the
 * WSDL): what the client receives and the simulator sends. Values are text as SIMKIM writes
 * them; an absent element (a NULL column: JAX-WS omits nulls) is an absent property.
 */
export interface PasporDto {
  nomorPaspor?: string;
  nik?: string;
  /** MRZ primary identifier (SURNAME column). */
  surname?: string;
  /** MRZ secondary identifier (GIVEN_NAMES column); absent for single-name holders. */
  givenNames?: string;
  /** `DD-MON-RR`. */
  tanggalLahir?: string;
  tempatLahir?: string;
  /** `M` / `F`. */
  jenisKelamin?: string;
  /** PB, PE, PD, PN, SPLP (README.md, "Code lists"). */
  jenisPaspor?: string;
  tanggalTerbit?: string;
  tanggalHabisBerlaku?: string;
  kantorPenerbit?: string;
  /** A (aktif), C (dicabut), H (hilang). */
  statusPaspor?: string;
}

export interface PasporResponse {
  /** 00 = found, 01 = not found (SIMKIM_RESPONSE_CODES). */
  kodeRespon?: string;
  pesanRespon?: string;
  jumlahData?: string;
  paspor?: PasporDto[];
}

export const SIMKIM_RESPONSE_CODES = {
  FOUND: '00',
  NOT_FOUND: '01',
} as const;

/** Fault strings start with one of these codes (README.md, "Faults"). */
export const SIMKIM_FAULT_CODES = {
  AUTH: 'SIMKIM-AUTH-01',
  INVALID_NIK: 'SIMKIM-VAL-01',
  BATCH_TOO_LARGE: 'SIMKIM-VAL-02',
  /** ajukanPermohonanPaspor: jenisPaspor missing or not PB/PE. */
  APPLICATION_TYPE: 'SIMKIM-VAL-03',
  /** ajukanPermohonanPaspor: a declared identity element in the wrong notation. */
  DECLARED_IDENTITY: 'SIMKIM-VAL-04',
  /** ajukanPermohonanPaspor: kantorImigrasi is not an office SIMKIM knows. */
  UNKNOWN_OFFICE: 'SIMKIM-APP-01',
  /** ajukanPermohonanPaspor: the NIK already has an open application of that jenisPaspor; the faultstring names it. */
  APPLICATION_OPEN: 'SIMKIM-APP-02',
  DATABASE: 'SIMKIM-DB-01',
} as const;

export const SIMKIM_OPERATIONS = {
  byNik: 'getPasporByNik',
  byNikList: 'getPasporByNikList',
  submitApplication: 'ajukanPermohonanPaspor',
  applicationsByNik: 'getPermohonanByNik',
} as const;

/**
 * `ajukanPermohonanPaspor` input (the `ajukanPermohonanPaspor` element of the WSDL). The
 * declared identity elements are optional: when absent, SIMKIM fills the application's data
 * page from the civil registry through its own Dukcapil integration (assumed, README.md).
 */
export interface AjukanPermohonanArgs {
  nik: string;
  /** PB or PE: the only types a passport counter takes applications for. */
  jenisPaspor: string;
  /** Absent: the office of the calling account (the mall's counter). */
  kantorImigrasi?: string;
  namaLengkap?: string;
  /** `DD-MON-RR`. */
  tanggalLahir?: string;
  tempatLahir?: string;
  /** `M` / `F`. */
  jenisKelamin?: string;
}

/** One application (`permohonanDto`). Values are text as SIMKIM writes them. */
export interface PermohonanDto {
  /** `PMH-<yyyymmdd>-<6 digits>`. */
  nomorPermohonan?: string;
  nik?: string;
  jenisPaspor?: string;
  kantorImigrasi?: string;
  /** DITERIMA, DIPROSES, SELESAI, DITOLAK, DIBATALKAN (README.md). */
  statusPermohonan?: string;
  /** `DD-MON-RR`, the day SIMKIM received it (WIB). */
  tanggalPermohonan?: string;
  /** DUKCAPIL (data page read from the civil registry) or PEMOHON (as the applicant declared it). */
  sumberIdentitas?: string;
}

export interface PermohonanResponse {
  /** 00 = found / accepted, 01 = no application for that NIK. */
  kodeRespon?: string;
  pesanRespon?: string;
  jumlahData?: string;
  permohonan?: PermohonanDto[];
}

/** SIMKIM `statusPermohonan` codes; DITERIMA and DIPROSES are "open" (a second one of the same type is refused). */
export const SIMKIM_APPLICATION_STATUSES = ['DITERIMA', 'DIPROSES', 'SELESAI', 'DITOLAK', 'DIBATALKAN'] as const;
export const SIMKIM_OPEN_APPLICATION_STATUSES: ReadonlySet<string> = new Set(['DITERIMA', 'DIPROSES']);

/** The passport types a counter takes applications for. */
export const SIMKIM_APPLICATION_TYPES: ReadonlySet<string> = new Set(['PB', 'PE']);

/** `PMH-<yyyymmdd>-<6 digits>`; also how the client finds the number in a SIMKIM-APP-02 faultstring. */
export const APPLICATION_NUMBER_PATTERN = /PMH-\d{8}-\d{6}/;
