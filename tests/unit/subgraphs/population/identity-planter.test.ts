import { isCalendarDate } from '../../../../subgraphs/kit/nik';
import { parseIsoDate } from '../../../../subgraphs/population/dates';
import { generatePopulation } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter, otherBirthDate, type SeededIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import * as pools from '../../../../subgraphs/population/name-pools';
import {
  MUHAMMAD_FORMS,
  addressLine,
  canonicalWords,
  fathersFirstName,
  fromOldSpelling,
  shareAWord,
  toOldSpelling,
} from '../../../../subgraphs/population/name-variants';
import type { Person, Population, Sex } from '../../../../subgraphs/population/person';
import { DEFAULT_PLANT_RATES, NO_PLANTS, type AttributeRates, type PlantRates, type PlantedAttribute } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';
import type { PlantKind, PlantedDifference } from '../../../../subgraphs/population/seed-context';

const REFERENCE_DATE = '2026-01-01';
const population: Population = generatePopulation({ citizens: 5000, seed: 'planter' });
const people = population.people;

function planter(rates: PlantRates = DEFAULT_PLANT_RATES, seed = 'planter-test', agency = 'test-agency'): SeededIdentityPlanter {
  return createIdentityPlanter({ agency, rng: createRng(seed).fork(agency), referenceDate: REFERENCE_DATE, rates });
}

/** Rates where every copy of `attribute` gets a plant of `plantClass` (when one applies). */
function only(attribute: PlantedAttribute, plantClass: keyof AttributeRates): PlantRates {
  return { ...NO_PLANTS, [attribute]: { mismatch: 0, variant: 0, format: 0, [plantClass]: 1 } };
}

function byKind(plants: readonly PlantedDifference[]): Map<PlantKind, PlantedDifference[]> {
  const map = new Map<PlantKind, PlantedDifference[]>();
  for (const plant of plants) map.set(plant.kind, [...(map.get(plant.kind) ?? []), plant]);
  return map;
}

const personOf = new Map(people.map((p) => [p.nik, p]));
const person = (plant: PlantedDifference): Person => personOf.get(plant.nik)!;

/** Given names of each sex, to check that a made-up name fits the sex it was made for. */
const GIVEN: Record<Sex, Set<string>> = {
  MALE: new Set([
    ...pools.MUSLIM_MALE_CLASSIC, ...pools.MUSLIM_MALE_MODERN, ...pools.MINANG_MALE_CLASSIC, ...pools.MINANG_MALE_MODERN,
    ...pools.JAWA_MALE_CLASSIC, ...pools.JAWA_MALE_MODERN, ...pools.MELAYU_MALE_CLASSIC, ...pools.BATAK_MALE_CLASSIC,
    ...pools.BATAK_MALE_MODERN, ...pools.CATHOLIC_MALE, ...pools.TIONGHOA_MALE_GIVEN,
  ]),
  FEMALE: new Set([
    ...pools.MUSLIM_FEMALE_CLASSIC, ...pools.MUSLIM_FEMALE_MODERN, ...pools.MINANG_FEMALE_CLASSIC, ...pools.MINANG_FEMALE_MODERN,
    ...pools.JAWA_FEMALE_CLASSIC, ...pools.JAWA_FEMALE_MODERN, ...pools.MELAYU_FEMALE_CLASSIC, ...pools.BATAK_FEMALE_CLASSIC,
    ...pools.BATAK_FEMALE_MODERN, ...pools.CATHOLIC_FEMALE, ...pools.TIONGHOA_FEMALE_GIVEN,
  ]),
};

function fitsSex(name: string, sex: Sex): boolean {
  const words = name.split(' ');
  if (words[0] === (sex === 'MALE' ? 'I' : 'NI')) return true; // Balinese
  const syllables = sex === 'MALE' ? pools.CHINESE_MALE_SYLLABLES : pools.CHINESE_FEMALE_SYLLABLES;
  if (pools.CHINESE_SURNAMES.includes(words[0]!) && words.slice(1).every((w) => syllables.includes(w))) return true;
  return GIVEN[sex].has(name) || GIVEN[sex].has(words.slice(0, -1).join(' '));
}

describe('name variants', () => {
  it('writes and reads back the pre-1972 spelling with only u/oe, j/dj, c/tj', () => {
    expect(toOldSpelling('SUKARNO')).toBe('SOEKARNO');
    expect(toOldSpelling('JOKO SUSILO')).toBe('DJOKO SOESILO');
    expect(toOldSpelling('CAHYO NUGROHO')).toBe('TJAHYO NOEGROHO');
    expect(toOldSpelling('MAULANA')).toBe('MAULANA'); // a "u" after a vowel is a diphthong
    for (const name of ['SURYADI', 'JUMIATI', 'CIPTO', 'MUHAMMAD YUSUF']) expect(fromOldSpelling(toOldSpelling(name))).toBe(name);
  });

  it('keeps the modern pools free of old-spelling letter pairs, so old spelling is recognisable', () => {
    const modern = [
      ...pools.MUSLIM_MALE_CLASSIC, ...pools.MUSLIM_FEMALE_CLASSIC, ...pools.MUSLIM_MALE_MODERN, ...pools.MUSLIM_FEMALE_MODERN,
      ...pools.MINANG_MALE_CLASSIC, ...pools.MINANG_FEMALE_CLASSIC, ...pools.JAWA_MALE_CLASSIC, ...pools.JAWA_FEMALE_CLASSIC,
      ...pools.MELAYU_MALE_CLASSIC, ...pools.MELAYU_FEMALE_CLASSIC, ...pools.MANDAILING_MARGA,
    ];
    expect(modern.filter((name) => /OE|DJ|TJ|CH/.test(name))).toEqual([]);
    // No given name is listed for both sexes, so OTHER_NAME's sex can be checked from the pools.
    expect([...GIVEN.MALE].filter((name) => GIVEN.FEMALE.has(name))).toEqual([]);
  });

  it('compares names word by word under the benign rules', () => {
    expect([...canonicalWords('MOCH. RIZKI')]).toEqual(['MUHAMMAD', 'RIZKI']);
    expect([...canonicalWords('ABD. HALIM')]).toEqual(['ABDUL', 'HALIM']);
    expect(shareAWord('M. NASIR', 'MUHAMMAD YUSUF')).toBe(true);
    expect(shareAWord('SOEPARMAN', 'SUPARMAN')).toBe(true);
    expect(shareAWord('SUPARMAN', 'JOKO SUSILO')).toBe(false);
  });

  it('takes the father\'s first name for BIN, two words after MUHAMMAD/ABDUL/NUR', () => {
    expect(fathersFirstName('SUKIMAN')).toBe('SUKIMAN');
    expect(fathersFirstName('ABDUL HALIM')).toBe('ABDUL HALIM');
    expect(fathersFirstName('RAHMAT HIDAYAT')).toBe('RAHMAT');
    expect(fathersFirstName('')).toBe('');
  });

  it('makes another birth date that is real, different and not the day/month swap', () => {
    const rng = createRng('dates');
    for (const date of ['1990-03-05', '2000-02-29', '1985-12-31', '2025-12-30', '1970-01-01']) {
      for (let i = 0; i < 200; i++) {
        const other = otherBirthDate(rng, date, REFERENCE_DATE);
        const { year, month, day } = parseIsoDate(date);
        expect(other).not.toBe(date);
        expect(other).not.toBe(`${year}-${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}`);
        const parts = parseIsoDate(other);
        expect(isCalendarDate(parts.year, parts.month, parts.day)).toBe(true);
        expect(other <= REFERENCE_DATE).toBe(true);
      }
    }
  });
});

describe('SeededIdentityPlanter: each kind produces what it claims', () => {
  it('OTHER_NAME: a name of the same sex sharing no word with the original', () => {
    const p = planter(only('FULL_NAME', 'mismatch'));
    for (const someone of people) p.copyFullName(someone);
    expect(p.plants).toHaveLength(people.length);
    const bad = p.plants.filter((plant) => plant.kind !== 'OTHER_NAME' || shareAWord(plant.agencyValue, plant.registryValue) || !fitsSex(plant.agencyValue, person(plant).sex));
    expect(bad).toEqual([]);
  });

  it('variants of the full name follow their rule, and passport kinds appear only for passports', () => {
    const plain = planter(only('FULL_NAME', 'variant'));
    const passport = planter(only('FULL_NAME', 'variant'), 'planter-test', 'passport-agency');
    for (const someone of people) {
      plain.copyFullName(someone);
      passport.copyFullName(someone, { passport: true });
    }
    const plainKinds = byKind(plain.plants);
    expect(plainKinds.has('PASSPORT_BIN')).toBe(false);
    expect(plainKinds.has('SURNAME_SPLIT')).toBe(false);
    const passportKinds = byKind(passport.plants);
    expect(passportKinds.has('ALIAS')).toBe(false);
    for (const kind of ['TITLE', 'MUHAMMAD_ABBREVIATION', 'ABDUL_ABBREVIATION', 'OLD_SPELLING', 'ALIAS'] as const) {
      expect(plainKinds.get(kind)?.length ?? 0).toBeGreaterThan(0);
    }
    for (const kind of ['PASSPORT_BIN', 'SURNAME_SPLIT'] as const) expect(passportKinds.get(kind)?.length ?? 0).toBeGreaterThan(0);

    const all = [...plain.plants, ...passport.plants];
    const violations = all.filter((plant) => {
      const who = person(plant);
      const original = plant.registryValue;
      const copy = plant.agencyValue;
      expect(plant.class).toBe('VARIANT');
      switch (plant.kind) {
        case 'TITLE': {
          const stripped = copy.replace(/^((H|HJ|DRS|IR|DR|BPK|NY)\. )+/, '').replace(/(, (S\.KOM|S\.E\.|S\.H\.|M\.M\.))+$/, '');
          const sexOk = !(copy.startsWith('HJ. ') && who.sex === 'MALE') && !(/^(H|BPK|DRS)\. /.test(copy) && who.sex === 'FEMALE');
          return stripped !== original || !sexOk;
        }
        case 'MUHAMMAD_ABBREVIATION':
          return !original.split(' ').includes('MUHAMMAD') || !MUHAMMAD_FORMS.some((form) => copy === original.replace('MUHAMMAD', form));
        case 'ABDUL_ABBREVIATION':
          return copy !== original.replace('ABDUL', 'ABD.');
        case 'OLD_SPELLING':
          return fromOldSpelling(copy) !== original || who.religion !== 'ISLAM' || parseIsoDate(who.birthDate).year >= 1980;
        case 'ALIAS':
          return !copy.startsWith(`${original} / `) || copy.length <= original.length + 3;
        case 'PASSPORT_BIN':
          return (
            plant.agency !== 'passport-agency' ||
            original.includes(' ') ||
            copy !== `${original} ${who.sex === 'MALE' ? 'BIN' : 'BINTI'} ${fathersFirstName(who.fatherName)}`
          );
        case 'SURNAME_SPLIT': {
          const words = original.split(' ');
          return plant.agency !== 'passport-agency' || words.length < 2 || copy !== [words.at(-1), ...words.slice(0, -1)].join(' ');
        }
        default:
          return true;
      }
    });
    expect(violations).toEqual([]);
  });

  it('FORMAT only changes case or spacing, and never doubles a space in a one-word value', () => {
    const p = planter(only('FULL_NAME', 'format'));
    for (const someone of people) p.copyFullName(someone);
    const bad = p.plants.filter((plant) => {
      if (plant.class !== 'FORMAT') return true;
      if (plant.kind === 'CASE') return plant.agencyValue.toUpperCase() !== plant.registryValue || plant.agencyValue === plant.registryValue;
      if (plant.kind === 'SPACING') return plant.agencyValue.replace(/\s+/g, ' ') !== plant.registryValue || !plant.registryValue.includes(' ');
      return true;
    });
    expect(bad).toEqual([]);
    expect(p.plants.filter((plant) => plant.kind === 'SPACING').length).toBeGreaterThan(0);
  });

  it('birth dates: DAY_MONTH_SWAP really swaps (only for day <= 12 and day != month); OTHER_BIRTH_DATE is another real date', () => {
    const p = planter(only('BIRTH_DATE', 'mismatch'));
    for (const someone of people) p.copyBirthDate(someone);
    expect(p.plants).toHaveLength(people.length);
    const bad = p.plants.filter((plant) => {
      const { year, month, day } = parseIsoDate(plant.registryValue);
      const swapped = `${year}-${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}`;
      if (plant.kind === 'DAY_MONTH_SWAP') return day > 12 || day === month || plant.agencyValue !== swapped;
      if (plant.kind === 'OTHER_BIRTH_DATE') return plant.agencyValue === swapped || plant.agencyValue === plant.registryValue;
      return true;
    });
    expect(bad).toEqual([]);
    const swaps = p.plants.filter((plant) => plant.kind === 'DAY_MONTH_SWAP').length;
    expect(swaps).toBeGreaterThan(100);
    // No swap where it cannot be one: the 13th or later, or day == month.
    const impossible = people.filter((someone) => {
      const { month, day } = parseIsoDate(someone.birthDate);
      return day > 12 || day === month;
    });
    expect(impossible.filter((someone) => p.plants.find((plant) => plant.nik === someone.nik)?.kind === 'DAY_MONTH_SWAP')).toEqual([]);
  });

  it('OTHER_SEX flips the sex; the copy is the enum value', () => {
    const p = planter(only('SEX', 'mismatch'));
    const copies = people.slice(0, 200).map((someone) => [someone.sex, p.copySex(someone)] as const);
    expect(copies.every(([registry, copy]) => registry !== copy)).toBe(true);
    expect(p.plants.every((plant) => plant.kind === 'OTHER_SEX' && plant.class === 'MISMATCH')).toBe(true);
  });

  it('birth places: REGENCY_PREFIX adds KOTA/KABUPATEN only to cities and regencies; OTHER_BIRTH_PLACE is another place', () => {
    const variants = planter(only('BIRTH_PLACE', 'variant'));
    const mismatches = planter(only('BIRTH_PLACE', 'mismatch'));
    for (const someone of people) {
      variants.copyBirthPlace(someone);
      mismatches.copyBirthPlace(someone);
    }
    expect(variants.plants.filter((plant) => plant.agencyValue !== `KOTA ${plant.registryValue}` && plant.agencyValue !== `KABUPATEN ${plant.registryValue}`)).toEqual([]);
    // Towns that are not a regency (BANGKINANG, TEMBILAHAN, ...) get no prefix: no plant at all.
    const towns = people.filter((someone) => ['BANGKINANG', 'TEMBILAHAN', 'RENGAT', 'SELATPANJANG'].includes(someone.birthPlace));
    expect(towns.length).toBeGreaterThan(0);
    expect(variants.plants.filter((plant) => towns.some((t) => t.nik === plant.nik))).toEqual([]);
    expect(mismatches.plants).toHaveLength(people.length);
    expect(mismatches.plants.filter((plant) => plant.agencyValue.includes(plant.registryValue) || plant.registryValue.includes(plant.agencyValue))).toEqual([]);
  });

  it('addresses: DISTRICT_RENAME uses the former name, only in renamed districts; copyAddress returns an Address', () => {
    const p = planter(only('ADDRESS', 'variant'));
    const copies = people.map((someone) => [someone, p.copyAddress(someone)] as const);
    const renamedDistricts: Record<string, string> = { '147106': 'RUMBAI', '147108': 'TAMPAN', '147112': 'RUMBAI PESISIR' };
    for (const [someone, copy] of copies) {
      const former = renamedDistricts[someone.address.districtCode];
      expect(copy).toEqual(former ? { ...someone.address, district: former } : someone.address);
    }
    expect(p.plants.length).toBe(people.filter((someone) => renamedDistricts[someone.address.districtCode]).length);
    expect(p.plants.every((plant) => plant.kind === 'DISTRICT_RENAME' && plant.registryValue === addressLine(person(plant).address))).toBe(true);
  });

  it("mother's name: a different woman's name, HJ./NY., old spelling, case or spacing", () => {
    const kinds = new Set<PlantKind>();
    for (const plantClass of ['mismatch', 'variant', 'format'] as const) {
      const p = planter(only('MOTHER_NAME', plantClass));
      for (const someone of people.slice(0, 1500)) p.copyMotherName(someone);
      for (const plant of p.plants) {
        kinds.add(plant.kind);
        if (plant.kind === 'OTHER_NAME') {
          expect(shareAWord(plant.agencyValue, plant.registryValue)).toBe(false);
          expect(fitsSex(plant.agencyValue, 'FEMALE')).toBe(true);
        }
        if (plant.kind === 'TITLE') expect(plant.agencyValue).toMatch(/^(HJ|NY)\. /);
      }
    }
    expect([...kinds].sort()).toEqual(['CASE', 'OTHER_NAME', 'SPACING', 'TITLE', 'OLD_SPELLING'].sort());
  });
});

describe('SeededIdentityPlanter: bookkeeping', () => {
  it('plants at most once per (NIK, agency, attribute) and returns the same copy when asked again', () => {
    const p = planter(only('FULL_NAME', 'variant'));
    const first = people.slice(0, 500).map((someone) => p.copyFullName(someone));
    const count = p.plants.length;
    const second = people.slice(0, 500).map((someone) => p.copyFullName(someone));
    expect(second).toEqual(first);
    expect(p.plants).toHaveLength(count);
    const address = p.copyAddress(people[0]!);
    address.street = 'changed by the caller';
    expect(p.copyAddress(people[0]!).street).not.toBe('changed by the caller');
    const keys = p.plants.map((plant) => `${plant.nik}|${plant.agency}|${plant.attribute}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('decides the same whatever the call order, and differently for another seed or agency', () => {
    const forward = planter();
    const backward = planter();
    const otherSeed = planter(DEFAULT_PLANT_RATES, 'another-seed');
    for (const someone of people) forward.copyFullName(someone);
    for (const someone of [...people].reverse()) backward.copyFullName(someone);
    for (const someone of people) otherSeed.copyFullName(someone);
    const sorted = (plants: readonly PlantedDifference[]): string => JSON.stringify([...plants].sort((a, b) => (a.nik < b.nik ? -1 : 1)));
    expect(sorted(backward.plants)).toBe(sorted(forward.plants));
    expect(sorted(otherSeed.plants)).not.toBe(sorted(forward.plants));
  });

  it('plants nothing with NO_PLANTS (the civil registry)', () => {
    const p = planter(NO_PLANTS);
    for (const someone of people.slice(0, 1000)) {
      expect(p.copyFullName(someone, { passport: true })).toBe(someone.fullName);
      expect(p.copyBirthDate(someone)).toBe(someone.birthDate);
      expect(p.copySex(someone)).toBe(someone.sex);
      expect(p.copyBirthPlace(someone)).toBe(someone.birthPlace);
      expect(p.copyMotherName(someone)).toBe(someone.motherName);
      expect(p.copyAddress(someone)).toEqual(someone.address);
    }
    expect(p.plants).toEqual([]);
    expect(p.copiedNiks().size).toBe(1000);
  });

  it('counts copies per attribute and knows who holds records', () => {
    const p = planter();
    for (const someone of people.slice(0, 300)) p.copyFullName(someone);
    for (const someone of people.slice(0, 100)) p.copyAddress(someone);
    expect(p.copyCounts()).toEqual({ FULL_NAME: 300, BIRTH_DATE: 0, BIRTH_PLACE: 0, SEX: 0, MOTHER_NAME: 0, ADDRESS: 100 });
    expect(p.copiedNiks('ADDRESS').size).toBe(100);
    expect(p.copiedNiks().size).toBe(300);
  });

  it('rejects rates that are not probabilities', () => {
    expect(() => planter({ ...DEFAULT_PLANT_RATES, SEX: { mismatch: 1.5, variant: 0, format: 0 } })).toThrow(/probability/);
    expect(() => planter({ ...DEFAULT_PLANT_RATES, SEX: { mismatch: 0.6, variant: 0.6, format: 0 } })).toThrow(/more than 1/);
  });
});

describe('SeededIdentityPlanter: rates', () => {
  // 20,000 people, one copy each: the observed shares must sit within ~4 standard deviations.
  const big = generatePopulation({ citizens: 20000, seed: 'rates' }).people;
  const p = planter(DEFAULT_PLANT_RATES, 'rates');
  for (const someone of big) {
    p.copyFullName(someone);
    p.copyBirthDate(someone);
    p.copySex(someone);
    p.copyBirthPlace(someone);
  }
  const share = (attribute: PlantedAttribute, plantClass: string, among = big.length): number =>
    p.plants.filter((plant) => plant.attribute === attribute && plant.class === plantClass).length / among;
  const within = (value: number, expected: number, n: number): void => {
    const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / n);
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(tolerance);
  };

  it('plants mismatches at the documented rates', () => {
    within(share('FULL_NAME', 'MISMATCH'), DEFAULT_PLANT_RATES.FULL_NAME.mismatch, big.length);
    within(share('BIRTH_DATE', 'MISMATCH'), DEFAULT_PLANT_RATES.BIRTH_DATE.mismatch, big.length);
    within(share('SEX', 'MISMATCH'), DEFAULT_PLANT_RATES.SEX.mismatch, big.length);
    within(share('BIRTH_PLACE', 'MISMATCH'), DEFAULT_PLANT_RATES.BIRTH_PLACE.mismatch, big.length);
  });

  it('plants formatting differences at the documented rate (case always applies)', () => {
    within(share('FULL_NAME', 'FORMAT'), DEFAULT_PLANT_RATES.FULL_NAME.format, big.length);
    within(share('BIRTH_PLACE', 'FORMAT'), DEFAULT_PLANT_RATES.BIRTH_PLACE.format, big.length);
  });

  it('plants variants at the documented rate among values some variant fits', () => {
    const fitting = big.filter((someone) => p.applicableKinds('FULL_NAME', someone).VARIANT.length > 0).length;
    expect(fitting).toBeGreaterThan(big.length * 0.3);
    within(share('FULL_NAME', 'VARIANT', fitting), DEFAULT_PLANT_RATES.FULL_NAME.variant, fitting);
    const prefixable = big.filter((someone) => p.applicableKinds('BIRTH_PLACE', someone).VARIANT.length > 0).length;
    within(share('BIRTH_PLACE', 'VARIANT', prefixable), DEFAULT_PLANT_RATES.BIRTH_PLACE.variant, prefixable);
  });
});
