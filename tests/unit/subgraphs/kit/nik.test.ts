import { InvalidNikError, maskNik, parseNik } from '../../../../subgraphs/kit/nik';
import { DateScalar, NikScalar } from '../../../../subgraphs/kit/scalars';
import { Kind } from 'graphql';

describe('parseNik', () => {
  it('decodes region, birth date, sex (+40 for women) and serial', () => {
    expect(parseNik('1471080705850003', 2026)).toEqual({
      nik: '1471080705850003',
      regionCode: '147108',
      encodedBirthDate: '1985-05-07',
      encodedSex: 'MALE',
      serial: '0003',
    });
    const woman = parseNik('1471054712100001', 2026);
    expect(woman.encodedSex).toBe('FEMALE');
    expect(woman.encodedBirthDate).toBe('2010-12-07');
  });

  it('infers the century from the reference year', () => {
    expect(parseNik('1471080101250001', 2026).encodedBirthDate).toBe('2025-01-01');
    expect(parseNik('1471080101270001', 2026).encodedBirthDate).toBe('1927-01-01');
  });

  it.each<[unknown, string]>([
    [1471080101900001, 'type'],
    [null, 'type'],
    ['147108010190001', 'length'],
    ['147108010190000x', 'digits'],
    ['3171080101900001', 'province'],
    ['1420080101900001', 'regency'],
    ['1471160101900001', 'district'],
    ['1471082902230001', 'birth-date'],
    ['1471086902230001', 'birth-date'],
    ['1471080013900001', 'birth-date'],
    ['1471080101900000', 'serial'],
  ])('refuses %p with fault %s', (value, fault) => {
    expect(() => parseNik(value, 2026)).toThrow(InvalidNikError);
    try {
      parseNik(value, 2026);
    } catch (error) {
      expect((error as InvalidNikError).fault).toBe(fault);
    }
  });

  it('accepts 29 February only in leap years, women included', () => {
    expect(parseNik('1471086902240001', 2026).encodedBirthDate).toBe('2024-02-29');
  });

  it('masks a NIK for logs', () => {
    expect(maskNik('1471080705850003')).toBe('1471********0003');
  });
});

describe('NIK and Date scalars', () => {
  it('NIK refuses number literals and bad strings with BAD_USER_INPUT', () => {
    expect(() => NikScalar.parseLiteral({ kind: Kind.INT, value: '1471080705850003' })).toThrow(/quoted string/);
    expect(() => NikScalar.parseValue('12')).toThrow(/16 digits/);
    expect(NikScalar.parseValue('1471080705850003')).toBe('1471080705850003');
  });

  it('Date accepts real yyyy-mm-dd only', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(() => DateScalar.parseValue('2023-02-29')).toThrow(/calendar date/);
    expect(() => DateScalar.parseValue('29-02-2024')).toThrow(/yyyy-mm-dd/);
  });
});
