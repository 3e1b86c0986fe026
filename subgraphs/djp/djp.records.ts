/**
 * Clean domain records for DJP's taxpayer data: no legacy names, no legacy notation.
 * Values that could not be read from the export are null (a warning was logged at load).
 */

export const TAXPAYER_STATUSES = ['ACTIVE', 'NON_EFFECTIVE', 'NOT_REGISTERED'] as const;
export type TaxpayerStatusName = (typeof TAXPAYER_STATUSES)[number];

export const ANNUAL_RETURN_STATUSES = ['FILED', 'LATE', 'NOT_FILED'] as const;
export type AnnualReturnStatusName = (typeof ANNUAL_RETURN_STATUSES)[number];

export interface TaxOfficeRecord {
  /** KPP code, three digits (the OOO part of an old NPWP), e.g. "216". */
  code: string;
  /** As DJP writes it: "KPP PRATAMA PEKANBARU SENAPELAN"; null when blank. */
  name: string | null;
}

export interface AnnualReturnRecord {
  /** The tax year the return (SPT Tahunan PPh Orang Pribadi) is for. */
  year: number;
  /** Null when the legacy code is outside its list. */
  status: AnnualReturnStatusName | null;
  /** ISO yyyy-mm-dd the return was received; null when not filed or unreadable. */
  filedOn: string | null;
}

export interface TaxProfileRecord {
  nik: string;
  /** NOT_REGISTERED when the export holds no record for the NIK; null when the legacy code is unknown. */
  status: TaxpayerStatusName | null;
  /** The old 15-digit NPWP, formatted `ST.sss.sss.C-OOO.BBB`; null for NIK-only taxpayers. */
  npwp15: string | null;
  /** True when DJP has validated the NIK as the taxpayer's NPWP (since 2024 for resident individuals). */
  nikAsNpwp: boolean | null;
  /** ISO date the taxpayer was registered. */
  registeredOn: string | null;
  taxOffice: TaxOfficeRecord | null;
  lastAnnualReturn: AnnualReturnRecord | null;
  /** DJP's copies of the taxpayer's identity, as DJP holds them (only the fixed-width padding removed). */
  taxpayerName: string | null;
  taxpayerBirthDate: string | null;
  taxpayerAddress: string | null;
  /** ISO date of the export the answer comes from (the header's export date). */
  asOf: string | null;
}

/** "Not a registered taxpayer" is an answer, not an error: the export was read and holds no record. */
export function notRegistered(nik: string, asOf: string | null): TaxProfileRecord {
  return {
    nik,
    status: 'NOT_REGISTERED',
    npwp15: null,
    nikAsNpwp: false,
    registeredOn: null,
    taxOffice: null,
    lastAnnualReturn: null,
    taxpayerName: null,
    taxpayerBirthDate: null,
    taxpayerAddress: null,
    asOf,
  };
}
