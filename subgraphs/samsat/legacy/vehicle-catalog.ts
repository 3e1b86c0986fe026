import type { VehicleCategoryName } from '../samsat.records';

/** Makes and types common on Pekanbaru's roads, by category, for the seed. */
export interface CatalogEntry {
  brand: string;
  model: string;
  /** JENIS_KB as written on this type's STNK. */
  kind: string;
  /** Annual PKB range in thousands of rupiah for a recent vehicle of this type. */
  taxRangeK: readonly [number, number];
}

export const VEHICLE_CATALOG: Readonly<Record<Exclude<VehicleCategoryName, 'BUS'>, readonly CatalogEntry[]>> = {
  MOTORCYCLE: [
    { brand: 'HONDA', model: 'BEAT', kind: 'SPD. MOTOR', taxRangeK: [160, 260] },
    { brand: 'HONDA', model: 'BEAT', kind: 'SPD. MOTOR', taxRangeK: [160, 260] },
    { brand: 'HONDA', model: 'VARIO 125', kind: 'SPD. MOTOR', taxRangeK: [230, 330] },
    { brand: 'HONDA', model: 'SCOOPY', kind: 'SPD. MOTOR', taxRangeK: [220, 300] },
    { brand: 'HONDA', model: 'SUPRA X 125', kind: 'SPD. MOTOR', taxRangeK: [180, 260] },
    { brand: 'HONDA', model: 'PCX 160', kind: 'SPD. MOTOR', taxRangeK: [380, 520] },
    { brand: 'YAMAHA', model: 'MIO M3 125', kind: 'SPD. MOTOR', taxRangeK: [170, 250] },
    { brand: 'YAMAHA', model: 'NMAX 155', kind: 'SPD. MOTOR', taxRangeK: [380, 560] },
    { brand: 'YAMAHA', model: 'AEROX 155', kind: 'SPD. MOTOR', taxRangeK: [350, 500] },
    { brand: 'YAMAHA', model: 'JUPITER Z1', kind: 'SPD. MOTOR', taxRangeK: [170, 240] },
    { brand: 'SUZUKI', model: 'SATRIA F150', kind: 'SPD. MOTOR', taxRangeK: [230, 330] },
    { brand: 'SUZUKI', model: 'NEX II', kind: 'SPD. MOTOR', taxRangeK: [150, 220] },
    { brand: 'KAWASAKI', model: 'NINJA 250', kind: 'SPD. MOTOR', taxRangeK: [700, 1100] },
  ],
  CAR: [
    { brand: 'TOYOTA', model: 'AVANZA 1.3 G', kind: 'MINIBUS', taxRangeK: [2600, 3600] },
    { brand: 'TOYOTA', model: 'INNOVA 2.0 G', kind: 'MINIBUS', taxRangeK: [4500, 6500] },
    { brand: 'TOYOTA', model: 'CALYA 1.2 E', kind: 'MINIBUS', taxRangeK: [1700, 2300] },
    { brand: 'TOYOTA', model: 'FORTUNER 2.4 VRZ', kind: 'JEEP', taxRangeK: [8000, 11500] },
    { brand: 'DAIHATSU', model: 'XENIA 1.3 R', kind: 'MINIBUS', taxRangeK: [2400, 3300] },
    { brand: 'DAIHATSU', model: 'AYLA 1.0 M', kind: 'MINIBUS', taxRangeK: [1400, 1900] },
    { brand: 'DAIHATSU', model: 'TERIOS 1.5 X', kind: 'JEEP', taxRangeK: [3000, 4000] },
    { brand: 'MITSUBISHI', model: 'XPANDER 1.5 GLS', kind: 'MINIBUS', taxRangeK: [3300, 4400] },
    { brand: 'MITSUBISHI', model: 'PAJERO SPORT 2.4 DAKAR', kind: 'JEEP', taxRangeK: [8500, 12000] },
    { brand: 'HONDA', model: 'BRIO SATYA 1.2 E', kind: 'MINIBUS', taxRangeK: [1700, 2300] },
    { brand: 'SUZUKI', model: 'ERTIGA 1.5 GL', kind: 'MINIBUS', taxRangeK: [2800, 3700] },
    { brand: 'TOYOTA', model: 'VIOS 1.5 G', kind: 'SEDAN', taxRangeK: [3200, 4300] },
    { brand: 'HONDA', model: 'CITY 1.5 E', kind: 'SEDAN', taxRangeK: [3300, 4400] },
  ],
  PICKUP: [
    { brand: 'MITSUBISHI', model: 'L300 PICK UP', kind: 'PICK UP', taxRangeK: [1800, 2600] },
    { brand: 'DAIHATSU', model: 'GRAN MAX PU 1.5', kind: 'PICK UP', taxRangeK: [1300, 1900] },
    { brand: 'SUZUKI', model: 'CARRY PU 1.5', kind: 'PICK UP', taxRangeK: [1300, 1900] },
    { brand: 'TOYOTA', model: 'HILUX 2.4 D-CAB', kind: 'PICK UP', taxRangeK: [4500, 6500] },
  ],
  TRUCK: [
    { brand: 'MITSUBISHI', model: 'COLT DIESEL FE 74', kind: 'LIGHT TRUCK', taxRangeK: [2800, 4200] },
    { brand: 'ISUZU', model: 'ELF NMR 71', kind: 'TRUK', taxRangeK: [2600, 3900] },
    { brand: 'HINO', model: 'DUTRO 130 HD', kind: 'LIGHT TRUCK', taxRangeK: [3000, 4500] },
  ],
};

/** STNK colours as SAMSAT writes them. */
export const VEHICLE_COLORS: readonly string[] = [
  'HITAM',
  'HITAM',
  'PUTIH',
  'PUTIH',
  'MERAH',
  'SILVER METALIK',
  'ABU-ABU METALIK',
  'BIRU',
  'HITAM MERAH',
  'PUTIH BIRU',
  'COKLAT',
];

/** Pekanbaru's registration series start with one of these letters (DOMAIN.md, "Vehicle plate"). */
export const PEKANBARU_SERIES_FIRST_LETTERS: readonly string[] = ['A', 'J', 'L', 'N', 'Q', 'T'];

/** Second and third series letters in use (I, O, Q avoided: they read as digits). */
export const SERIES_LETTERS: readonly string[] = 'ABCDEFGHJKLMNPRSTUVWXYZ'.split('');
