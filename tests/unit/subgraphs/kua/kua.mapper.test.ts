import type { ExportRow } from '../../../../subgraphs/kua/kua-export.format';
import { certificateFormatOf, mapMarriageRow, readSimkahDate, recordsOf } from '../../../../subgraphs/kua/kua.mapper';

const HUSBAND = '1471081203850001';
const WIFE = '1471024507900002';

function row(overrides: Partial<ExportRow> = {}): ExportRow {
  return {
    NO_AKTA: '1471081032023007',
    KODE_KUA: '1471081',
    NAMA_KUA: 'KUA KECAMATAN BINAWIDYA',
    TGL_AKAD: '12-03-2023',
    TEMPAT_AKAD: 'KANTOR',
    LOKASI_AKAD: 'BALAI NIKAH KUA KEC. BINAWIDYA',
    NIK_SUAMI: HUSBAND,
    NAMA_SUAMI: 'AHMAD FAUZI',
    TGL_LAHIR_SUAMI: '12-03-1985',
    NIK_ISTRI: WIFE,
    NAMA_ISTRI: 'Siti  Aminah',
    TGL_LAHIR_ISTRI: '05-07-1990',
    STATUS_NIKAH: 'TERCATAT',
    ...overrides,
  };
}

describe('certificateFormatOf', () => {
  it.each([
    ['1471081032023007', 'NEW_16_DIGIT'],
    ['1471081102022001', 'NEW_16_DIGIT'],
    ['1234/01/XII/2023', 'OLD_FREE_TEXT'],
    ['0123/045/IV/2015', 'OLD_FREE_TEXT'],
    ['Kk.04.2.08/PW.01/0123/2015', 'OLD_FREE_TEXT'],
    [' 12/08/III/1990 ', 'OLD_FREE_TEXT'],
  ])('%s -> %s', (number, expected) => expect(certificateFormatOf(number)).toBe(expected));

  it.each([
    ['147108103202300', 'fifteen digits'],
    ['1471081132023007', 'month 13'],
    ['1471081092022001', 'September 2022, before the 16-digit scheme'],
    ['1.47108E+15', 'a spreadsheet round trip'],
    ['BELUM ADA', 'no number'],
    ['/', 'a bare slash'],
  ])('refuses %s (%s)', (number) => expect(certificateFormatOf(number)).toBeNull());
});

describe('readSimkahDate', () => {
  it.each([
    ['12-03-2023', '2023-03-12'],
    ['5-3-1998', '1998-03-05'],
    ['1988-04-17 00:00:00', '1988-04-17'],
    ['1988-04-17', '1988-04-17'],
    ['29-02-2024', '2024-02-29'],
  ])('%s -> %s', (raw, expected) => expect(readSimkahDate(raw)).toBe(expected));

  it.each(['31-02-2020', '29-02-2023', '12-13-2023', '2023-02-30 00:00:00', '03/12/2023', '12-03-23', 'kemarin', '00-00-0000'])(
    'refuses the impossible or unknown %p',
    (raw) => expect(readSimkahDate(raw)).toBeNull(),
  );
});

describe('mapMarriageRow and recordsOf', () => {
  it('maps a clean line; names stay exactly as held (double space and case included)', () => {
    const warn = jest.fn();
    const entry = mapMarriageRow(row(), warn);
    expect(entry).toEqual({
      certificateNumber: '1471081032023007',
      certificateFormat: 'NEW_16_DIGIT',
      kuaCode: '1471081',
      kuaOffice: 'KUA KECAMATAN BINAWIDYA',
      marriedOn: '2023-03-12',
      venue: 'KUA_OFFICE',
      place: 'BALAI NIKAH KUA KEC. BINAWIDYA',
      status: 'REGISTERED',
      husband: { nik: HUSBAND, name: 'AHMAD FAUZI', birthDate: '1985-03-12' },
      wife: { nik: WIFE, name: 'Siti  Aminah', birthDate: '1990-07-05' },
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('gives each spouse their own record: own role and copies, the other as spouse', () => {
    const [husband, wife] = recordsOf(mapMarriageRow(row(), jest.fn()));
    expect(husband).toMatchObject({ holderNik: HUSBAND, role: 'HUSBAND', holderName: 'AHMAD FAUZI', holderBirthDate: '1985-03-12', spouseNik: WIFE, spouseName: 'Siti  Aminah' });
    expect(wife).toMatchObject({ holderNik: WIFE, role: 'WIFE', holderName: 'Siti  Aminah', holderBirthDate: '1990-07-05', spouseNik: HUSBAND, spouseName: 'AHMAD FAUZI' });
    expect(husband!.certificateNumber).toBe(wife!.certificateNumber);
  });

  it('reads the older notations: free-text number, migrated datetimes, DI LUAR KUA, CERAI TALAK', () => {
    const entry = mapMarriageRow(
      row({ NO_AKTA: '0123/045/IV/2015', TGL_AKAD: '2015-04-11 00:00:00', TEMPAT_AKAD: 'di luar  kua', STATUS_NIKAH: 'cerai talak', TGL_LAHIR_ISTRI: '1990-07-05 00:00:00' }),
      jest.fn(),
    );
    expect([entry.certificateFormat, entry.marriedOn, entry.venue, entry.status, entry.wife.birthDate]).toEqual([
      'OLD_FREE_TEXT',
      '2015-04-11',
      'OUTSIDE_OFFICE',
      'DIVORCED',
      '1990-07-05',
    ]);
  });

  it('turns unknown codes, impossible dates and bad NIKs into null with one warning each', () => {
    const warn = jest.fn();
    const entry = mapMarriageRow(
      row({ NO_AKTA: '1.47108E+15', TGL_AKAD: '31-02-2020', TEMPAT_AKAD: 'ONLINE', STATUS_NIKAH: 'RUJUK', KODE_KUA: 'KUA08', NIK_ISTRI: '1471024507900000', TGL_LAHIR_SUAMI: '12-13-1985' }),
      warn,
    );
    expect(entry).toMatchObject({
      certificateNumber: '1.47108E+15',
      certificateFormat: null,
      marriedOn: null,
      venue: null,
      status: null,
      kuaCode: null,
      husband: { nik: HUSBAND, birthDate: null },
      wife: { nik: null, name: 'Siti  Aminah' },
    });
    expect(warn.mock.calls.map(([column]) => column).sort()).toEqual(
      ['KODE_KUA', 'NIK_ISTRI', 'NO_AKTA', 'STATUS_NIKAH', 'TEMPAT_AKAD', 'TGL_AKAD', 'TGL_LAHIR_SUAMI'].sort(),
    );
    // The husband still sees the marriage; the wife's NIK is unknown, so no record for her side.
    expect(recordsOf(entry).map((record) => [record.role, record.spouseNik])).toEqual([['HUSBAND', null]]);
  });

  it('reads blanks and the MySQL zero date as unknown without a warning', () => {
    const warn = jest.fn();
    const entry = mapMarriageRow(row({ NO_AKTA: ' ', NIK_ISTRI: '', TGL_LAHIR_ISTRI: '00-00-0000', TGL_AKAD: '0000-00-00 00:00:00', LOKASI_AKAD: '' }), warn);
    expect([entry.certificateNumber, entry.certificateFormat, entry.wife.nik, entry.wife.birthDate, entry.marriedOn, entry.place]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(warn).not.toHaveBeenCalled();
  });
});
