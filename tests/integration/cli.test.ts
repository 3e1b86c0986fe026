import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startAgencyStack, type AgencyStack } from '../../gateway/demo/agency-stack';
import { buildSchemaArtifacts } from '../../schema/pipeline';
import { agencyByName } from '../../subgraphs/catalog';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { readGroundTruth } from '../../subgraphs/population/ground-truth';

/**
 * The compiled command lines as a user runs them (`npm test` builds dist/ first):
 * the gateway on any supergraph with a draining SIGTERM, and `npm start`'s demo.
 */
const DIST = path.resolve(__dirname, '../../dist');
const quiet = { ...process.env, SATU_LOG_LEVEL: 'silent' };

function waitForLine(child: ChildProcessWithoutNullStreams, test: (line: string) => boolean, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => reject(new Error(`timed out; stderr: ${stderr}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`exited ${code}; stderr: ${stderr}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describe('command lines', () => {
  let workDir: string;
  let dataDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'satu-cli-'));
    dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: 300, seed: 'cli' });
  }, 60_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  describe('npm run gateway', () => {
    it.each([
      [[], /--supergraph FILE or SATU_SUPERGRAPH/],
      [['--supergraph', '/nonexistent/supergraph.graphql'], /cannot read supergraph/],
      [['--supergraph', __filename, '--port', 'eighty'], /port .* must be a whole number/],
    ])('refuses %p with a clear message and exit code 2', (args, message) => {
      const result = spawnSync(process.execPath, [path.join(DIST, 'gateway/cli/gateway.js'), ...args], { env: { ...quiet, SATU_SUPERGRAPH: '' }, encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    });

    describe('on a running subgraph', () => {
      let stack: AgencyStack;
      let supergraphFile: string;

      beforeAll(async () => {
        stack = await startAgencyStack({ agencies: [agencyByName('dukcapil')], dataDir, host: '127.0.0.1', ports: 'random', legacyTimeoutMs: 5000 });
        supergraphFile = path.join(workDir, 'dukcapil-only.graphql');
        writeFileSync(supergraphFile, (await buildSchemaArtifacts([agencyByName('dukcapil')], stack.subgraphUrls())).supergraphSdl);
      });

      afterAll(() => stack.stop());

      it('serves the supergraph from the file and drains an in-flight request on SIGTERM before exiting 0', async () => {
        // Local work on an arbitrary supergraph: access control explicitly off, and the gateway says so.
        const gateway = spawn(process.execPath, [path.join(DIST, 'gateway/cli/gateway.js'), '--supergraph', supergraphFile, '--port', '0', '--host', '127.0.0.1'], {
          env: { ...quiet, SATU_ACCESS_CONTROL: 'off', SATU_DATABASE_URL: path.join(workDir, 'gateway-cli.sqlite') },
        });
        const ready = await waitForLine(gateway, (line) => line.startsWith('Satu gateway ready at '));
        expect(ready).toBeTruthy();
        const url = ready.split(' ')[4] ?? '';
        stack.agencies.get('dukcapil')?.simulator.setFaults({ delayMinMs: 700, delayMaxMs: 700 });
        const nik = readGroundTruth(dataDir).demoNiks.clean;
        const inFlight = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ citizen(nik: "${nik}") { nik fullName } }` }) });
        await new Promise((resolve) => setTimeout(resolve, 200));
        gateway.kill('SIGTERM');
        const answer = (await (await inFlight).json()) as { data: { citizen: { nik: string } } };
        expect(answer.data.citizen.nik).toBe(nik);
        expect(await exitOf(gateway)).toBe(0);
        stack.agencies.get('dukcapil')?.simulator.setFaults({ delayMinMs: 0, delayMaxMs: 0 });
      });
    });
  });

  describe('npm start (the demo)', () => {
    it('prints the URL, three NIKs marked clean/variant/mismatch and a query that works; Ctrl-C stops it', async () => {
      const demo = spawn(process.execPath, [path.join(DIST, 'gateway/cli/demo.js'), '--data', dataDir, '--random-ports'], {
        // Its own registry and gateway database: the checkout's data/registry.sqlite must not collect random-port versions.
        env: { ...process.env, PORT: '0', SATU_LOG_LEVEL: 'silent', SATU_DATABASE_URL: path.join(dataDir, 'satu.sqlite') },
      });
      const lines: string[] = [];
      readline.createInterface({ input: demo.stdout }).on('line', (line) => lines.push(line));
      await waitForLine(demo, (line) => line.startsWith('Press Ctrl-C'));
      const output = lines.join('\n');
      const truth = readGroundTruth(dataDir);
      expect(output).toMatch(new RegExp(`^\\s+clean\\s+${truth.demoNiks.clean}`, 'm'));
      expect(output).toMatch(new RegExp(`^\\s+variant\\s+${truth.demoNiks.variant}`, 'm'));
      expect(output).toMatch(new RegExp(`^\\s+mismatch\\s+${truth.demoNiks.mismatch}`, 'm'));
      expect(output).toMatch(/Satu is ready in \d+\.\d s/);

      const curl = lines.find((line) => line.startsWith('curl -s '));
      const url = /curl -s (\S+)/.exec(curl ?? '')?.[1] ?? '';
      const body = /--data '(.*)'$/.exec(curl ?? '')?.[1] ?? '';
      // Access control is on: the printed curl carries the frontend demo token and a purpose.
      const headers = Object.fromEntries([...(curl ?? '').matchAll(/-H '([^:]+): ([^']*)'/g)].map((match) => [match[1]!, match[2]!]));
      expect(Object.keys(headers).sort()).toEqual(['authorization', 'content-type', 'x-satu-purpose']);
      expect(output).toMatch(/^ {2}frontend\s+eyJ/m);
      expect(output).toMatch(/^ {2}auditor\s+eyJ/m);
      const answer = (await (await fetch(url, { method: 'POST', headers, body })).json()) as {
        data: { citizen: Record<string, unknown> };
        errors?: unknown[];
      };
      expect(answer.errors).toBeUndefined();
      expect(answer.data.citizen.nik).toBe(truth.demoNiks.clean);
      for (const field of ['fullName', 'familyCard', 'passports', 'vehicles', 'healthInsurance']) expect(answer.data.citizen[field]).not.toBeNull();

      demo.kill('SIGINT');
      expect(await exitOf(demo)).toBe(0);
    }, 60_000);
  });
});
