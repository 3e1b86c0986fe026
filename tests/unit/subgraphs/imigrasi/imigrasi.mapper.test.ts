import { LegacyError } from '../../../../subgraphs/kit/errors';
import { holderName, mapPasporDto, todayInJakarta } from '../../../../subgraphs/imigrasi/imigrasi.mapper';
import type { PasporDto } from '../../../../subgraphs/imigrasi/legacy/simkim.wire';
import { recordingLogger } from './simkim-fixture';

const TODAY = '2026-11-28';

const DTO: PasporDto = {
  nomorPaspor: 'X1234567',
  nik: '1471011207850003',
  surname: 'RIZKI',
  givenNames: 'MUHAMMAD',
  tanggalLahir: '12-JUL-85',
  tempatLahir: 'PEKANBARU',
  jenisKelamin: 'M',
  jenisPaspor: 'PE',
  tanggalTerbit: '14-FEB-23',
  tanggalHabisBerlaku: '14-FEB-33',
  kantorPenerbit: 'UNIT LAYANAN PASPOR MPP PEKANBARU',
  statusPaspor: 'A',
};

describe('mapPasporDto', () => {
  it('maps SIMKIM names, codes and Oracle dates to clean values', () => {
    const logger = recordingLogger();
    expect(mapPasporDto(DTO, { today: TODAY, logger })).toEqual({
      nik: '1471011207850003',
      number: 'X1234567',
      type: 'ELECTRONIC',
      issueDate: '2023-02-14',
      expiryDate: '2033-02-14',
      issuingOffice: 'UNIT LAYANAN PASPOR MPP PEKANBARU',
      status: 'VALID',
      holderName: 'MUHAMMAD RIZKI',
      holderBirthDate: '1985-07-12',
      holderBirthPlace: 'PEKANBARU',
      holderSex: 'MALE',
    });
    expect(logger.warnings).toEqual([]);
  });

  it('computes VALID / EXPIRED from the expiry date (valid through its last day) and keeps stored C / H', () => {
    const logger = recordingLogger();
    const map = (over: Partial<PasporDto>, today = TODAY) => mapPasporDto({ ...DTO, ...over }, { today, logger });
    expect(map({ tanggalHabisBerlaku: '28-NOV-26' }).status).toBe('VALID');
    expect(map({ tanggalHabisBerlaku: '27-NOV-26' }).status).toBe('EXPIRED');
    expect(map({ statusPaspor: 'C' }).status).toBe('REVOKED');
    expect(map({ statusPaspor: 'h' }).status).toBe('LOST');
    expect(map({ jenisPaspor: 'PB' }).type).toBe('ORDINARY');
    expect(map({ jenisPaspor: 'PD' }).type).toBe('DIPLOMATIC');
    expect(map({ jenisPaspor: 'PN' }).type).toBe('SERVICE');
    expect(map({ jenisPaspor: 'SPLP' }).type).toBe('TRAVEL_DOCUMENT');
    expect(map({ jenisKelamin: 'F' }).holderSex).toBe('FEMALE');
    expect(logger.warnings).toEqual([]);
  });

  it('turns unknown codes and impossible dates into null with a warning that names the field, not the value', () => {
    const logger = recordingLogger();
    const record = mapPasporDto(
      { ...DTO, jenisPaspor: 'ZZ', statusPaspor: 'Q', jenisKelamin: 'X', tanggalTerbit: '31-FEB-20', tanggalLahir: '12-13-85' },
      { today: TODAY, logger },
    );
    expect(record).toMatchObject({ type: null, status: null, holderSex: null, issueDate: null, holderBirthDate: null });
    const fields = logger.warnings.map((warning) => (warning.object as { field: string }).field).sort();
    expect(fields).toEqual(['jenisKelamin', 'jenisPaspor', 'statusPaspor', 'tanggalLahir', 'tanggalTerbit']);
    for (const warning of logger.warnings) {
      expect(warning.object).toMatchObject({ agency: 'imigrasi', nik: '1471********0003' });
      expect(JSON.stringify(warning.object)).not.toContain('12-13-85');
    }
  });

  it('an active passport without a readable expiry date has no status', () => {
    const logger = recordingLogger();
    expect(mapPasporDto({ ...DTO, tanggalHabisBerlaku: undefined }, { today: TODAY, logger }).status).toBeNull();
  });

  it('keeps a passport number outside the usual pattern, with a warning', () => {
    const logger = recordingLogger();
    expect(mapPasporDto({ ...DTO, nomorPaspor: ' 12345 ' }, { today: TODAY, logger }).number).toBe('12345');
    expect(logger.warnings).toHaveLength(1);
  });

  it('a DTO without nik or nomorPaspor is AGENCY_BAD_RESPONSE', () => {
    const logger = recordingLogger();
    expect(() => mapPasporDto({ ...DTO, nik: undefined }, { today: TODAY, logger })).toThrow(LegacyError);
    try {
      mapPasporDto({ ...DTO, nomorPaspor: '' }, { today: TODAY, logger });
    } catch (error) {
      expect((error as LegacyError).code).toBe('AGENCY_BAD_RESPONSE');
    }
  });
});

describe('holderName (MRZ split back to passport order)', () => {
  it.each([
    [{ surname: 'RIZKI', givenNames: 'MUHAMMAD' }, 'MUHAMMAD RIZKI'],
    [{ surname: 'AHMAD', givenNames: 'SITI BINTI' }, 'SITI BINTI AHMAD'],
    [{ surname: 'SUKARNO' }, 'SUKARNO'],
    [{ surname: 'SUKARNO', givenNames: '' }, 'SUKARNO'],
    [{ surname: 'Santoso', givenNames: 'budi ' }, 'budi  Santoso'],
    [{ givenNames: 'BUDI' }, 'BUDI'],
    [{}, null],
  ])('%j -> %j', (dto, expected) => {
    expect(holderName(dto)).toBe(expected);
  });
});

describe('todayInJakarta', () => {
  it('is UTC+7', () => {
    expect(todayInJakarta(new Date('2026-11-28T16:59:59Z'))).toBe('2026-11-28');
    expect(todayInJakarta(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29');
  });
});
