import { DETAIL_LAYOUT, sliceRecord, type DetailFields } from '../../../../subgraphs/djp/djp-export.layout';
import { formatNpwp15, mapDetail, preferredProfile, type DetailFieldName } from '../../../../subgraphs/djp/djp.mapper';
import { notRegistered } from '../../../../subgraphs/djp/djp.records';
import { DETAILS, detailLine, type DetailInput } from './djp-fixtures';

function map(input: DetailInput): { record: ReturnType<typeof mapDetail>; warnings: Array<[DetailFieldName, string]> } {
  const warnings: Array<[DetailFieldName, string]> = [];
  const fields: DetailFields = sliceRecord(detailLine(input), DETAIL_LAYOUT);
  const record = mapDetail(input.nik, fields, '2025-06-10', (field, expected) => warnings.push([field, expected]));
  return { record, warnings };
}

describe('the DJP mapper', () => {
  it('maps a detail record to clean values, keeping identity copies as held', () => {
    const { record, warnings } = map(DETAILS.activeOld);
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      nik: DETAILS.activeOld.nik,
      status: 'ACTIVE',
      npwp15: '09.254.294.3-211.000',
      nikAsNpwp: true,
      registeredOn: '2009-07-14',
      taxOffice: { code: '211', name: 'KPP PRATAMA PEKANBARU TAMPAN' },
      lastAnnualReturn: { year: 2024, status: 'FILED', filedOn: '2025-03-21' },
      taxpayerName: 'H. AHMAD FAUZI, S.E.',
      taxpayerBirthDate: '1985-03-12',
      taxpayerAddress: 'JL. SUDIRMAN NO. 12, RT 003/RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU, RIAU 28293',
      asOf: '2025-06-10',
    });
  });

  it('reads a NIK-only taxpayer (blank NPWP15), a late return, and keeps case and inner spacing of the name', () => {
    const { record, warnings } = map({ ...DETAILS.nikOnly, name: ' Nayla  Azzahra' });
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({ npwp15: null, nikAsNpwp: true, taxpayerName: ' Nayla  Azzahra', lastAnnualReturn: { year: 2024, status: 'LATE', filedOn: '2025-05-15' } });
  });

  it('reads NOT_FILED with no date, and no return on record as null', () => {
    expect(map(DETAILS.doubleCurrent).record.lastAnnualReturn).toEqual({ year: 2024, status: 'NOT_FILED', filedOn: null });
    expect(map(DETAILS.doubleOld).record).toMatchObject({ status: 'NON_EFFECTIVE', nikAsNpwp: false, lastAnnualReturn: null });
  });

  it('treats 00000000 and blank dates as unknown, without a warning', () => {
    const { record, warnings } = map({ ...DETAILS.nonEffective, birthDate: '' });
    expect([record.registeredOn, record.taxpayerBirthDate, warnings]).toEqual([null, null, []]);
  });

  it.each([
    ['an impossible birth date', { birthDate: '31022001' }, 'TGL_LAHIR', { taxpayerBirthDate: null }],
    ['an impossible filing date', { filedOn: '30022025' }, 'TGL_SPT', { lastAnnualReturn: { year: 2024, status: 'FILED', filedOn: null } }],
    ['a registration date in another notation', { registered: '2009-7-1' }, 'TGL_DAFTAR', { registeredOn: null }],
    ['an unknown taxpayer status', { status: 'X' }, 'STATUS_WP', { status: null }],
    ['an unknown NIK-NPWP flag', { flag: '1' }, 'FLAG_NIK_NPWP', { nikAsNpwp: null }],
    ['an unknown return status', { returnStatus: 'L' }, 'STATUS_SPT', { lastAnnualReturn: { year: 2024, status: null, filedOn: '2025-03-21' } }],
    ['a return year that is not a year', { returnYear: '24' }, 'THN_SPT', { lastAnnualReturn: null }],
    ['a return year before 1984', { returnYear: '1970' }, 'THN_SPT', { lastAnnualReturn: null }],
    ['an NPWP with letters', { npwp15: '09254294321100X' }, 'NPWP15', { npwp15: null }],
    ['an all-zero NPWP placeholder', { npwp15: '000000000000000' }, 'NPWP15', { npwp15: null }],
    ['a KPP code with letters', { kppCode: 'KP1' }, 'KD_KPP', { taxOffice: null }],
  ] as const)('turns %s into null with a warning, never a failure', (_label, change, field, expected) => {
    const { record, warnings } = map({ ...DETAILS.activeOld, ...change });
    expect(record).toMatchObject(expected);
    expect(warnings.map(([name]) => name)).toEqual([field]);
  });

  it('formats an old NPWP as ST.sss.sss.C-OOO.BBB and refuses other lengths', () => {
    expect(formatNpwp15('081112227216000')).toBe('08.111.222.7-216.000');
    expect(formatNpwp15('08111222721600')).toBeNull();
    expect(formatNpwp15('1471081203850001')).toBeNull();
  });

  it('picks one profile from two records of one NIK: active first, then the later registration, then the later line', () => {
    const older = map(DETAILS.doubleOld).record;
    const current = map(DETAILS.doubleCurrent).record;
    expect(preferredProfile(older, current)).toBe(current);
    expect(preferredProfile(current, older)).toBe(current);
    const laterNe = { ...older, registeredOn: '2015-01-01' };
    expect(preferredProfile(laterNe, older)).toBe(laterNe);
    expect(preferredProfile(older, { ...older })).not.toBe(older);
    expect(preferredProfile({ ...older, status: null }, older)).toBe(older);
  });

  it('models "not a taxpayer" as an answer', () => {
    expect(notRegistered('1471010101900009', '2025-06-10')).toMatchObject({ status: 'NOT_REGISTERED', nikAsNpwp: false, npwp15: null, asOf: '2025-06-10' });
  });
});
