import { isoFromSippTkDate, toEmploymentInsurance } from '../../../../subgraphs/bpjs-ketenagakerjaan/employment-insurance.mapper';
import { sippTkDateFromIso } from '../../../../subgraphs/bpjs-ketenagakerjaan/sipp-tk.wire';
import { BUDI, BUDI_RECORD, SITI, budiRow } from './sipp-tk-fixtures';

function map(overrides: Record<string, unknown>) {
  const warn = jest.fn();
  const record = toEmploymentInsurance(budiRow(overrides), BUDI, warn);
  const fields = warn.mock.calls.map(([details]) => (details as { field: string }).field);
  return { record, fields, warn };
}

describe('toEmploymentInsurance', () => {
  it('maps a full SIPP-TK row to the clean record without warnings', () => {
    const { record, fields } = map({});
    expect(record).toEqual(BUDI_RECORD);
    expect(fields).toEqual([]);
  });

  it('refuses a row that is not an object or is about another NIK', () => {
    expect(() => toEmploymentInsurance(null, BUDI, jest.fn())).toThrow(expect.objectContaining({ code: 'AGENCY_BAD_RESPONSE' }));
    expect(() => toEmploymentInsurance(budiRow({ NIK: SITI }), BUDI, jest.fn())).toThrow(expect.objectContaining({ code: 'AGENCY_BAD_RESPONSE' }));
    // A NIK sent as a JSON number (precision lost) is not the NIK asked for.
    expect(() => toEmploymentInsurance(budiRow({ NIK: Number(BUDI) }), BUDI, jest.fn())).toThrow(/another NIK/);
  });

  it.each([
    ['AKTIF', 'ACTIVE', true],
    ['  aktif ', 'ACTIVE', true],
    ['NON AKTIF', 'INACTIVE', false],
    ['Non  Aktif', 'INACTIVE', false],
    ['NONAKTIF', 'INACTIVE', false],
    ['TIDAK AKTIF', 'INACTIVE', false],
  ])('reads STATUS_KEPESERTAAN %j as %s', (label, status, active) => {
    const { record, fields } = map({ STATUS_KEPESERTAAN: label });
    expect(record).toMatchObject({ status, active });
    expect(fields).toEqual([]);
  });

  it('an unknown status label: status null, not active, a warning', () => {
    const { record, fields } = map({ STATUS_KEPESERTAAN: 'MENUNGGU VERIFIKASI' });
    expect(record).toMatchObject({ status: null, active: false });
    expect(fields).toEqual(['STATUS_KEPESERTAAN']);
  });

  it.each([
    ['PU', 'WAGE_EARNER'],
    ['bpu', 'NON_WAGE_EARNER'],
    ['PMI', 'MIGRANT_WORKER'],
    ['JAKON', 'CONSTRUCTION_WORKER'],
  ])('reads SEGMEN %s as %s', (code, segment) => {
    expect(map({ SEGMEN: code }).record.segment).toBe(segment);
  });

  it.each([['PNS'], ['constructor'], [7], [null]])('SEGMEN %j outside the code list -> null + warning', (value) => {
    const { record, fields } = map({ SEGMEN: value });
    expect(record.segment).toBeNull();
    expect(fields).toEqual(['SEGMEN']);
  });

  it('lists programmes in our fixed order, without duplicates; JPK is dropped quietly, an unknown code with a warning', () => {
    expect(map({ PROGRAM: 'JKP, jp ,JKM,JKK,JHT,JHT' }).record.programmes).toEqual(['OLD_AGE_SAVINGS', 'WORK_ACCIDENT', 'DEATH', 'PENSION', 'JOB_LOSS']);
    const withJpk = map({ PROGRAM: 'JKK;JKM;JPK' });
    expect(withJpk.record.programmes).toEqual(['WORK_ACCIDENT', 'DEATH']);
    expect(withJpk.fields).toEqual([]);
    const unknown = map({ PROGRAM: 'JKK,JKM,BSU' });
    expect(unknown.record.programmes).toEqual(['WORK_ACCIDENT', 'DEATH']);
    expect(unknown.fields).toEqual(['PROGRAM']);
    expect(map({ PROGRAM: '' }).record.programmes).toEqual([]);
    const missing = map({ PROGRAM: null });
    expect(missing.record.programmes).toBeNull();
    expect(missing.fields).toEqual(['PROGRAM']);
  });

  it.each([
    ['12500000.00', 12_500_000],
    ['12500000.99', 12_500_000],
    ['12500000.5', 12_500_000],
    ['0.00', 0],
    ['735', 735],
    [' 2147483647.99 ', 2_147_483_647],
  ])('SALDO_JHT %j -> %i whole rupiah (sen dropped)', (saldo, rupiah) => {
    const { record, fields } = map({ SALDO_JHT: saldo });
    expect(record.oldAgeSavingsBalance).toBe(rupiah);
    expect(fields).toEqual([]);
  });

  it.each([[null], [''], [undefined]])('SALDO_JHT %j (no JHT account) -> null without a warning', (saldo) => {
    const { record, fields } = map({ SALDO_JHT: saldo });
    expect(record.oldAgeSavingsBalance).toBeNull();
    expect(fields).toEqual([]);
  });

  it.each([['12.500.000,00'], ['-1500.00'], ['1,5 JT'], [12500000], ['2147483648.00'], ['99999999999999.00']])(
    'SALDO_JHT %j -> null with a warning (not rupiah, or beyond GraphQL Int)',
    (saldo) => {
      const { record, fields } = map({ SALDO_JHT: saldo });
      expect(record.oldAgeSavingsBalance).toBeNull();
      expect(fields).toEqual(['SALDO_JHT']);
    },
  );

  it('reads dd/MM/yyyy dates (leading zeros optional); an impossible date or another notation -> null + warning', () => {
    expect(map({ TGL_LAHIR: '7/3/1985', TGL_KEPESERTAAN: '2/5/2009' }).record).toMatchObject({ holderBirthDate: '1985-03-07', memberSince: '2009-05-02' });
    const bad = map({ TGL_LAHIR: '29/02/1985', TGL_KEPESERTAAN: '2009-05-02' });
    expect(bad.record).toMatchObject({ holderBirthDate: null, memberSince: null });
    expect(bad.fields).toEqual(['TGL_KEPESERTAAN', 'TGL_LAHIR']);
    expect(isoFromSippTkDate('29/02/2000')).toBe('2000-02-29');
    expect(isoFromSippTkDate('13/13/2000')).toBeUndefined();
    expect(sippTkDateFromIso('1985-03-07')).toBe('07/03/1985');
  });

  it('employer: null when NPP and name are empty; a bad NPP alone becomes null with a warning', () => {
    expect(map({ NPP: null, NAMA_PERUSAHAAN: null }).record.employer).toBeNull();
    expect(map({ NPP: '', NAMA_PERUSAHAAN: '  ' }).record.employer).toBeNull();
    const bad = map({ NPP: '1401-0027' });
    expect(bad.record.employer).toEqual({ registrationNumber: null, name: 'PT RIAU SAWIT LESTARI' });
    expect(bad.fields).toEqual(['NPP']);
    expect(map({ NAMA_PERUSAHAAN: null }).record.employer).toEqual({ registrationNumber: '14010027', name: null });
  });

  it('KPJ must be a string of 11 digits (a JSON number has lost its leading zero)', () => {
    const asNumber = map({ KPJ: 9123456789 });
    expect(asNumber.record.membershipNumber).toBeNull();
    expect(asNumber.fields).toEqual(['KPJ']);
    expect(map({ KPJ: '0912345678' }).record.membershipNumber).toBeNull();
  });

  it('keeps the holder name verbatim (the crosscheck must see SIPP-TK\'s copy); a missing name -> null + warning', () => {
    expect(map({ NAMA_PESERTA: 'budi  santoso ' }).record.holderName).toBe('budi  santoso ');
    const missing = map({ NAMA_PESERTA: '   ' });
    expect(missing.record.holderName).toBeNull();
    expect(missing.fields).toEqual(['NAMA_PESERTA']);
  });

  it('masks the NIK in every warning', () => {
    const { warn } = map({ SEGMEN: 'X', TGL_LAHIR: 'kemarin' });
    for (const [details] of warn.mock.calls) expect((details as { nik: string }).nik).toBe('1471********0001');
  });
});
