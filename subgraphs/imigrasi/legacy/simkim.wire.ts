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
  DATABASE: 'SIMKIM-DB-01',
} as const;

export const SIMKIM_OPERATIONS = {
  byNik: 'getPasporByNik',
  byNikList: 'getPasporByNikList',
} as const;
