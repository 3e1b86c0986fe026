import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHealthInsurance } from '../../../../subgraphs/bpjs-kesehatan/health-insurance.mapper';
import { SEED_RATES, buildVClaimRows, seedVClaimStore } from '../../../../subgraphs/bpjs-kesehatan/legacy/vclaim.seed';
import { loadVClaimStore } from '../../../../subgraphs/bpjs-kesehatan/legacy/vclaim.store';
import type { FamilyCard, Person } from '../../../../subgraphs/population/person';
import type { IdentityPlanter, Rng, SeedContext } from '../../../../subgraphs/population/seed-context';

/** A small seeded RNG (mulberry32) standing in for the population's. */
function testRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
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

const OCCUPATIONS = ['PEGAWAI NEGERI SIPIL', 'KARYAWAN SWASTA', 'WIRASWASTA', 'MENGURUS RUMAH TANGGA', 'PELAJAR/MAHASISWA', 'PENSIUNAN', 'TNI', 'PETANI/PEKEBUN'];
const DISTRICTS = ['147101', '147108', '147110', '147112'];

/** 500 families of 4 (head, spouse, two children). */
function population(): { people: Person[]; families: FamilyCard[] } {
  const people: Person[] = [];
  const families: FamilyCard[] = [];
  for (let f = 0; f < 500; f++) {
    const districtCode = DISTRICTS[f % DISTRICTS.length]!;
    const address = { street: 'JL. SUDIRMAN', rt: '001', rw: '002', village: 'X', districtCode, district: 'X', regency: 'PEKANBARU', province: 'RIAU', postalCode: '28000' };
    const number = `${districtCode}0101${String(10 + (f % 80)).padStart(2, '0')}${String(f + 1).padStart(4, '0')}`;
    const members: Person[] = [0, 1, 2, 3].map((m) => ({
      nik: `${districtCode}0101${String(80 + m).padStart(2, '0')}${String(f * 4 + m + 1).padStart(4, '0')}`,
      familyCardNumber: number,
      fullName: `ORANG ${f}-${m}`,
      birthDate: `19${80 + m}-01-01`,
      birthPlace: 'PEKANBARU',
      sex: m % 2 === 0 ? 'MALE' : 'FEMALE',
      bloodType: 'O',
      religion: 'ISLAM',
      maritalStatus: m < 2 ? 'KAWIN' : 'BELUM KAWIN',
      familyRelation: m === 0 ? 'KEPALA KELUARGA' : m === 1 ? 'ISTRI' : 'ANAK',
      education: 'SLTA/SEDERAJAT',
      occupation: m === 0 ? OCCUPATIONS[f % OCCUPATIONS.length]! : 'PELAJAR/MAHASISWA',
      motherName: 'IBU',
      motherNik: null,
      fatherName: 'AYAH',
      fatherNik: null,
      address,
      ektpStatus: 'SUDAH REKAM',
    }));
    people.push(...members);
    families.push({ number, headNik: members[0]!.nik, memberNiks: members.map((p) => p.nik), address, issuedOn: '2010-01-01' });
  }
  return { people, families };
}

/** Records each copy; plants a recognisable name difference for every 10th person. */
function recordingPlanter() {
  const calls: Array<[string, string]> = [];
  const planter: IdentityPlanter = {
    agency: 'bpjs-kesehatan',
    copyFullName: (person) => {
      calls.push(['name', person.nik]);
      return Number(person.nik.slice(-4)) % 10 === 0 ? `H. ${person.fullName}` : person.fullName;
    },
    copyBirthDate: (person) => (calls.push(['birthDate', person.nik]), person.birthDate),
    copySex: (person) => (calls.push(['sex', person.nik]), person.sex),
    copyBirthPlace: () => {
      throw new Error('BPJS holds no birth place');
    },
    copyMotherName: () => {
      throw new Error('BPJS holds no mother name');
    },
    copyAddress: () => {
      throw new Error('BPJS store holds no address');
    },
  };
  return { planter, calls };
}

function context(seed: number, agencyDir = '/nonexistent') {
  const { people, families } = population();
  const { planter, calls } = recordingPlanter();
  const seedContext: SeedContext = {
    population: { people, families },
    byNik: new Map(people.map((person) => [person.nik, person])),
    rng: testRng(seed),
    planter,
    agencyDir,
    referenceDate: '2025-01-01',
  };
  return { seedContext, calls, people };
}

describe('BPJS store seed', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'satu-bpjs-seed-'));
    try {
      const texts: string[] = [];
      for (const [name, seed] of [['a', 7], ['b', 7], ['c', 8]] as const) {
        const agencyDir = join(root, name, 'bpjs-kesehatan');
        await mkdir(agencyDir, { recursive: true });
        await seedVClaimStore(context(seed, agencyDir).seedContext);
        texts.push(await readFile(join(agencyDir, 'peserta.json'), 'utf8'));
      }
      expect(texts[0]).toBe(texts[1]);
      expect(texts[0]).not.toBe(texts[2]);
      // What the seed writes is what the simulator reads.
      const store = await loadVClaimStore(join(root, 'a'));
      expect(store.size).toBeGreaterThan(1000);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('enrols about 85% of people, about 10% of members inactive, some with arrears', () => {
    const { seedContext, people } = context(42);
    const rows = buildVClaimRows(seedContext);
    const memberShare = rows.length / people.length;
    expect(memberShare).toBeGreaterThan(0.8);
    expect(memberShare).toBeLessThan(0.9);
    expect(SEED_RATES.familyEnrolled * SEED_RATES.memberEnrolled).toBeCloseTo(0.85, 2);
    const inactive = rows.filter((row) => row.statusPeserta.kode !== '0');
    expect(inactive.length / rows.length).toBeGreaterThan(0.05);
    expect(inactive.length / rows.length).toBeLessThan(0.16);
    const inArrears = rows.filter((row) => row.tunggakan > 0);
    expect(inArrears.length).toBeGreaterThan(0);
    // Arrears come with "TIDAK AKTIF KARENA PREMI" and whole months of the class's contribution.
    for (const row of inArrears) {
      expect(row.statusPeserta).toEqual({ kode: '1', keterangan: 'TIDAK AKTIF KARENA PREMI' });
      expect(row.tunggakan % 35_000 === 0 || row.tunggakan % 50_000 === 0).toBe(true);
    }
  });

  it('copies every identity attribute through the planter, once per member, and writes its copy', () => {
    const { seedContext, calls } = context(42);
    const rows = buildVClaimRows(seedContext);
    expect(calls.filter(([kind]) => kind === 'name').map(([, nik]) => nik)).toEqual(rows.map((row) => row.nik));
    expect(calls.filter(([kind]) => kind === 'birthDate')).toHaveLength(rows.length);
    expect(calls.filter(([kind]) => kind === 'sex')).toHaveLength(rows.length);
    const planted = rows.filter((row) => Number(row.nik.slice(-4)) % 10 === 0);
    expect(planted.length).toBeGreaterThan(0);
    for (const row of planted) expect(row.nama.startsWith('H. ')).toBe(true);
  });

  it('writes VClaim notation that the adapter maps without a single warning', () => {
    const { seedContext } = context(3);
    const rows = buildVClaimRows(seedContext);
    const cards = new Set(rows.map((row) => row.noKartu));
    expect(cards.size).toBe(rows.length);
    const warn = jest.fn();
    for (const row of rows) {
      expect(row.noKartu).toMatch(/^000\d{10}$/);
      expect(['L', 'P']).toContain(row.sex);
      const record = toHealthInsurance({ peserta: row }, row.nik, warn);
      if (record.memberType === 'PBI_APBN' || record.memberType === 'PBI_APBD') expect(record.class).toBe('KELAS_3');
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('enrols families together: members of a card share segment, class and provider', () => {
    const { seedContext, people } = context(5);
    const rows = buildVClaimRows(seedContext);
    const cardOf = new Map(people.map((person) => [person.nik, person.familyCardNumber]));
    const byFamily = new Map<string, Set<string>>();
    for (const row of rows) {
      const key = cardOf.get(row.nik)!;
      const shared = `${row.jenisPeserta.kode}|${row.hakKelas.kode}|${row.provUmum.kdProvider}`;
      byFamily.set(key, (byFamily.get(key) ?? new Set()).add(shared));
    }
    for (const shared of byFamily.values()) expect(shared.size).toBe(1);
  });
});
