import { compareAttribute } from '../../../../gateway/crosscheck';
import { scenarios } from './scenario';

describe('MARITAL_STATUS', () => {
  scenarios('MARITAL_STATUS', [
    ['KAWIN', 'KAWIN', 'MATCH', 'identical'],
    ['BELUM KAWIN', 'BELUM_KAWIN', 'MATCH', 'marital-notation'],
    ['BELUM KAWIN', 'belum kawin', 'MATCH', 'marital-notation'],
    ['BELUM KAWIN', 'TIDAK KAWIN', 'MATCH', 'marital-notation'],
    ['BELUM KAWIN', 'SINGLE', 'MATCH', 'marital-notation'],
    ['KAWIN', 'MARRIED', 'MATCH', 'marital-notation'],
    ['KAWIN', 'KAWIN TERCATAT', 'MATCH', 'marital-notation'],
    ['KAWIN', 'KAWIN BELUM TERCATAT', 'MATCH', 'marital-notation'],
    ['CERAI HIDUP', 'CERAI_HIDUP', 'MATCH', 'marital-notation'],
    ['CERAI HIDUP', 'DIVORCED', 'MATCH', 'marital-notation'],
    ['CERAI MATI', 'CERAI-MATI', 'MATCH', 'marital-notation'],
    ['CERAI MATI', 'WIDOWED', 'MATCH', 'marital-notation'],
    ['2', 'KAWIN', 'MATCH', 'marital-notation'],
    ['CERAI MATI', 'JANDA', 'VARIANT', 'janda-duda'],
    ['CERAI HIDUP', 'DUDA', 'VARIANT', 'janda-duda'],
    ['KAWIN', 'JANDA', 'MISMATCH', 'different-marital-status'],
    ['BELUM KAWIN', 'KAWIN', 'MISMATCH', 'different-marital-status'],
    ['KAWIN', 'BELUM KAWIN', 'MISMATCH', 'different-marital-status'],
    ['KAWIN', 'CERAI HIDUP', 'MISMATCH', 'different-marital-status'],
    ['CERAI HIDUP', 'CERAI MATI', 'MISMATCH', 'different-marital-status'],
    ['KAWIN', '2', 'INCOMPLETE', 'unknown-marital-status'],
    ['KAWIN', 'KOMPLIKASI', 'INCOMPLETE', 'unknown-marital-status'],
  ]);

  it('suggests what a difference means', () => {
    expect(compareAttribute('MARITAL_STATUS', 'BELUM KAWIN', 'KAWIN').reason).toBe(
      'the registry says BELUM KAWIN, the agency KAWIN: a marriage not yet on the family card?',
    );
  });
});
