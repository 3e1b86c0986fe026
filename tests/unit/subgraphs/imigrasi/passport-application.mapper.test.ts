import { applicationRefusal, jenisPasporOf, mapPermohonanDto } from '../../../../subgraphs/imigrasi/passport-application.mapper';
import { PASSPORT_TYPES } from '../../../../subgraphs/imigrasi/passport.records';
import { recordingLogger } from './simkim-fixture';

const NIK = '1471085505900002';
const REQUEST = { nik: NIK, passportType: 'ELECTRONIC' as const };

describe('passport application mapper', () => {
  it('our passport types -> SIMKIM jenisPaspor codes (SIMKIM decides which it takes)', () => {
    expect(PASSPORT_TYPES.map((type) => jenisPasporOf(type))).toEqual([
      'PB',
      'PE',
      'PD',
      'PN',
      'SPLP',
    ]);
  });

  it('SIMKIM-VAL and SIMKIM-APP faults are refusals; other faults are not', () => {
    expect(applicationRefusal('SIMKIM-VAL-01 NIK tidak valid: harus 16 digit', REQUEST)).toMatchObject({ reason: 'INVALID_APPLICATION' });
    expect(applicationRefusal(' SIMKIM-VAL-04 jenisKelamin harus M atau F', REQUEST)).toMatchObject({ reason: 'INVALID_APPLICATION' });
    expect(applicationRefusal('SIMKIM-APP-01 Kantor imigrasi tidak dikenal', { ...REQUEST, office: 'X' })).toMatchObject({ reason: 'UNKNOWN_OFFICE' });
    expect(applicationRefusal('SIMKIM-AUTH-01 Otentikasi gagal', REQUEST)).toBeUndefined();
    expect(applicationRefusal('SIMKIM-DB-01 java.sql.SQLRecoverableException', REQUEST)).toBeUndefined();
    expect(applicationRefusal('Permohonan ditolak SIMKIM-APP-02', REQUEST)).toBeUndefined();
  });

  it('maps a permohonanDto; the date follows the RR rule around today; codes in any case', () => {
    const logger = recordingLogger();
    expect(
      mapPermohonanDto(
        {
          nomorPermohonan: ' PMH-20261128-000001 ',
          nik: NIK,
          jenisPaspor: 'pb',
          statusPermohonan: 'diproses',
          tanggalPermohonan: '28-nov-26',
          sumberIdentitas: 'PEMOHON',
        },
        { today: '2026-11-28', logger },
      ),
    ).toEqual({
      nik: NIK,
      applicationNumber: 'PMH-20261128-000001',
      status: 'IN_PROCESS',
      submittedOn: '2026-11-28',
      passportType: 'ORDINARY',
      office: null,
      identitySource: 'DECLARED',
    });
    expect(logger.warnings).toEqual([]);
  });
});
