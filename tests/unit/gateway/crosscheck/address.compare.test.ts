import { compareAttribute, formatRegistryAddress } from '../../../../gateway/crosscheck';
import { scenarios } from './scenario';

const REGISTRY = formatRegistryAddress({
  street: 'JL. IMAM MUNANDAR NO. 190',
  rt: '10',
  rw: '003',
  village: 'SIMPANG BARU',
  district: 'BINAWIDYA',
  regency: 'PEKANBARU',
});
const at = (district: string): string => formatRegistryAddress({ street: 'JL. PAUS NO. 3', rt: '1', rw: '2', village: 'MAHARANI', district, regency: 'PEKANBARU' });

describe('formatRegistryAddress', () => {
  it("writes SAMSAT's one-line shape, RT and RW with three digits", () => {
    expect(REGISTRY).toBe('JL. IMAM MUNANDAR NO. 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU');
  });

  it('leaves out missing parts with their labels', () => {
    expect(formatRegistryAddress({ street: 'JL. PAUS', rt: null, rw: '2', village: '', district: 'SAIL', regency: undefined })).toBe('JL. PAUS RW 002, KEC. SAIL');
    expect(formatRegistryAddress({ rt: '1', rw: '2', village: 'SAIL' })).toBe('RT 001 RW 002, KEL. SAIL');
    expect(formatRegistryAddress({})).toBe('');
  });
});

describe('ADDRESS: layout, labels, RT/RW notations and the KOTA prefix are formatting', () => {
  scenarios('ADDRESS', [
    [REGISTRY, REGISTRY, 'MATCH', 'identical'],
    [REGISTRY, REGISTRY.toLowerCase(), 'MATCH', 'format'],
    [REGISTRY, 'Jl. Imam Munandar No. 190 RT 010 RW 003, KEL. Simpang Baru, KEC. Binawidya, Pekanbaru', 'MATCH', 'format'],
    [REGISTRY, 'JL.  IMAM MUNANDAR  NO.190 RT 010 RW 003,KEL. SIMPANG BARU,KEC. BINAWIDYA,PEKANBARU', 'MATCH', 'format'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT.010 RW.003, KELURAHAN SIMPANG BARU, KECAMATAN BINAWIDYA, KOTA PEKANBARU', 'MATCH', 'format'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 10 RW 3, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MATCH', 'format'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT/RW 010/003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MATCH', 'format'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT010RW003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MATCH', 'format'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT: 010 RW: 003, DESA SIMPANG BARU, KEC. BINAWIDYA, KOTA PEKANBARU', 'MATCH', 'format'],
    // DJP's export line, and the ground truth's unlabeled line (province and postal code are extra).
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190, RT 010/RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU, RIAU 28293', 'MATCH', 'format'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190, RT 010/RW 003, SIMPANG BARU, BINAWIDYA, PEKANBARU, RIAU 28293', 'MATCH', 'format'],
    // A copy without the regency (or province) still locates the home.
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA', 'MATCH', 'format'],
    // KOTA BARU is a kelurahan of Pekanbaru Kota, not a regency label.
    [
      'JL. RIAU NO. 5, RT 001/RW 002, KOTA BARU, PEKANBARU KOTA, PEKANBARU, RIAU 28111',
      'JL. RIAU NO. 5 RT 001 RW 002, KEL. KOTA BARU, KEC. PEKANBARU KOTA, KOTA PEKANBARU',
      'MATCH',
      'format',
    ],
  ]);
});

describe('ADDRESS: benign differences are VARIANT', () => {
  scenarios('ADDRESS', [
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU', 'VARIANT', 'district-rename'],
    [REGISTRY, 'Jl. Imam Munandar No. 190 RT 010 RW 003, KEL. Simpang Baru, KEC. Tampan, Kota Pekanbaru', 'VARIANT', 'district-rename'],
    [at('RUMBAI BARAT'), at('RUMBAI'), 'VARIANT', 'district-rename'],
    [at('RUMBAI'), at('RUMBAI PESISIR'), 'VARIANT', 'district-rename'],
    [at('TAMPAN'), at('BINAWIDYA'), 'VARIANT', 'district-rename'],
    [REGISTRY, 'JALAN IMAM MUNANDAR NOMOR 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'VARIANT', 'street-abbreviation'],
    [REGISTRY, 'JLN IMAM MUNANDAR 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'VARIANT', 'street-abbreviation'],
    [
      REGISTRY,
      'JALAN IMAM MUNANDAR NO. 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU',
      'VARIANT',
      'street-abbreviation+district-rename',
    ],
  ]);
});

describe('ADDRESS: any other difference is MISMATCH', () => {
  scenarios('ADDRESS', [
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 19 RT 010 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MISMATCH', 'house-number'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190A RT 010 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MISMATCH', 'different-street'],
    [REGISTRY, 'JL. PAUS NO. 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MISMATCH', 'different-street'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 011 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MISMATCH', 'different-rt'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 010 RW 004, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MISMATCH', 'different-rw'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 003 RW 010, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MISMATCH', 'different-rt+different-rw'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 010 RW 003, KEL. DELIMA, KEC. BINAWIDYA, PEKANBARU', 'MISMATCH', 'different-village'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. MARPOYAN DAMAI, PEKANBARU', 'MISMATCH', 'different-district'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 010 RW 003, KEL. SIMPANG BARU, KEC. BINAWIDYA, KAMPAR', 'MISMATCH', 'different-regency'],
    [at('RUMBAI'), at('RUMBAI BARAT'), 'MISMATCH', 'different-district'],
    [at('RUMBAI BARAT'), at('RUMBAI PESISIR'), 'MISMATCH', 'different-district'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190, KEL. SIMPANG BARU, KEC. BINAWIDYA, PEKANBARU', 'MISMATCH', 'missing-part'],
    [REGISTRY, 'JL. IMAM MUNANDAR NO. 190 RT 010 RW 003', 'MISMATCH', 'missing-part'],
    [REGISTRY, 'PEKANBARU', 'MISMATCH', 'different-street+missing-part'],
    [
      'JL. RIAU NO. 5, RT 001/RW 002, SUKA MULIA, SAIL, PEKANBARU, RIAU 28131',
      'JL. RIAU NO. 5, RT 001/RW 002, SUKA MULIA, SAIL, PEKANBARU, SUMATERA BARAT 28131',
      'MISMATCH',
      'different-province',
    ],
    [
      'JL. RIAU NO. 5, RT 001/RW 002, SUKA MULIA, SAIL, PEKANBARU, RIAU 28131',
      'JL. RIAU NO. 5, RT 001/RW 002, SUKA MULIA, SAIL, PEKANBARU, RIAU 28132',
      'MISMATCH',
      'different-postal-code',
    ],
    [',,,', REGISTRY, 'INCOMPLETE', 'no-value'],
  ]);

  it('explains RUMBAI against RUMBAI BARAT', () => {
    expect(compareAttribute('ADDRESS', at('RUMBAI'), at('RUMBAI BARAT')).reason).toContain('RUMBAI is today district 147112');
  });

  it('says when only the house number differs', () => {
    expect(compareAttribute('ADDRESS', REGISTRY, REGISTRY.replace('190', '19')).reason).toContain('the house number differs');
  });
});
