import { todayInPekanbaru } from '../../../../subgraphs/kit/pekanbaru-time';
import { drivingLicenseStatus, policeClearanceStatus } from '../../../../subgraphs/polri/licence-validity';
import { formatPolriDate, parsePolriDate } from '../../../../subgraphs/polri/polri-date';
import { toDrivingLicense, toPoliceClearance } from '../../../../subgraphs/polri/polri.mapper';
import { parseSimClass } from '../../../../subgraphs/polri/sim-class';
import { BUDI, simRow, skckRow } from './polri-fixtures';

describe('parseSimClass: gol_sim as counters type it', () => {
  it.each([
    ['A', 'A', false],
    ['a', 'A', false],
    ['A UMUM', 'A', true],
    ['A-UMUM', 'A', true],
    ['SIM A', 'A', false],
    ['B I', 'B_I', false],
    ['BI', 'B_I', false],
    ['B1', 'B_I', false],
    ['B 1', 'B_I', false],
    ['B-I', 'B_I', false],
    ['B I UMUM', 'B_I', true],
    ['BI UMUM', 'B_I', true],
    ['B II', 'B_II', false],
    ['BII', 'B_II', false],
    ['B 2', 'B_II', false],
    ['B2', 'B_II', false],
    ['BII UMUM', 'B_II', true],
    ['C', 'C', false],
    [' C ', 'C', false],
    ['CI', 'C_I', false],
    ['C I', 'C_I', false],
    ['C1', 'C_I', false],
    ['C II', 'C_II', false],
    ['CII', 'C_II', false],
    ['C 2', 'C_II', false],
    ['D', 'D', false],
  ])('reads %j as %s (publicTransport %s)', (raw, expected, publicTransport) => {
    expect(parseSimClass(raw)).toEqual({ class: expected, publicTransport });
  });

  it.each(['', 'B', 'A I', 'A II', 'C UMUM', 'D UMUM', 'D I', 'B III', 'E', 'SIM', 'UMUM', 'A B', null, 3])('leaves %j outside the list', (raw) => {
    expect(parseSimClass(raw)).toBeUndefined();
  });
});

describe('POLRI-SIM dates (dd-MM-yyyy, strictly)', () => {
  it.each([
    ['07-03-1985', '1985-03-07'],
    ['29-02-2024', '2024-02-29'],
    [' 31-12-2025 ', '2025-12-31'],
  ])('reads %j as %s', (raw, iso) => expect(parsePolriDate(raw)).toBe(iso));

  it.each(['31-02-2021', '29-02-2023', '00-01-2020', '15-13-2020', '1985-03-07', '7-3-1985', '07/03/1985', '07-03-85', '', null, 19850307])(
    'refuses %j',
    (raw) => expect(parsePolriDate(raw)).toBeUndefined(),
  );

  it('writes ISO dates back in the legacy notation', () => {
    expect(formatPolriDate('1985-03-07')).toBe('07-03-1985');
  });
});

describe('validity against today (WIB)', () => {
  it('is VALID through the expiry date and EXPIRED the day after; null when unknown', () => {
    expect(drivingLicenseStatus('2026-03-07', '2026-03-07')).toBe('VALID');
    expect(drivingLicenseStatus('2026-03-07', '2026-03-08')).toBe('EXPIRED');
    expect(drivingLicenseStatus(null, '2026-03-08')).toBeNull();
  });

  it('says NONE for no SKCK, whatever the dates', () => {
    expect(policeClearanceStatus({ found: false, expiryDate: null }, '2026-01-01')).toBe('NONE');
    expect(policeClearanceStatus({ found: true, expiryDate: '2026-01-01' }, '2026-01-01')).toBe('VALID');
    expect(policeClearanceStatus({ found: true, expiryDate: null }, '2026-01-01')).toBeNull();
  });

  it('takes the calendar date in Pekanbaru (UTC+7), not UTC', () => {
    expect(todayInPekanbaru(new Date('2026-03-07T16:59:59Z'))).toBe('2026-03-07');
    expect(todayInPekanbaru(new Date('2026-03-07T17:00:00Z'))).toBe('2026-03-08');
  });
});

describe('the mapper', () => {
  it('maps LAKI-LAKI / PEREMPUAN like PRIA / WANITA and keeps names verbatim', () => {
    const warn = jest.fn();
    expect(toDrivingLicense(simRow(BUDI, { jenis_kelamin: 'perempuan', nama: '  Budi  Santoso' }), BUDI, warn)).toMatchObject({
      holderSex: 'FEMALE',
      holderName: '  Budi  Santoso',
    });
    expect(toDrivingLicense(simRow(BUDI, { jenis_kelamin: 'LAKI-LAKI' }), BUDI, warn).holderSex).toBe('MALE');
    expect(warn).not.toHaveBeenCalled();
  });

  it('picks the SKCK issued last; one with an unreadable issue date ranks below every dated one', () => {
    const warn = jest.fn();
    const record = toPoliceClearance(
      [
        skckRow(BUDI, { no_skck: 'UNDATED', tgl_terbit: '31-06-2025' }),
        skckRow(BUDI, { no_skck: 'OLD', tgl_terbit: '01-02-2020' }),
        skckRow(BUDI, { no_skck: 'NEW', tgl_terbit: '01-02-2024' }),
      ],
      BUDI,
      warn,
    );
    expect(record).toMatchObject({ found: true, number: 'NEW', issueDate: '2024-02-01' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps a certificate whose only date is unreadable, with the dates null and a warning', () => {
    const warn = jest.fn();
    const record = toPoliceClearance([skckRow(BUDI, { tgl_terbit: 'kemarin', tgl_berlaku: '31-11-2025', keperluan: '' })], BUDI, warn);
    expect(record).toMatchObject({ found: true, issueDate: null, expiryDate: null, purpose: null, number: 'SKCK/YANMAS/01234/V/2025/INTELKAM' });
    expect(warn.mock.calls.map(([details]) => (details as { field: string }).field)).toEqual(['tgl_terbit', 'tgl_berlaku', 'keperluan']);
  });
});
