import { formatOracleDate, parseOracleDate, splitOracleDate } from '../../../../subgraphs/imigrasi/oracle-date';

describe('Oracle DD-MON-RR dates (SIMKIM)', () => {
  it('splits both month languages, any case', () => {
    expect(splitOracleDate('07-MAR-85')).toEqual({ day: 7, month: 3, yy: 85 });
    expect(splitOracleDate('03-MEI-08')).toEqual({ day: 3, month: 5, yy: 8 });
    expect(splitOracleDate('03-may-08')).toEqual({ day: 3, month: 5, yy: 8 });
    expect(splitOracleDate('01-AGU-10')?.month).toBe(8);
    expect(splitOracleDate('01-OKT-10')?.month).toBe(10);
    expect(splitOracleDate('01-DES-10')?.month).toBe(12);
    expect(splitOracleDate('1985-03-07')).toBeNull();
    expect(splitOracleDate('07-XYZ-85')).toBeNull();
  });

  it('RR rule (issue dates): a 50-year window around today', () => {
    const rule = { kind: 'rr', today: '2026-11-28' } as const;
    expect(parseOracleDate('14-FEB-23', rule)).toBe('2023-02-14');
    expect(parseOracleDate('14-FEB-49', rule)).toBe('2049-02-14');
    expect(parseOracleDate('14-FEB-50', rule)).toBe('1950-02-14');
    expect(parseOracleDate('14-FEB-99', rule)).toBe('1999-02-14');
    expect(parseOracleDate('14-FEB-10', { kind: 'rr', today: '2061-01-01' })).toBe('2110-02-14');
    expect(parseOracleDate('14-FEB-70', { kind: 'rr', today: '2061-01-01' })).toBe('2070-02-14');
  });

  it('notAfter (birth dates): the latest century not after the issue date', () => {
    expect(parseOracleDate('07-MAR-85', { kind: 'notAfter', limit: '2023-02-14' })).toBe('1985-03-07');
    expect(parseOracleDate('07-MAR-10', { kind: 'notAfter', limit: '2023-02-14' })).toBe('2010-03-07');
    expect(parseOracleDate('07-MAR-30', { kind: 'notAfter', limit: '2023-02-14' })).toBe('1930-03-07');
    // Same year: a baby's passport issued after the birth, and a date just after the limit.
    expect(parseOracleDate('01-JAN-23', { kind: 'notAfter', limit: '2023-02-14' })).toBe('2023-01-01');
    expect(parseOracleDate('15-FEB-23', { kind: 'notAfter', limit: '2023-02-14' })).toBe('1923-02-15');
  });

  it('notBefore (expiry dates): the first year from the issue year on', () => {
    expect(parseOracleDate('14-FEB-33', { kind: 'notBefore', limit: '2023-02-14' })).toBe('2033-02-14');
    expect(parseOracleDate('03-MEI-13', { kind: 'notBefore', limit: '2008-05-03' })).toBe('2013-05-03');
    expect(parseOracleDate('03-JAN-03', { kind: 'notBefore', limit: '1998-05-03' })).toBe('2003-01-03');
  });

  it('impossible dates are null', () => {
    expect(parseOracleDate('31-FEB-20', { kind: 'rr', today: '2026-01-01' })).toBeNull();
    expect(parseOracleDate('29-FEB-23', { kind: 'rr', today: '2026-01-01' })).toBeNull();
    expect(parseOracleDate('29-FEB-24', { kind: 'rr', today: '2026-01-01' })).toBe('2024-02-29');
    expect(parseOracleDate('00-JAN-20', { kind: 'rr', today: '2026-01-01' })).toBeNull();
  });

  it('formats as the AMERICAN session writes, or INDONESIAN', () => {
    expect(formatOracleDate('1985-03-07')).toBe('07-MAR-85');
    expect(formatOracleDate('2008-05-03')).toBe('03-MAY-08');
    expect(formatOracleDate('2008-05-03', 'INDONESIAN')).toBe('03-MEI-08');
    expect(formatOracleDate('2000-12-31', 'INDONESIAN')).toBe('31-DES-00');
  });
});
