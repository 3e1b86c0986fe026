import { PEKANBARU_DISTRICT_PLACES } from '../../population/places';

/**
 * BPN's own region codes, as KKP's `ref_desa` holds them: kanwil (province office, 2) + kantah
 * (land office, 2) + kecamatan (2) + desa/kelurahan (2) = 8 digits, the first part of every
 * certificate number and NIB. They differ from the Home Affairs codes inside NIKs (Riau is 14 for
 * Kemendagri, 04 here). The numbers below are the simulated land office's, invented for the demo
 * in BPN's style; the place names are real.
 *
 * KKP quirk: the Pekanbaru part of the region table predates the district renames (2016-2020)
 * and the 2021 split: Binawidya is still TAMPAN, Rumbai Barat is RUMBAI, Rumbai is RUMBAI
 * PESISIR, and the villages of Tuahmadani, Kulim and Rumbai Timur are filed under the districts
 * they were carved out of.
 */
export interface BpnVillage {
  /** 8 digits. */
  code: string;
  village: string;
  district: string;
  regency: string;
  /** In Kota Pekanbaru (urban lots) or in a regency (larger, agricultural parcels). */
  urban: boolean;
}

export const BPN_KANWIL_RIAU = '04';

/** Pekanbaru's districts in BPN's numbering (alphabetical, former names), with the Home Affairs districts filed under each. */
const PEKANBARU_BPN_DISTRICTS: ReadonlyArray<readonly [code: string, name: string, homeAffairsCodes: readonly string[]]> = [
  ['01', 'BUKIT RAYA', ['147107']],
  ['02', 'LIMAPULUH', ['147104']],
  ['03', 'MARPOYAN DAMAI', ['147109']],
  ['04', 'PAYUNG SEKAKI', ['147111']],
  ['05', 'PEKANBARU KOTA', ['147102']],
  ['06', 'RUMBAI', ['147106']],
  ['07', 'RUMBAI PESISIR', ['147112', '147115']],
  ['08', 'SAIL', ['147103']],
  ['09', 'SENAPELAN', ['147105']],
  ['10', 'SUKAJADI', ['147101']],
  ['11', 'TAMPAN', ['147108', '147113']],
  ['12', 'TENAYAN RAYA', ['147110', '147114']],
];

const KANTAH_PEKANBARU = '05';

/** Villages in nearby regencies where Pekanbaru residents hold land (gardens, oil palm, plots by the city). */
const REGENCY_PLACES: ReadonlyArray<readonly [kantah: string, regency: string, districts: ReadonlyArray<readonly [string, string, readonly string[]]>]> = [
  [
    '01',
    'KABUPATEN KAMPAR',
    [
      ['01', 'SIAK HULU', ['KUBANG JAYA', 'PANDAU JAYA', 'TANAH MERAH']],
      ['02', 'TAMBANG', ['RIMBO PANJANG', 'KUALU', 'KUALU NENAS']],
      ['03', 'KAMPAR', ['AIR TIRIS']],
    ],
  ],
  ['07', 'KABUPATEN PELALAWAN', [['01', 'PANGKALAN KERINCI', ['PANGKALAN KERINCI KOTA', 'MAKMUR']]]],
  [
    '08',
    'KABUPATEN SIAK',
    [
      ['01', 'TUALANG', ['PERAWANG', 'TUALANG']],
      ['02', 'KANDIS', ['KANDIS']],
    ],
  ],
];

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function buildVillages(): { all: BpnVillage[]; byHomeAffairs: Map<string, BpnVillage> } {
  const all: BpnVillage[] = [];
  const byHomeAffairs = new Map<string, BpnVillage>();
  for (const [districtCode, districtName, homeAffairsCodes] of PEKANBARU_BPN_DISTRICTS) {
    let index = 0;
    for (const homeAffairs of homeAffairsCodes) {
      const places = PEKANBARU_DISTRICT_PLACES.find((district) => district.code === homeAffairs);
      for (const village of places?.villages ?? []) {
        index += 1;
        const entry: BpnVillage = {
          code: `${BPN_KANWIL_RIAU}${KANTAH_PEKANBARU}${districtCode}${pad2(index)}`,
          village,
          district: districtName,
          regency: 'KOTA PEKANBARU',
          urban: true,
        };
        all.push(entry);
        byHomeAffairs.set(`${homeAffairs}|${village}`, entry);
      }
    }
  }
  for (const [kantah, regency, districts] of REGENCY_PLACES) {
    for (const [districtCode, districtName, villages] of districts) {
      villages.forEach((village, index) => {
        all.push({ code: `${BPN_KANWIL_RIAU}${kantah}${districtCode}${pad2(index + 1)}`, village, district: districtName, regency, urban: false });
      });
    }
  }
  all.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { all, byHomeAffairs };
}

const VILLAGES = buildVillages();

/** Every village of the region table, by code. */
export const BPN_VILLAGES: readonly BpnVillage[] = VILLAGES.all;
export const BPN_URBAN_VILLAGES: readonly BpnVillage[] = VILLAGES.all.filter((village) => village.urban);
export const BPN_REGENCY_VILLAGES: readonly BpnVillage[] = VILLAGES.all.filter((village) => !village.urban);

/** BPN's village for a resident's Home Affairs district code and kelurahan name (their own house's plot). */
export function bpnVillageOf(homeAffairsDistrictCode: string, village: string): BpnVillage | undefined {
  return VILLAGES.byHomeAffairs.get(`${homeAffairsDistrictCode}|${village}`);
}
