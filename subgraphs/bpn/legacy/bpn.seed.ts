import fs from 'node:fs';
import path from 'node:path';
import { addYears, ageOn, fromDayNumber, toDayNumber } from '../../population/dates';
import type { Person } from '../../population/person';
import type { Rng, SeedContext } from '../../population/seed-context';
import type { LandRightTypeName } from '../land-parcel.records';
import { BPN_REGENCY_VILLAGES, BPN_URBAN_VILLAGES, BPN_VILLAGES, bpnVillageOf, type BpnVillage } from './bpn-regions';
import { BPN_DUMP_FILE, KKP_RIGHT_CODES, KKP_TABLES_DDL, KKP_VIEW_DDL, insertStatement } from './kkp-dump.sql';

/**
 * Who holds land in the synthetic population, and how the land office's dump writes it.
 * Documented in README.md ("Seed"); tests check the rates.
 */
export const BPN_SEED_RATES = {
  /** Share of family cards whose head holds land. */
  householdOwnsLand: 0.2,
  /** Parcels per landholding head. */
  parcelCount: [
    [1, 0.7],
    [2, 0.22],
    [3, 0.08],
  ],
  /** Share of parcels outside the city (Kampar, Siak, Pelalawan: gardens and plantations). */
  parcelInRegency: 0.2,
  /** Share of a head's first city parcel that lies in the family's own kelurahan (the house). */
  firstParcelAtHome: 0.6,
  /** Share of parcels co-owned with the spouse (1/2 each), when the head has a spouse on the card. */
  coOwnedWithSpouse: 0.3,
  cityRightType: [
    ['HM', 0.72],
    ['HGB', 0.22],
    ['HMSRS', 0.06],
  ],
  regencyRightType: [
    ['HM', 0.9],
    ['HP', 0.07],
    ['HGU', 0.03],
  ],
  /** Areas in m², uniform in the range. */
  cityArea: [60, 600],
  apartmentArea: [21, 72],
  regencyArea: [400, 20_000],
  hguArea: [50_000, 250_000],
  /** Term of the rights that have one (PP 18/2021), in years from registration. */
  termYears: { HGB: 30, HP: 30, HGU: 35 },
  /** KKP notation noise (not identity plants; the adapter reads them all). */
  dateNotation: [
    ['dd-mm-yyyy', 0.85],
    ['dd/mm/yyyy', 0.1],
    ['yyyy-mm-dd', 0.05],
  ],
  /** Share of parcels migrated from the desktop KKP: certificate number and NIB keep their printed dots. */
  dottedNumbers: 0.1,
  /** Share of sole holders whose share is written "1/1" rather than left blank. */
  soleShareWritten: 0.15,
  /** Nobody registers land before this age, nor before KKP's earliest records. */
  minimumAge: 21,
  earliestRegistration: '1985-01-01',
} as const;

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

interface Holder {
  id: number;
  person: Person;
}

interface SeedParcel {
  village: BpnVillage;
  nib: string;
  certificate: string;
  rightType: LandRightTypeName;
  area: number;
  registeredOn: string;
  expiresOn: string | null;
  holders: ReadonlyArray<{ holder: Holder; share: string | null }>;
  dotted: boolean;
  dateNotation: string;
}

const RIGHT_DIGIT: Readonly<Record<LandRightTypeName, string>> = Object.fromEntries(
  KKP_RIGHT_CODES.filter(([, abbreviation]) => ['HM', 'HGB', 'HGU', 'HP', 'HMSRS'].includes(abbreviation)).map(([code, abbreviation]) => [abbreviation, code]),
) as Record<LandRightTypeName, string>;

/** Writes `<agencyDir>/bpn.sql`: the land office's dump (tables, rows, the view). */
export async function seedBpn(context: SeedContext): Promise<void> {
  await fs.promises.writeFile(path.join(context.agencyDir, BPN_DUMP_FILE), buildBpnDump(context));
}

/** The dump's text: deterministic for a context (no clock, no Math.random, stable order). */
export function buildBpnDump(context: SeedContext): string {
  const parcels = buildBpnParcels(context);
  const holders = [...new Map(parcels.flatMap((parcel) => parcel.holders.map(({ holder }) => [holder.id, holder] as const))).values()].sort((a, b) => a.id - b.id);
  const names = new Map(holders.map((holder) => [holder.id, context.planter.copyFullName(holder.person)]));
  const lines: string[] = [
    '-- KKP (Komputerisasi Kegiatan Pertanahan), Kantor Pertanahan Kota Pekanbaru',
    `-- database dump for Satu; data as of ${context.referenceDate}`,
    '-- portable SQL: loads into SQLite and PostgreSQL',
    '',
    'BEGIN;',
    '',
    KKP_TABLES_DDL,
    '',
    ...KKP_RIGHT_CODES.map(([code, abbreviation, name]) => insertStatement('ref_jenis_hak', { kd_jenis_hak: code, singkatan: abbreviation, nama_hak: name })),
    '',
    ...BPN_VILLAGES.map((village) =>
      insertStatement('ref_desa', { kd_desa: village.code, nama_desa: village.village, nama_kecamatan: village.district, nama_kabupaten: village.regency }),
    ),
    '',
    ...holders.map((holder) => insertStatement('pemegang_hak', { id_pemegang: holder.id, nik: holder.person.nik, nama_pemegang: names.get(holder.id) ?? null })),
    '',
    ...parcels.map((parcel) => insertStatement('bidang_tanah', { nib: parcel.nib, kd_desa: parcel.village.code, luas: parcel.area })),
    '',
    ...parcels.map((parcel) =>
      insertStatement('sertipikat', {
        no_sertipikat: parcel.certificate,
        nib: parcel.nib,
        kd_jenis_hak: RIGHT_DIGIT[parcel.rightType],
        tgl_daftar: writeDate(parcel.registeredOn, parcel.dateNotation),
        tgl_berakhir_hak: parcel.expiresOn === null ? null : writeDate(parcel.expiresOn, parcel.dateNotation),
      }),
    ),
    '',
    ...parcels.flatMap((parcel) =>
      parcel.holders.map(({ holder, share }) =>
        insertStatement('pemegang_sertipikat', { no_sertipikat: parcel.certificate, id_pemegang: holder.id, bagian: share }),
      ),
    ),
    '',
    KKP_VIEW_DDL,
    '',
    'COMMIT;',
    '',
  ];
  return lines.join('\n');
}

/**
 * The parcels, family card by family card. The head holds them, sometimes with the spouse.
 * Names come from the planter (once per holder, in bpn.sql's pemegang_hak); all else from forked
 * streams of `context.rng`: `ownership`, `parcels`, `numbers`, `notation`.
 */
export function buildBpnParcels(context: SeedContext): SeedParcel[] {
  const ownership = context.rng.fork('ownership');
  const draw = context.rng.fork('parcels');
  const numbers = new NumberBook(context.rng.fork('numbers'));
  const notation = context.rng.fork('notation');
  const holders = new Map<string, Holder>();
  const holderOf = (person: Person): Holder => {
    const known = holders.get(person.nik);
    if (known) return known;
    const holder = { id: holders.size + 1, person };
    holders.set(person.nik, holder);
    return holder;
  };
  const parcels: SeedParcel[] = [];

  for (const family of context.population.families) {
    if (!ownership.chance(BPN_SEED_RATES.householdOwnsLand)) continue;
    const head = context.byNik.get(family.headNik);
    if (!head || ageOn(head.birthDate, context.referenceDate) < BPN_SEED_RATES.minimumAge) continue;
    const spouse = family.memberNiks
      .map((nik) => context.byNik.get(nik))
      .find((member): member is Person => member !== undefined && member.nik !== head.nik && (member.familyRelation === 'ISTRI' || member.familyRelation === 'SUAMI'));
    const count = weighted(ownership, BPN_SEED_RATES.parcelCount);

    for (let i = 0; i < count; i++) {
      const inRegency = draw.chance(BPN_SEED_RATES.parcelInRegency);
      const home = i === 0 && !inRegency && draw.chance(BPN_SEED_RATES.firstParcelAtHome) ? bpnVillageOf(head.address.districtCode, head.address.village) : undefined;
      const village = home ?? draw.pick(inRegency ? BPN_REGENCY_VILLAGES : BPN_URBAN_VILLAGES);
      const rightType = weighted<LandRightTypeName>(draw, inRegency ? BPN_SEED_RATES.regencyRightType : BPN_SEED_RATES.cityRightType);
      const [low, high] =
        rightType === 'HMSRS' ? BPN_SEED_RATES.apartmentArea : rightType === 'HGU' ? BPN_SEED_RATES.hguArea : inRegency ? BPN_SEED_RATES.regencyArea : BPN_SEED_RATES.cityArea;
      const area = draw.int(low, high);
      const coOwner = spouse !== undefined && ageOn(spouse.birthDate, context.referenceDate) >= BPN_SEED_RATES.minimumAge && draw.chance(BPN_SEED_RATES.coOwnedWithSpouse) ? spouse : undefined;
      const registeredOn = registrationDate(draw, [head, ...(coOwner ? [coOwner] : [])], context.referenceDate);
      const term = rightType === 'HGB' || rightType === 'HP' || rightType === 'HGU' ? BPN_SEED_RATES.termYears[rightType] : null;

      const shares = coOwner
        ? [
            { holder: holderOf(head), share: '1/2' },
            { holder: holderOf(coOwner), share: '1/2' },
          ]
        : [{ holder: holderOf(head), share: notation.chance(BPN_SEED_RATES.soleShareWritten) ? '1/1' : null }];
      const dotted = notation.chance(BPN_SEED_RATES.dottedNumbers);
      const parcelNumber = numbers.next(`nib:${village.code}`, 40);
      const certificateNumber = numbers.next(`hak:${village.code}${RIGHT_DIGIT[rightType]}`, 25);
      parcels.push({
        village,
        nib: dotted ? dottedNumber(village.code, null, parcelNumber) : `${village.code}${parcelNumber}`,
        certificate: dotted ? dottedNumber(village.code, RIGHT_DIGIT[rightType], certificateNumber) : `${village.code}${RIGHT_DIGIT[rightType]}${certificateNumber}`,
        rightType,
        area,
        registeredOn,
        expiresOn: term === null ? null : addYears(registeredOn, term),
        holders: shares,
        dotted,
        dateNotation: weighted(notation, BPN_SEED_RATES.dateNotation),
      });
    }
  }
  return parcels;
}

/** Per-series counters (village NIBs, village + right certificate numbers): a random start, then random steps, 5 digits. */
class NumberBook {
  private readonly last = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  next(series: string, maxStep: number): string {
    const previous = this.last.get(series);
    const value = previous === undefined ? this.rng.int(1, 2000) : previous + this.rng.int(1, maxStep);
    this.last.set(series, value);
    return String(value).padStart(5, '0');
  }
}

/** The number as printed on the certificate: `04.05.11.01.1.00123` (certificate) or `04.05.11.01.00456` (NIB). */
function dottedNumber(villageCode: string, rightDigit: string | null, number: string): string {
  const region = [villageCode.slice(0, 2), villageCode.slice(2, 4), villageCode.slice(4, 6), villageCode.slice(6, 8)];
  return [...region, ...(rightDigit === null ? [] : [rightDigit]), number].join('.');
}

/** A day between the holders' 21st birthdays (and 1985) and 30 days before the reference date. */
function registrationDate(rng: Rng, holders: readonly Person[], referenceDate: string): string {
  const earliest = Math.max(
    toDayNumber(BPN_SEED_RATES.earliestRegistration),
    ...holders.map((holder) => toDayNumber(addYears(holder.birthDate, BPN_SEED_RATES.minimumAge))),
  );
  const latest = toDayNumber(referenceDate) - 30;
  return fromDayNumber(earliest >= latest ? latest : rng.int(earliest, latest));
}

function writeDate(iso: string, notation: string): string {
  const [year, month, day] = iso.split('-');
  if (notation === 'dd/mm/yyyy') return `${day}/${month}/${year}`;
  if (notation === 'yyyy-mm-dd') return iso;
  return `${day}-${month}-${year}`;
}

function weighted<T>(rng: Rng, table: Weighted<T>): T {
  let roll = rng.next();
  for (const [value, weight] of table) {
    if (roll < weight) return value;
    roll -= weight;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('empty weight table');
  return last[0];
}
