import { LegacyError } from '../../../../subgraphs/kit/errors';
import { mapCitizenRow, toVerifyElements, type MappingWarning } from '../../../../subgraphs/dukcapil/dukcapil.mapper';
import { ANI, BUDI, CITRA, KK, aniRow, budiRow, citraRow } from './siak-fixtures';

function map(row: Record<string, unknown>): { record: ReturnType<typeof mapCitizenRow>; warnings: MappingWarning[] } {
  const warnings: MappingWarning[] = [];
  const record = mapCitizenRow(row, (warning) => warnings.push(warning));
  return { record, warnings };
}

describe('mapCitizenRow', () => {
  it('maps a full SIAK row to clean notation', () => {
    const { record, warnings } = map(budiRow());
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      nik: BUDI,
      fullName: 'BUDI SANTOSO',
      birthDate: '1983-07-04',
      birthPlace: 'PEKANBARU',
      sex: 'MALE',
      familyCardNumber: KK,
      religion: 'ISLAM',
      maritalStatus: 'KAWIN',
      familyRelation: 'KEPALA_KELUARGA',
      bloodType: 'O',
      education: 'DIPLOMA IV/STRATA I',
      occupation: 'WIRASWASTA',
      motherName: 'SITI AMINAH',
      motherNik: null,
      fatherName: 'AHMAD SANTOSO',
      fatherNik: null,
      address: {
        street: 'JL. HR SOEBRANTAS NO. 12',
        rt: '003',
        rw: '007',
        village: 'SIMPANG BARU',
        district: 'BINAWIDYA',
        districtCode: '147108',
        regency: 'PEKANBARU',
        province: 'RIAU',
        postalCode: '28293',
      },
      ektpStatus: 'SUDAH_REKAM',
    });
  });

  it('maps labels of every code list, blood types with rhesus, and missing values without warnings', () => {
    expect(map(aniRow()).record).toMatchObject({ nik: ANI, sex: 'FEMALE', bloodType: 'A_POS', familyRelation: 'ISTRI' });
    const { record, warnings } = map(citraRow());
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({
      nik: CITRA,
      bloodType: 'TIDAK_TAHU',
      maritalStatus: 'BELUM_KAWIN',
      familyRelation: 'ANAK',
      ektpStatus: null,
      motherNik: ANI,
      fatherNik: BUDI,
    });
  });

  it('compares labels case- and spacing-insensitively and keeps names as held (trimmed only)', () => {
    const { record } = map(budiRow({ STATUS_KAWIN: ' cerai   hidup ', NAMA_LGKP: 'H. BUDI  SANTOSO   ', JENIS_KLMIN: 'laki-laki' }));
    expect(record.maritalStatus).toBe('CERAI_HIDUP');
    expect(record.sex).toBe('MALE');
    expect(record.fullName).toBe('H. BUDI  SANTOSO');
  });

  it('turns a value outside its code list into null and warns with the NIK masked', () => {
    const { record, warnings } = map(budiRow({ AGAMA: '9', GOL_DARAH: 'Z', STAT_HBKEL: 'TETANGGA', EKTP_STATUS: 'HILANG' }));
    expect(record).toMatchObject({ religion: null, bloodType: null, familyRelation: null, ektpStatus: null });
    expect(warnings.map((warning) => warning.field).sort()).toEqual(['AGAMA', 'EKTP_STATUS', 'GOL_DARAH', 'STAT_HBKEL']);
    expect(warnings.every((warning) => warning.nik === '1471********0001')).toBe(true);
    expect(JSON.stringify(warnings)).not.toContain(BUDI);
  });

  it('turns unreadable numbers into null with a warning', () => {
    const { record, warnings } = map(budiRow({ NIK_IBU: '12345', NO_KK: 'X', NO_RT: 'ABC', KODE_POS: '282' }));
    expect(record.motherNik).toBeNull();
    expect(record.familyCardNumber).toBeNull();
    expect(record.address?.rt).toBeNull();
    expect(record.address?.postalCode).toBeNull();
    expect(warnings).toHaveLength(4);
  });

  it('leaves the district code null when a region number is missing, and the address null when nothing is there', () => {
    expect(map(budiRow({ NO_KEC: '' })).record.address?.districtCode).toBeNull();
    const empty = Object.fromEntries(
      ['ALAMAT', 'NO_RT', 'NO_RW', 'NO_PROP', 'PROP_NAME', 'NO_KAB', 'KAB_NAME', 'NO_KEC', 'KEC_NAME', 'NO_KEL', 'KEL_NAME', 'KODE_POS'].map((f) => [f, null]),
    );
    expect(map(budiRow(empty)).record.address).toBeNull();
  });

  it.each([
    ['an impossible birth date', { TGL_LHR: '31-02-1983' }, 'TGL_LHR'],
    ['a birth date in another notation', { TGL_LHR: '1983-07-04' }, 'TGL_LHR'],
    ['an unknown sex label', { JENIS_KLMIN: 'X' }, 'JENIS_KLMIN'],
    ['a missing name', { NAMA_LGKP: '' }, 'NAMA_LGKP'],
    ['a missing birth place', { TMPT_LHR: null }, 'TMPT_LHR'],
  ])('refuses a row with %s (required by the contract): AGENCY_BAD_RESPONSE', (_label, overrides, field) => {
    const warnings: MappingWarning[] = [];
    let thrown: unknown;
    try {
      mapCitizenRow(budiRow(overrides), (warning) => warnings.push(warning));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LegacyError);
    expect((thrown as LegacyError).code).toBe('AGENCY_BAD_RESPONSE');
    expect((thrown as LegacyError).message).toContain(field);
    expect((thrown as LegacyError).message).not.toContain(BUDI);
  });

  it('refuses a NIK sent as a JSON number', () => {
    expect(() => mapCitizenRow(budiRow({ NIK: Number(BUDI) }), () => undefined)).toThrow(LegacyError);
  });

  it('accepts day and month without leading zeros', () => {
    expect(map(budiRow({ TGL_LHR: '4-7-1983' })).record.birthDate).toBe('1983-07-04');
  });
});

describe('toVerifyElements', () => {
  it('writes claims in SIAK notation', () => {
    expect(toVerifyElements({ fullName: 'BUDI SANTOSO', birthDate: '1983-07-04', sex: 'MALE', birthPlace: 'PEKANBARU', motherName: 'SITI' })).toEqual({
      NAMA_LGKP: 'BUDI SANTOSO',
      TGL_LHR: '04-07-1983',
      JENIS_KLMIN: 'LAKI-LAKI',
      TMPT_LHR: 'PEKANBARU',
      NAMA_LGKP_IBU: 'SITI',
    });
  });
});
