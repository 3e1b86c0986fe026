import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generatePopulation } from '../../../../subgraphs/population/generate-population';
import {
  GroundTruthError,
  buildGroundTruth,
  comparePlants,
  readGroundTruth,
  serializeGroundTruth,
} from '../../../../subgraphs/population/ground-truth';
import { createIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import { DEFAULT_PLANT_RATES, NO_PLANTS } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';

let workDir: string;
beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'satu-ground-truth-'));
});
afterAll(async () => {
  await fs.rm(workDir, { recursive: true, force: true });
});

function truthFor(citizens: number, seed: string) {
  const population = generatePopulation({ citizens, seed });
  const root = createRng(seed);
  const make = (agency: string) =>
    createIdentityPlanter({ agency, rng: root.fork(agency), referenceDate: '2026-01-01', rates: agency === 'dukcapil' ? NO_PLANTS : DEFAULT_PLANT_RATES });
  const planters = ['dukcapil', 'samsat', 'imigrasi', 'bpjs-kesehatan'].map(make);
  // Agencies copy in their own order; the ground truth must not depend on it.
  for (const planter of planters) {
    const people = planter.agency === 'imigrasi' ? [...population.people].reverse() : population.people;
    for (const person of people) {
      planter.copyFullName(person, { passport: planter.agency === 'imigrasi' });
      planter.copyBirthDate(person);
    }
  }
  return buildGroundTruth({
    seed,
    citizens,
    referenceDate: '2026-01-01',
    planters,
    rates: Object.fromEntries(planters.map((p) => [p.agency, p.agency === 'dukcapil' ? NO_PLANTS : DEFAULT_PLANT_RATES])),
    registryAgency: 'dukcapil',
    niks: population.people.map((p) => p.nik),
    rng: root.fork('#demo'),
  });
}

describe('ground truth', () => {
  it('sorts plants stably and serializes to JSON that reads back equal', async () => {
    const truth = truthFor(800, 'gt');
    const sorted = [...truth.plants].sort(comparePlants);
    expect(truth.plants).toEqual(sorted);
    const text = serializeGroundTruth(truth);
    expect(JSON.parse(text)).toEqual(truth);
    // One plant per line.
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('{"nik"'))).toHaveLength(truth.plants.length);
    await fs.writeFile(path.join(workDir, 'ground-truth.json'), text);
    expect(readGroundTruth(workDir)).toEqual(truth);
    expect(serializeGroundTruth(truthFor(800, 'gt'))).toBe(text);
  });

  it('gives empty demo NIKs rather than wrong ones when no citizen fits', () => {
    const truth = truthFor(1, 'tiny');
    expect(truth.demoNiks.clean === '' || truth.plants.every((p) => p.nik !== truth.demoNiks.clean)).toBe(true);
    for (const key of ['variant', 'mismatch'] as const) {
      const nik = truth.demoNiks[key];
      if (nik !== '') expect(truth.plants.some((p) => p.nik === nik)).toBe(true);
    }
  });

  it('explains a missing, corrupt or foreign ground-truth.json', async () => {
    const missing = path.join(workDir, 'nothing-here');
    expect(() => readGroundTruth(missing)).toThrow(GroundTruthError);
    expect(() => readGroundTruth(missing)).toThrow(/no ground-truth\.json in .*npm run seed -- --out/);

    const corrupt = path.join(workDir, 'corrupt');
    await fs.mkdir(corrupt);
    await fs.writeFile(path.join(corrupt, 'ground-truth.json'), '{"format": "satu-ground-truth/1", "plants": [');
    expect(() => readGroundTruth(corrupt)).toThrow(/is not valid JSON/);

    const foreign = path.join(workDir, 'foreign');
    await fs.mkdir(foreign);
    await fs.writeFile(path.join(foreign, 'ground-truth.json'), JSON.stringify({ format: 'something-else' }));
    expect(() => readGroundTruth(foreign)).toThrow(/"format" must be "satu-ground-truth\/1"/);

    const badPlant = path.join(workDir, 'bad-plant');
    await fs.mkdir(badPlant);
    const truth = truthFor(200, 'bad');
    await fs.writeFile(path.join(badPlant, 'ground-truth.json'), JSON.stringify({ ...truth, plants: [{ ...truth.plants[0], class: 'FORMAT', kind: 'OTHER_SEX' }] }));
    expect(() => readGroundTruth(badPlant)).toThrow(/"plants\[0\]" is not a planted difference/);
  });
});
