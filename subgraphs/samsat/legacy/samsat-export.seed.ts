import path from 'node:path';
import { writeExportAtomically } from '../../kit/export-file/atomic-write';
import type { Address } from '../../population/person';
import type { Rng, SeedContext } from '../../population/seed-context';
import { EXPORT_FILE_NAME, formatExportText, trailerDate, type ExportRow } from '../samsat-export.format';
import { PEKANBARU_SERIES_FIRST_LETTERS, SERIES_LETTERS, VEHICLE_CATALOG, VEHICLE_COLORS } from './vehicle-catalog';

/**
 * Who owns vehicles in the synthetic population, and how the exporter writes them.
 * Documented in README.md ("Seed"); tests check the rates.
 */
export const SAMSAT_SEED_RATES = {
  /** Nobody younger owns a vehicle (the KTP age). */
  adultAge: 17,
  /** Share of adults owning at least one motorcycle, and how many. */
  motorcycleOwner: 0.45,
  motorcycleCount: [
    [1, 0.8],
    [2, 0.15],
    [3, 0.05],
  ],
  /** Share of adults owning at least one four-wheeler (independent of motorcycles), and how many. */
  fourWheelOwner: 0.15,
  fourWheelCount: [
    [1, 0.85],
    [2, 0.15],
  ],
  /** What a four-wheeler is. */
  fourWheelKind: [
    ['CAR', 0.85],
    ['PICKUP', 0.1],
    ['TRUCK', 0.05],
  ],
  /** Share of vehicles whose annual tax is overdue by 1 to 3 years (when old enough). */
  overdue: 0.15,
  /** Share of overdue vehicles whose STNK was not renewed either (registrationExpiry in the past). */
  expiredStnkWhenOverdue: 0.5,
  /** Exporter notation noise, per row (not identity plants). */
  plateNotation: [
    ['BM 1234 AJ', 0.7],
    ['BM1234AJ', 0.2],
    ['bm-1234-aj', 0.1],
  ],
  dateNotation: [
    ['dd/mm/yyyy', 0.85],
    ['yyyymmdd', 0.1],
    ['dd-mm-yyyy', 0.05],
  ],
  amountNotation: [
    ['1.250.000', 0.8],
    ['1250000', 0.2],
  ],
  /** "No arrears" is written `0` or `-`. */
  noArrearsAsDash: 0.4,
} as const;

/** The seed registers no buses: they belong to companies, not to residents. */
type SeedCategory = keyof typeof VEHICLE_CATALOG;
type FourWheelKind = Exclude<SeedCategory, 'MOTORCYCLE'>;

/** Writes `<agencyDir>/EXPORT_KENDARAAN.csv` with the trailer dated on the reference date. */
export async function seedSamsat(context: SeedContext): Promise<void> {
  const rows = buildSamsatExportRows(context);
  await writeExportAtomically(path.join(context.agencyDir, EXPORT_FILE_NAME), formatExportText(rows, trailerDate(context.referenceDate)));
}

/**
 * The export's detail lines, in population order. The planter is asked once per owner, and
 * that one copy of the name and address is written on every vehicle of the owner.
 */
export function buildSamsatExportRows(context: SeedContext): ExportRow[] {
  const ownership = context.rng.fork('ownership');
  const vehicles = context.rng.fork('vehicles');
  const notation = context.rng.fork('notation');
  const usedPlates = new Set<string>();
  const rows: ExportRow[] = [];

  for (const person of context.population.people) {
    if (ageOn(person.birthDate, context.referenceDate) < SAMSAT_SEED_RATES.adultAge) continue;
    const categories: SeedCategory[] = [];
    if (ownership.chance(SAMSAT_SEED_RATES.motorcycleOwner)) {
      const count = weighted(ownership, SAMSAT_SEED_RATES.motorcycleCount);
      for (let i = 0; i < count; i++) categories.push('MOTORCYCLE');
    }
    if (ownership.chance(SAMSAT_SEED_RATES.fourWheelOwner)) {
      const count = weighted(ownership, SAMSAT_SEED_RATES.fourWheelCount);
      for (let i = 0; i < count; i++) categories.push(weighted<FourWheelKind>(ownership, SAMSAT_SEED_RATES.fourWheelKind));
    }
    if (categories.length === 0) continue;

    const ownerName = context.planter.copyFullName(person);
    const ownerAddress = formatOwnerAddress(context.planter.copyAddress(person));
    for (const category of categories) {
      const vehicle = makeVehicle(vehicles, category, context.referenceDate, usedPlates);
      rows.push(writeRow(notation, person.nik, ownerName, ownerAddress, vehicle));
    }
  }
  return rows;
}

/**
 * ALAMAT_PEMILIK, one string as SAMSAT holds it:
 * `<street> RT <rt> RW <rw>, KEL. <village>, KEC. <district>, <regency>`, every part taken
 * from the planter's copy as it is (a former district name or a "KOTA" prefix is the copy's).
 */
export function formatOwnerAddress(address: Address): string {
  return `${address.street} RT ${address.rt} RW ${address.rw}, KEL. ${address.village}, KEC. ${address.district}, ${address.regency}`;
}

interface SeedVehicle {
  /** JENIS_KB. */
  kind: string;
  plate: { area: string; number: number; series: string };
  brand: string;
  model: string;
  manufactureYear: number;
  color: string;
  registrationExpiry: string;
  taxDueDate: string;
  annualTax: number;
  taxArrears: number;
}

function makeVehicle(rng: Rng, category: SeedCategory, referenceDate: string, usedPlates: Set<string>): SeedVehicle {
  const entry = rng.pick(VEHICLE_CATALOG[category]);
  const referenceYear = Number(referenceDate.slice(0, 4));
  let manufactureYear = referenceYear - rng.int(0, category === 'MOTORCYCLE' ? 15 : 18);
  let firstRegistrationYear = Math.min(referenceYear, manufactureYear + (rng.chance(0.3) ? 1 : 0));
  // STNK and PKB dates share the day and month of the first registration.
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const anniversary = (year: number): string => `${year}-${pad(month)}-${pad(day)}`;
  if (anniversary(firstRegistrationYear) > referenceDate) {
    firstRegistrationYear -= 1;
    manufactureYear = Math.min(manufactureYear, firstRegistrationYear);
  }
  let nextDueYear = firstRegistrationYear + 1;
  while (anniversary(nextDueYear) <= referenceDate) nextDueYear += 1;
  let expiryYear = firstRegistrationYear + 5;
  while (anniversary(expiryYear) <= referenceDate) expiryYear += 5;

  // Older vehicles pay less: NJKB (the taxable value) falls with age.
  const [low, high] = entry.taxRangeK;
  const ageFactor = Math.max(0.55, 1 - 0.03 * (referenceYear - manufactureYear));
  const annualTax = Math.round((rng.int(low, high) * 1000 * ageFactor) / 100) * 100;

  let taxDueDate = anniversary(nextDueYear);
  let taxArrears = 0;
  // The latest anniversary already past (one falling on the reference date is due, not late).
  let lastMissedYear = nextDueYear - 1;
  if (anniversary(lastMissedYear) === referenceDate) lastMissedYear -= 1;
  const maxYearsLate = Math.min(3, lastMissedYear - firstRegistrationYear);
  if (maxYearsLate >= 1 && rng.chance(SAMSAT_SEED_RATES.overdue)) {
    const yearsLate = rng.int(1, maxYearsLate);
    taxDueDate = anniversary(lastMissedYear - yearsLate + 1);
    const monthsLate = Math.min(24, monthsBetween(taxDueDate, referenceDate));
    // Unpaid PKB of each missed year plus the 2% a month fine (capped at 24 months).
    taxArrears = annualTax * yearsLate + Math.round((annualTax * 0.02 * monthsLate) / 100) * 100;
    if (expiryYear - 5 > firstRegistrationYear && rng.chance(SAMSAT_SEED_RATES.expiredStnkWhenOverdue)) expiryYear -= 5;
  }

  return {
    kind: entry.kind,
    plate: uniquePlate(rng, usedPlates),
    brand: entry.brand,
    model: entry.model,
    manufactureYear,
    color: rng.pick(VEHICLE_COLORS),
    registrationExpiry: anniversary(expiryYear),
    taxDueDate,
    annualTax,
    taxArrears,
  };
}

function uniquePlate(rng: Rng, usedPlates: Set<string>): SeedVehicle['plate'] {
  for (;;) {
    const number = rng.int(1, 9999);
    const series = rng.pick(PEKANBARU_SERIES_FIRST_LETTERS) + rng.pick(SERIES_LETTERS);
    const key = `${number}${series}`;
    if (usedPlates.has(key)) continue;
    usedPlates.add(key);
    return { area: 'BM', number, series };
  }
}

function writeRow(rng: Rng, nik: string, ownerName: string, ownerAddress: string, vehicle: SeedVehicle): ExportRow {
  const plateNotation = weighted(rng, SAMSAT_SEED_RATES.plateNotation);
  const dateNotation = weighted(rng, SAMSAT_SEED_RATES.dateNotation);
  const amountNotation = weighted(rng, SAMSAT_SEED_RATES.amountNotation);
  const { area, number, series } = vehicle.plate;
  const plate =
    plateNotation === 'BM 1234 AJ'
      ? `${area} ${number} ${series}`
      : plateNotation === 'BM1234AJ'
        ? `${area}${number}${series}`
        : `${area}-${number}-${series}`.toLowerCase();
  const writeDate = (iso: string): string => {
    const [year, month, day] = iso.split('-');
    if (dateNotation === 'yyyymmdd') return `${year}${month}${day}`;
    if (dateNotation === 'dd-mm-yyyy') return `${day}-${month}-${year}`;
    return `${day}/${month}/${year}`;
  };
  const writeAmount = (amount: number): string => (amountNotation === '1.250.000' ? withThousandDots(amount) : String(amount));
  return {
    NO_POLISI: plate,
    NIK_PEMILIK: nik,
    NAMA_PEMILIK: ownerName,
    ALAMAT_PEMILIK: ownerAddress,
    JENIS_KB: vehicle.kind,
    MEREK: vehicle.brand,
    TIPE: vehicle.model,
    THN_BUAT: String(vehicle.manufactureYear),
    WARNA: vehicle.color,
    TGL_AKHIR_STNK: writeDate(vehicle.registrationExpiry),
    TGL_JT_PKB: writeDate(vehicle.taxDueDate),
    PKB_POKOK: writeAmount(vehicle.annualTax),
    TUNGGAKAN_PKB: vehicle.taxArrears === 0 ? (rng.chance(SAMSAT_SEED_RATES.noArrearsAsDash) ? '-' : '0') : writeAmount(vehicle.taxArrears),
  };
}

function weighted<T>(rng: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  let roll = rng.next();
  for (const [value, weight] of table) {
    if (roll < weight) return value;
    roll -= weight;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('empty weight table');
  return last[0];
}

function withThousandDots(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function monthsBetween(fromIso: string, toIso: string): number {
  const months = (Number(toIso.slice(0, 4)) - Number(fromIso.slice(0, 4))) * 12 + Number(toIso.slice(5, 7)) - Number(fromIso.slice(5, 7));
  return Math.max(0, months);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
