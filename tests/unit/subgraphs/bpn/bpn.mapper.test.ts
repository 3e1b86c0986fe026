import { digitsOfLength, mapViewRows, readKkpDate } from '../../../../subgraphs/bpn/bpn.mapper';
import type { ViewRow } from '../../../../subgraphs/bpn/bpn-view.columns';

const OWNER = '1471081203850001';
const SPOUSE = '1471084512900002';

function row(overrides: Partial<Record<keyof ViewRow, unknown>> = {}): ViewRow {
  return {
    nik_pemilik: OWNER,
    nama_pemilik: 'AHMAD FAUZI',
    no_sertipikat: '04051101100123',
    nib: '0405110100456',
    jenis_hak: 'HM',
    luas_m2: 250,
    desa: 'SIMPANG BARU',
    kecamatan: 'TAMPAN',
    kabupaten: 'KOTA PEKANBARU',
    tgl_daftar: '14-03-2012',
    tgl_berakhir_hak: null,
    bagian: null,
    ...overrides,
  };
}

function mapOne(overrides: Partial<Record<keyof ViewRow, unknown>>): { parcel: Record<string, unknown>; warnings: string[] } {
  const warnings: string[] = [];
  const found = mapViewRows([OWNER], [row(overrides)], (_nik, column) => warnings.push(column));
  return { parcel: found.get(OWNER)![0] as unknown as Record<string, unknown>, warnings };
}

describe('bpn mapper', () => {
  it.each([
    ['14-03-2012', '2012-03-14'],
    ['14/03/2012', '2012-03-14'],
    ['2012-03-14', '2012-03-14'],
    [' 01-01-2001 ', '2001-01-01'],
    ['31-02-2019', null],
    ['2012-14-03', null],
    ['14-3-2012', null],
    ['03/14/2012', null],
    ['', null],
  ])('reads KKP date %j as %j', (raw, expected) => {
    expect(readKkpDate(raw)).toBe(expected);
  });

  it('reads a DATE column handed over by node-postgres as a local-midnight Date', () => {
    expect(readKkpDate(new Date(2015, 5, 5))).toBe('2015-06-05');
  });

  it.each([
    ['04051101100123', 14, '04051101100123'],
    ['04.05.11.01.1.00123', 14, '04051101100123'],
    ['04 05 11 01 1 00123', 14, '04051101100123'],
    ['0405110110012', 14, null],
    ['04O51101100123', 14, null],
    ['04.05.11.01.00456', 13, '0405110100456'],
  ])('reads number %j (%i digits) as %j', (raw, length, expected) => {
    expect(digitsOfLength(raw, length)).toBe(expected);
  });

  it.each([
    [{ luas_m2: '250.00' }, 250],
    [{ luas_m2: '120.40' }, 120],
    [{ luas_m2: 120.6 }, 121],
    [{ luas_m2: 20000 }, 20000],
  ])('reads the area %j from either driver as %i whole m²', (overrides, expected) => {
    expect(mapOne(overrides)).toEqual({ parcel: expect.objectContaining({ areaSquareMeters: expected }), warnings: [] });
  });

  it.each([
    [{ luas_m2: 0 }, 'areaSquareMeters', 'luas_m2'],
    [{ luas_m2: -5 }, 'areaSquareMeters', 'luas_m2'],
    [{ luas_m2: 'LUAS?' }, 'areaSquareMeters', 'luas_m2'],
    [{ jenis_hak: 'HPL' }, 'rightType', 'jenis_hak'],
    [{ jenis_hak: null }, 'rightType', 'jenis_hak'],
    [{ jenis_hak: 'constructor' }, 'rightType', 'jenis_hak'],
    [{ tgl_daftar: '30-02-2020' }, 'registeredOn', 'tgl_daftar'],
    [{ tgl_berakhir_hak: '2045' }, 'rightExpiresOn', 'tgl_berakhir_hak'],
    [{ bagian: '3/2' }, 'ownershipShare', 'bagian'],
    [{ bagian: '0/2' }, 'ownershipShare', 'bagian'],
    [{ bagian: 'SEPARUH' }, 'ownershipShare', 'bagian'],
    [{ no_sertipikat: '1234' }, 'certificateNumber', 'no_sertipikat'],
    [{ nib: '04051101004567' }, 'parcelId', 'nib'],
  ])('makes %j null with one warning', (overrides, field, column) => {
    const { parcel, warnings } = mapOne(overrides);
    expect(parcel[field]).toBeNull();
    expect(warnings).toEqual([column]);
  });

  it('reads right types case- and space-insensitively', () => {
    expect(mapOne({ jenis_hak: ' hgb ' }).parcel.rightType).toBe('HGB');
    expect(mapOne({ jenis_hak: 'HMSRS' }).parcel.rightType).toBe('HMSRS');
  });

  it('keeps the holder name exactly as held (the identity copy), blank is null', () => {
    expect(mapOne({ nama_pemilik: 'Ahmad  Fauzi ' }).parcel.ownerName).toBe('Ahmad  Fauzi ');
    expect(mapOne({ nama_pemilik: '   ' }).parcel.ownerName).toBeNull();
  });

  it('reads blank values as unknown without a warning; a blank share of a sole holder is 1/1', () => {
    const { parcel, warnings } = mapOne({ desa: ' ', tgl_daftar: '', luas_m2: null, bagian: '' });
    expect([parcel.village, parcel.registeredOn, parcel.areaSquareMeters, parcel.ownershipShare]).toEqual([null, null, null, '1/1']);
    expect(warnings).toEqual([]);
  });

  it('groups co-holders by certificate, skips invalid co-holder NIKs, leaves an unrecorded shared share null', () => {
    const rows = [
      row({ bagian: '' }),
      row({ nik_pemilik: SPOUSE, nama_pemilik: 'SITI AMINAH', bagian: '' }),
      row({ nik_pemilik: '1.47108E+15', nama_pemilik: 'SPREADSHEET' }),
      row({ no_sertipikat: '04051101100124', nib: '0405110100457', bagian: ' 1 / 1 ' }),
    ];
    const found = mapViewRows([OWNER], rows, () => undefined);
    expect(found.get(OWNER)?.map((parcel) => [parcel.certificateNumber, parcel.ownershipShare, parcel.coOwnerNiks])).toEqual([
      ['04051101100123', null, [SPOUSE]],
      ['04051101100124', '1/1', []],
    ]);
    expect(found.has(SPOUSE)).toBe(false);
  });

  it('makes one parcel of a holder entered twice on one certificate, and keeps a row without certificate number', () => {
    const found = mapViewRows([OWNER], [row(), row(), row({ no_sertipikat: null, nib: '0405110100999' })], () => undefined);
    expect(found.get(OWNER)?.map((parcel) => [parcel.certificateNumber, parcel.parcelId])).toEqual([
      ['04051101100123', '0405110100456'],
      [null, '0405110100999'],
    ]);
  });

  it('reads a NIK column that a hand-made dump declared INTEGER', () => {
    expect(mapViewRows([OWNER], [row({ nik_pemilik: Number(OWNER) })], () => undefined).get(OWNER)).toHaveLength(1);
  });
});
