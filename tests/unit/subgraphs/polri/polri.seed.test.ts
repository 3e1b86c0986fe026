import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLRI_SEED_RATES, buildPolriRows, seedPolriStore } from '../../../../subgraphs/polri/legacy/polri.seed';
import { loadPolriStore } from '../../../../subgraphs/polri/legacy/polri.store';
import { parsePolriDate } from '../../../../subgraphs/polri/polri-date';
import { toDrivingLicense, toPoliceClearance } from '../../../../subgraphs/polri/polri.mapper';
import { ageOn } from '../../../../subgraphs/population/dates';
import { generatePopulation, indexByNik } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import type { Population } from '../../../../subgraphs/population/person';
import { NO_PLANTS } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';
import type { SeedContext } from '../../../../subgraphs/population/seed-context';

const REFERENCE_DATE = '2026-01-01';
const population: Population = generatePopulation({ citizens: 3000, seed: 'polri-seed-test', referenceDate: REFERENCE_DATE });
const people = indexByNik(population);
const adults = population.people.filter((person) => ageOn(person.birthDate, REFERENCE_DATE) >= 17);

function context(options: { seed?: string; exact?: boolean; agencyDir?: string } = {}) {
  const seed = options.seed ?? 'x';
  const planter = createIdentityPlanter({
    agency: 'polri',
    rng: createRng(seed).fork('#planter/polri'),
    referenceDate: REFERENCE_DATE,
    rates: options.exact ? NO_PLANTS : undefined,
  });
  const seedContext: SeedContext = {
    population,
    byNik: people,
    rng: createRng(seed).fork('polri'),
    planter,
    agencyDir: options.agencyDir ?? '/nonexistent',
    referenceDate: REFERENCE_DATE,
  };
  return { seedContext, planter };
}

const { sim, skck } = buildPolriRows(context().seedContext);
const warn = jest.fn();
const licences = sim.map((row) => ({ row, licence: toDrivingLicense(row as unknown as Record<string, unknown>, row.nik, warn) }));

function share(niks: Iterable<string>, of: number): number {
  return new Set(niks).size / of;
}

describe('POLRI-SIM seed', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes; and the simulator reads what it writes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'satu-polri-seed-'));
    try {
      const texts: string[] = [];
      for (const [name, seed] of [['a', 's1'], ['b', 's1'], ['c', 's2']] as const) {
        const agencyDir = join(root, name, 'polri');
        await mkdir(agencyDir, { recursive: true });
        await seedPolriStore(context({ seed, agencyDir }).seedContext);
        texts.push((await readFile(join(agencyDir, 'sim.json'), 'utf8')) + (await readFile(join(agencyDir, 'skck.json'), 'utf8')));
      }
      expect(texts[0]).toBe(texts[1]);
      expect(texts[0]).not.toBe(texts[2]);
      const store = await loadPolriStore(join(root, 'a'));
      expect(store.sim.size).toBeGreaterThan(adults.length / 2);
      expect(store.skck.size).toBeGreaterThan(50);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('gives about 55% of adults a SIM C, about 20% a SIM A, few B I / B II / D, some C I / C II', () => {
    const holders = (predicate: (entry: (typeof licences)[number]) => boolean) => share(licences.filter(predicate).map(({ row }) => row.nik), adults.length);
    expect(holders(({ licence }) => licence.class === 'C')).toBeGreaterThan(0.49);
    expect(holders(({ licence }) => licence.class === 'C')).toBeLessThan(0.61);
    expect(holders(({ licence }) => licence.class === 'A')).toBeGreaterThan(0.16);
    expect(holders(({ licence }) => licence.class === 'A')).toBeLessThan(0.24);
    expect(holders(({ licence }) => licence.class === 'B_I')).toBeLessThan(0.05);
    expect(holders(({ licence }) => licence.class === 'B_II')).toBeLessThan(0.02);
    expect(holders(({ licence }) => licence.class === 'D')).toBeLessThan(0.01);
    for (const cls of ['B_I', 'B_II', 'C_I'] as const) expect(licences.some(({ licence }) => licence.class === cls)).toBe(true);
    expect(licences.some(({ licence }) => licence.publicTransport)).toBe(true);
    // Several classes per person.
    const perPerson = new Map<string, number>();
    for (const { row } of licences) perPerson.set(row.nik, (perPerson.get(row.nik) ?? 0) + 1);
    expect(Math.max(...perPerson.values())).toBeGreaterThanOrEqual(2);
  });

  it('leaves some licences expired (not renewed), most valid', () => {
    const expired = licences.filter(({ licence }) => (licence.expiryDate ?? '') < REFERENCE_DATE).length / licences.length;
    expect(expired).toBeGreaterThan(0.07);
    expect(expired).toBeLessThan(0.22);
  });

  it('gives about 8% of people aged 17-60 a recent SKCK, some with an earlier one too', () => {
    const eligible = adults.filter((person) => ageOn(person.birthDate, REFERENCE_DATE) <= POLRI_SEED_RATES.skckAge.max);
    const holders = new Set(skck.map((row) => row.nik));
    expect(holders.size / eligible.length).toBeGreaterThan(0.05);
    expect(holders.size / eligible.length).toBeLessThan(0.11);
    expect(skck.length).toBeGreaterThan(holders.size);
    for (const nik of holders) {
      const age = ageOn(people.get(nik)!.birthDate, REFERENCE_DATE);
      expect(age).toBeGreaterThanOrEqual(17);
      expect(age).toBeLessThanOrEqual(60);
      const current = toPoliceClearance(skck.filter((row) => row.nik === nik), nik, warn);
      // The current certificate was issued within the last year and is valid six months.
      expect(current.issueDate! > '2024-12-31').toBe(true);
      expect(current.expiryDate! > current.issueDate!).toBe(true);
    }
  });

  it('writes only values the adapter reads, within the rules: min ages, number length by issue year, expiry after issue', () => {
    const minAge: Record<string, number> = { A: 17, B_I: 20, B_II: 21, C: 17, C_I: 18, C_II: 19, D: 17 };
    for (const { row, licence } of licences) {
      const person = people.get(row.nik)!;
      expect(licence.class).not.toBeNull();
      expect(licence.issueDate! <= REFERENCE_DATE).toBe(true);
      expect(licence.expiryDate! > licence.issueDate!).toBe(true);
      expect(ageOn(person.birthDate, licence.issueDate!)).toBeGreaterThanOrEqual(minAge[licence.class!]!);
      expect(licence.number).toHaveLength(licence.issueDate! < '2019-01-01' ? 12 : 14);
    }
    for (const row of skck) {
      expect(parsePolriDate(row.tgl_terbit)).toBeDefined();
      expect(row.no_skck).toMatch(/^SKCK\/YANMAS\/\d{5}\/[IVX]+\/\d{4}\/INTELKAM$/);
    }
    expect(new Set(licences.map(({ licence }) => licence.number)).size).toBe(licences.length);
    expect(warn).not.toHaveBeenCalled();
    // The counters' spellings: several ways to write one class, all read back.
    expect(new Set(sim.filter((row) => /^B/.test(row.gol_sim)).map((row) => row.gol_sim)).size).toBeGreaterThan(2);
    expect(sim.some((row) => row.no_sim.includes('-'))).toBe(true);
  });

  it('takes every identity copy from the planter, for holders only: exact copies with an exact planter', () => {
    const exact = buildPolriRows(context({ exact: true }).seedContext);
    for (const row of exact.sim) {
      const person = people.get(row.nik)!;
      expect([row.nama, row.tempat_lahir, parsePolriDate(row.tgl_lahir), row.jenis_kelamin]).toEqual([
        person.fullName,
        person.birthPlace,
        person.birthDate,
        person.sex === 'MALE' ? 'PRIA' : 'WANITA',
      ]);
    }
    for (const row of exact.skck) expect(row.nama).toBe(people.get(row.nik)!.fullName);
  });

  it('records the planted differences it writes, one copy per person shared by SIM and SKCK rows', () => {
    const { seedContext, planter } = context();
    const rows = buildPolriRows(seedContext);
    const simNiks = new Set(rows.sim.map((row) => row.nik));
    const allNiks = new Set([...simNiks, ...rows.skck.map((row) => row.nik)]);
    expect(planter.copiedNiks('FULL_NAME')).toEqual(allNiks);
    expect(planter.copiedNiks('BIRTH_PLACE')).toEqual(simNiks);
    expect(planter.copiedNiks('MOTHER_NAME').size + planter.copiedNiks('ADDRESS').size).toBe(0);
    const names = new Map<string, Set<string>>();
    for (const row of [...rows.sim, ...rows.skck]) names.set(row.nik, (names.get(row.nik) ?? new Set()).add(row.nama));
    expect([...names.values()].every((set) => set.size === 1)).toBe(true);
    const namePlants = planter.plants.filter((plant) => plant.attribute === 'FULL_NAME');
    expect(namePlants.length).toBeGreaterThan(0);
    for (const plant of namePlants) expect(names.get(plant.nik)).toEqual(new Set([plant.agencyValue]));
  });
});
