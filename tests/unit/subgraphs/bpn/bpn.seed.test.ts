import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agency } from '../../../../subgraphs/bpn';
import { BpnKkpClient } from '../../../../subgraphs/bpn/bpn-kkp.client';
import type { LandParcelRecord } from '../../../../subgraphs/bpn/land-parcel.records';
import { BPN_SEED_RATES, buildBpnDump, buildBpnParcels } from '../../../../subgraphs/bpn/legacy/bpn.seed';
import { generatePopulation, indexByNik } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import type { Person } from '../../../../subgraphs/population/person';
import { NO_PLANTS } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';
import type { IdentityPlanter, SeedContext } from '../../../../subgraphs/population/seed-context';
import { DIALECTS } from './kkp-test-databases';

const REFERENCE_DATE = '2026-01-01';
const POPULATION = generatePopulation({ citizens: 6000, seed: 'bpn-seed', referenceDate: REFERENCE_DATE });
const BY_NIK = indexByNik(POPULATION);

/** The planter of a real run, wrapped to count the copies asked for. */
function countingPlanter(exact: boolean): IdentityPlanter & { names: string[] } {
  const inner = createIdentityPlanter({ agency: 'bpn', rng: createRng('bpn-seed').fork('#planter').fork('bpn'), referenceDate: REFERENCE_DATE, ...(exact ? { rates: NO_PLANTS } : {}) });
  const names: string[] = [];
  const refuse = (): never => {
    throw new Error('bpn copies only the holder name');
  };
  return {
    agency: 'bpn',
    names,
    copyFullName: (person: Person) => {
      names.push(person.nik);
      return inner.copyFullName(person);
    },
    copyBirthDate: refuse,
    copySex: refuse,
    copyBirthPlace: refuse,
    copyMotherName: refuse,
    copyAddress: refuse,
  };
}

function context(agencyDir = '', exact = false): SeedContext & { planter: ReturnType<typeof countingPlanter> } {
  return {
    population: POPULATION,
    byNik: BY_NIK,
    rng: createRng('bpn-seed').fork('bpn'),
    planter: countingPlanter(exact),
    agencyDir,
    referenceDate: REFERENCE_DATE,
  };
}

describe('bpn seed', () => {
  const parcels = buildBpnParcels(context());
  const holdersOf = (parcel: (typeof parcels)[number]) => parcel.holders.map(({ holder }) => holder.person);

  it('is deterministic: same context, same bytes', async () => {
    const directories = [fs.mkdtempSync(path.join(os.tmpdir(), 'bpn-seed-')), fs.mkdtempSync(path.join(os.tmpdir(), 'bpn-seed-'))];
    for (const directory of directories) await agency.seed(context(directory));
    const [first, second] = directories.map((directory) => fs.readFileSync(path.join(directory, 'bpn.sql')));
    expect(first!.equals(second!)).toBe(true);
    expect(first!.toString('utf8')).toMatch(/^-- KKP[^]*CREATE TABLE pemegang_hak[^]*CREATE VIEW v_bidang_tanah_pemilik AS[^]*COMMIT;\n$/);
    for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('gives land to about one household in five, held by the head and sometimes the spouse, 1 to 3 parcels', () => {
    const heads = new Set(POPULATION.families.map((family) => family.headNik));
    const landholdingHeads = new Set(parcels.flatMap((parcel) => holdersOf(parcel).filter((person) => heads.has(person.nik)).map((person) => person.nik)));
    const share = landholdingHeads.size / POPULATION.families.length;
    expect(share).toBeGreaterThan(0.16);
    expect(share).toBeLessThan(0.24);
    const perHead = new Map<string, number>();
    for (const parcel of parcels) {
      const [first, second, ...rest] = holdersOf(parcel);
      expect(rest).toEqual([]);
      expect(heads.has(first!.nik)).toBe(true);
      perHead.set(first!.nik, (perHead.get(first!.nik) ?? 0) + 1);
      if (second) {
        expect(['ISTRI', 'SUAMI']).toContain(second.familyRelation);
        expect(second.familyCardNumber).toBe(first!.familyCardNumber);
        expect(parcel.holders.map(({ share: s }) => s)).toEqual(['1/2', '1/2']);
      }
    }
    expect(new Set(perHead.values())).toEqual(new Set([1, 2, 3]));
    const coOwned = parcels.filter((parcel) => parcel.holders.length === 2).length / parcels.length;
    expect(coOwned).toBeGreaterThan(0.1);
    expect(coOwned).toBeLessThan(0.3);
  });

  it('puts about a fifth of parcels in the regencies, larger than city lots, with documented right types and terms', () => {
    const inRegency = parcels.filter((parcel) => !parcel.village.urban);
    expect(inRegency.length / parcels.length).toBeGreaterThan(0.15);
    expect(inRegency.length / parcels.length).toBeLessThan(0.25);
    for (const parcel of parcels) {
      const [low, high] =
        parcel.rightType === 'HMSRS' ? BPN_SEED_RATES.apartmentArea : parcel.rightType === 'HGU' ? BPN_SEED_RATES.hguArea : parcel.village.urban ? BPN_SEED_RATES.cityArea : BPN_SEED_RATES.regencyArea;
      expect(parcel.area).toBeGreaterThanOrEqual(low);
      expect(parcel.area).toBeLessThanOrEqual(high);
      expect(parcel.village.urban ? ['HM', 'HGB', 'HMSRS'] : ['HM', 'HP', 'HGU']).toContain(parcel.rightType);
      expect(parcel.expiresOn === null).toBe(parcel.rightType === 'HM' || parcel.rightType === 'HMSRS');
      expect(parcel.registeredOn < REFERENCE_DATE).toBe(true);
      for (const holder of holdersOf(parcel)) expect(parcel.registeredOn >= holder.birthDate).toBe(true);
    }
    expect(new Set(parcels.map((parcel) => parcel.rightType))).toEqual(new Set(['HM', 'HGB', 'HMSRS', 'HP', 'HGU']));
  });

  it('asks the planter once per holder, and writes that copy as pemegang_hak.nama_pemegang', () => {
    const seeded = context('', true);
    const dump = buildBpnDump(seeded);
    const holders = [...new Set(parcels.flatMap((parcel) => holdersOf(parcel).map((person) => person.nik)))];
    expect([...seeded.planter.names].sort()).toEqual([...holders].sort());
    const person = BY_NIK.get(holders[0]!)!;
    expect(dump).toContain(`VALUES (1, '${person.nik}', '${person.fullName.replace(/'/g, "''")}');`);
  });

  it('writes unique certificate numbers and NIBs in BPN notation, some dotted, dates in three notations', () => {
    const dump = buildBpnDump(context());
    const digits = (value: string) => value.replace(/\./g, '');
    expect(new Set(parcels.map((parcel) => digits(parcel.certificate))).size).toBe(parcels.length);
    expect(new Set(parcels.map((parcel) => digits(parcel.nib))).size).toBe(parcels.length);
    for (const parcel of parcels) {
      expect(digits(parcel.certificate)).toMatch(/^04\d{6}[12347]\d{5}$/);
      expect(digits(parcel.certificate).slice(0, 8)).toBe(parcel.village.code);
      expect(digits(parcel.nib)).toMatch(new RegExp(`^${parcel.village.code}\\d{5}$`));
    }
    expect(parcels.some((parcel) => parcel.dotted)).toBe(true);
    expect(dump).toMatch(/'\d{2}-\d{2}-\d{4}'/);
    expect(dump).toMatch(/'\d{2}\/\d{2}\/\d{4}'/);
    expect(dump).toMatch(/'\d{4}-\d{2}-\d{2}'/);
  });

  // The dump is the land office's, in portable SQL: the same text loads into both databases,
  // and the adapter reads every seeded value without a warning.
  describe.each(DIALECTS)('read back from %s', (_name, makeDatabases) => {
    const databases = makeDatabases();
    afterAll(() => databases.cleanup());

    it('answers every holder with every value readable', async () => {
      const seeded = context();
      const client = new BpnKkpClient({ location: await databases.create(buildBpnDump(seeded)), timeoutMs: 5000 });
      const holders = [...new Set(parcels.flatMap((parcel) => holdersOf(parcel).map((person) => person.nik)))];
      const found = new Map<string, readonly LandParcelRecord[]>();
      try {
        for (let i = 0; i < holders.length; i += 100) for (const [nik, owned] of await client.findParcels(holders.slice(i, i + 100))) found.set(nik, owned);
      } finally {
        await client.close();
      }
      expect(found.size).toBe(holders.length);
      const all = [...found.values()].flat();
      expect(all.length).toBe(parcels.reduce((sum, parcel) => sum + parcel.holders.length, 0));
      for (const parcel of all) {
        const nulls = Object.entries(parcel).filter(([key, value]) => value === null && key !== 'rightExpiresOn').map(([key]) => key);
        expect(nulls).toEqual([]);
        expect(parcel.certificateNumber!.charAt(8)).toBe({ HM: '1', HGU: '2', HGB: '3', HP: '4', HMSRS: '7' }[parcel.rightType!]);
        expect(parcel.ownershipShare).toBe(parcel.coOwnerNiks.length === 0 ? '1/1' : '1/2');
      }
    });
  });
});
