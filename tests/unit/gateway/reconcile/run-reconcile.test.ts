import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readCheckpoint } from '../../../../gateway/reconcile/checkpoint';
import { reconcile, exitCodeOf, type ReconcileOptions } from '../../../../gateway/reconcile/run-reconcile';
import type { ReconcileSummary } from '../../../../gateway/reconcile/summary-report';
import { FakeRegistry, citizenOf, nikOf, silentIo, tempDir, writeCsv } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 530;
const UNKNOWN = new Set([7, 301]);

/** An agency file of ROWS rows: mostly exact copies, a VARIANT every 10th row, a MISMATCH every 25th, two unknown NIKs, two bad rows. */
function agencyCsv(): string {
  const lines = ['nik,full_name,birth_date,sex,address'];
  for (let i = 0; i < ROWS; i++) {
    const citizen = citizenOf(i);
    const [y, m, d] = citizen.birthDate!.split('-');
    const name = i % 25 === 0 ? 'MUHAMMAD RISKI' : i % 10 === 0 ? 'MUH. RIZKI' : 'Muhammad  Rizki';
    lines.push(`${citizen.nik},${name},${d}/${m}/${y},L,"JL. MANUNGGAL NO. 139 RT 012 RW 004, KEL. TIRTA SIAK, KEC. PAYUNG SEKAKI, PEKANBARU"`);
  }
  lines.splice(101, 0, '14710112038500X1,BAD NIK,12/03/1985,L,X'); // line 102
  lines.splice(205, 0, `${nikOf(999)},TOO,FEW`); // line 206
  return `${lines.join('\n')}\n`;
}

function registry(): FakeRegistry {
  return FakeRegistry.of(Array.from({ length: ROWS }, (_, i) => citizenOf(i)).filter((_, i) => !UNKNOWN.has(i)));
}

function options(out: string, input: string, extra: Partial<ReconcileOptions> = {}): ReconcileOptions {
  return { agency: 'samsat', input, out, gateway: 'http://127.0.0.1:4000/graphql', batchSize: 100, restart: false, ...extra };
}

function csv(file: string): string[][] {
  return parse(readFileSync(file, 'utf8')) as string[][];
}

describe('reconcile with a fake registry', () => {
  let input: string;
  let reference: { discrepancies: string; badRows: string; summary: ReconcileSummary };

  beforeAll(async () => {
    input = writeCsv(dir, 'samsat.csv', agencyCsv());
    const out = path.join(dir, 'reference');
    const fake = registry();
    const io = silentIo();
    const outcome = await reconcile(options(out, input), fake, io);
    expect(outcome.kind).toBe('done');
    reference = {
      discrepancies: readFileSync(path.join(out, 'discrepancies.csv'), 'utf8'),
      badRows: readFileSync(path.join(out, 'bad-rows.csv'), 'utf8'),
      summary: JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as ReconcileSummary,
    };
  });

  it.each([1, 4])('asks the registry once per batch of at most 100 NIKs, in file order (%i in flight)', async (concurrency) => {
    const fake = registry();
    await reconcile(options(path.join(dir, `batches-${concurrency}`), input, { concurrency }), fake, silentIo());
    // 532 records (530 rows + 2 bad): batches of 100 records; the bad rows' batches have 99 NIKs.
    expect(fake.calls.map((call) => call.length)).toEqual([100, 99, 99, 100, 100, 32]);
    expect(fake.calls.flat()).toEqual(Array.from({ length: ROWS }, (_, i) => nikOf(i)));
    // Batches in flight change nothing in the output.
    expect(readFileSync(path.join(dir, `batches-${concurrency}`, 'discrepancies.csv'), 'utf8')).toBe(reference.discrepancies);
  });

  it('uses the requested batch size', async () => {
    const fake = registry();
    await reconcile(options(path.join(dir, 'batch-7'), input, { batchSize: 7 }), fake, silentIo());
    expect(Math.max(...fake.calls.map((call) => call.length))).toBe(7);
    expect(fake.calls.flat()).toHaveLength(ROWS);
  });

  it('writes one discrepancy row per non-matching cell, with line, NIK, attribute, verdict, both values and the reason', () => {
    const [header, ...rows] = parse(reference.discrepancies) as string[][];
    expect(header).toEqual(['line', 'nik', 'attribute', 'verdict', 'registry_value', 'agency_value', 'reason', 'rule']);
    const mismatches = rows.filter((row) => row[3] === 'MISMATCH');
    const variants = rows.filter((row) => row[3] === 'VARIANT');
    const unknown = rows.filter((row) => row[3] === 'UNKNOWN_NIK');
    expect(mismatches).toHaveLength(Math.ceil(ROWS / 25));
    expect(variants).toHaveLength(Math.ceil(ROWS / 10) - Math.ceil(ROWS / 50));
    expect(unknown.map((row) => row[1])).toEqual([nikOf(7), nikOf(301)]);
    expect(rows).toHaveLength(mismatches.length + variants.length + unknown.length);
    expect(mismatches[0]).toEqual(['2', nikOf(0), 'FULL_NAME', 'MISMATCH', 'MUHAMMAD RIZKI', 'MUHAMMAD RISKI', expect.stringMatching(/RIZKI|RISKI/), 'one-letter-difference']);
    expect(variants[0]).toEqual(['12', nikOf(10), 'FULL_NAME', 'VARIANT', 'MUHAMMAD RIZKI', 'MUH. RIZKI', expect.any(String), 'muhammad-abbreviation']);
    // Line numbers point into the input file (the bad row on line 102 shifts the rows after it).
    const lines = readFileSync(input, 'utf8').split('\n');
    for (const row of rows) expect(lines[Number(row[0]) - 1]!.startsWith(row[1]!)).toBe(true);
  });

  it('lists bad rows with their line number and goes on', () => {
    expect(csv(path.join(dir, 'reference', 'bad-rows.csv')).map((row) => row.slice(0, 2))).toEqual([
      ['line', 'problem'],
      ['102', 'malformed-nik'],
      ['206', 'column-count'],
    ]);
    expect(reference.summary.tally.badRows).toBe(2);
    expect(reference.summary.tally.badRowsByProblem).toEqual({ 'malformed-nik': 1, 'column-count': 1 });
  });

  it('counts by verdict and column in summary.json, with the parameters', () => {
    const { tally, parameters, complete } = reference.summary;
    expect(complete).toBe(true);
    expect(tally.rows).toBe(ROWS + 2);
    expect(tally.comparedRows).toBe(ROWS - 2);
    expect(tally.unknownNiks).toBe(2);
    expect(tally.byColumn.full_name).toEqual({ MATCH: ROWS - 2 - 22 - 42, VARIANT: 42, MISMATCH: 22, INCOMPLETE: 0, NO_VALUE: 0 });
    expect(tally.byColumn.birth_date!.MATCH).toBe(ROWS - 2);
    expect(tally.byColumn.sex!.MATCH).toBe(ROWS - 2);
    expect(tally.byColumn.address!.MATCH).toBe(ROWS - 2);
    expect(tally.rowsWithMismatch).toBe(22);
    expect(tally.examples['full_name MISMATCH']).toHaveLength(10);
    expect(tally.examples['full_name MISMATCH']![0]!.nik).toBe('1471********0001');
    expect(parameters).toMatchObject({ agency: 'samsat', batchSize: 100, columns: ['full_name', 'birth_date', 'sex', 'address'], delimiter: ',', resumes: 0 });
  });

  it.each([
    ['after writing the rows, before the checkpoint', 'afterRowsWritten', 1],
    ['after the checkpoint', 'afterCheckpoint', 1],
    ['with 3 batches in flight, after writing the rows', 'afterRowsWritten', 3],
    ['with 3 batches in flight, after the checkpoint', 'afterCheckpoint', 3],
  ] as const)('resumes after a crash %s: the same rows, none twice, none missing', async (_label, hook, concurrency) => {
    const out = path.join(dir, `crash-${hook}-${concurrency}`);
    const crash = new Error('simulated crash');
    const first = registry();
    await expect(reconcile(options(out, input, { concurrency }), first, silentIo(), { [hook]: (batch: number) => { if (batch === 3) throw crash; } })).rejects.toBe(crash);
    const checkpoint = await readCheckpoint(out);
    expect(checkpoint?.complete).toBe(false);
    expect(checkpoint?.lastLine).toBe(hook === 'afterCheckpoint' ? 301 : 201);

    const second = registry();
    const io = silentIo();
    const outcome = await reconcile(options(out, input), second, io);
    expect(outcome.kind).toBe('done');
    expect(io.err.join('')).toMatch(hook === 'afterCheckpoint' ? /resuming after line 301 \(300 rows already done\)/ : /resuming after line 201 \(200 rows already done\)/);
    // The resumed run asked only for the NIKs after the checkpoint.
    expect(second.calls.flat()[0]).toBe(hook === 'afterCheckpoint' ? nikOf(298) : nikOf(199));
    expect(readFileSync(path.join(out, 'discrepancies.csv'), 'utf8')).toBe(reference.discrepancies);
    expect(readFileSync(path.join(out, 'bad-rows.csv'), 'utf8')).toBe(reference.badRows);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as ReconcileSummary;
    expect(summary.tally).toEqual(reference.summary.tally);
    expect(summary.parameters.resumes).toBe(1);
  });

  it.each([1, 4])('keeps the checkpoint when the gateway is down (exit 1), and resumes when it is back (%i in flight)', async (concurrency) => {
    const out = path.join(dir, `gateway-down-${concurrency}`);
    const down = registry();
    down.failOnCall = 4;
    const outcome = await reconcile(options(out, input, { concurrency }), down, silentIo());
    expect(outcome.kind).toBe('gateway-failed');
    expect(exitCodeOf(outcome)).toBe(1);
    if (outcome.kind !== 'gateway-failed') throw new Error('unreachable');
    expect(outcome.message).toMatch(/cannot reach the gateway .*ECONNREFUSED/);
    expect(outcome.message).toMatch(/The checkpoint is kept: 300 rows up to line 301 are done; rerun the same command to resume/);
    expect(outcome.summary.complete).toBe(false);
    expect(readFileSync(path.join(out, 'summary.html'), 'utf8')).toMatch(/interrupted after line 301/);

    const back = await reconcile(options(out, input), registry(), silentIo());
    expect(back.kind).toBe('done');
    expect(readFileSync(path.join(out, 'discrepancies.csv'), 'utf8')).toBe(reference.discrepancies);
  });

  it('says a finished run is complete instead of running it again, and --restart starts over', async () => {
    const out = path.join(dir, 'twice');
    await reconcile(options(out, input), registry(), silentIo());
    const again = registry();
    const io = silentIo();
    const outcome = await reconcile(options(out, input), again, io);
    expect(outcome.kind).toBe('already-complete');
    expect(exitCodeOf(outcome)).toBe(0);
    expect(again.calls).toHaveLength(0);
    expect(io.err.join('')).toMatch(/holds a complete run of this input .* Pass --restart/);

    const restarted = registry();
    expect((await reconcile(options(out, input, { restart: true }), restarted, silentIo())).kind).toBe('done');
    expect(restarted.calls.flat()).toHaveLength(ROWS);
    expect(readFileSync(path.join(out, 'discrepancies.csv'), 'utf8')).toBe(reference.discrepancies);
  });

  it('refuses to resume another run or a changed input (exit 2), unless --restart', async () => {
    const out = path.join(dir, 'other-run');
    const fake = registry();
    fake.failOnCall = 2;
    await reconcile(options(out, input), fake, silentIo());
    const other = await reconcile(options(out, input, { agency: 'djp' }), registry(), silentIo());
    expect(other).toEqual({ kind: 'bad-input', message: expect.stringMatching(/belongs to another run: it is agency samsat's, not djp's; pass --restart/) });
    expect(exitCodeOf(other)).toBe(2);

    const copy = writeCsv(dir, 'changing.csv', agencyCsv());
    const out2 = path.join(dir, 'changed-input');
    const failing = registry();
    failing.failOnCall = 2;
    await reconcile(options(out2, copy), failing, silentIo());
    writeFileSync(copy, `${agencyCsv()}${nikOf(600)},NEW ROW,01/01/1990,L,X\n`);
    const changed = await reconcile(options(out2, copy), registry(), silentIo());
    expect(changed).toEqual({ kind: 'bad-input', message: expect.stringMatching(/changed since \(size or modification time\)/) });
  });

  it('refuses an unusable input with exit 2 and writes nothing', async () => {
    const out = path.join(dir, 'unusable');
    const outcome = await reconcile(options(out, writeCsv(dir, 'bad-header.csv', 'nik,umur\n')), registry(), silentIo());
    expect(outcome).toEqual({ kind: 'bad-input', message: expect.stringMatching(/unknown column "umur"/) });
    expect(existsSync(path.join(out, 'discrepancies.csv'))).toBe(false);
    const missing = await reconcile(options(out, path.join(dir, 'missing.csv')), registry(), silentIo());
    expect(missing).toEqual({ kind: 'bad-input', message: expect.stringMatching(/missing.csv does not exist/) });
  });

  it('compares only the cells that hold a value, and reports a registry without a value as INCOMPLETE', async () => {
    const citizen = { ...citizenOf(1), motherName: null };
    const file = writeCsv(dir, 'sparse.csv', `nik,mother_name,marital_status,birth_place\n${citizen.nik},SITI AMINAH,-,\n`);
    const out = path.join(dir, 'sparse');
    const outcome = await reconcile(options(out, file), FakeRegistry.of([citizen]), silentIo());
    if (outcome.kind !== 'done') throw new Error(outcome.kind);
    expect(outcome.summary.tally.byColumn).toEqual({
      birth_place: { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 0, NO_VALUE: 1 },
      mother_name: { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 1, NO_VALUE: 0 },
      marital_status: { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 0, NO_VALUE: 1 },
    });
    expect(csv(path.join(out, 'discrepancies.csv'))[1]).toEqual(['2', citizen.nik, 'MOTHER_NAME', 'INCOMPLETE', '', 'SITI AMINAH', 'the registry holds no value', 'no-value']);
  });

  it('prints plain progress lines with a rate when stderr is not a terminal', async () => {
    const io = silentIo();
    await reconcile(options(path.join(dir, 'progress'), input), registry(), io);
    expect(io.err.join('')).toMatch(/reconcile: 0\/532 lines \(0%\), 0 lines\/s\n/);
    expect(io.err.join('')).toMatch(/reconcile: 532\/532 lines \(100%\), \d+ lines\/s\n/);
    expect(io.out.join('')).toMatch(/rows +532: 528 compared, 2 NIK unknown to the registry, 2 bad/);
  });
});
