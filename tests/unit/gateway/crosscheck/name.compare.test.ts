import { compareAttribute } from '../../../../gateway/crosscheck';
import { scenarios, type Scenario } from './scenario';

describe('FULL_NAME: formatting only is MATCH', () => {
  scenarios('FULL_NAME', [
    ['MUHAMMAD RIZKI', 'MUHAMMAD RIZKI', 'MATCH', 'identical'],
    ['MUHAMMAD RIZKI', 'muhammad rizki', 'MATCH', 'format'],
    ['MUHAMMAD RIZKI', 'Muhammad  Rizki', 'MATCH', 'format'],
    ['SITI AMINAH', '  SITI \t AMINAH ', 'MATCH', 'format'],
    ["MA'RUF AMIN", 'MARUF AMIN', 'MATCH', 'format'],
    ['MARUF AMIN', 'MA\u2019RUF AMIN', 'MATCH', 'format'],
    ['SITI NUR HALIZA', 'SITI NUR-HALIZA', 'MATCH', 'format'],
    ['M. RIZKI', 'M RIZKI', 'MATCH', 'format'],
    ['H. SUPARMAN', 'H.SUPARMAN', 'MATCH', 'format'],
    ['ANDRE WIJAYA', 'ANDRÉ WIJAYA', 'MATCH', 'format'],
    ['SUPARMAN, S.E.', 'SUPARMAN SE', 'MATCH', 'format'],
    ['HENDRA WIJAYA / LIM HOK SENG', 'HENDRA WIJAYA ALIAS LIM HOK SENG', 'MATCH', 'format'],
  ]);
});

describe('FULL_NAME and MOTHER_NAME: titles and honorifics before and after are VARIANT', () => {
  const table: Scenario[] = [
    ['SUPARMAN', 'H. SUPARMAN', 'VARIANT', 'title'],
    ['SUPARMAN', 'HAJI SUPARMAN', 'VARIANT', 'title'],
    ['SITI AMINAH', 'HJ. SITI AMINAH', 'VARIANT', 'title'],
    ['SITI AMINAH', 'Hj. Siti Aminah', 'VARIANT', 'title'],
    ['SITI AMINAH', 'HAJJAH SITI AMINAH', 'VARIANT', 'title'],
    ['SUPARMAN', 'DRS. SUPARMAN', 'VARIANT', 'title'],
    ['SRI WAHYUNI', 'DRA. SRI WAHYUNI', 'VARIANT', 'title'],
    ['SUPARMAN', 'IR. SUPARMAN', 'VARIANT', 'title'],
    ['SUPARMAN', 'DR. SUPARMAN', 'VARIANT', 'title'],
    ['SUPARMAN', 'PROF. DR. IR. SUPARMAN, M.SI', 'VARIANT', 'title'],
    ['SUPARMAN', 'BPK. SUPARMAN', 'VARIANT', 'title'],
    ['SITI AMINAH', 'NY. SITI AMINAH', 'VARIANT', 'title'],
    ['SITI AMINAH', 'IBU SITI AMINAH', 'VARIANT', 'title'],
    ['BUDI SANTOSO', 'BUDI SANTOSO, S.KOM', 'VARIANT', 'title'],
    ['BUDI SANTOSO', 'BUDI SANTOSO, S.E.', 'VARIANT', 'title'],
    ['BUDI SANTOSO', 'BUDI SANTOSO S.H.', 'VARIANT', 'title'],
    ['BUDI SANTOSO', 'BUDI SANTOSO, S.Pd', 'VARIANT', 'title'],
    ['BUDI SANTOSO', 'BUDI SANTOSO, S.T.', 'VARIANT', 'title'],
    ['BUDI SANTOSO', 'BUDI SANTOSO, S.E., M.M.', 'VARIANT', 'title'],
    ['DWI LESTARI', 'DWI LESTARI, A.Md', 'VARIANT', 'title'],
    ['DWI LESTARI', 'DWI LESTARI, A.Md.Keb', 'VARIANT', 'title'],
    ['BUDI SANTOSO', 'BUDI SANTOSO, M.A.', 'VARIANT', 'title'],
    ['SUPARMAN', 'H. SUPARMAN, S.E.', 'VARIANT', 'title'],
    ['H. SUPARMAN', 'SUPARMAN', 'VARIANT', 'title'],
    ['DR. SUPARMAN', 'PROF. SUPARMAN', 'VARIANT', 'title'],
    // Without dots, MA could be a name's last word: it is not taken for a degree.
    ['BUDI SANTOSO', 'BUDI SANTOSO MA', 'MISMATCH', 'extra-word'],
    // A title is never the whole name: "HAJI" alone is compared as a name.
    ['SUPARMAN', 'HAJI', 'MISMATCH', 'different-name'],
  ];
  scenarios('FULL_NAME', table);
  scenarios('MOTHER_NAME', table);
});

describe('FULL_NAME: MUHAMMAD and ABDUL', () => {
  scenarios('FULL_NAME', [
    ['MUHAMMAD RIZKI', 'MUH. RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'MUH RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'MOCH. RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'MOCH RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'M. RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'M RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'M.RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'MHD. RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'MOHD RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['NUR MUHAMMAD', 'NUR M.', 'VARIANT', 'muhammad-abbreviation'],
    ['M. RIZKI', 'MUHAMMAD RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUH. RIZKI', 'M. RIZKI', 'VARIANT', 'muhammad-abbreviation'],
    ['MUHAMMAD RIZKI', 'MUHAMAD RIZKI', 'VARIANT', 'muhammad-spelling'],
    ['MUHAMMAD RIZKI', 'MOHAMMAD RIZKI', 'VARIANT', 'muhammad-spelling'],
    ['MUHAMMAD RIZKI', 'MOHAMAD RIZKI', 'VARIANT', 'muhammad-spelling'],
    ['MUHAMMAD RIZKI', 'MOCHAMAD RIZKI', 'VARIANT', 'muhammad-spelling'],
    ['MUHAMMAD RIZKI', 'MOCHAMMAD RIZKI', 'VARIANT', 'muhammad-spelling'],
    ['MUHAMMAD RIZKI', 'MUHAMMED RIZKI', 'VARIANT', 'muhammad-spelling'],
    ['MUHAMMAD RIZKI', 'MOEHAMMAD RIZKI', 'VARIANT', 'muhammad-spelling'],
    ['ABDUL HALIM', 'ABD. HALIM', 'VARIANT', 'abdul-abbreviation'],
    ['ABDUL HALIM', 'ABD HALIM', 'VARIANT', 'abdul-abbreviation'],
    ['ABDUL HALIM', 'ABDOEL HALIM', 'VARIANT', 'old-spelling'],
    // M. stands for MUHAMMAD only: not for another name starting with M, and no other initial is read.
    ['MAHMUD RIZKI', 'M. RIZKI', 'MISMATCH', 'initial-not-muhammad'],
    ['MARWAN', 'M.', 'MISMATCH', 'initial-not-muhammad'],
    ['RIZKI PRATAMA', 'R. PRATAMA', 'MISMATCH', 'different-name'],
    ['RIZKI PRATAMA', 'A. RIZKI PRATAMA', 'MISMATCH', 'extra-word'],
    ['MUHAMMAD RIZKI', 'RIZKI', 'MISMATCH', 'missing-word'],
  ]);

  it('names the abbreviation in the reason', () => {
    expect(compareAttribute('FULL_NAME', 'MUHAMMAD RIZKI', 'MUH. RIZKI').reason).toBe('"MUH." is an abbreviation of "MUHAMMAD"');
    expect(compareAttribute('FULL_NAME', 'MAHMUD RIZKI', 'M. RIZKI').reason).toContain('"M." stands only for "MUHAMMAD", not for "MAHMUD"');
  });
});

describe('FULL_NAME and MOTHER_NAME: pre-1972 spelling', () => {
  const table: Scenario[] = [
    ['SUKARNO', 'SOEKARNO', 'VARIANT', 'old-spelling'],
    ['SOEKARNO', 'SUKARNO', 'VARIANT', 'old-spelling'],
    ['JOKO SUSILO', 'DJOKO SOESILO', 'VARIANT', 'old-spelling'],
    ['CAHYO NUGROHO', 'TJAHYO NOEGROHO', 'VARIANT', 'old-spelling'],
    ['JUMIATI', 'DJOEMIATI', 'VARIANT', 'old-spelling'],
    ['KHAIRUL ANWAR', 'CHAIRUL ANWAR', 'VARIANT', 'old-spelling'],
    ['SYAHRIR', 'SJAHRIR', 'VARIANT', 'old-spelling'],
    ['MUKHTAR', 'MOECHTAR', 'VARIANT', 'old-spelling'],
    // Refused on purpose: J->Y and NJ->NY (modern names write J, Y and NJ).
    ['YUSUF', 'JUSUF', 'MISMATCH', 'one-letter-difference'],
    ['YUSNIDAR', 'JUSNIDAR', 'MISMATCH', 'one-letter-difference'],
    ['NYOTO', 'NJOTO', 'MISMATCH', 'one-letter-difference'],
  ];
  scenarios('FULL_NAME', table);
  scenarios('MOTHER_NAME', table);

  it('says which form is the old one', () => {
    expect(compareAttribute('FULL_NAME', 'SUKARNO', 'SOEKARNO').reason).toBe('"SOEKARNO" is the pre-1972 spelling of "SUKARNO"');
  });
});

describe('FULL_NAME: aliases', () => {
  scenarios('FULL_NAME', [
    ['HENDRA WIJAYA', 'HENDRA WIJAYA / LIM HOK SENG', 'VARIANT', 'alias'],
    ['HENDRA WIJAYA', 'LIM HOK SENG / HENDRA WIJAYA', 'VARIANT', 'alias'],
    ['HENDRA WIJAYA', 'HENDRA WIJAYA ALIAS LIM HOK SENG', 'VARIANT', 'alias'],
    ['HENDRA WIJAYA', 'HENDRA WIJAYA ALS. LIM HOK SENG', 'VARIANT', 'alias'],
    ['HENDRA WIJAYA', 'HENDRA WIJAYA @ ACONG', 'VARIANT', 'alias'],
    ['HENDRA WIJAYA / LIM HOK SENG', 'LIM HOK SENG', 'VARIANT', 'alias'],
    ['SUPARMAN', 'PARMAN / SUPARMAN', 'VARIANT', 'alias'],
    ['SUPARMAN', 'H. SUPARMAN / PARMAN', 'VARIANT', 'alias+title'],
    ['HENDRA WIJAYA', 'BUDI SANTOSO / LIM HOK SENG', 'MISMATCH', 'different-name'],
    ['HENDRA WIJAYA / LIM HOK SENG', 'BUDI SANTOSO', 'MISMATCH', 'different-name'],
  ]);
});

describe('FULL_NAME: passport BIN/BINTI + father', () => {
  scenarios('FULL_NAME', [
    ['MAHMUD', 'MAHMUD BIN HASANUDIN', 'VARIANT', 'passport-bin'],
    ['JUMINAH', 'JUMINAH BINTI SUKIMAN', 'VARIANT', 'passport-bin'],
    ['JUMINAH', 'JUMINAH BINTI MUHAMMAD NASIR', 'VARIANT', 'passport-bin'],
    ['SITI AMINAH', 'SITI AMINAH BINTI ABDUL HALIM', 'VARIANT', 'passport-bin'],
    ['MAHMUD BIN HASANUDIN', 'MAHMUD', 'VARIANT', 'passport-bin'],
    // Both with a father's name: the fathers must agree.
    ['MAHMUD BIN HASANUDIN', 'MAHMUD BIN SULAIMAN', 'MISMATCH', 'different-name'],
    // BIN only as a whole word, with a name before and after it.
    ['BINTANG PRATAMA', 'BINTANG PRATAMA', 'MATCH', 'identical'],
    ['BINTANG', 'BINTANG SAPUTRA', 'MISMATCH', 'extra-word'],
    ['RIZKI BINTANG', 'RIZKI', 'MISMATCH', 'missing-word'],
    ['MAHMUD', 'MAHMUD BIN', 'MISMATCH', 'extra-word'],
    ['ALI', 'BIN ALI', 'MISMATCH', 'extra-word'],
    ['AHMAD', 'AHMAD BINSAR', 'MISMATCH', 'extra-word'],
  ]);
});

describe('FULL_NAME: surname/given splits and reorderings', () => {
  scenarios('FULL_NAME', [
    ['RIZKI PRATAMA', 'PRATAMA RIZKI', 'VARIANT', 'word-order'],
    ['MUHAMMAD RIZKI PRATAMA', 'PRATAMA MUHAMMAD RIZKI', 'VARIANT', 'word-order'],
    ['AHMAD YANI NASUTION', 'NASUTION AHMAD YANI', 'VARIANT', 'word-order'],
    ['I WAYAN SUDARMA', 'SUDARMA I WAYAN', 'VARIANT', 'word-order'],
    ['YOHANES SIMANJUNTAK', 'SIMANJUNTAK, YOHANES', 'VARIANT', 'word-order'],
    ['MUHAMMAD RIZKI PRATAMA', 'PRATAMA RIZKI MUH.', 'VARIANT', 'muhammad-abbreviation+word-order'],
    ['RIZKI RIZKI PRATAMA', 'PRATAMA RIZKI', 'MISMATCH', 'missing-word'],
  ]);
});

describe('FULL_NAME: rules combine', () => {
  scenarios('FULL_NAME', [
    ['MUHAMMAD ABDUL HALIM', 'H. MUH. ABD. HALIM, S.E.', 'VARIANT', 'title+muhammad-abbreviation+abdul-abbreviation'],
    ['JOKO SUSILO', 'IR. DJOKO SOESILO', 'VARIANT', 'title+old-spelling'],
    ['SUKARNO', 'H. SOEKARNO BIN SUKIMAN', 'VARIANT', 'title+passport-bin+old-spelling'],
    ['HENDRA WIJAYA', 'WIJAYA HENDRA / LIM HOK SENG', 'VARIANT', 'alias+word-order'],
    ['MUHAMMAD YUSUF', 'YUSUF MOCHAMMAD', 'VARIANT', 'muhammad-spelling+word-order'],
  ]);
});

describe('FULL_NAME and MOTHER_NAME: anything no rule explains is MISMATCH', () => {
  const table: Scenario[] = [
    ['RIZKI', 'RISKI', 'MISMATCH', 'one-letter-difference'],
    ['MUHAMMAD RIZKI', 'MUHAMMAD RISKI', 'MISMATCH', 'one-letter-difference'],
    ['SITI AMINAH', 'SITI AMINA', 'MISMATCH', 'one-letter-difference'],
    ['AHMAD FAUZI', 'BUDI SANTOSO', 'MISMATCH', 'different-name'],
    ['NUR HAYATI', 'NURHAYATI', 'MISMATCH', 'joined-words'],
    ['SITI AMINAH', 'SITI', 'MISMATCH', 'missing-word'],
    ['SITI', 'SITI AMINAH', 'MISMATCH', 'extra-word'],
    ['ABDUL RAHMAN', 'ABDURRAHMAN', 'MISMATCH', 'different-name'],
  ];
  scenarios('FULL_NAME', table);
  scenarios('MOTHER_NAME', table);

  it('explains a one-letter difference as a possible typo to synchronize, not a variant', () => {
    expect(compareAttribute('FULL_NAME', 'RIZKI', 'RISKI').reason).toContain('no rule forgives a different letter');
  });
});

describe('FULL_NAME: values that hold no name', () => {
  scenarios('FULL_NAME', [
    ['SUPARMAN', '///', 'INCOMPLETE', 'no-value'],
    ['SUPARMAN', '...', 'INCOMPLETE', 'no-value'],
    ['@', 'SUPARMAN', 'INCOMPLETE', 'no-value'],
  ]);
});
