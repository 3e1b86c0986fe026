import { RIAU_REGENCIES } from '../../subgraphs/kit/regions';
import { splitPlace, type PlaceName } from './region-names';
import { compact, upperClean } from './text.normalize';

/**
 * Reads a one-line Indonesian address into its parts. Understood: SAMSAT's
 * `<street> RT <rt> RW <rw>, KEL. <village>, KEC. <district>, <regency>` (formatRegistryAddress
 * writes the same), DJP's `<street>, RT <rt>/RW <rw>, KEL. ..., KEC. ..., <regency>, <province> <postal>`,
 * the population's unlabeled `<street>, RT rt/RW rw, <village>, <district>, <regency>, <province> <postal>`,
 * and the usual variations: `RT.003`, `RT 3`, `RT:003`, `RT/RW 003/007`, `RT003RW007`, KEL./KELURAHAN/DESA,
 * KEC./KECAMATAN, PROV./PROVINSI, a regency with or without KOTA/KAB./KABUPATEN.
 * Unlabeled comma-separated parts after RT/RW fill village, district, regency, province in that order,
 * continuing after the last labeled part.
 */
export interface ParsedAddress {
  street: string | null;
  rt: number | null;
  rw: number | null;
  village: string | null;
  district: string | null;
  regency: PlaceName | null;
  province: string | null;
  postalCode: string | null;
}

const RT_RW_TOGETHER = /(?<![A-Z])RT\s*[./]?\s*RW[\s.:]*(\d{1,3})\s*[/.-]\s*(\d{1,3})(?!\d)/;
const RT_ALONE = /(?<![A-Z])RT[\s.:]*(\d{1,3})(?!\d)/;
const RW_ALONE = /(?<![A-Z])RW[\s.:]*(\d{1,3})(?!\d)/;
const EDGE_PUNCTUATION = /^[\s,;/.-]+|[\s,;/-]+$/g;
const POSTAL_CODE = /(?:^|\s)(\d{5})$/;
const VILLAGE_LABEL = /^(?:KELURAHAN|KEL|DESA|DS)\b\.?\s*/;
const DISTRICT_LABEL = /^(?:KECAMATAN|KEC)\b\.?\s*/;
const PROVINCE_LABEL = /^(?:PROVINSI|PROPINSI|PROV|PROP)\b\.?\s*/;
const REGENCY_LABEL = /^(?:KABUPATEN|KAB|KOTAMADYA|KODYA)\b/;
const KOTA_LABEL = /^KOTA\s+(.+)$/;

/** Cities (KOTA) we know, so that `KOTA PEKANBARU` is read as the regency even where a village could stand. */
const KNOWN_CITIES: ReadonlySet<string> = new Set(RIAU_REGENCIES.filter((r) => r.kind === 'KOTA').map((r) => compact(r.name)));

type Slot = 'village' | 'district' | 'regency' | 'province';
const SLOTS: readonly Slot[] = ['village', 'district', 'regency', 'province'];

export function parseAddress(text: string): ParsedAddress {
  const value = upperClean(text);
  const result: ParsedAddress = { street: null, rt: null, rw: null, village: null, district: null, regency: null, province: null, postalCode: null };

  let first = value.length;
  let last = 0;
  const take = (match: RegExpExecArray | null): RegExpExecArray | null => {
    if (match) {
      first = Math.min(first, match.index);
      last = Math.max(last, match.index + match[0].length);
    }
    return match;
  };
  const together = take(RT_RW_TOGETHER.exec(value));
  if (together) {
    result.rt = Number(together[1]);
    result.rw = Number(together[2]);
  } else {
    const rt = take(RT_ALONE.exec(value));
    const rw = take(RW_ALONE.exec(value));
    if (rt) result.rt = Number(rt[1]);
    if (rw) result.rw = Number(rw[1]);
  }

  let segments: string[];
  if (first < value.length) {
    result.street = clean(value.slice(0, first));
    segments = value.slice(last).split(',');
  } else {
    const [street, ...rest] = value.split(',');
    result.street = clean(street ?? '');
    segments = rest;
  }

  let cursor = 0;
  for (const raw of segments) {
    let segment = clean(raw) ?? '';
    const postal = POSTAL_CODE.exec(segment);
    if (postal) {
      result.postalCode = postal[1]!;
      segment = clean(segment.slice(0, postal.index)) ?? '';
    }
    if (!segment) continue;
    let slot: Slot;
    let content = segment;
    if (VILLAGE_LABEL.test(segment)) [slot, content] = ['village', segment.replace(VILLAGE_LABEL, '')];
    else if (DISTRICT_LABEL.test(segment)) [slot, content] = ['district', segment.replace(DISTRICT_LABEL, '')];
    else if (PROVINCE_LABEL.test(segment)) [slot, content] = ['province', segment.replace(PROVINCE_LABEL, '')];
    else if (REGENCY_LABEL.test(segment) || isKnownCity(segment)) slot = 'regency';
    else if (cursor < SLOTS.length) slot = SLOTS[cursor]!;
    else continue; // more parts than we know: ignored
    cursor = SLOTS.indexOf(slot) + 1;
    const part = clean(content);
    if (part === null) continue;
    if (slot === 'regency') result.regency = splitPlace(part);
    else result[slot] = part;
  }
  return result;
}

function isKnownCity(segment: string): boolean {
  const match = KOTA_LABEL.exec(segment);
  return match !== null && KNOWN_CITIES.has(compact(match[1]!));
}

function clean(value: string): string | null {
  const cleaned = value.replace(EDGE_PUNCTUATION, '').trim();
  return cleaned === '' ? null : cleaned;
}
