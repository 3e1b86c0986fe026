import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { CliUsageError, parseSeedArguments, runSeedCli } from '../../../../subgraphs/population/cli';
import { readManifest } from '../../../../subgraphs/population/write-data-dir';
import { FAKE_AGENCIES } from './fake-agencies';

function usageError(argv: string[]): string {
  try {
    parseSeedArguments(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as CliUsageError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

function capture(): { io: { stdout: PassThrough; stderr: PassThrough & { isTTY?: boolean } }; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

describe('seed CLI: flags', () => {
  it('accepts the documented flags with their defaults', () => {
    expect(parseSeedArguments(['--out', 'data/x'])).toEqual({
      kind: 'run',
      options: { out: path.resolve('data/x'), citizens: 10000, seed: 'pekanbaru', referenceDate: '2026-01-01', force: false },
    });
    expect(parseSeedArguments(['--out', '/tmp/d', '--citizens', '250', '--seed', 'any string at all', '--reference-date', '2025-06-30', '--force'])).toEqual({
      kind: 'run',
      options: { out: '/tmp/d', citizens: 250, seed: 'any string at all', referenceDate: '2025-06-30', force: true },
    });
    expect(parseSeedArguments(['--help'])).toEqual({ kind: 'help', text: expect.stringContaining('--citizens <n>') });
  });

  it.each([
    [['--citizens', '10'], /--out is required/],
    [['--out', ''], /--out must name a directory/],
    [['--out', 'd', '--citizens', '0'], /--citizens must be a whole number from 1 to 1000000, got "0"/],
    [['--out', 'd', '--citizens', '-5'], /--citizens/],
    [['--out', 'd', '--citizens', 'ten'], /--citizens must be a whole number .* got "ten"/],
    [['--out', 'd', '--citizens', '1.5'], /--citizens .* got "1.5"/],
    [['--out', 'd', '--citizens', '1e3'], /--citizens .* got "1e3"/],
    [['--out', 'd', '--citizens', '1000001'], /--citizens .* got "1000001"/],
    [['--out', 'd', '--seed', ''], /--seed must not be empty/],
    [['--out', 'd', '--reference-date', '2026-02-30'], /--reference-date must be a real date written yyyy-mm-dd, got "2026-02-30"/],
    [['--out', 'd', '--reference-date', '01-01-2026'], /--reference-date must be a real date/],
    [['--out', 'd', '--reference-date', '1999-12-31'], /--reference-date must be between 2000-01-01 and 2099-12-31/],
    [['--out', 'd', '--colour'], /unknown option '--colour'/],
    [['--out', 'd', 'extra'], /too many arguments|unknown command|excess/i],
    [['--out'], /argument missing/],
  ])('refuses %j with a message naming the flag (exit code 2)', (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });
});

describe('seed CLI: running', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'satu-seed-cli-'));
  });
  afterAll(async () => {
    await fs.rm(workDir, { recursive: true, force: true });
  });

  it('writes the data directory, reports progress on stderr and a summary on stdout', async () => {
    const out = path.join(workDir, 'data');
    const { io, out: stdout, err: stderr } = capture();
    const code = await runSeedCli(['--out', out, '--citizens', '300', '--seed', 'cli'], io, FAKE_AGENCIES);
    expect(code).toBe(0);
    expect(readManifest(out)).toMatchObject({ seed: 'cli', citizens: 300 });
    expect(stderr()).toContain('satu seed: seeding samsat (3/4)');
    expect(stdout()).toMatch(/people +300 in \d+ family cards/);
    expect(stdout()).toMatch(/plants +\d+: FORMAT \d+, VARIANT \d+, MISMATCH \d+/);
    expect(stdout()).toMatch(/time +\d+\.\d s/);
  });

  it('refuses to replace a data directory without --force, and replaces it with --force', async () => {
    const out = path.join(workDir, 'data');
    const refused = capture();
    expect(await runSeedCli(['--out', out, '--citizens', '50'], refused.io, FAKE_AGENCIES)).toBe(2);
    expect(refused.err()).toMatch(/already holds a Satu data directory .*pass --force/);
    const forced = capture();
    expect(await runSeedCli(['--out', out, '--citizens', '50', '--force'], forced.io, FAKE_AGENCIES)).toBe(0);
    expect(readManifest(out)?.citizens).toBe(50);
  });

  it('exits 2 with the message for bad flags and for a foreign non-empty directory', async () => {
    const bad = capture();
    expect(await runSeedCli(['--out', workDir, '--citizens', 'lots'], bad.io, FAKE_AGENCIES)).toBe(2);
    expect(bad.err()).toMatch(/^satu seed: --citizens must be a whole number/);
    const foreign = path.join(workDir, 'foreign');
    await fs.mkdir(foreign);
    await fs.writeFile(path.join(foreign, 'keep.txt'), 'x');
    const refused = capture();
    expect(await runSeedCli(['--out', foreign, '--force'], refused.io, FAKE_AGENCIES)).toBe(2);
    expect(refused.err()).toMatch(/is not a Satu data directory/);
    expect(await fs.readdir(foreign)).toEqual(['keep.txt']);
  });

  it('prints help and exits 0', async () => {
    const help = capture();
    expect(await runSeedCli(['--help'], help.io, FAKE_AGENCIES)).toBe(0);
    expect(help.out()).toContain('--reference-date');
  });
});
