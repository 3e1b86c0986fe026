import type { Person, Population, Sex } from '../../../../subgraphs/population/person';
import type { IdentityPlanter, NameCopyOptions, Rng, SeedContext } from '../../../../subgraphs/population/seed-context';

/** A small deterministic Rng (mulberry32) with label-derived forks, standing in for the population's. */
export function testRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    fork: (label) => testRng([...label].reduce((hash, ch) => Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0, seed ^ 2166136261)),
  };
  return rng;
}

const GIVEN = ['MUHAMMAD', 'SITI', 'BUDI', 'DEWI', 'AHMAD', 'NUR', 'RIZKI', 'PUTRI'];
const FAMILY = ['SANTOSO', 'RAHMAN', 'HIDAYAT', 'LUBIS', 'SIREGAR', 'NASUTION'];

/** People born 1930-2026 (so no passport holder is 100 or more at issue: README.md, "Century rule"). */
export function testPopulation(size: number, referenceDate: string): Population {
  const people: Person[] = [];
  const refYear = Number(referenceDate.slice(0, 4));
  for (let i = 0; i < size; i += 1) {
    // Ages spread so that about 70% are 17 or older, as in Pekanbaru.
    const age = i % 10 < 3 ? i % 17 : 17 + (i % 79);
    const year = refYear - age - 1;
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    const sex: Sex = i % 2 === 0 ? 'MALE' : 'FEMALE';
    const dd = String(sex === 'FEMALE' ? day + 40 : day).padStart(2, '0');
    const mm = String(month).padStart(2, '0');
    const nik = `147101${dd}${mm}${String(year % 100).padStart(2, '0')}${String(i + 1).padStart(4, '0')}`;
    people.push({
      nik,
      familyCardNumber: '1471010101200001',
      fullName: `${GIVEN[i % GIVEN.length]} ${FAMILY[i % FAMILY.length]}`,
      birthDate: `${year}-${mm}-${String(day).padStart(2, '0')}`,
      birthPlace: i % 3 === 0 ? 'PEKANBARU' : 'KAMPAR',
      sex,
      bloodType: 'O',
      religion: 'ISLAM',
      maritalStatus: age >= 17 ? 'KAWIN' : 'BELUM KAWIN',
      familyRelation: 'ANAK',
      education: 'SLTA/SEDERAJAT',
      occupation: 'WIRASWASTA',
      motherName: 'AMINAH',
      motherNik: null,
      fatherName: 'ABDULLAH',
      fatherNik: null,
      address: {
        street: 'JL. SUDIRMAN NO. 1',
        rt: '001',
        rw: '002',
        village: 'KAMPUNG MELAYU',
        districtCode: '147101',
        district: 'SUKAJADI',
        regency: 'PEKANBARU',
        province: 'RIAU',
        postalCode: '28122',
      },
      ektpStatus: age >= 17 ? 'SUDAH REKAM' : null,
    });
  }
  return { people, families: [] };
}

/** A planter whose copies are easy to predict, with the passport name shapes the real one may give. */
export function testPlanter(): IdentityPlanter & { names: Map<string, string>; calls: string[] } {
  const names = new Map<string, string>();
  const calls: string[] = [];
  return {
    agency: 'imigrasi',
    names,
    calls,
    copyFullName(person: Person, options?: NameCopyOptions) {
      calls.push(`name:${person.nik}:${options?.passport === true}`);
      const serial = Number(person.nik.slice(12));
      const first = person.fullName.split(' ')[0]!;
      const shapes = [
        person.fullName,
        `${first} ${person.sex === 'MALE' ? 'BIN' : 'BINTI'} ABDULLAH`,
        first,
        `${first.toLowerCase()}  ${person.fullName.split(' ')[1]!.toLowerCase()}`,
        `${person.fullName.split(' ')[1]} ${first}`,
      ];
      const name = shapes[serial % shapes.length]!;
      names.set(person.nik, name);
      return name;
    },
    copyBirthDate(person) {
      calls.push(`birthDate:${person.nik}`);
      return person.birthDate;
    },
    copySex(person) {
      calls.push(`sex:${person.nik}`);
      return person.sex;
    },
    copyBirthPlace(person) {
      calls.push(`birthPlace:${person.nik}`);
      return person.birthPlace;
    },
    copyMotherName: (person) => person.motherName,
    copyAddress: (person) => person.address,
  };
}

export function testSeedContext(agencyDir: string, seed = 7, size = 3000, referenceDate = '2026-11-28'): SeedContext & { planter: ReturnType<typeof testPlanter> } {
  const population = testPopulation(size, referenceDate);
  return {
    population,
    byNik: new Map(population.people.map((person) => [person.nik, person])),
    rng: testRng(seed),
    planter: testPlanter(),
    agencyDir,
    referenceDate,
  };
}
