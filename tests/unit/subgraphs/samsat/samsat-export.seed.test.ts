import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import type { Address, Person, Population } from '../../../../subgraphs/population/person';
import type { IdentityPlanter, Rng, SeedContext } from '../../../../subgraphs/population/seed-context';
import { agency } from '../../../../subgraphs/samsat';
import { SAMSAT_SEED_RATES, buildSamsatExportRows, formatOwnerAddress } from '../../../../subgraphs/samsat/legacy/samsat-export.seed';
import { SamsatExportClient } from '../../../../subgraphs/samsat/samsat-export.client';
import { normalizePlate } from '../../../../subgraphs/samsat/samsat.mapper';

function rng(seed: string): Rng {
  const random = seedrandom(seed);
  const self: Rng = {
    next: () => random(),
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    chance: (probability) => random() < probability,
    pick: (items) => items[Math.floor(random() * items.length)]!,
    fork: (label) => rng(`${seed}/${label}`),
  };
  return self;
}

const REFERENCE_DATE = '2025-06-10';

/** A population of 4,000: three in four adults, addresses in Binawidya and Sail. */
function population(): Population {
  const random = rng('people');
  const people: Person[] = [];
  for (let i = 1; i <= 4000; i++) {
    const adult = random.chance(0.75);
    const year = adult ? random.int(1950, 2006) : random.int(2010, 2024);
    const month = random.int(1, 12);
    const day = random.int(1, 28);
    const districtCode = random.chance(0.5) ? '147108' : '147103';
    const address: Address = {
      street: `JL. MELATI NO. ${i % 97}`,
      rt: '003',
      rw: '007',
      village: districtCode === '147108' ? 'SIMPANG BARU' : 'SUKA MULIA',
      districtCode,
      district: districtCode === '147108' ? 'BINAWIDYA' : 'SAIL',
      regency: 'PEKANBARU',
      province: 'RIAU',
      postalCode: '28293',
    };
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    people.push({
      nik: `${districtCode}${pad(day)}${pad(month)}${pad(year % 100)}${pad(i, 4)}`,
      familyCardNumber: `1471080101200${pad(i % 1000, 3)}`,
      fullName: `WARGA NOMOR ${i}`,
      birthDate: `${year}-${pad(month)}-${pad(day)}`,
      birthPlace: 'PEKANBARU',
      sex: 'MALE',
      bloodType: 'O',
      religion: 'ISLAM',
      maritalStatus: 'KAWIN',
      familyRelation: 'KEPALA KELUARGA',
      education: 'SLTA/SEDERAJAT',
      occupation: 'WIRASWASTA',
      motherName: 'IBU',
      motherNik: null,
      fatherName: 'BAPAK',
      fatherNik: null,
      address,
      ektpStatus: adult ? 'SUDAH REKAM' : null,
    });
  }
  return { people, families: [] };
}

/** A planter that renames Binawidya to Tampan for one owner in five and counts its calls. */
function planter(): IdentityPlanter & { calls: Record<string, string[]> } {
  const calls: Record<string, string[]> = { name: [], address: [] };
  let addressCalls = 0;
  const refuse = (): never => {
    throw new Error('samsat does not copy this attribute');
  };
  return {
    agency: 'samsat',
    calls,
    copyFullName: (person) => {
      calls.name!.push(person.nik);
      return person.fullName;
    },
    copyAddress: (person) => {
      calls.address!.push(person.nik);
      addressCalls += 1;
      return person.address.district === 'BINAWIDYA' && addressCalls % 5 === 0 ? { ...person.address, district: 'TAMPAN' } : person.address;
    },
    copyBirthDate: refuse,
    copySex: refuse,
    copyBirthPlace: refuse,
    copyMotherName: refuse,
  };
}

const POPULATION = population();

function context(agencyDir = ''): SeedContext & { planter: ReturnType<typeof planter> } {
  return {
    population: POPULATION,
    byNik: new Map(POPULATION.people.map((person) => [person.nik, person])),
    rng: rng('samsat'),
    planter: planter(),
    agencyDir,
    referenceDate: REFERENCE_DATE,
  };
}

function age(person: Person): number {
  const years = 2025 - Number(person.birthDate.slice(0, 4));
  return REFERENCE_DATE.slice(5) < person.birthDate.slice(5) ? years - 1 : years;
}

describe('samsat seed', () => {
  const seeded = context();
  const rows = buildSamsatExportRows(seeded);
  const byOwner = new Map<string, typeof rows>();
  for (const row of rows) byOwner.set(row.NIK_PEMILIK, [...(byOwner.get(row.NIK_PEMILIK) ?? []), row]);
  const adults = POPULATION.people.filter((person) => age(person) >= 17);

  it('is deterministic: same context, same bytes', async () => {
    const directories = [fs.mkdtempSync(path.join(os.tmpdir(), 'samsat-seed-')), fs.mkdtempSync(path.join(os.tmpdir(), 'samsat-seed-'))];
    for (const directory of directories) await agency.seed(context(directory));
    const [first, second] = directories.map((directory) => fs.readFileSync(path.join(directory, 'EXPORT_KENDARAAN.csv')));
    expect(first!.equals(second!)).toBe(true);
    for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('gives vehicles to adults only, at the documented rates', () => {
    const kinds = (nik: string) => (byOwner.get(nik) ?? []).map((row) => row.JENIS_KB);
    for (const nik of byOwner.keys()) expect(age(seeded.byNik.get(nik)!)).toBeGreaterThanOrEqual(SAMSAT_SEED_RATES.adultAge);
    const motorcycleOwners = adults.filter((person) => kinds(person.nik).includes('SPD. MOTOR')).length / adults.length;
    const fourWheelOwners = adults.filter((person) => kinds(person.nik).some((kind) => kind !== 'SPD. MOTOR')).length / adults.length;
    expect(motorcycleOwners).toBeGreaterThan(0.42);
    expect(motorcycleOwners).toBeLessThan(0.48);
    expect(fourWheelOwners).toBeGreaterThan(0.13);
    expect(fourWheelOwners).toBeLessThan(0.17);
    expect([...byOwner.values()].some((owned) => owned.length >= 3)).toBe(true);
  });

  it('asks the planter once per owner and writes that one copy on every vehicle of the owner', () => {
    expect(seeded.planter.calls.name).toEqual([...byOwner.keys()]);
    expect(seeded.planter.calls.address).toEqual([...byOwner.keys()]);
    for (const owned of byOwner.values()) {
      expect(new Set(owned.map((row) => `${row.NAMA_PEMILIK}|${row.ALAMAT_PEMILIK}`)).size).toBe(1);
    }
    expect(rows.some((row) => row.ALAMAT_PEMILIK.includes('KEC. TAMPAN,'))).toBe(true);
    expect(formatOwnerAddress(POPULATION.people[0]!.address)).toMatch(/^JL\. MELATI NO\. \d+ RT 003 RW 007, KEL\. [A-Z ]+, KEC\. [A-Z]+, PEKANBARU$/);
  });

  it('writes unique Pekanbaru plates in messy notations, and mixed date and amount notations', () => {
    const plates = rows.map((row) => normalizePlate(row.NO_POLISI));
    expect(new Set(plates).size).toBe(rows.length);
    for (const plate of plates) expect(plate).toMatch(/^BM [1-9]\d{0,3} [AJLNQT][A-Z]$/);
    expect(rows.some((row) => /^BM \d+ [A-Z]{2}$/.test(row.NO_POLISI))).toBe(true);
    expect(rows.some((row) => /^BM\d+[A-Z]{2}$/.test(row.NO_POLISI))).toBe(true);
    expect(rows.some((row) => /^bm-\d+-[a-z]{2}$/.test(row.NO_POLISI))).toBe(true);
    expect(rows.some((row) => /^\d{2}\/\d{2}\/\d{4}$/.test(row.TGL_JT_PKB))).toBe(true);
    expect(rows.some((row) => /^\d{8}$/.test(row.TGL_JT_PKB))).toBe(true);
    expect(rows.some((row) => /^\d{2}-\d{2}-\d{4}$/.test(row.TGL_JT_PKB))).toBe(true);
    expect(rows.some((row) => /^\d{1,3}(\.\d{3})+$/.test(row.PKB_POKOK))).toBe(true);
    expect(rows.some((row) => row.TUNGGAKAN_PKB === '-')).toBe(true);
  });

  it('reads back through the adapter with every value parsed, due dates around the reference date, some overdue', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsat-seed-'));
    await agency.seed(context(directory));
    const client = new SamsatExportClient({ path: path.join(directory, 'EXPORT_KENDARAAN.csv'), timeoutMs: 1000, maxValueWarnings: 0 });
    expect(await client.start()).toBe('loaded');
    expect(client.status()).toMatchObject({ vehicles: rows.length, owners: byOwner.size, skippedLines: 0 });
    const vehicles = [...(await client.findVehicles([...byOwner.keys()])).values()].flat();
    await client.stop();
    fs.rmSync(directory, { recursive: true, force: true });

    for (const vehicle of vehicles) {
      expect(Object.entries(vehicle).filter(([, value]) => value === null)).toEqual([]);
      expect(vehicle.taxDueDate! >= '2022-01-01' && vehicle.taxDueDate! <= '2026-06-10').toBe(true);
      // The STNK runs out after the reference date, unless the owner stopped paying altogether.
      if (vehicle.taxArrears === 0) expect(vehicle.registrationExpiry! > REFERENCE_DATE).toBe(true);
      expect(vehicle.registrationExpiry!.slice(5)).toBe(vehicle.taxDueDate!.slice(5));
    }
    const overdue = vehicles.filter((vehicle) => vehicle.taxArrears! > 0);
    expect(overdue.length / vehicles.length).toBeGreaterThan(0.08);
    expect(overdue.length / vehicles.length).toBeLessThan(0.18);
    for (const vehicle of overdue) expect(vehicle.taxDueDate! < REFERENCE_DATE).toBe(true);
    expect(vehicles.filter((vehicle) => vehicle.taxArrears === 0).every((vehicle) => vehicle.taxDueDate! > REFERENCE_DATE)).toBe(true);
  });
});
