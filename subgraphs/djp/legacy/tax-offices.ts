/**
 * Tax offices (KPP) of the seed. The codes and names are illustrative, in DJP's style (three
 * digits, the OOO part of an old NPWP; "KPP PRATAMA <city> <area>"), not an authoritative list.
 */
export interface TaxOfficeEntry {
  code: string;
  name: string;
}

export const KPP_PEKANBARU_TAMPAN: TaxOfficeEntry = { code: '211', name: 'KPP PRATAMA PEKANBARU TAMPAN' };
export const KPP_PEKANBARU_SENAPELAN: TaxOfficeEntry = { code: '216', name: 'KPP PRATAMA PEKANBARU SENAPELAN' };
export const KPP_BANGKINANG: TaxOfficeEntry = { code: '221', name: 'KPP PRATAMA BANGKINANG' };
export const KPP_DUMAI: TaxOfficeEntry = { code: '212', name: 'KPP PRATAMA DUMAI' };

/** Offices outside Pekanbaru that still administer some residents (registered there before moving). */
export const OUTSIDE_OFFICES: readonly TaxOfficeEntry[] = [KPP_BANGKINANG, KPP_DUMAI];

/**
 * Which Pekanbaru KPP administers a district: the south and east (Tampan) or the centre and
 * north (Senapelan). DJP quirk: "KPP Pratama Pekanbaru Tampan" kept its name when the Tampan
 * district was renamed Binawidya.
 */
const TAMPAN_DISTRICTS: ReadonlySet<string> = new Set(['147107', '147108', '147109', '147110', '147111', '147113', '147114']);

export function taxOfficeForDistrict(districtCode: string): TaxOfficeEntry {
  return TAMPAN_DISTRICTS.has(districtCode) ? KPP_PEKANBARU_TAMPAN : KPP_PEKANBARU_SENAPELAN;
}
