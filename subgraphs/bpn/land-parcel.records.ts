/**
 * Clean domain records for BPN's land data: no legacy column names, no legacy notation.
 * Values that could not be read from the view are null (a warning was logged).
 */

/** Rights a resident can hold (UUPA 5/1960, UU 20/2011 for apartment units), by their usual abbreviations. */
export const LAND_RIGHT_TYPES = ['HM', 'HGB', 'HGU', 'HP', 'HMSRS'] as const;
export type LandRightTypeName = (typeof LAND_RIGHT_TYPES)[number];

export interface LandParcelRecord {
  /** The holder these rows were asked for (the loader key). */
  holderNik: string;
  /** 14 digits: BPN region (8) + right type code (1) + number (5). */
  certificateNumber: string | null;
  /** NIB bidang, 13 digits: BPN region (8) + parcel number (5). Not the OSS business NIB. */
  parcelId: string | null;
  rightType: LandRightTypeName | null;
  /** Whole square metres. */
  areaSquareMeters: number | null;
  /** Location of the parcel, as BPN's region table names it. */
  village: string | null;
  district: string | null;
  regency: string | null;
  /** ISO yyyy-mm-dd. */
  registeredOn: string | null;
  /** ISO yyyy-mm-dd; rights with a term (HGB, HGU, HP) end on this date; HM has none. */
  rightExpiresOn: string | null;
  /** The holder's share, "p/q" ("1/1" for a sole holder). */
  ownershipShare: string | null;
  /** BPN's copy of the holder's name, as it holds it. */
  ownerName: string | null;
  /** NIKs of the other holders of the same certificate (valid NIKs only), in NIK order. */
  coOwnerNiks: readonly string[];
}
