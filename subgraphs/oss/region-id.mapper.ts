import { districtByCode, isKnownDistrictPrefix, isKnownRegency, regencyByCode, regencyFullName } from '../kit/regions';

/** Where a business is, in our notation. */
export interface BusinessRegion {
  /** Six-digit Home Affairs district code (dots removed), or null for a regency-only id. */
  regionCode: string | null;
  /** Current district name (kit/regions.ts) for Kota Pekanbaru; null elsewhere (we carry no district names there). */
  district: string | null;
  /** "KOTA PEKANBARU", "KABUPATEN KAMPAR". */
  regency: string | null;
}

const DOTTED = /^[0-9]{2}\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?$/;
const UNDOTTED = /^(?:[0-9]{4}|[0-9]{6}|[0-9]{10})$/;

export const NO_REGION: BusinessRegion = Object.freeze({ regionCode: null, district: null, regency: null });

/**
 * OSS-RBA's `kd_wilayah` -> district and regency. OSS uses the Home Affairs (Kemendagri)
 * region ids, in two notations: records migrated from OSS 1.1 carry the district dotted
 * ("14.71.08"), OSS-RBA records the ten-digit village id without dots ("1471081001"); the
 * dotted village form ("14.71.08.1001") and a bare regency ("14.71") also occur. Some ESB
 * nodes send the id as a JSON number (harmless: Riau ids start with 1).
 *
 * Returns NO_REGION for a blank value, the region for a known id, and undefined for a value
 * that is not a known Riau region id (the caller warns). The district is named from the code,
 * so a renamed district comes out under its current name (147108 is BINAWIDYA, formerly TAMPAN);
 * a record from before the 2021 split of 13-15 keeps the older district's code, as OSS holds it.
 */
export function regionOfId(value: unknown): BusinessRegion | undefined {
  if (value === null || value === undefined) return NO_REGION;
  let digits: string;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) digits = String(value);
  else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return NO_REGION;
    // Either all dots in their places (PP.RR[.DD[.VVVV]]) or none: "1471.08" is not an id.
    if (!DOTTED.test(trimmed) && !UNDOTTED.test(trimmed)) return undefined;
    digits = trimmed.replace(/\./g, '');
  } else return undefined;
  if (!UNDOTTED.test(digits)) return undefined;

  const regency = regencyByCode(digits.slice(0, 4));
  if (!regency || !isKnownRegency(regency.code)) return undefined;
  if (digits.length === 4) return { regionCode: null, district: null, regency: regencyFullName(regency) };

  const districtCode = digits.slice(0, 6);
  if (!isKnownDistrictPrefix(districtCode)) return undefined;
  return { regionCode: districtCode, district: districtByCode(districtCode)?.name ?? null, regency: regencyFullName(regency) };
}
