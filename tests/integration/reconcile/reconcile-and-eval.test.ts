import 'reflect-metadata';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { runEvalCli } from '../../../gateway/cli/crosscheck-eval';
import { runReconcileCli } from '../../../gateway/cli/reconcile';
import type { EvalFigures } from '../../../gateway/crosscheck/eval/run-eval';
import { startDemo, type RunningDemo } from '../../../gateway/demo/start-demo';
import { generatePopulation } from '../../../subgraphs/population/generate-population';
import { readGroundTruth, type GroundTruth } from '../../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../../subgraphs/population/write-data-dir';
import { demoAuthHeaders } from '../../support/demo-access';

const SEED = 'reconcile';
const CITIZENS = 300;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text), out, err };
}

/**
 * Bulk reconciliation and the quality measurement against the whole mall on loopback: a CSV
 * made from SAMSAT's vehicle export (its copies of name and address, with the generator's
 * planted differences) plus the registry's birth dates, with a few differences of our own.
 */
describe('reconcile and crosscheck:eval against the demo', () => {
  let workDir: string;
  let dataDir: string;
  let demo: RunningDemo;
  let truth: GroundTruth;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'satu-reconcile-it-'));
    dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: CITIZENS, seed: SEED });
    truth = readGroundTruth(dataDir);
    demo = await startDemo({ dataDir, host: '127.0.0.1', gatewayPort: 0, ports: 'random', legacyTimeoutMs: 3000, logger: pino({ level: 'silent' }) });
  }, 60_000);

  afterAll(async () => {
    await demo?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('finds every planted SAMSAT difference and ours, and nothing else', async () => {
    const people = new Map(generatePopulation({ citizens: CITIZENS, seed: SEED }).people.map((person) => [person.nik, person]));
    const exported = parse(readFileSync(path.join(dataDir, 'samsat', 'EXPORT_KENDARAAN.csv'), 'utf8'), { delimiter: ';', columns: true, bom: true, relax_column_count: true }) as Array<Record<string, string>>;
    // The last line is SAMSAT's trailer (TRAILER;<count>;<date>), not a vehicle.
    const vehicles = exported.filter((vehicle) => vehicle.NO_POLISI !== 'TRAILER');
    const owners = new Map<string, Record<string, string>>();
    for (const vehicle of vehicles) if (!owners.has(vehicle.NIK_PEMILIK!)) owners.set(vehicle.NIK_PEMILIK!, vehicle);
    const samsatPlants = truth.plants.filter((plant) => plant.agency === 'samsat');
    const planted = new Set(samsatPlants.map((plant) => plant.nik));
    const clean = [...owners.keys()].filter((nik) => !planted.has(nik));
    expect(clean.length).toBeGreaterThan(10);

    // Our own differences, on owners without a plant.
    const ours = new Map<string, { column: 'full_name' | 'birth_date'; value: string; attribute: string; verdict: string }>([
      [clean[0]!, { column: 'full_name', value: 'ZULKIFLI HASIBUAN', attribute: 'FULL_NAME', verdict: 'MISMATCH' }],
      [clean[1]!, { column: 'full_name', value: `H. ${owners.get(clean[1]!)!.NAMA_PEMILIK}, S.E.`, attribute: 'FULL_NAME', verdict: 'VARIANT' }],
      [clean[2]!, { column: 'birth_date', value: '01/01/1901', attribute: 'BIRTH_DATE', verdict: 'MISMATCH' }],
    ]);
    const dmy = (iso: string): string => iso.split('-').reverse().join('/');
    const rows = [...owners.values()].map((vehicle) => {
      const nik = vehicle.NIK_PEMILIK!;
      const row: Record<string, string> = { nik, full_name: vehicle.NAMA_PEMILIK!, birth_date: dmy(people.get(nik)!.birthDate), address: vehicle.ALAMAT_PEMILIK! };
      const mine = ours.get(nik);
      if (mine) row[mine.column] = mine.value;
      return [row.nik!, row.full_name!, row.birth_date!, row.address!];
    });
    const unknownNik = '1471010101019999';
    expect(people.has(unknownNik)).toBe(false);
    rows.splice(5, 0, ['1471-BAD', 'X', '01/01/1990', 'X'], [unknownNik, 'NOBODY', '01/01/2001', 'JL. X']);
    const input = path.join(workDir, 'samsat.csv');
    writeFileSync(input, stringify([['NIK', 'NAMA_LGKP', 'TGL_LHR', 'ALAMAT'], ...rows], { delimiter: ';' }));

    const out = path.join(workDir, 'reconcile-samsat');
    const token = demoAuthHeaders(demo, 'frontend', null).authorization!.replace(/^Bearer /, '');
    const args = ['--agency', 'samsat', '--input', input, '--out', out, '--gateway', demo.gateway.url, '--batch', '50', '--token', token];
    const first = io();
    expect(await runReconcileCli(args, first)).toBe(0);
    expect(first.out.join('')).toMatch(new RegExp(`rows +${rows.length}: ${rows.length - 2} compared, 1 NIK unknown to the registry, 1 bad`));

    const found = (parse(readFileSync(path.join(out, 'discrepancies.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>).map(
      (row) => `${row.nik} ${row.attribute} ${row.verdict}`,
    );
    const expected = [
      ...samsatPlants.filter((plant) => plant.class !== 'FORMAT').map((plant) => `${plant.nik} ${plant.attribute} ${plant.class}`),
      ...[...ours].map(([nik, mine]) => `${nik} ${mine.attribute} ${mine.verdict}`),
      `${unknownNik} NIK UNKNOWN_NIK`,
    ];
    expect(found.sort()).toEqual(expected.sort());
    expect(samsatPlants.filter((plant) => plant.class === 'MISMATCH').length).toBeGreaterThan(0);
    const bad = parse(readFileSync(path.join(out, 'bad-rows.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(bad).toEqual([{ line: '7', problem: 'malformed-nik', detail: expect.stringMatching(/character 5 is not one/), raw: '1471-BAD;X;01/01/1990;X' }]);
    const html = readFileSync(path.join(out, 'summary.html'), 'utf8');
    expect(html.replace(demo.gateway.url, '')).not.toMatch(/https?:\/\//);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as { complete: boolean; tally: { verdicts: Record<string, number> } };
    expect(summary.complete).toBe(true);
    console.log(`reconcile on ${rows.length} SAMSAT owners: ${JSON.stringify(summary.tally.verdicts)}`);

    const again = io();
    expect(await runReconcileCli(args, again)).toBe(0);
    expect(again.err.join('')).toMatch(/holds a complete run of this input/);
  }, 20_000);

  it('measures the crosscheck on the data directory (starting its own demo) and writes the figures', async () => {
    const jsonFile = path.join(workDir, 'eval.json');
    const run = io();
    expect(await runEvalCli(['--data', dataDir, '--json', jsonFile], run)).toBe(0);
    const figures = JSON.parse(readFileSync(jsonFile, 'utf8')) as EvalFigures;
    const report = run.out.join('');
    console.log(report);
    expect(report).toMatch(/expected \\ found +MATCH +VARIANT +MISMATCH +INCOMPLETE +total/);
    expect(figures.citizensChecked).toBe(CITIZENS);
    const listed = (['MATCH', 'VARIANT', 'MISMATCH'] as const).map((expected) => Object.values(figures.matrix[expected]).reduce((sum, n) => sum + n, 0));
    const plants = truth.plants.filter((plant) => plant.agency !== 'dukcapil');
    expect(listed[1]).toBe(plants.filter((plant) => plant.class === 'VARIANT').length);
    expect(listed[2]).toBe(plants.filter((plant) => plant.class === 'MISMATCH').length);
    const copies = Object.entries(truth.copies).filter(([agency]) => agency !== 'dukcapil').flatMap(([, byAttribute]) => Object.values(byAttribute));
    expect(listed.reduce((sum, n) => sum + n, 0)).toBe(copies.reduce((sum, n) => sum + n, 0) + figures.byClass.UNPLANTED.VARIANT + figures.byClass.UNPLANTED.MISMATCH + figures.byClass.UNPLANTED.INCOMPLETE);
    expect(figures.mismatch.precision).toEqual(expect.any(Number));
    expect(figures.mismatch.recall).toEqual(expect.any(Number));
    expect(figures.benignCalledMismatch.rate).toEqual(expect.any(Number));
    expect(figures.incompleteCitizens).toEqual([]);
    expect(figures.excludedAgencies).toEqual(['dukcapil']);
  }, 30_000);
});
