import type { Religion, Sex } from './person';
import * as pools from './name-pools';
import type { Rng } from './seed-context';

/**
 * Name builders for the synthetic population. A family's culture decides its name pools,
 * its religion and whether children inherit a clan or family name (Batak and Mandailing
 * marga, Chinese-Indonesian family names). Javanese, Minang and Malay families have no
 * surname: children's names are independent of their father's.
 */
export type Culture = 'MELAYU' | 'MINANG' | 'JAWA' | 'MANDAILING' | 'BATAK' | 'TIONGHOA' | 'BALI';

/** Cultures whose members carry an inherited last name, and whether it passes father -> child. */
export function hasInheritedSurname(culture: Culture): boolean {
  return culture === 'BATAK' || culture === 'MANDAILING' || culture === 'TIONGHOA';
}

type Generation = 'CLASSIC' | 'MODERN';

function generationOf(rng: Rng, birthYear: number): Generation {
  if (birthYear < 1982) return 'CLASSIC';
  if (birthYear >= 1996) return 'MODERN';
  return rng.chance((birthYear - 1981) / 15) ? 'MODERN' : 'CLASSIC';
}

function muslimGiven(rng: Rng, sex: Sex, generation: Generation, own: readonly string[], ownShare: number): string {
  const shared =
    generation === 'CLASSIC'
      ? sex === 'MALE'
        ? pools.MUSLIM_MALE_CLASSIC
        : pools.MUSLIM_FEMALE_CLASSIC
      : sex === 'MALE'
        ? pools.MUSLIM_MALE_MODERN
        : pools.MUSLIM_FEMALE_MODERN;
  return own.length > 0 && rng.chance(ownShare) ? rng.pick(own) : rng.pick(shared);
}

/** A Chinese-style name: clan + one or two syllables ("LIM HOK SENG", "TAN MEI LING"). */
export function chineseStyleName(rng: Rng, sex: Sex, surname?: string): string {
  const syllables = sex === 'MALE' ? pools.CHINESE_MALE_SYLLABLES : pools.CHINESE_FEMALE_SYLLABLES;
  const first = rng.pick(syllables);
  let second = rng.pick(syllables);
  if (second === first) second = rng.pick(syllables);
  const parts = [surname ?? rng.pick(pools.CHINESE_SURNAMES), first];
  if (second !== first) parts.push(second);
  return parts.join(' ');
}

export interface NameOptions {
  /** The marga or family name to carry (Batak, Mandailing, Chinese-Indonesian). */
  surname?: string;
  religion?: Religion;
}

/**
 * A registry-style full name for someone of this culture, sex and birth year.
 * Batak and Mandailing names end with a marga; Chinese-Indonesian names usually end with
 * a family name (older residents may carry a Chinese-style name instead).
 */
export function personName(rng: Rng, culture: Culture, sex: Sex, birthYear: number, options: NameOptions = {}): string {
  const generation = generationOf(rng, birthYear);
  const male = sex === 'MALE';
  switch (culture) {
    case 'MELAYU':
      return muslimGiven(rng, sex, generation, generation === 'CLASSIC' ? (male ? pools.MELAYU_MALE_CLASSIC : pools.MELAYU_FEMALE_CLASSIC) : [], 0.35);
    case 'MINANG': {
      const own =
        generation === 'CLASSIC'
          ? male
            ? pools.MINANG_MALE_CLASSIC
            : pools.MINANG_FEMALE_CLASSIC
          : male
            ? pools.MINANG_MALE_MODERN
            : pools.MINANG_FEMALE_MODERN;
      return muslimGiven(rng, sex, generation, own, 0.7);
    }
    case 'JAWA': {
      const own =
        generation === 'CLASSIC'
          ? male
            ? pools.JAWA_MALE_CLASSIC
            : pools.JAWA_FEMALE_CLASSIC
          : male
            ? pools.JAWA_MALE_MODERN
            : pools.JAWA_FEMALE_MODERN;
      return muslimGiven(rng, sex, generation, own, 0.8);
    }
    case 'MANDAILING': {
      const given = muslimGiven(rng, sex, generation, [], 0);
      return `${given} ${options.surname ?? rng.pick(pools.MANDAILING_MARGA)}`;
    }
    case 'BATAK': {
      const catholic = options.religion === 'KATHOLIK' && rng.chance(0.6);
      const given = catholic
        ? rng.pick(male ? pools.CATHOLIC_MALE : pools.CATHOLIC_FEMALE)
        : generation === 'CLASSIC'
          ? rng.pick(male ? pools.BATAK_MALE_CLASSIC : pools.BATAK_FEMALE_CLASSIC)
          : rng.pick(male ? pools.BATAK_MALE_MODERN : pools.BATAK_FEMALE_MODERN);
      return `${given} ${options.surname ?? rng.pick(pools.BATAK_MARGA)}`;
    }
    case 'TIONGHOA': {
      if (generation === 'CLASSIC' && options.surname === undefined && rng.chance(0.3)) return chineseStyleName(rng, sex);
      const given = rng.pick(male ? pools.TIONGHOA_MALE_GIVEN : pools.TIONGHOA_FEMALE_GIVEN);
      return `${given} ${options.surname ?? rng.pick(pools.TIONGHOA_FAMILY_NAMES)}`;
    }
    case 'BALI': {
      const order = rng.pick(pools.BALI_BIRTH_ORDER);
      return `${male ? 'I' : 'NI'} ${order} ${rng.pick(male ? pools.BALI_MALE_GIVEN : pools.BALI_FEMALE_GIVEN)}`;
    }
  }
}

/** A marga for a new family, or a different one (Batak marga are exogamous: a wife's differs from her husband's). */
export function pickSurname(rng: Rng, culture: Culture, exclude?: string): string | undefined {
  const list =
    culture === 'BATAK'
      ? pools.BATAK_MARGA
      : culture === 'MANDAILING'
        ? pools.MANDAILING_MARGA
        : culture === 'TIONGHOA'
          ? pools.TIONGHOA_FAMILY_NAMES
          : null;
  if (!list) return undefined;
  let surname = rng.pick(list);
  for (let tries = 0; surname === exclude && tries < 8; tries++) surname = rng.pick(list);
  return surname;
}

/** The last word of a name that carries an inherited surname, if it is one. */
export function surnameOf(name: string, culture: Culture): string | undefined {
  if (!hasInheritedSurname(culture)) return undefined;
  const words = name.split(' ');
  const last = words[words.length - 1] ?? '';
  const list =
    culture === 'BATAK' ? pools.BATAK_MARGA : culture === 'MANDAILING' ? pools.MANDAILING_MARGA : pools.TIONGHOA_FAMILY_NAMES;
  return list.includes(last) ? last : undefined;
}

/** The culture whose pools best fit a person of this religion (for names made up later, e.g. planted ones). */
export function cultureForReligion(rng: Rng, religion: Religion): Culture {
  switch (religion) {
    case 'ISLAM':
      return rng.pick<Culture>(['MELAYU', 'MINANG', 'JAWA', 'MANDAILING']);
    case 'KRISTEN':
    case 'KATHOLIK':
      return 'BATAK';
    case 'BUDHA':
    case 'KHONGHUCU':
      return 'TIONGHOA';
    case 'HINDU':
      return 'BALI';
    case 'KEPERCAYAAN':
      return 'JAWA';
  }
}
