import { PEKANBARU_DISTRICTS, type District } from '../../subgraphs/kit/regions';
import { compact, words } from './text.normalize';

/**
 * Region names as agencies write them: with or without their kind (KOTA / KABUPATEN / KECAMATAN,
 * abbreviated or not), and districts under their former names (subgraphs/kit/regions.ts).
 * Names are compared in `compact` form (letters and digits only), because place names are written
 * with and without inner spaces (LIMAPULUH / LIMA PULUH) and no two places differ only by one.
 */

export type RegionKind = 'KOTA' | 'KABUPATEN' | 'KECAMATAN';

/** Leading words that name a region's kind, longest first. */
const KIND_PREFIXES: readonly (readonly [readonly string[], RegionKind])[] = [
  [['KOTA', 'ADMINISTRASI'], 'KOTA'],
  [['KOTA', 'ADM'], 'KOTA'],
  [['KOTAMADYA'], 'KOTA'],
  [['KODYA'], 'KOTA'],
  [['KOTA'], 'KOTA'],
  [['KABUPATEN'], 'KABUPATEN'],
  [['KAB'], 'KABUPATEN'],
  [['KECAMATAN'], 'KECAMATAN'],
  [['KEC'], 'KECAMATAN'],
];

export interface PlaceName {
  /** The kind written before the name, if any. */
  kind: RegionKind | null;
  /** The name without its kind, words separated by one space (for reasons). */
  name: string;
  /** The name without its kind, letters and digits only (for comparing). */
  key: string;
}

/** `Kab. Kampar` -> { kind: KABUPATEN, name: KAMPAR }. A kind word alone (`KOTA`) stays the name. */
export function splitPlace(text: string): PlaceName {
  const list = words(text);
  for (const [prefix, kind] of KIND_PREFIXES) {
    if (list.length > prefix.length && prefix.every((word, i) => list[i] === word)) {
      const rest = list.slice(prefix.length);
      return { kind, name: rest.join(' '), key: rest.join('') };
    }
  }
  return { kind: null, name: list.join(' '), key: list.join('') };
}

const CURRENT_BY_KEY: ReadonlyMap<string, District> = new Map(PEKANBARU_DISTRICTS.map((d) => [compact(d.name), d]));
const FORMER_BY_KEY: ReadonlyMap<string, readonly District[]> = (() => {
  const map = new Map<string, District[]>();
  for (const district of PEKANBARU_DISTRICTS) {
    for (const former of district.formerNames) map.set(compact(former), [...(map.get(compact(former)) ?? []), district]);
  }
  return map;
})();

export type DistrictRelation =
  | { kind: 'same' }
  | { kind: 'renamed'; formerName: string; currentName: string; code: string; formerOnSide: 'registry' | 'agency' }
  | { kind: 'different'; note: string };

/**
 * How two district names relate. The registry's name is read as a current name first: RUMBAI is
 * today district 147112 (formerly RUMBAI PESISIR) and was the old name of 147106 (now RUMBAI
 * BARAT). So:
 * - agency RUMBAI for registry RUMBAI BARAT: renamed (the agency kept 147106's old name);
 * - agency RUMBAI PESISIR for registry RUMBAI: renamed (147112's old name);
 * - agency RUMBAI BARAT for registry RUMBAI: different (147106 is not 147112).
 * A registry name that is only a former name (TAMPAN) is accepted against the current one too:
 * the reference may lag, and the two still name the same district.
 */
export function districtRelation(registryName: string, agencyName: string): DistrictRelation {
  const r = compact(registryName);
  const a = compact(agencyName);
  if (r === a) return { kind: 'same' };
  const registryCurrent = CURRENT_BY_KEY.get(r);
  if (registryCurrent && registryCurrent.formerNames.some((former) => compact(former) === a)) {
    return { kind: 'renamed', formerName: agencyName, currentName: registryName, code: registryCurrent.code, formerOnSide: 'agency' };
  }
  const agencyCurrent = CURRENT_BY_KEY.get(a);
  if (!registryCurrent && agencyCurrent && agencyCurrent.formerNames.some((former) => compact(former) === r)) {
    return { kind: 'renamed', formerName: registryName, currentName: agencyName, code: agencyCurrent.code, formerOnSide: 'registry' };
  }
  return { kind: 'different', note: ambiguityNote(r, registryCurrent, agencyCurrent) };
}

/** For RUMBAI-like names (a current name that is also another district's former name), say why they differ. */
function ambiguityNote(registryKey: string, registryCurrent: District | undefined, agencyCurrent: District | undefined): string {
  if (!registryCurrent || !agencyCurrent) return '';
  const formerOf = (FORMER_BY_KEY.get(registryKey) ?? []).find((d) => d.code === agencyCurrent.code);
  if (!formerOf) return '';
  return ` (${registryCurrent.name} is today district ${registryCurrent.code}; it was also the old name of ${agencyCurrent.name}, ${agencyCurrent.code}, but the registry writes current names)`;
}
