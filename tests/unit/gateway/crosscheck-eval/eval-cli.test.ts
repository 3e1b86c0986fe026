import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEvalArguments, runEvalCli } from '../../../../gateway/cli/crosscheck-eval';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text), out, err };
}

describe('npm run crosscheck:eval: arguments', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'satu-eval-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [[], /--data is required/],
    [['--data', 'd', '--gateway', 'localhost:4000'], /--gateway must be an http\(s\) URL/],
    [['--data', 'd', '--json', ''], /--json must name a file/],
    [['--data', 'd', '--concurrency', '9'], /--concurrency must be a whole number from 1 to 8; got "9"/],
    [['--data', 'd', '--nope'], /unknown option '--nope'/],
  ])('refuses %p with exit code 2, naming the problem', async (argv, message) => {
    const run = io();
    expect(await runEvalCli(argv, run)).toBe(2);
    expect(run.err.join('')).toMatch(message);
  });

  it('reads the flags', () => {
    expect(parseEvalArguments(['--data', 'data/x', '--gateway', 'http://127.0.0.1:4000/graphql', '--json', 'f.json'], io())).toEqual({
      options: { dataDir: 'data/x', gatewayUrl: 'http://127.0.0.1:4000/graphql', jsonFile: path.resolve('f.json'), concurrency: 2 },
    });
  });

  it('says what to do with a directory that is not a data directory (exit 2)', async () => {
    const run = io();
    expect(await runEvalCli(['--data', dir], run)).toBe(2);
    expect(run.err.join('')).toMatch(/is not a Satu data directory .*npm run seed -- --out/);
  });

  it('says what to do when the ground truth is missing (exit 2)', async () => {
    const data = path.join(dir, 'no-truth');
    mkdirSync(data);
    writeFileSync(
      path.join(data, 'manifest.json'),
      JSON.stringify({ generator: 'satu-population', generatorVersion: 1, seed: 's', citizens: 10, referenceDate: '2026-01-01', agencies: ['dukcapil'], families: 3 }),
    );
    const run = io();
    expect(await runEvalCli(['--data', data], run)).toBe(2);
    expect(run.err.join('')).toMatch(/no ground-truth.json in .*npm run seed/);
  });
});
