import { LegacyError } from '../../../../subgraphs/kit/errors';
import { toHealthInsurance } from '../../../../subgraphs/bpjs-kesehatan/health-insurance.mapper';

const NIK = '1471084507850001';

function peserta(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    noKartu: '0001234567890',
    nik: NIK,
    nama: 'SITI AMINAH',
    tglLahir: '1985-07-05',
    sex: 'P',
    hakKelas: { kode: '3', keterangan: 'KELAS III' },
    jenisPeserta: { kode: '11', keterangan: 'PBI (APBN)' },
    statusPeserta: { kode: '0', keterangan: 'AKTIF' },
    provUmum: { kdProvider: '04020801', nmProvider: 'PUSKESMAS SIDOMULYO' },
    tunggakan: 0,
    ...overrides,
  };
}

function map(overrides: Record<string, unknown> = {}) {
  const warn = jest.fn();
  const record = toHealthInsurance({ peserta: peserta(overrides) }, NIK, warn);
  return { record, warn };
}

describe('toHealthInsurance', () => {
  it('maps VClaim names, codes and notation to the clean record', () => {
    const { record, warn } = map();
    expect(record).toEqual({
      status: 'ACTIVE',
      active: true,
      cardNumber: '0001234567890',
      class: 'KELAS_3',
      memberType: 'PBI_APBN',
      primaryCareProvider: 'PUSKESMAS SIDOMULYO',
      arrears: 0,
      holderName: 'SITI AMINAH',
      holderBirthDate: '1985-07-05',
      holderSex: 'FEMALE',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps the holder name exactly as BPJS writes it (the crosscheck must see their copy)', () => {
    expect(map({ nama: 'Hj. siti  aminah' }).record.holderName).toBe('Hj. siti  aminah');
  });

  it('reads an inactive member with arrears', () => {
    const { record } = map({ statusPeserta: { kode: '1', keterangan: 'TIDAK AKTIF KARENA PREMI' }, tunggakan: 840000, jenisPeserta: { kode: '31', keterangan: 'PEKERJA MANDIRI' } });
    expect(record).toMatchObject({ status: 'INACTIVE', active: false, arrears: 840000, memberType: 'PBPU' });
  });

  it('accepts codes sent as numbers', () => {
    expect(map({ hakKelas: { kode: 1, keterangan: 'KELAS I' } }).record.class).toBe('KELAS_1');
  });

  it.each([
    ['hakKelas.kode', { hakKelas: { kode: '9', keterangan: 'KELAS VIP' } }, 'class'],
    ['hakKelas (inherited key)', { hakKelas: { kode: 'constructor', keterangan: '?' } }, 'class'],
    ['hakKelas missing', { hakKelas: null }, 'class'],
    ['jenisPeserta.kode', { jenisPeserta: { kode: '99', keterangan: 'LAINNYA' } }, 'memberType'],
    ['jenisPeserta (inherited key)', { jenisPeserta: { kode: 'toString', keterangan: '?' } }, 'memberType'],
    ['tglLahir impossible', { tglLahir: '1985-02-30' }, 'holderBirthDate'],
    ['tglLahir other notation', { tglLahir: '05-07-1985' }, 'holderBirthDate'],
    ['sex', { sex: 'X' }, 'holderSex'],
    ['noKartu too short', { noKartu: '12345' }, 'cardNumber'],
    ['noKartu as a number', { noKartu: 1234567890 }, 'cardNumber'],
    ['tunggakan negative', { tunggakan: -5 }, 'arrears'],
    ['tunggakan as text', { tunggakan: '0' }, 'arrears'],
    ['provUmum missing', { provUmum: {} }, 'primaryCareProvider'],
    ['nama empty', { nama: ' ' }, 'holderName'],
  ])('a bad %s becomes null with a warning, the rest stands', (_label, overrides, field) => {
    const { record, warn } = map(overrides);
    expect(record[field as keyof typeof record]).toBeNull();
    expect(record.status).toBe('ACTIVE');
    expect(warn).toHaveBeenCalledTimes(1);
    // Logs carry masked NIKs only.
    expect(JSON.stringify(warn.mock.calls)).not.toContain(NIK);
    expect(warn.mock.calls[0][0].nik).toBe('1471********0001');
  });

  it('treats an unknown non-zero status code as not active (VClaim: only "0" is AKTIF) and warns', () => {
    const { record, warn } = map({ statusPeserta: { kode: '7', keterangan: 'DIBLOKIR' } });
    expect(record).toMatchObject({ status: 'INACTIVE', active: false });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['no peserta', {}],
    ['peserta is a string', { peserta: 'x' }],
    ['no status code', { peserta: peserta({ statusPeserta: {} }) }],
    ['another person', { peserta: peserta({ nik: '1471080101900001' }) }],
  ])('rejects a broken shape as AGENCY_BAD_RESPONSE: %s', (_label, decoded) => {
    expect(() => toHealthInsurance(decoded, NIK, jest.fn())).toThrow(LegacyError);
    try {
      toHealthInsurance(decoded, NIK, jest.fn());
    } catch (error) {
      expect((error as LegacyError).code).toBe('AGENCY_BAD_RESPONSE');
    }
  });
});
