/**
 * Clean domain records for SAMSAT Riau's vehicle data: no legacy names, no legacy notation.
 * Values that could not be read from the export are null (a warning was logged at load).
 */

export const VEHICLE_CATEGORIES = ['MOTORCYCLE', 'CAR', 'PICKUP', 'TRUCK', 'BUS'] as const;
export type VehicleCategoryName = (typeof VEHICLE_CATEGORIES)[number];

export const VEHICLE_TAX_STATUSES = ['PAID', 'DUE', 'OVERDUE'] as const;
export type VehicleTaxStatusName = (typeof VEHICLE_TAX_STATUSES)[number];

export interface VehicleRecord {
  /** Owner NIK (the index key). */
  ownerNik: string;
  /** Normalized plate, `BM 1234 AJ`. */
  plateNumber: string | null;
  category: VehicleCategoryName | null;
  brand: string | null;
  model: string | null;
  manufactureYear: number | null;
  color: string | null;
  /** ISO yyyy-mm-dd: the STNK (registration certificate, renewed every 5 years) is valid until. */
  registrationExpiry: string | null;
  /** ISO yyyy-mm-dd: the next annual vehicle tax (PKB) due date. */
  taxDueDate: string | null;
  /** Annual vehicle tax (PKB pokok), rupiah. */
  annualTax: number | null;
  /** Unpaid tax of earlier years including fines, rupiah. */
  taxArrears: number | null;
  /** SAMSAT's copy of the owner's name, as it holds it. */
  ownerName: string | null;
  /** SAMSAT's copy of the owner's address, one string as it holds it (README.md, "ALAMAT_PEMILIK"). */
  ownerAddress: string | null;
}
