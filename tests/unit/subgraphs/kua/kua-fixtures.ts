/**
 * A hand-written SIMKAH export, following subgraphs/kua/README.md: `,`-separated, every field
 * quoted, a BOM, a header line, detail lines in both numbering schemes and both date notations,
 * a trailer with the line count, LF line ends.
 */
export const HUSBAND_NEW = '1471081203850001'; // married 2023, new 16-digit number
export const WIFE_NEW = '1471024507900002'; // his wife
export const HUSBAND_TWICE = '1471100101600003'; // divorced (1988, ex-wife without NIK), remarried 1995
export const WIFE_OLD = '1471105505650004'; // his second wife
export const NIK_WITHOUT_MARRIAGE = '1471010101800005';

export const HEADER =
  '"NO_AKTA","KODE_KUA","NAMA_KUA","TGL_AKAD","TEMPAT_AKAD","LOKASI_AKAD","NIK_SUAMI","NAMA_SUAMI","TGL_LAHIR_SUAMI","NIK_ISTRI","NAMA_ISTRI","TGL_LAHIR_ISTRI","STATUS_NIKAH"';

export const DETAIL_LINES = [
  '"0123/10/IV/1988","1471101","KUA KECAMATAN TENAYAN RAYA","1988-04-17 00:00:00","LUAR KANTOR","KEDIAMAN MEMPELAI WANITA","1471100101600003","H. SYAMSUL BAHRI","1960-01-01 00:00:00","","NURHAYATI","1963-02-11 00:00:00","CERAI GUGAT"',
  '"Kk.04.2.10/PW.01/0045/1995","1471101","KUA KECAMATAN TENAYAN RAYA","25-06-1995","KANTOR","BALAI NIKAH KUA KEC. TENAYAN RAYA","1471100101600003","SYAMSUL BAHRI","01-01-1960","1471105505650004","ROSMAWATI","15-05-1965","TERCATAT"',
  '"1471081032023007","1471081","KUA KECAMATAN BINAWIDYA","12-03-2023","KANTOR","BALAI NIKAH KUA KEC. BINAWIDYA","1471081203850001","AHMAD FAUZI","12-03-1985","1471024507900002","Siti  Aminah","05-07-1990","TERCATAT"',
];

export function exportText(
  lines: readonly string[] = DETAIL_LINES,
  options: { trailerCount?: number; eol?: string; bom?: boolean } = {},
): string {
  const eol = options.eol ?? '\n';
  const count = options.trailerCount ?? lines.length;
  return (options.bom === false ? '' : '\uFEFF') + [HEADER, ...lines, `"#JUMLAH_BARIS","${count}","10-06-2025"`].join(eol) + eol;
}
