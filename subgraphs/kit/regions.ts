/**
 * Home Affairs (Kemendagri) region codes used inside NIK and KK numbers, limited to
 * what the Kota Pekanbaru population needs: Riau province, its regencies and cities,
 * and the 15 districts (kecamatan) of Kota Pekanbaru with their former names.
 * Source: DOMAIN.md, "Regions".
 */

export interface Regency {
  /** Four-digit code: province (2) + regency/city (2), e.g. "1471". */
  code: string;
  /** Name as the civil registry writes it, e.g. "KOTA PEKANBARU" or "KAMPAR". */
  name: string;
  kind: 'KOTA' | 'KABUPATEN';
}

export interface District {
  /** Six-digit code: regency (4) + district (2), e.g. "147108". */
  code: string;
  name: string;
  /** Earlier names still found in other agencies' data (a district was renamed). */
  formerNames: readonly string[];
}

export const RIAU_PROVINCE = { code: '14', name: 'RIAU' } as const;

export const RIAU_REGENCIES: readonly Regency[] = [
  { code: '1401', name: 'KAMPAR', kind: 'KABUPATEN' },
  { code: '1402', name: 'INDRAGIRI HULU', kind: 'KABUPATEN' },
  { code: '1403', name: 'BENGKALIS', kind: 'KABUPATEN' },
  { code: '1404', name: 'INDRAGIRI HILIR', kind: 'KABUPATEN' },
  { code: '1405', name: 'PELALAWAN', kind: 'KABUPATEN' },
  { code: '1406', name: 'ROKAN HULU', kind: 'KABUPATEN' },
  { code: '1407', name: 'ROKAN HILIR', kind: 'KABUPATEN' },
  { code: '1408', name: 'SIAK', kind: 'KABUPATEN' },
  { code: '1409', name: 'KUANTAN SINGINGI', kind: 'KABUPATEN' },
  { code: '1410', name: 'KEPULAUAN MERANTI', kind: 'KABUPATEN' },
  { code: '1471', name: 'PEKANBARU', kind: 'KOTA' },
  { code: '1472', name: 'DUMAI', kind: 'KOTA' },
];

export const PEKANBARU_DISTRICTS: readonly District[] = [
  { code: '147101', name: 'SUKAJADI', formerNames: [] },
  { code: '147102', name: 'PEKANBARU KOTA', formerNames: [] },
  { code: '147103', name: 'SAIL', formerNames: [] },
  { code: '147104', name: 'LIMAPULUH', formerNames: [] },
  { code: '147105', name: 'SENAPELAN', formerNames: [] },
  { code: '147106', name: 'RUMBAI BARAT', formerNames: ['RUMBAI'] },
  { code: '147107', name: 'BUKIT RAYA', formerNames: [] },
  { code: '147108', name: 'BINAWIDYA', formerNames: ['TAMPAN'] },
  { code: '147109', name: 'MARPOYAN DAMAI', formerNames: [] },
  { code: '147110', name: 'TENAYAN RAYA', formerNames: [] },
  { code: '147111', name: 'PAYUNG SEKAKI', formerNames: [] },
  { code: '147112', name: 'RUMBAI', formerNames: ['RUMBAI PESISIR'] },
  { code: '147113', name: 'TUAHMADANI', formerNames: [] },
  { code: '147114', name: 'KULIM', formerNames: [] },
  { code: '147115', name: 'RUMBAI TIMUR', formerNames: [] },
];

/**
 * Every six-digit region prefix a NIK may start with. Kota Pekanbaru's districts are
 * listed one by one; for the other Riau regencies we accept district numbers 01..30
 * because we do not carry their district lists (a documented simplification).
 */
const KNOWN_PREFIXES: ReadonlySet<string> = (() => {
  const prefixes = new Set<string>(PEKANBARU_DISTRICTS.map((d) => d.code));
  for (const regency of RIAU_REGENCIES) {
    if (regency.code === '1471') continue;
    for (let district = 1; district <= 30; district++) {
      prefixes.add(regency.code + String(district).padStart(2, '0'));
    }
  }
  return prefixes;
})();

const PROVINCE_CODES: ReadonlySet<string> = new Set([RIAU_PROVINCE.code]);
const REGENCY_CODES: ReadonlySet<string> = new Set(RIAU_REGENCIES.map((r) => r.code));

export function isKnownProvince(code: string): boolean {
  return PROVINCE_CODES.has(code);
}

export function isKnownRegency(code: string): boolean {
  return REGENCY_CODES.has(code);
}

export function isKnownDistrictPrefix(code: string): boolean {
  return KNOWN_PREFIXES.has(code);
}

export function districtByCode(code: string): District | undefined {
  return PEKANBARU_DISTRICTS.find((d) => d.code === code);
}

export function regencyByCode(code: string): Regency | undefined {
  return RIAU_REGENCIES.find((r) => r.code === code);
}

/** "KOTA PEKANBARU" / "KABUPATEN KAMPAR": the regency as written with its kind. */
export function regencyFullName(regency: Regency): string {
  return `${regency.kind} ${regency.name}`;
}
