import { compareAttribute } from '../../../../gateway/crosscheck';
import { scenarios, type Scenario } from './scenario';

const MALE = ['L', 'LK', 'LAKI-LAKI', 'Laki-laki', 'LAKI LAKI', 'LAKI2', 'PRIA', 'M', 'MALE', 'male'];
const FEMALE = ['P', 'PR', 'PEREMPUAN', 'Perempuan', 'WANITA', 'F', 'FEMALE', 'female'];

describe('SEX: every notation, and the civil registry codes 1/2 on the registry side only', () => {
  const table: Scenario[] = [
    ['LAKI-LAKI', 'LAKI-LAKI', 'MATCH', 'identical'],
    ...MALE.filter((n) => n !== 'LAKI-LAKI').map((n): Scenario => ['LAKI-LAKI', n, 'MATCH', 'sex-notation']),
    ...FEMALE.filter((n) => n !== 'PEREMPUAN').map((n): Scenario => ['PEREMPUAN', n, 'MATCH', 'sex-notation']),
    ['MALE', 'L', 'MATCH', 'sex-notation'],
    ['FEMALE', 'P', 'MATCH', 'sex-notation'],
    ['1', 'L', 'MATCH', 'sex-notation'],
    ['2', 'F', 'MATCH', 'sex-notation'],
    ['LAKI-LAKI', 'P', 'MISMATCH', 'different-sex'],
    ['PEREMPUAN', 'M', 'MISMATCH', 'different-sex'],
    ['MALE', 'FEMALE', 'MISMATCH', 'different-sex'],
    ['2', 'L', 'MISMATCH', 'different-sex'],
    // Agencies' numeric codes are their adapters' business.
    ['LAKI-LAKI', '1', 'INCOMPLETE', 'unknown-sex-notation'],
    ['LAKI-LAKI', '0', 'INCOMPLETE', 'unknown-sex-notation'],
    ['LAKI-LAKI', 'X', 'INCOMPLETE', 'unknown-sex-notation'],
    ['LAKI-LAKI', 'LAKI-LAKI / PEREMPUAN', 'INCOMPLETE', 'unknown-sex-notation'],
    ['3', 'L', 'INCOMPLETE', 'unknown-sex-notation'],
  ];
  scenarios('SEX', table);

  it('tells the operator why a numeric agency code is not read', () => {
    expect(compareAttribute('SEX', 'LAKI-LAKI', '1').reason).toContain('adapter must map its own codes');
  });
});
