import { compareAttribute } from '../../../../gateway/crosscheck';
import { scenarios } from './scenario';

describe('BIRTH_PLACE', () => {
  scenarios('BIRTH_PLACE', [
    ['PEKANBARU', 'PEKANBARU', 'MATCH', 'identical'],
    ['PEKANBARU', 'Pekanbaru', 'MATCH', 'format'],
    ['LIMA PULUH KOTA', 'LIMAPULUH KOTA', 'MATCH', 'format'],
    ['TANJUNG PINANG', 'TANJUNG  PINANG', 'MATCH', 'format'],
    ['KAB. KAMPAR', 'KABUPATEN KAMPAR', 'MATCH', 'format'],
    ['PEKANBARU', 'KOTA PEKANBARU', 'VARIANT', 'regency-prefix'],
    ['KOTA PEKANBARU', 'PEKANBARU', 'VARIANT', 'regency-prefix'],
    ['PEKANBARU', 'KOTAMADYA PEKANBARU', 'VARIANT', 'regency-prefix'],
    ['KAMPAR', 'KABUPATEN KAMPAR', 'VARIANT', 'regency-prefix'],
    ['KAMPAR', 'KAB. KAMPAR', 'VARIANT', 'regency-prefix'],
    ['KAMPAR', 'Kab Kampar', 'VARIANT', 'regency-prefix'],
    ['LIMA PULUH KOTA', 'KABUPATEN LIMA PULUH KOTA', 'VARIANT', 'regency-prefix'],
    ['KOTA BEKASI', 'KABUPATEN BEKASI', 'MISMATCH', 'different-region-kind'],
    ['BINAWIDYA', 'TAMPAN', 'VARIANT', 'district-rename'],
    ['TAMPAN', 'BINAWIDYA', 'VARIANT', 'district-rename'],
    ['BINAWIDYA', 'KEC. TAMPAN', 'VARIANT', 'district-prefix+district-rename'],
    ['RUMBAI BARAT', 'RUMBAI', 'VARIANT', 'district-rename'],
    ['RUMBAI', 'RUMBAI PESISIR', 'VARIANT', 'district-rename'],
    ['RUMBAI', 'RUMBAI', 'MATCH', 'identical'],
    ['RUMBAI', 'RUMBAI BARAT', 'MISMATCH', 'different-place'],
    ['RUMBAI BARAT', 'RUMBAI PESISIR', 'MISMATCH', 'different-place'],
    ['PEKANBARU', 'MEDAN', 'MISMATCH', 'different-place'],
    ['PADANG', 'PADANG PANJANG', 'MISMATCH', 'different-place'],
    ['SIAK', 'SIAK SRI INDRAPURA', 'MISMATCH', 'different-place'],
    ['KAMPAR', 'BANGKINANG', 'MISMATCH', 'different-place'],
  ]);

  it('explains why RUMBAI is not RUMBAI BARAT', () => {
    expect(compareAttribute('BIRTH_PLACE', 'RUMBAI', 'RUMBAI BARAT').reason).toContain('RUMBAI is today district 147112');
  });
});
