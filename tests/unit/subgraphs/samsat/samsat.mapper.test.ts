import { todayInPekanbaru } from '../../../../subgraphs/kit/pekanbaru-time';
import type { ExportRow } from '../../../../subgraphs/samsat/samsat-export.format';
import { mapVehicleRow, normalizePlate, parseRupiah, readSamsatDate } from '../../../../subgraphs/samsat/samsat.mapper';
import { vehicleTaxStatus } from '../../../../subgraphs/samsat/vehicle-tax-status';

const NIK = '1471081203850001';

function row(overrides: Partial<ExportRow> = {}): ExportRow {
  return {
    NO_POLISI: 'BM 1234 AJ',
    NIK_PEMILIK: NIK,
    NAMA_PEMILIK: 'AHMAD FAUZI',
    ALAMAT_PEMILIK: 'JL. SUDIRMAN NO. 12 RT 003 RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU',
    JENIS_KB: 'SPD. MOTOR',
    MEREK: 'HONDA',
    TIPE: 'VARIO 125',
    THN_BUAT: '2019',
    WARNA: 'HITAM',
    TGL_AKHIR_STNK: '14/03/2029',
    TGL_JT_PKB: '14/03/2026',
    PKB_POKOK: '287.500',
    TUNGGAKAN_PKB: '-',
    ...overrides,
  };
}

describe('normalizePlate', () => {
  it.each([
    ['BM 1234 AJ', 'BM 1234 AJ'],
    ['BM1234AJ', 'BM 1234 AJ'],
    ['bm-1234-aj', 'BM 1234 AJ'],
    [' BM.1234.AJ ', 'BM 1234 AJ'],
    ['bm  7 q', 'BM 7 Q'],
    ['B 1234 TJQ', 'B 1234 TJQ'],
    ['BM 1234', 'BM 1234'],
  ])('%s -> %s', (raw, expected) => expect(normalizePlate(raw)).toBe(expected));

  it.each(['', '1234', 'BM 0123 AJ', 'BM 12345 AJ', 'BMX 1 A', 'BM 12 ABCD', 'BM 12/AJ'])('refuses %p', (raw) =>
    expect(normalizePlate(raw)).toBeNull(),
  );
});

describe('readSamsatDate', () => {
  it.each([
    ['14/03/2026', '2026-03-14'],
    ['4/3/2026', '2026-03-04'],
    ['14-03-2026', '2026-03-14'],
    ['20260314', '2026-03-14'],
    ['2026-03-14', '2026-03-14'],
    ['14-MAR-26', '2026-03-14'],
    ['14-Agt-2026', '2026-08-14'],
    ['29/02/2028', '2028-02-29'],
  ])('%s -> %s', (raw, expected) => expect(readSamsatDate(raw)).toBe(expected));

  it.each(['31/02/2026', '29/02/2027', '14/13/2026', '20261301', '03/14/2026', '14-XYZ-26', 'besok', '14.03.2026'])(
    'refuses the impossible or unknown %p',
    (raw) => expect(readSamsatDate(raw)).toBeNull(),
  );
});

describe('parseRupiah', () => {
  it.each([
    ['1.250.000', 1_250_000],
    ['1250000', 1_250_000],
    ['Rp 1.250.000', 1_250_000],
    ['RP.287.500', 287_500],
    ['1.250.000,00', 1_250_000],
    ['0', 0],
    ['950', 950],
  ])('%s -> %d', (raw, expected) => expect(parseRupiah(raw)).toBe(expected));

  it.each(['1,250,000', '1.25.000', '1.250.000,50', 'gratis', '-5', '9.999.999.999'])('refuses %p', (raw) =>
    expect(parseRupiah(raw)).toBeNull(),
  );
});

describe('mapVehicleRow', () => {
  it('maps a clean row to a domain record, keeping the identity copies as held', () => {
    const warn = jest.fn();
    expect(mapVehicleRow(NIK, row({ NO_POLISI: 'bm-1234-aj', TGL_AKHIR_STNK: '20290314' }), warn)).toEqual({
      ownerNik: NIK,
      plateNumber: 'BM 1234 AJ',
      category: 'MOTORCYCLE',
      brand: 'HONDA',
      model: 'VARIO 125',
      manufactureYear: 2019,
      color: 'HITAM',
      registrationExpiry: '2029-03-14',
      taxDueDate: '2026-03-14',
      annualTax: 287_500,
      taxArrears: 0,
      ownerName: 'AHMAD FAUZI',
      // KEC. TAMPAN (Binawidya's former name) stays: the crosscheck must see SAMSAT's copy.
      ownerAddress: 'JL. SUDIRMAN NO. 12 RT 003 RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('maps JENIS_KB codes to categories', () => {
    const category = (code: string) => mapVehicleRow(NIK, row({ JENIS_KB: code }), jest.fn()).category;
    expect(['MINIBUS', 'jeep', 'PICK UP', 'LIGHT TRUCK', 'BUS', 'SPD  MOTOR'].map(category)).toEqual(['CAR', 'CAR', 'PICKUP', 'TRUCK', 'BUS', 'MOTORCYCLE']);
  });

  it('turns an unknown code, an impossible date and garbled values into null with one warning each', () => {
    const warn = jest.fn();
    const record = mapVehicleRow(
      NIK,
      row({ JENIS_KB: 'BECAK', TGL_JT_PKB: '31/02/2026', TGL_AKHIR_STNK: '??', PKB_POKOK: 'n/a', TUNGGAKAN_PKB: 'banyak', THN_BUAT: '19', NO_POLISI: 'XX' }),
      warn,
    );
    expect(record).toMatchObject({
      category: null,
      taxDueDate: null,
      registrationExpiry: null,
      annualTax: null,
      taxArrears: null,
      manufactureYear: null,
      plateNumber: null,
      brand: 'HONDA',
    });
    expect(warn.mock.calls.map(([column]) => column).sort()).toEqual(
      ['JENIS_KB', 'NO_POLISI', 'PKB_POKOK', 'TGL_AKHIR_STNK', 'TGL_JT_PKB', 'THN_BUAT', 'TUNGGAKAN_PKB'].sort(),
    );
  });

  it('reads blanks as unknown without a warning, and blank or 0 arrears as none', () => {
    const warn = jest.fn();
    const record = mapVehicleRow(NIK, row({ MEREK: '  ', TGL_AKHIR_STNK: '', TUNGGAKAN_PKB: '' }), warn);
    expect([record.brand, record.registrationExpiry, record.taxArrears]).toEqual([null, null, 0]);
    expect(mapVehicleRow(NIK, row({ TUNGGAKAN_PKB: '1.437.500' }), warn).taxArrears).toBe(1_437_500);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('vehicleTaxStatus', () => {
  const today = '2025-06-10';
  it.each([
    [{ taxDueDate: '2025-06-09', taxArrears: 0 }, 'OVERDUE'],
    [{ taxDueDate: '2026-01-01', taxArrears: 250_000 }, 'OVERDUE'],
    [{ taxDueDate: '2025-06-10', taxArrears: 0 }, 'DUE'],
    [{ taxDueDate: '2025-07-10', taxArrears: 0 }, 'DUE'],
    [{ taxDueDate: '2025-07-11', taxArrears: 0 }, 'PAID'],
    [{ taxDueDate: '2025-07-11', taxArrears: null }, 'PAID'],
    [{ taxDueDate: null, taxArrears: 0 }, null],
  ] as const)('%p -> %p', (vehicle, expected) => expect(vehicleTaxStatus(vehicle, today)).toBe(expected));

  it('takes the calendar date in Pekanbaru (UTC+7)', () => {
    expect(todayInPekanbaru(new Date('2025-06-10T16:59:59Z'))).toBe('2025-06-10');
    expect(todayInPekanbaru(new Date('2025-06-10T17:00:00Z'))).toBe('2025-06-11');
  });
});
