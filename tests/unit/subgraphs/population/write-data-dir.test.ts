import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GROUND_TRUTH_FORMAT, readGroundTruth, type GroundTruth } from '../../../../subgraphs/population/ground-truth';
import {
  DataDirectoryError,
  GENERATOR,
  GENERATOR_VERSION,
  ensureDataDirectory,
  readManifest,
  writeDataDirectory,
  type ProgressEvent,
} from '../../../../subgraphs/population/write-data-dir';
import { generatePopulation } from '../../../../subgraphs/population/generate-population';
import { FAKE_AGENCIES, failingAgency, fakeAgency, snapshot } from './fake-agencies';

let workDir: string;

beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'satu-population-'));
});

afterAll(async () => {
  await fs.rm(workDir, { recursive: true, force: true });
});

function dir(name: string): string {
  return path.join(workDir, name);
}

const BASE = { citizens: 1500, seed: 'orchestration', agencies: FAKE_AGENCIES } as const;

describe('writeDataDirectory', () => {
  let truth: GroundTruth;
  const events: ProgressEvent[] = [];
  const messages: string[] = [];

  beforeAll(async () => {
    await writeDataDirectory({
      ...BASE,
      out: dir('first'),
      onProgress: (message, event) => {
        messages.push(message);
        events.push(event);
      },
    });
    truth = readGroundTruth(dir('first'));
  });

  it('lays out manifest.json, ground-truth.json and one folder per agency', async () => {
    expect((await fs.readdir(dir('first'))).sort()).toEqual(['bpjs-kesehatan', 'dukcapil', 'ground-truth.json', 'imigrasi', 'manifest.json', 'samsat']);
    expect(readManifest(dir('first'))).toEqual({
      generator: GENERATOR,
      generatorVersion: GENERATOR_VERSION,
      seed: 'orchestration',
      citizens: 1500,
      referenceDate: '2026-01-01',
      agencies: ['dukcapil', 'imigrasi', 'samsat', 'bpjs-kesehatan'],
      families: expect.any(Number),
    });
    // Nothing else is left next to it (no temporary sibling).
    expect((await fs.readdir(workDir)).filter((name) => name.startsWith('.first'))).toEqual([]);
  });

  it('holds the same people generatePopulation gives for the same seed (what benchmarks and tools rely on)', async () => {
    const registry = await fs.readFile(path.join(dir('first'), 'dukcapil', 'records.txt'), 'utf8');
    const written = registry.trim().split('\n').map((line) => line.split(';')[0]);
    const generated = generatePopulation({ citizens: BASE.citizens, seed: BASE.seed }).people.map((person) => person.nik);
    expect(written).toEqual(generated);
  });

  it('reports progress step by step', () => {
    expect(events.map((e) => e.step)).toEqual(['population', 'population', 'agency', 'agency', 'agency', 'agency', 'ground-truth', 'done']);
    expect(events.at(-1)).toEqual({ step: 'done', completed: 6, total: 6 });
    expect(messages[0]).toContain('generating 1500 citizens');
  });

  it('lists every plant in the ground truth, as the agencies wrote them, and none for the civil registry', async () => {
    expect(truth.format).toBe(GROUND_TRUTH_FORMAT);
    expect(truth.citizens).toBe(1500);
    expect(truth.plants.length).toBeGreaterThan(50);
    expect(truth.plants.filter((plant) => plant.agency === 'dukcapil')).toEqual([]);
    const registry = await fs.readFile(path.join(dir('first'), 'dukcapil', 'records.txt'), 'utf8');
    expect(registry.trim().split('\n')).toHaveLength(1500);
    const files = new Map<string, string>();
    for (const agency of ['imigrasi', 'samsat', 'bpjs-kesehatan']) files.set(agency, await fs.readFile(path.join(dir('first'), agency, 'records.txt'), 'utf8'));
    const missing = truth.plants.filter((plant) => {
      const line = files.get(plant.agency)!.split('\n').find((l) => l.startsWith(`${plant.nik};`));
      if (!line) return true;
      if (plant.attribute === 'ADDRESS') return false; // written as parts, checked in the planter tests
      return !line.split(';').includes(plant.agencyValue);
    });
    expect(missing).toEqual([]);
  });

  it('sorts plants by NIK, agency and attribute, and counts them by agency, attribute and kind', () => {
    const keys = truth.plants.map((p) => `${p.nik}|${p.agency}|${p.attribute}`);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    let counted = 0;
    for (const byAttribute of Object.values(truth.counts)) for (const byKind of Object.values(byAttribute)) for (const n of Object.values(byKind ?? {})) counted += n ?? 0;
    expect(counted).toBe(truth.plants.length);
    expect(truth.totals.FORMAT + truth.totals.VARIANT + truth.totals.MISMATCH).toBe(truth.plants.length);
    expect(truth.copies['imigrasi']!.FULL_NAME).toBeGreaterThan(200);
    expect(truth.rates['dukcapil']!.FULL_NAME).toEqual({ mismatch: 0, variant: 0, format: 0 });
  });

  it('chooses the demo NIKs as promised', async () => {
    const { clean, variant, mismatch } = truth.demoNiks;
    const plantsOf = (nik: string) => truth.plants.filter((p) => p.nik === nik);
    const holds = async (agency: string, nik: string): Promise<boolean> =>
      (await fs.readFile(path.join(dir('first'), agency, 'records.txt'), 'utf8')).includes(`${nik};`);
    expect(plantsOf(clean)).toEqual([]);
    for (const agency of ['imigrasi', 'samsat', 'bpjs-kesehatan']) expect(await holds(agency, clean)).toBe(true);
    expect(plantsOf(variant).length).toBeGreaterThan(0);
    expect(plantsOf(variant).every((p) => p.class === 'VARIANT')).toBe(true);
    expect(new Set(plantsOf(variant).map((p) => p.agency)).size).toBeGreaterThanOrEqual(2);
    expect(plantsOf(mismatch).some((p) => p.class === 'MISMATCH' && p.attribute === 'FULL_NAME')).toBe(true);
  });

  it('writes byte-identical directories for the same seed, and different ones for another seed', async () => {
    await writeDataDirectory({ ...BASE, out: dir('again') });
    await writeDataDirectory({ ...BASE, seed: 'another', out: dir('another') });
    const first = await snapshot(dir('first'));
    expect(await snapshot(dir('again'))).toEqual(first);
    const other = await snapshot(dir('another'));
    expect(other['ground-truth.json']).not.toBe(first['ground-truth.json']);
    expect(other['samsat/records.txt']).not.toBe(first['samsat/records.txt']);
  });

  it("never changes an agency's bytes when another agency is added", async () => {
    await writeDataDirectory({ ...BASE, agencies: [FAKE_AGENCIES[2]!], out: dir('samsat-only') });
    await writeDataDirectory({ ...BASE, agencies: [fakeAgency('kua', 0.3), FAKE_AGENCIES[2]!, fakeAgency('djp', 0.4)], out: dir('with-others') });
    const alone = await snapshot(dir('samsat-only'));
    const together = await snapshot(dir('with-others'));
    expect(together['samsat/records.txt']).toBe(alone['samsat/records.txt']);
  });
});

describe('writeDataDirectory: the target directory', () => {
  it('refuses a non-empty directory that is not a Satu data directory, and leaves it untouched', async () => {
    await fs.mkdir(dir('foreign'));
    await fs.writeFile(path.join(dir('foreign'), 'thesis.docx'), 'precious');
    await expect(writeDataDirectory({ ...BASE, citizens: 20, out: dir('foreign') })).rejects.toThrow(DataDirectoryError);
    await expect(writeDataDirectory({ ...BASE, citizens: 20, out: dir('foreign') })).rejects.toThrow(/not empty \(thesis\.docx\) and is not a Satu data directory/);
    expect(await fs.readdir(dir('foreign'))).toEqual(['thesis.docx']);
  });

  it('refuses a file in the way', async () => {
    await fs.writeFile(dir('a-file'), 'x');
    await expect(writeDataDirectory({ ...BASE, citizens: 20, out: dir('a-file') })).rejects.toThrow(/is not a directory/);
  });

  it('writes into an empty directory, replaces a previous data directory, or refuses when told not to', async () => {
    await fs.mkdir(dir('empty'));
    await writeDataDirectory({ ...BASE, citizens: 30, out: dir('empty') });
    expect(readManifest(dir('empty'))?.citizens).toBe(30);
    await writeDataDirectory({ ...BASE, citizens: 40, out: dir('empty') });
    expect(readManifest(dir('empty'))?.citizens).toBe(40);
    await expect(writeDataDirectory({ ...BASE, citizens: 50, out: dir('empty'), replaceExisting: false })).rejects.toThrow(/pass --force/);
    expect(readManifest(dir('empty'))?.citizens).toBe(40);
  });

  it('leaves neither a half data directory nor a temporary sibling when an agency fails', async () => {
    await expect(writeDataDirectory({ ...BASE, citizens: 30, agencies: [FAKE_AGENCIES[1]!, failingAgency], out: dir('failed') })).rejects.toThrow('legacy export failed');
    expect((await fs.readdir(workDir)).filter((name) => name.includes('failed'))).toEqual([]);
    // A previous data directory survives a failed regeneration.
    await writeDataDirectory({ ...BASE, citizens: 30, out: dir('survivor') });
    const before = await snapshot(dir('survivor'));
    await expect(writeDataDirectory({ ...BASE, citizens: 60, agencies: [failingAgency], out: dir('survivor') })).rejects.toThrow();
    expect(await snapshot(dir('survivor'))).toEqual(before);
  });

  it('cleans up temporary siblings left by a killed run', async () => {
    const stale = path.join(workDir, '.tidy.partial-999999999-abcdef');
    await fs.mkdir(stale);
    await writeDataDirectory({ ...BASE, citizens: 10, out: dir('tidy') });
    expect((await fs.readdir(workDir)).filter((name) => name.startsWith('.tidy'))).toEqual([]);
  });

  it('rejects agency names that cannot be folder names or are repeated', async () => {
    await expect(writeDataDirectory({ ...BASE, citizens: 10, agencies: [fakeAgency('../escape', 1)], out: dir('bad-name') })).rejects.toThrow(/folder name/);
    await expect(writeDataDirectory({ ...BASE, citizens: 10, agencies: [fakeAgency('a', 1), fakeAgency('a', 1)], out: dir('dup') })).rejects.toThrow(/unique/);
  });
});

describe('ensureDataDirectory', () => {
  it('generates when missing, reuses when the manifest matches, regenerates when it does not', async () => {
    const out = dir('ensure');
    const first = await ensureDataDirectory({ ...BASE, citizens: 40, out });
    expect(first.status).toBe('generated');
    const stamp = (await fs.stat(path.join(out, 'ground-truth.json'))).mtimeMs;
    const again = await ensureDataDirectory({ ...BASE, citizens: 40, out });
    expect(again.status).toBe('reused');
    expect((await fs.stat(path.join(out, 'ground-truth.json'))).mtimeMs).toBe(stamp);
    const messages: string[] = [];
    const changed = await ensureDataDirectory({ ...BASE, citizens: 40, seed: 'changed', out, onProgress: (m) => messages.push(m) });
    expect(changed.status).toBe('regenerated');
    expect(messages[0]).toMatch(/regenerating .*seed/);
    expect(readManifest(out)?.seed).toBe('changed');
  });

  it('can reuse or refuse a data directory made with other options', async () => {
    const out = dir('ensure-modes');
    await ensureDataDirectory({ ...BASE, citizens: 30, out });
    expect((await ensureDataDirectory({ ...BASE, citizens: 99, out, ifDifferent: 'reuse' })).manifest.citizens).toBe(30);
    await expect(ensureDataDirectory({ ...BASE, citizens: 99, out, ifDifferent: 'error' })).rejects.toThrow(/citizens \(30 instead of 99\)/);
  });

  it('regenerates an incomplete data directory and refuses a foreign one', async () => {
    const out = dir('ensure-incomplete');
    await ensureDataDirectory({ ...BASE, citizens: 30, out });
    await fs.rm(path.join(out, 'samsat'), { recursive: true });
    expect((await ensureDataDirectory({ ...BASE, citizens: 30, out })).status).toBe('regenerated');
    await fs.mkdir(dir('ensure-foreign'));
    await fs.writeFile(path.join(dir('ensure-foreign'), 'notes.txt'), 'x');
    await expect(ensureDataDirectory({ ...BASE, out: dir('ensure-foreign') })).rejects.toThrow(DataDirectoryError);
  });
});
