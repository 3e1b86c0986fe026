import { LegacyError } from '../../../../subgraphs/kit/errors';
import { asList, highestRisk, isoDateOf, toBusinesses } from '../../../../subgraphs/oss/business.mapper';
import { NO_REGION, regionOfId } from '../../../../subgraphs/oss/region-id.mapper';
import { OWNER, PARTNER, nibRecord } from './oss-fixtures';

function data(records: unknown[]): Record<string, unknown> {
  return { nik: OWNER, jumlah_nib: records.length, daftar_nib: records };
}

describe('regionOfId: OSS kd_wilayah (Home Affairs ids) -> district and regency', () => {
  it.each([
    ['14.71.08', '147108', 'BINAWIDYA', 'KOTA PEKANBARU'],
    ['147108', '147108', 'BINAWIDYA', 'KOTA PEKANBARU'],
    ['1471081001', '147108', 'BINAWIDYA', 'KOTA PEKANBARU'],
    ['14.71.08.1001', '147108', 'BINAWIDYA', 'KOTA PEKANBARU'],
    [' 14.71.06 ', '147106', 'RUMBAI BARAT', 'KOTA PEKANBARU'],
    ['14.71.12', '147112', 'RUMBAI', 'KOTA PEKANBARU'],
    ['147113', '147113', 'TUAHMADANI', 'KOTA PEKANBARU'],
    ['14.72.01', '147201', null, 'KOTA DUMAI'],
    ['1401062004', '140106', null, 'KABUPATEN KAMPAR'],
  ])('%s -> %s %s, %s', (value, regionCode, district, regency) => {
    expect(regionOfId(value)).toEqual({ regionCode, district, regency });
  });

  it('names a renamed district by its current name: OSS 1.1 wrote 14.71.08 when it was still TAMPAN', () => {
    expect(regionOfId('14.71.08')?.district).toBe('BINAWIDYA');
  });

  it('takes a JSON number (some ESB nodes send one) and a regency-only id', () => {
    expect(regionOfId(147105)).toEqual({ regionCode: '147105', district: 'SENAPELAN', regency: 'KOTA PEKANBARU' });
    expect(regionOfId('14.71')).toEqual({ regionCode: null, district: null, regency: 'KOTA PEKANBARU' });
  });

  it.each([null, undefined, '', '   '])('reads a blank id (%p) as unknown, not as an error', (value) => {
    expect(regionOfId(value)).toBe(NO_REGION);
  });

  it.each(['99.99.99', '31.71.01', '147199', '14.71.08.10', '14-71-08', 'PEKANBARU', '1471.08', true, 14.7108, -147108])(
    'refuses %p (not a known Riau region id)',
    (value) => {
      expect(regionOfId(value)).toBeUndefined();
    },
  );
});

describe('toBusinesses', () => {
  it('maps every record as seen from the requested NIK', () => {
    const warn = jest.fn();
    const shared = nibRecord({
      penanggung_jawab: [
        { nik: PARTNER, nama: 'SITI AMINAH', jabatan: 'DIREKTUR' },
        { nik: OWNER, nama: 'Rosniar', jabatan: 'KOMISARIS' },
      ],
    });
    const fromOwner = toBusinesses(data([shared]), OWNER, warn)[0];
    const fromPartner = toBusinesses({ nik: PARTNER, jumlah_nib: 1, daftar_nib: shared }, PARTNER, warn)[0];
    expect(fromOwner).toMatchObject({ ownerNik: OWNER, ownerName: 'Rosniar', ownerRole: 'KOMISARIS', coOwners: [{ nik: PARTNER }] });
    expect(fromPartner).toMatchObject({ ownerNik: PARTNER, ownerName: 'SITI AMINAH', ownerRole: 'DIREKTUR', coOwners: [{ nik: OWNER }] });
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps the owner name exactly as OSS holds it (the crosscheck must see OSS\'s copy)', () => {
    const record = nibRecord({ penanggung_jawab: [{ nik: OWNER, nama: 'h.  rosniar, S.E.', jabatan: 'PEMILIK' }] });
    expect(toBusinesses(data([record]), OWNER, jest.fn())[0]?.ownerName).toBe('h.  rosniar, S.E.');
  });

  it('leaves out a co-owner whose NIK is not valid, warning without the value', () => {
    const warn = jest.fn();
    const record = nibRecord({
      penanggung_jawab: [
        { nik: OWNER, nama: 'ROSNIAR', jabatan: 'PESERO AKTIF' },
        { nik: '1.47108E+15', nama: 'X', jabatan: 'PESERO KOMANDITER' },
        { nik: PARTNER, nama: 'Y', jabatan: 'PESERO KOMANDITER' },
        { nik: PARTNER, nama: 'Y', jabatan: 'PESERO KOMANDITER' },
      ],
    });
    expect(toBusinesses(data([record]), OWNER, warn)[0]?.coOwners).toEqual([{ nik: PARTNER }]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).not.toContain('1.47108E+15');
  });

  it.each([
    [['Rendah', 'Menengah Rendah'], 'MEDIUM_LOW'],
    [['menengah_tinggi', 'R'], 'MEDIUM_HIGH'],
    [['MR', 'TINGGI', 'Rendah'], 'HIGH'],
  ])('rates a business by its riskiest activity: %p -> %s', (levels, expected) => {
    const record = nibRecord({ data_kbli: levels.map((level, index) => ({ kbli: `5610${index}`, judul_kbli: 'x', tingkat_risiko: level })) });
    expect(toBusinesses(data([record]), OWNER, jest.fn())[0]?.riskLevel).toBe(expected);
  });

  it('reads the scale with or without "Usaha", and UMK from it', () => {
    const scales = ['MIKRO', 'Usaha Kecil', 'menengah', 'BESAR'].map((skala) => toBusinesses(data([nibRecord({ skala_usaha: skala })]), OWNER, jest.fn())[0]);
    expect(scales.map((business) => [business?.scale, business?.umk])).toEqual([
      ['MICRO', true],
      ['SMALL', true],
      ['MEDIUM', false],
      ['LARGE', false],
    ]);
  });

  it('reads every licence kind and status, and a licence in process without number or date', () => {
    const record = nibRecord({
      data_izin: [
        { jenis_izin: 'SS', nama_izin: 'Sertifikat Standar', nomor_izin: '', kbli: '56101', tgl_terbit_izin: null, tgl_berlaku_sampai: null, status_izin: 'DALAM PROSES' },
        { jenis_izin: 'IZIN', nama_izin: 'Surat Izin Apotek', nomor_izin: '91200012345670002', kbli: '47721', tgl_terbit_izin: '2023-01-05', tgl_berlaku_sampai: null, status_izin: 'DIBEKUKAN' },
        { jenis_izin: 'PB_UMKU', nama_izin: 'SPP-IRT', nomor_izin: 'P-IRT 2061471010123-27', kbli: '10710', tgl_terbit_izin: '2022-05-01', tgl_berlaku_sampai: '2027-05-01', status_izin: 'KEDALUWARSA' },
        { jenis_izin: 'nib', nama_izin: 'NIB', nomor_izin: '9120001234567', kbli: '', tgl_terbit_izin: '2022-03-14', tgl_berlaku_sampai: '', status_izin: 'DICABUT' },
      ],
    });
    const warn = jest.fn();
    expect(toBusinesses(data([record]), OWNER, warn)[0]?.licences).toEqual([
      { kind: 'STANDARD_CERTIFICATE', name: 'Sertifikat Standar', number: null, activityCode: '56101', issuedOn: null, validUntil: null, status: 'IN_PROCESS' },
      { kind: 'LICENCE', name: 'Surat Izin Apotek', number: '91200012345670002', activityCode: '47721', issuedOn: '2023-01-05', validUntil: null, status: 'SUSPENDED' },
      { kind: 'PB_UMKU', name: 'SPP-IRT', number: 'P-IRT 2061471010123-27', activityCode: '10710', issuedOn: '2022-05-01', validUntil: '2027-05-01', status: 'EXPIRED' },
      { kind: 'NIB', name: 'NIB', number: '9120001234567', activityCode: null, issuedOn: '2022-03-14', validUntil: null, status: 'REVOKED' },
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns and gives [] for a nested list that is not a list, keeping the record', () => {
    const warn = jest.fn();
    const [business] = toBusinesses(data([nibRecord({ data_izin: 7 })]), OWNER, warn);
    expect(business?.licences).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ field: 'data_izin' }), expect.stringContaining('not a list'));
  });

  it('refuses a broken shape as a whole', () => {
    expect(() => toBusinesses('x', OWNER, jest.fn())).toThrow(LegacyError);
    expect(() => toBusinesses({ ...data([]), nik: PARTNER }, OWNER, jest.fn())).toThrow(/not the NIK asked for/);
    expect(() => toBusinesses({ nik: OWNER, jumlah_nib: '2', daftar_nib: [nibRecord()] }, OWNER, jest.fn())).toThrow(/cut answer/);
  });

  it('takes jumlah_nib as a number or a numeric string, and an empty list as null', () => {
    expect(toBusinesses({ nik: OWNER, jumlah_nib: '1', daftar_nib: nibRecord() }, OWNER, jest.fn())).toHaveLength(1);
    expect(toBusinesses({ nik: OWNER, jumlah_nib: 0, daftar_nib: null }, OWNER, jest.fn())).toEqual([]);
  });
});

describe('helpers', () => {
  it.each([
    ['2022-03-14', '2022-03-14'],
    ['2022-03-14 10:22:31', '2022-03-14'],
    ['2022-03-14T10:22', '2022-03-14'],
    ['2024-02-29 00:00:00.000', '2024-02-29'],
    ['2023-02-29', undefined],
    ['14-03-2022', undefined],
    ['2022-03-14T03:22:31Z', undefined],
    ['20220314', undefined],
  ])('isoDateOf(%p) = %p', (value, expected) => {
    expect(isoDateOf(value)).toBe(expected);
  });

  it('asList reads the ESB quirk', () => {
    expect(asList([1, 2])).toEqual([1, 2]);
    expect(asList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asList(null)).toEqual([]);
    expect(asList('')).toEqual([]);
    expect(asList(5)).toBeUndefined();
  });

  it('highestRisk is null for no activity or an unreadable one', () => {
    expect(highestRisk([])).toBeNull();
    expect(highestRisk([{ code: '1', title: null, riskLevel: 'HIGH' }, { code: '2', title: null, riskLevel: null }])).toBeNull();
  });
});
