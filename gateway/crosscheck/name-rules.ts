/**
 * The data behind the name rules (DOMAIN.md, "Why agencies' copies disagree"): titles and
 * honorifics, the forms of MUHAMMAD and ABDUL, patronymic and alias words, and the pre-1972
 * spelling. Every entry is written without dots, as the tokenizer sees it (`S.KOM` -> `SKOM`).
 * Adding a title is adding a word here; the tests check that no word of the population's name
 * pools is mistaken for one.
 */

const set = (...lists: readonly (readonly string[])[]): ReadonlySet<string> => new Set(lists.flat());

/**
 * Written before the name: religious (hajj), civil honorifics and academic or professional prefixes.
 * Deliberately absent: RADEN, ANDI, TEUKU, CUT, SRI, SITI, SYEKH, HABIB: these are registered
 * as part of the name itself, and ANDI and SRI are common given names.
 */
export const PREFIX_TITLES: ReadonlySet<string> = set(
  ['H', 'HJ', 'HJJ', 'HAJI', 'HAJJAH', 'HAJAH', 'KH', 'UST', 'USTADZ', 'USTAZ', 'USTADZAH', 'USTAZAH'],
  ['BPK', 'BAPAK', 'NY', 'NYONYA', 'IBU', 'SDR', 'SDRI', 'SAUDARA', 'SAUDARI', 'TN', 'TUAN', 'NN', 'NONA', 'ALM', 'ALMH', 'ALMARHUM', 'ALMARHUMAH'],
  ['DRS', 'DRA', 'IR', 'DR', 'DRG', 'DRH', 'PROF', 'PDT'],
);

/** Written after the name (often after a comma): Indonesian academic degrees, professional titles. */
export const SUFFIX_TITLES: ReadonlySet<string> = set(
  // Bachelor (S1) and applied bachelor degrees.
  ['SE', 'SH', 'ST', 'SP', 'SPD', 'SPDI', 'SKOM', 'SSOS', 'SSOSI', 'SAG', 'SIP', 'SIKOM', 'SKED', 'SKEP', 'SFARM', 'SSI', 'SPSI'],
  ['SHUT', 'SPT', 'STP', 'SSTP', 'SAK', 'SKM', 'STR', 'STHI', 'SSY', 'SKES', 'SGZ', 'SDS', 'SST', 'SSN', 'SKG', 'SPI', 'SM', 'STRPD'],
  // Master (S2), doctorate (S3) and foreign degrees.
  ['MM', 'MSI', 'MPD', 'MKOM', 'MH', 'MT', 'MAG', 'MKES', 'MKN', 'MSC', 'MHUM', 'MSOS', 'MBA', 'MPH', 'MKEB', 'MKEP', 'MIKOM', 'MPSI', 'MAP', 'MTI', 'MPDI'],
  ['PHD', 'BSC', 'LC', 'LLM', 'AK', 'CPA'],
  // Diplomas (A.Md = ahli madya, A.Ma = ahli muda).
  ['AMD', 'AMA', 'AMK', 'AMDKEP', 'AMDKEB', 'AMAPD', 'AMDGZ', 'AMDFARM', 'AMDKOM', 'AMDAK'],
  // Medical specialists (Sp.A, Sp.PD, Sp.OG, ...).
  ['SPA', 'SPPD', 'SPOG', 'SPB', 'SPM', 'SPTHT', 'SPJP', 'SPRAD', 'SPAN', 'SPKJ', 'SPKK', 'SPS', 'SPN', 'SPBS', 'SPOT'],
  // Honorifics that may follow a name: "SUPARMAN (ALM)".
  ['ALM', 'ALMH', 'ALMARHUM', 'ALMARHUMAH'],
);

/**
 * Suffixes that could also be a name's last syllable or word (MA, SHI, MAK, ...): stripped only
 * when written with dots (`M.A.`, `S.H.I.`, `M.Ak.`).
 */
export const DOTTED_ONLY_SUFFIX_TITLES: ReadonlySet<string> = set(['MA', 'BA', 'ME', 'MD', 'MS', 'SS', 'SHI', 'SEI', 'MAK', 'SIA']);

/** Short forms of MUHAMMAD. An initial `M.` stands for MUHAMMAD and for no other name (README, judgment calls). */
export const MUHAMMAD_ABBREVIATIONS: ReadonlySet<string> = set(['M', 'MUH', 'MOH', 'MOCH', 'MUCH', 'MHD', 'MOHD', 'MOEH', 'MOK', 'MUHD']);

/** Full spellings of MUHAMMAD (their pre-1972 forms are reached through the old-spelling key). */
export const MUHAMMAD_SPELLINGS: ReadonlySet<string> = set([
  'MUHAMMAD', 'MUHAMAD', 'MUHAMMED', 'MUHAMED', 'MOHAMMAD', 'MOHAMAD', 'MOHAMMED', 'MOHAMED', 'MOCHAMAD', 'MOCHAMMAD',
  'MUCHAMMAD', 'MUCHAMAD', 'MOCHAMMED', 'MOHAMMAT', 'MUHAMMAT', 'MUHAMAT',
]);

export const ABDUL_ABBREVIATIONS: ReadonlySet<string> = set(['ABD']);
export const ABDUL_SPELLINGS: ReadonlySet<string> = set(['ABDUL', 'ABDOEL']);

/** "son of" / "daughter of": passports add them with the father's name for single-name holders. */
export const PATRONYMIC_WORDS: ReadonlySet<string> = set(['BIN', 'BINTI', 'BINT']);

/** `A / B`, `A ALIAS B`, `A ALS. B`, `A @ B`: one person's two names. */
export const ALIAS_SEPARATOR = /\s*(?:\/|@|\bALIAS\b\.?|\bALS\b\.?)\s*/;

/**
 * Pre-1972 (Van Ophuijsen / Soewandi) letter pairs and their EYD forms. Accepted: OE->U, DJ->J,
 * TJ->C, and also CH->KH (CHAIRUL = KHAIRUL) and SJ->SY (SJAHRIR = SYAHRIR), which modern names
 * never write. Refused: J->Y and NJ->NY: modern names write both J and Y (JUSNIDAR and YUSNIDAR
 * are two registered names) and NJ (PANJAITAN), so those letters cannot tell an old spelling apart.
 */
const OLD_PAIRS: ReadonlyMap<string, string> = new Map([
  ['OE', 'U'],
  ['DJ', 'J'],
  ['TJ', 'C'],
  ['CH', 'KH'],
  ['SJ', 'SY'],
]);
const HAS_OLD_PAIR = /OE|DJ|TJ|CH|SJ/;

/** The word in modern spelling (identity for a modern word): `SOEKARNO` -> `SUKARNO`, `DJOKO` -> `JOKO`. */
export function modernSpelling(word: string): string {
  if (!HAS_OLD_PAIR.test(word)) return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const modern = i + 1 < word.length ? OLD_PAIRS.get(word[i]! + word[i + 1]!) : undefined;
    if (modern !== undefined) {
      out += modern;
      i++;
    } else {
      out += word[i]!;
    }
  }
  return out;
}

/** Dotless tokens that stay one word when written with inner dots (`S.KOM`, `A.MD`, `M.M.`), not split into initials. */
export const KNOWN_DOTTED_WORDS: ReadonlySet<string> = set(
  [...PREFIX_TITLES],
  [...SUFFIX_TITLES],
  [...DOTTED_ONLY_SUFFIX_TITLES],
  [...MUHAMMAD_ABBREVIATIONS],
  [...ABDUL_ABBREVIATIONS],
);
