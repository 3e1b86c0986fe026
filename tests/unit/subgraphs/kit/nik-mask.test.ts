import { hasNikRun, maskDigitRun, maskNikRuns, maskNikRunsInJsonLine } from '../../../../subgraphs/kit/nik-mask';

describe('NIK masking', () => {
  it('masks a run of 16 or more digits, in any script, keeping the first and last four', () => {
    expect(maskDigitRun('1471100405960001')).toBe('1471********0001');
    expect(maskNikRuns('NIK 1471100405960001 and KK 14711402072500012.')).toBe('NIK 1471********0001 and KK 1471*********0012.');
    expect(maskNikRuns('full-width １４７１１００４０５９６０００１')).toBe('full-width １４７１********０００１');
    expect(maskNikRuns('15 digits 147110040596000 stay')).toBe('15 digits 147110040596000 stay');
    expect(hasNikRun('a1471100405960001b')).toBe(true);
    expect(hasNikRun('1471-1004-0596-0001')).toBe(false);
  });

  it.each([
    ['inside a string', { msg: 'lookup 1471100405960001 failed' }, { msg: 'lookup 1471********0001 failed' }],
    ['as a bare number', { nik: 1471100405960001 }, { nik: '1471********0001' }],
    ['as a number in a list', { niks: [1471100405960001, 7] }, { niks: ['1471********0001', 7] }],
    ['as a number with a sign and an exponent', { n: -1.4711004059600012e21 }, { n: '4711********0012' }],
    ['after escaped quotes', { msg: 'say "1471100405960001"\\' }, { msg: 'say "1471********0001"\\' }],
    ['as a key', { '1471100405960001': true }, { '1471********0001': true }],
  ])('masks a NIK %s and keeps the line valid JSON', (_case, object, expected) => {
    const line = `${JSON.stringify(object)}\n`;
    const masked = maskNikRunsInJsonLine(line);
    expect(JSON.parse(masked)).toEqual(expected);
    expect(masked.endsWith('\n')).toBe(true);
  });

  it('returns a line without a run unchanged (the same string)', () => {
    const line = '{"level":30,"time":"2026-12-01T08:00:00.000Z","msg":"ok","count":123456789012345}\n';
    expect(maskNikRunsInJsonLine(line)).toBe(line);
  });
});
