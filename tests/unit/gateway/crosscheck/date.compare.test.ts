import { compareAttribute } from '../../../../gateway/crosscheck';
import { scenarios } from './scenario';

describe('BIRTH_DATE: every notation of the same date is MATCH', () => {
  scenarios('BIRTH_DATE', [
    ['1982-10-09', '1982-10-09', 'MATCH', 'identical'],
    ['1982-10-09', '09-10-1982', 'MATCH', 'date-notation'],
    ['09-10-1982', '1982-10-09', 'MATCH', 'date-notation'],
    ['1982-10-09', '9-10-1982', 'MATCH', 'date-notation'],
    ['1982-10-09', '19821009', 'MATCH', 'date-notation'],
    ['1982-10-09', '09101982', 'MATCH', 'date-notation'],
    ['1982-10-09', '09/10/1982', 'MATCH', 'date-notation'],
    ['1982-10-09', '9/10/1982', 'MATCH', 'date-notation'],
    ['1982-10-09', '09.10.1982', 'MATCH', 'date-notation'],
    ['1982-10-09', '1982/10/09', 'MATCH', 'date-notation'],
    ['1982-10-09', '1982-10-09T00:00:00Z', 'MATCH', 'date-notation'],
    ['1982-10-09', '1982-10-09 00:00:00', 'MATCH', 'date-notation'],
    ['1982-10-09', '09-OCT-82', 'MATCH', 'date-notation'],
    ['1982-10-09', '09-oct-82', 'MATCH', 'date-notation'],
    ['1982-10-09', '09-OKT-82', 'MATCH', 'date-notation'],
    ['1982-10-09', '09-OCT-1982', 'MATCH', 'date-notation'],
    ['1982-10-09', '9 Oktober 1982', 'MATCH', 'date-notation'],
    ['1982-10-09', '09 OCTOBER 1982', 'MATCH', 'date-notation'],
    ['1982-05-15', '15-MAY-82', 'MATCH', 'date-notation'],
    ['1982-05-15', '15-MEI-82', 'MATCH', 'date-notation'],
    ['1982-08-17', '17-AUG-82', 'MATCH', 'date-notation'],
    ['1982-08-17', '17-AGU-82', 'MATCH', 'date-notation'],
    ['1982-08-17', '17-AGT-82', 'MATCH', 'date-notation'],
    ['1982-08-17', '17 Agustus 1982', 'MATCH', 'date-notation'],
    ['1982-12-25', '25-DES-82', 'MATCH', 'date-notation'],
    ['1982-11-10', '10 NOPEMBER 1982', 'MATCH', 'date-notation'],
    ['09-OCT-82', '09-10-82', 'MATCH', 'date-notation'],
  ]);
});

describe('BIRTH_DATE: Oracle two-digit years take the century that makes them consistent', () => {
  scenarios('BIRTH_DATE', [
    ['1940-01-01', '01-JAN-40', 'MATCH', 'date-notation'],
    ['2005-03-07', '07-MAR-05', 'MATCH', 'date-notation'],
    ['1905-03-07', '07-MAR-05', 'MATCH', 'date-notation'],
    ['2026-01-01', '01-JAN-26', 'MATCH', 'date-notation'],
    ['1926-01-01', '01-JAN-26', 'MATCH', 'date-notation'],
    ['07-MAR-05', '1905-03-07', 'MATCH', 'date-notation'],
    ['1982-10-09', '09-OCT-92', 'MISMATCH', 'different-date'],
    ['1982-10-09', '10-SEP-82', 'MISMATCH', 'day-month-swap'],
  ]);

  it('says which century it read', () => {
    expect(compareAttribute('BIRTH_DATE', '1905-03-07', '07-MAR-05').reason).toContain('(1905)');
    expect(compareAttribute('BIRTH_DATE', '1982-10-09', '09-OCT-92').reason).toContain('09-10-1992');
  });
});

describe('BIRTH_DATE: 29 February', () => {
  scenarios('BIRTH_DATE', [
    ['1984-02-29', '29-02-1984', 'MATCH', 'date-notation'],
    ['2000-02-29', '29-FEB-00', 'MATCH', 'date-notation'],
    ['1984-02-29', '29-FEB-84', 'MATCH', 'date-notation'],
    // 1900 was not a leap year: read in the registry's century, 29-FEB-00 is no real date.
    ['1900-02-28', '29-FEB-00', 'MISMATCH', 'impossible-date'],
    ['1984-02-29', '29-02-1983', 'MISMATCH', 'impossible-date'],
    ['1984-02-29', '29-FEB-01', 'MISMATCH', 'impossible-date'],
    ['1983-02-29', '1983-02-28', 'INCOMPLETE', 'impossible-date'],
    ['1984-02-29', '1984-03-01', 'MISMATCH', 'different-date'],
  ]);
});

describe('BIRTH_DATE: another date is MISMATCH, a day/month swap named as such', () => {
  scenarios('BIRTH_DATE', [
    ['1982-10-09', '1982-09-10', 'MISMATCH', 'day-month-swap'],
    ['1982-03-07', '03-07-1982', 'MISMATCH', 'day-month-swap'],
    ['1982-03-07', '1982-03-17', 'MISMATCH', 'different-date'],
    ['1982-10-09', '1992-10-09', 'MISMATCH', 'different-date'],
    ['1982-10-09', '1982-11-09', 'MISMATCH', 'different-date'],
    ['1982-05-05', '1983-05-05', 'MISMATCH', 'different-date'],
    ['1982-10-09', '1983-09-10', 'MISMATCH', 'different-date'],
    ['1982-10-09', '31-02-1982', 'MISMATCH', 'impossible-date'],
    ['1982-10-09', '1582-10-09', 'MISMATCH', 'impossible-date'],
  ]);

  it('names the swap in the reason', () => {
    expect(compareAttribute('BIRTH_DATE', '1982-03-07', '03-07-1982').reason).toMatch(/^day and month swapped \(07-03 vs 03-07\)/);
  });
});

describe('BIRTH_DATE: a notation we cannot read is INCOMPLETE', () => {
  scenarios('BIRTH_DATE', [
    ['1982-10-09', 'kemarin', 'INCOMPLETE', 'unknown-date-notation'],
    ['1982-10-09', '1982', 'INCOMPLETE', 'unknown-date-notation'],
    ['1982-10-09', '10/09', 'INCOMPLETE', 'unknown-date-notation'],
    ['1982-10-09', '09 Octobre 1982', 'INCOMPLETE', 'unknown-date-notation'],
    ['1982-10-09', '1982-10-09 14:30', 'INCOMPLETE', 'unknown-date-notation'],
    ['1982-10-09', '09-10/1982', 'INCOMPLETE', 'unknown-date-notation'],
    ['sometime', '1982-10-09', 'INCOMPLETE', 'unknown-date-notation'],
  ]);

  it('says "unknown date notation" and whose value it is', () => {
    expect(compareAttribute('BIRTH_DATE', '1982-10-09', 'kemarin').reason).toBe('unknown date notation "kemarin" in the agency\'s value');
    expect(compareAttribute('BIRTH_DATE', 'sometime', '1982-10-09').reason).toContain("the registry's value");
  });
});
