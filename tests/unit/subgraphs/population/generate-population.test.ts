import { isCalendarDate, parseNik } from '../../../../subgraphs/kit/nik';
import { districtByCode, isKnownDistrictPrefix } from '../../../../subgraphs/kit/regions';
import { ageOn } from '../../../../subgraphs/population/dates';
import { DEFAULT_REFERENCE_DATE, MAX_AGE, generatePopulation, indexByNik } from '../../../../subgraphs/population/generate-population';
import type { Person, Population } from '../../../../subgraphs/population/person';
import { PEKANBARU_DISTRICT_PLACES } from '../../../../subgraphs/population/places';

const REFERENCE_DATE = '2026-01-01';
const REFERENCE_YEAR = 2026;
const population: Population = generatePopulation({ citizens: 6000, seed: 'unit', referenceDate: REFERENCE_DATE });
const byNik = indexByNik(population);

function yearsBetween(older: Person, younger: Person): number {
  return ageOn(older.birthDate, younger.birthDate);
}

describe('generatePopulation', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = generatePopulation({ citizens: 1500, seed: 'same' });
    const b = generatePopulation({ citizens: 1500, seed: 'same' });
    const c = generatePopulation({ citizens: 1500, seed: 'other' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('uses 2026-01-01 as the default reference date, never the wall clock', () => {
    expect(DEFAULT_REFERENCE_DATE).toBe('2026-01-01');
    expect(JSON.stringify(generatePopulation({ citizens: 300, seed: 'd' }))).toBe(
      JSON.stringify(generatePopulation({ citizens: 300, seed: 'd', referenceDate: '2026-01-01' })),
    );
  });

  it.each([1, 2, 3, 7, 100, 2501])('makes exactly %i people, each on exactly one card', (citizens) => {
    const result = generatePopulation({ citizens, seed: `n${citizens}` });
    expect(result.people).toHaveLength(citizens);
    const onCards = result.families.flatMap((family) => family.memberNiks);
    expect(onCards).toHaveLength(citizens);
    expect(new Set(onCards).size).toBe(citizens);
  });

  it('rejects a bad citizen count or reference date', () => {
    expect(() => generatePopulation({ citizens: 0, seed: 'x' })).toThrow(RangeError);
    expect(() => generatePopulation({ citizens: 1.5, seed: 'x' })).toThrow(RangeError);
    expect(() => generatePopulation({ citizens: 10, seed: 'x', referenceDate: '2026-02-30' })).toThrow(RangeError);
  });

  it('gives every person a unique NIK that parseNik accepts, with the birth date and sex it encodes', () => {
    const wrong = population.people.filter((person) => {
      const parts = parseNik(person.nik, REFERENCE_YEAR);
      return parts.encodedBirthDate !== person.birthDate || parts.encodedSex !== person.sex;
    });
    expect(wrong).toEqual([]);
    expect(new Set(population.people.map((p) => p.nik)).size).toBe(population.people.length);
    // Also under parseNik's default century rule (the wall clock's year), as the gateway reads them.
    expect(population.people.filter((p) => parseNik(p.nik).encodedBirthDate !== p.birthDate)).toEqual([]);
  });

  it('numbers NIK serials from 0001 per region and birth date, without gaps', () => {
    const serials = new Map<string, number[]>();
    for (const person of population.people) {
      const stem = person.nik.slice(0, 12);
      serials.set(stem, [...(serials.get(stem) ?? []), Number(person.nik.slice(12))]);
    }
    const gaps = [...serials.entries()].filter(([, list]) => list.some((serial, i) => serial !== i + 1));
    expect(gaps).toEqual([]);
  });

  it('registers most people in a Pekanbaru district and some elsewhere in Riau', () => {
    const pekanbaru = population.people.filter((person) => person.nik.startsWith('1471')).length / population.people.length;
    expect(pekanbaru).toBeGreaterThan(0.8);
    expect(pekanbaru).toBeLessThan(0.98);
    // Someone registered in another regency was born there.
    expect(population.people.filter((p) => !p.nik.startsWith('1471') && p.birthPlace === 'PEKANBARU')).toEqual([]);
  });

  it('uses the former district code in NIKs of people born before the 2021 district split', () => {
    const early = population.people.filter((p) => ['147113', '147114', '147115'].includes(p.nik.slice(0, 6)) && p.birthDate < '2021-01-01');
    expect(early).toEqual([]);
  });

  it('gives every card a valid KK number: home district + issue date (no +40) + serial', () => {
    const numbers = new Set<string>();
    for (const family of population.families) {
      const kk = family.number;
      expect(kk).toMatch(/^\d{16}$/);
      expect(numbers.has(kk)).toBe(false);
      numbers.add(kk);
      expect(kk.slice(0, 6)).toBe(family.address.districtCode);
      expect(isKnownDistrictPrefix(kk.slice(0, 6))).toBe(true);
      const [year, month, day] = family.issuedOn.split('-').map(Number) as [number, number, number];
      expect(isCalendarDate(year, month, day)).toBe(true);
      expect(kk.slice(6, 12)).toBe(`${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`);
      expect(kk.slice(12)).not.toBe('0000');
      expect(family.issuedOn < REFERENCE_DATE).toBe(true);
      // Members carry the number and address; the card was issued after every member was born.
      const members = family.memberNiks.map((nik) => byNik.get(nik)!);
      const off = members.filter((m) => m.familyCardNumber !== kk || m.address !== family.address || m.birthDate > family.issuedOn);
      expect(off).toEqual([]);
    }
  });

  it('builds consistent family cards: one head first, one spouse at most, children younger than their parents', () => {
    for (const family of population.families) {
      const members = family.memberNiks.map((nik) => byNik.get(nik)!);
      expect(members.filter((m) => m.familyRelation === 'KEPALA KELUARGA')).toHaveLength(1);
      expect(members[0]!.familyRelation).toBe('KEPALA KELUARGA');
      expect(family.headNik).toBe(members[0]!.nik);
      const head = members[0]!;
      const spouses = members.filter((m) => m.familyRelation === 'ISTRI' || m.familyRelation === 'SUAMI');
      expect(spouses.length).toBeLessThanOrEqual(1);
      for (const spouse of spouses) {
        expect(spouse.sex).not.toBe(head.sex);
        expect(spouse.familyRelation).toBe(spouse.sex === 'FEMALE' ? 'ISTRI' : 'SUAMI');
        expect(spouse.maritalStatus).toBe('KAWIN');
        expect(head.maritalStatus).toBe('KAWIN');
        expect(ageOn(spouse.birthDate, REFERENCE_DATE)).toBeGreaterThanOrEqual(18);
      }
      if (spouses.length === 0) expect(head.maritalStatus).not.toBe('KAWIN');
      for (const child of members.filter((m) => m.familyRelation === 'ANAK')) {
        expect(child.maritalStatus).toBe('BELUM KAWIN');
        // Children point at their parents on this card, who were at least 18 at the birth.
        const mother = child.motherNik ? byNik.get(child.motherNik) : undefined;
        const father = child.fatherNik ? byNik.get(child.fatherNik) : undefined;
        expect(mother ?? father).toBeDefined();
        if (mother) {
          expect(family.memberNiks).toContain(mother.nik);
          expect(mother.sex).toBe('FEMALE');
          expect(child.motherName).toBe(mother.fullName);
          expect(yearsBetween(mother, child)).toBeGreaterThanOrEqual(18);
        }
        if (father) {
          expect(family.memberNiks).toContain(father.nik);
          expect(father.sex).toBe('MALE');
          expect(child.fatherName).toBe(father.fullName);
          expect(yearsBetween(father, child)).toBeGreaterThanOrEqual(18);
        }
      }
    }
  });

  it('adds elderly parents 20-40 years older than the head (ORANGTUA) or the spouse (MERTUA)', () => {
    const elders = population.people.filter((p) => p.familyRelation === 'ORANGTUA' || p.familyRelation === 'MERTUA');
    expect(elders.length).toBeGreaterThan(20);
    for (const elder of elders) {
      const family = population.families.find((f) => f.number === elder.familyCardNumber)!;
      const members = family.memberNiks.map((nik) => byNik.get(nik)!);
      const child = members.find((m) => m.motherNik === elder.nik || m.fatherNik === elder.nik);
      expect(child).toBeDefined();
      expect(child!.familyRelation).toBe(elder.familyRelation === 'ORANGTUA' ? 'KEPALA KELUARGA' : child!.sex === 'FEMALE' ? 'ISTRI' : 'SUAMI');
      const gap = yearsBetween(elder, child!);
      expect(gap).toBeGreaterThanOrEqual(20);
      expect(gap).toBeLessThanOrEqual(41);
      expect(elder.maritalStatus).toBe('CERAI MATI');
    }
  });

  it('has single-person households and nobody older than the NIK century rule allows', () => {
    expect(population.families.filter((f) => f.memberNiks.length === 1).length).toBeGreaterThan(50);
    const outOfRange = population.people.filter((p) => {
      const age = ageOn(p.birthDate, REFERENCE_DATE);
      return age < 0 || age > MAX_AGE;
    });
    expect(outOfRange).toEqual([]);
  });

  it('writes registry-style names: uppercase, no titles, no aliases, no BIN', () => {
    const names = population.people.flatMap((p) => [p.fullName, p.motherName, p.fatherName]);
    expect(names.filter((name) => !/^[A-Z]+( [A-Z]+)*$/.test(name))).toEqual([]);
    expect(names.filter((name) => /\b(BIN|BINTI)\b/.test(name))).toEqual([]);
  });

  it('has roughly the religion shares of Riau', () => {
    const big = generatePopulation({ citizens: 20000, seed: 'religion' });
    const share = (religion: string): number => big.people.filter((p) => p.religion === religion).length / big.people.length;
    expect(share('ISLAM')).toBeGreaterThan(0.82);
    expect(share('ISLAM')).toBeLessThan(0.9);
    expect(share('KRISTEN')).toBeGreaterThan(0.06);
    expect(share('KRISTEN')).toBeLessThan(0.12);
    expect(share('KATHOLIK')).toBeGreaterThan(0.007);
    expect(share('KATHOLIK')).toBeLessThan(0.03);
    expect(share('BUDHA')).toBeGreaterThan(0.015);
    expect(share('BUDHA')).toBeLessThan(0.05);
    // A family shares one religion.
    const index = indexByNik(big);
    const mixed = big.families.filter((family) => new Set(family.memberNiks.map((nik) => index.get(nik)!.religion)).size !== 1);
    expect(mixed).toEqual([]);
  });

  it('gives addresses with a real kelurahan of the district and plausible attributes', () => {
    const implausible = population.people.filter((person) => {
      const address = person.address;
      const places = PEKANBARU_DISTRICT_PLACES.find((d) => d.code === address.districtCode);
      const age = ageOn(person.birthDate, REFERENCE_DATE);
      return (
        !places?.villages.includes(address.village) ||
        address.district !== districtByCode(address.districtCode)?.name ||
        address.regency !== 'PEKANBARU' ||
        address.province !== 'RIAU' ||
        !/^\d{3}$/.test(address.rt) ||
        !/^\d{3}$/.test(address.rw) ||
        // KTP-el from 17 (or on marriage); none before.
        (person.ektpStatus === null) !== (age < 17 && person.maritalStatus === 'BELUM KAWIN') ||
        (age < 7 && person.occupation !== 'BELUM/TIDAK BEKERJA') ||
        (age <= 6 && person.education !== 'TIDAK/BELUM SEKOLAH')
      );
    });
    expect(implausible).toEqual([]);
  });

  it('generates 10,000 people quickly', () => {
    const started = performance.now();
    generatePopulation({ citizens: 10000, seed: 'speed' });
    // Typically 0.2-0.4 s; the bound leaves room for a loaded CI machine.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
