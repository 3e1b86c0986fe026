import 'reflect-metadata';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, calculateJwkThumbprint, type JWK } from 'jose';
import { ACCESS_DEFAULTS } from '../../gateway/access/access-config';
import { DATA_READ_SCOPES } from '../../gateway/access/scopes';
import { ACCESS_CHAIN } from '../../gateway/audit/ledger-tables';
import { everyFieldCitizenQuery } from '../../gateway/demo/every-field-query';
import { buildSchemaArtifacts } from '../../schema/pipeline';
import { AGENCIES } from '../../subgraphs/catalog';
import { generatePopulation } from '../../subgraphs/population/generate-population';
import { ensureDataDirectory } from '../../subgraphs/population/write-data-dir';
import { sampleProcess, spawnWithLines, type ChildWithLines } from './support/processes';

/**
 * `npm run bench:trust`: what issue 6's safeguards cost. The citizen query for every agency, sent
 * in turn to two gateways in front of the same agency stack (each agency in a process of its own,
 * every legacy simulator answering after a fixed latency):
 *
 * - safeguards on: a verified ES256 token, a purpose, query limits, rate limit, field access and
 *   the access ledger (hash-chained, group commit, SQLite file in WAL mode);
 * - access control off (SATU_ACCESS_CONTROL=off): no token, no purpose, no field access. The
 *   query limits, the rate limit and the access ledger still run: the gateway has no switch for
 *   them (a record of every read is not optional), so this measures the cost of access control,
 *   not of everything. The ledger's own cost is in `npm run bench:ledger`.
 *
 * Both gateways use the same supergraph, the same limits (rate limit raised out of the way) and
 * their own database file. They are measured one at a time (so they never compete for the CPU),
 * in rounds that alternate which goes first. Prints figures; asserts nothing.
 */
const CITIZENS = 2000;
const SEED = 'bench';
const LEGACY_LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 40);
const CONCURRENCY_LEVELS = (process.env.BENCH_CONNECTIONS ?? '1,10,50').split(',').map(Number);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
/** Timed runs per gateway and level, alternating which gateway goes first: a shared machine drifts. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_S = 3;
const PURPOSE = 'counter-service';

interface Agency {
  name: string;
  process: ChildWithLines;
  url: string;
}

interface Gateway {
  name: string;
  description: string;
  process: ChildWithLines;
  url: string;
  headers: Record<string, string>;
  databaseFile: string;
}

/** One timed run of one gateway. */
interface Run {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  failed: number;
  cpuMs: number;
  ledgerEntries: number;
}

/** The runs of one gateway at one level, summed (latencies: the median run's). */
interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  cpuMsPerRequest: number;
  ledgerEntriesPerSecond: number;
  ledgerEntriesPerRequest: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function combine(runs: readonly Run[]): Measurement {
  const sum = (pick: (run: Run) => number): number => runs.reduce((total, run) => total + pick(run), 0);
  const requests = Math.max(1, sum((run) => run.requests));
  const seconds = sum((run) => run.seconds);
  return {
    requestsPerSecond: requests / seconds,
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    failed: sum((run) => run.failed),
    cpuMsPerRequest: sum((run) => run.cpuMs) / requests,
    ledgerEntriesPerSecond: sum((run) => run.ledgerEntries) / seconds,
    ledgerEntriesPerRequest: sum((run) => run.ledgerEntries) / requests,
  };
}

/** An identity provider of our own for the bench: an ES256 key pair, its public half as the gateway's JWKS file. */
async function benchKeys(dir: string): Promise<{ privateKey: KeyObject; kid: string; jwksFile: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  const jwksFile = path.join(dir, 'bench-jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] }));
  return { privateKey, kid, jwksFile };
}

/** A counter frontend's token: every data scope, valid for the length of the bench. */
function frontendToken(privateKey: KeyObject, kid: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'frontend', scope: DATA_READ_SCOPES.join(' '), client_id: 'bench-counter' })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuer(ACCESS_DEFAULTS.issuer)
    .setAudience(ACCESS_DEFAULTS.audience)
    .setSubject('bench-counter')
    .setIssuedAt(now)
    .setExpirationTime(now + 2 * 60 * 60)
    .sign(privateKey);
}

/** The ledger's head sequence: how many entries the gateway has committed so far. */
function ledgerHead(databaseFile: string): number {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT sequence FROM audit_ledger_head WHERE chain = ?').get(ACCESS_CHAIN) as { sequence: number | string } | undefined;
    return Number(row?.sequence ?? 0);
  } finally {
    db.close();
  }
}

/**
 * Waits (at most 5 s) until the ledger head stops moving: requests still in flight when the
 * warm-up's load stopped must not have their entries counted in the timed run.
 */
async function ledgerSettled(databaseFile: string): Promise<void> {
  let last = ledgerHead(databaseFile);
  for (let waited = 0; waited < 5000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = ledgerHead(databaseFile);
    if (now === last) return;
    last = now;
  }
}

async function startBenchGateway(
  dist: string,
  supergraphFile: string,
  name: string,
  description: string,
  env: NodeJS.ProcessEnv,
  headers: Record<string, string>,
  dir: string,
): Promise<Gateway> {
  const databaseFile = path.join(dir, 'gateway.sqlite');
  const child = spawnWithLines(process.execPath, [path.join(dist, 'gateway/cli/gateway.js'), '--supergraph', supergraphFile, '--port', '0'], {
    ...env,
    SATU_DATABASE_URL: databaseFile,
    SATU_AUDIT_KEY_DIR: dir,
  });
  const readyLine = await child.nextLine((line) => line.startsWith('Satu gateway ready at '));
  return { name, description, process: child, url: readyLine.split(' ')[4] ?? '', headers, databaseFile };
}

function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => '  ' + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')).join('\n');
}

async function run(): Promise<void> {
  const dist = path.resolve(__dirname, '..', '..');
  const dataDir = path.join(os.tmpdir(), `satu-bench-${SEED}-${CITIZENS}`);
  process.stderr.write(`bench: data directory ${dataDir}\n`);
  await ensureDataDirectory({ out: dataDir, citizens: CITIZENS, seed: SEED, onProgress: (message) => process.stderr.write(`bench: ${message}\n`) });
  const niks = generatePopulation({ citizens: CITIZENS, seed: SEED }).people.slice(0, 500).map((person) => person.nik);
  const quietEnv: NodeJS.ProcessEnv = { ...process.env, SATU_LOG_LEVEL: 'warn', SATU_MODE: 'development', NODE_ENV: 'development' };

  const agencies: Agency[] = await Promise.all(
    AGENCIES.map(async (agency) => {
      const child = spawnWithLines(process.execPath, [path.join(dist, 'tests/bench/support/stack-process.js'), agency.name, dataDir, String(LEGACY_LATENCY_MS)], quietEnv);
      const ready = JSON.parse(await child.nextLine((line) => line.includes('"ready"'))) as { urls: Record<string, string> };
      return { name: agency.name, process: child, url: ready.urls[agency.name] ?? '' };
    }),
  );
  const work = mkdtempSync(path.join(os.tmpdir(), 'satu-bench-trust-'));
  const gateways: Gateway[] = [];
  try {
    const supergraphFile = path.join(work, 'supergraph.graphql');
    const artifacts = await buildSchemaArtifacts(AGENCIES, Object.fromEntries(agencies.map((agency) => [agency.name, agency.url])));
    writeFileSync(supergraphFile, artifacts.supergraphSdl);
    const keys = await benchKeys(work);
    const token = await frontendToken(keys.privateKey, keys.kid);
    const gatewayEnv: NodeJS.ProcessEnv = {
      ...quietEnv,
      SATU_AGENCY_TIMEOUT_MS: '10000',
      // One client sends everything here: the per-consumer rate limit must not be what is measured.
      SATU_RATE_LIMIT_REQUESTS: '10000000',
    };
    for (const dir of ['on', 'off']) mkdirSync(path.join(work, dir));
    gateways.push(
      await startBenchGateway(
        dist,
        supergraphFile,
        'safeguards on',
        'ES256 token + purpose + limits + rate limit + field access + access ledger',
        { ...gatewayEnv, SATU_JWKS_FILE: keys.jwksFile },
        { authorization: `Bearer ${token}`, 'x-satu-purpose': PURPOSE },
        path.join(work, 'on'),
      ),
      await startBenchGateway(
        dist,
        supergraphFile,
        'access control off',
        'SATU_ACCESS_CONTROL=off: no token, purpose or field access; limits, rate limit and access ledger still on',
        { ...gatewayEnv, SATU_ACCESS_CONTROL: 'off' },
        {},
        path.join(work, 'off'),
      ),
    );

    const query = everyFieldCitizenQuery(artifacts.apiSdl);
    const body = (index: number): string => JSON.stringify({ query, variables: { nik: niks[index % niks.length] } });
    // The comparison means nothing unless both answer the same, in full: check a sample first.
    for (let index = 0; index < 5; index++) {
      const answers = await Promise.all(
        gateways.map(async (gateway) => {
          const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...gateway.headers }, body: body(index) });
          const answer = (await response.json()) as { data?: { citizen?: unknown }; errors?: unknown[] };
          if (answer.errors || !answer.data?.citizen) throw new Error(`sanity check failed on the gateway with ${gateway.name}: ${JSON.stringify(answer).slice(0, 300)}`);
          return JSON.stringify(answer.data);
        }),
      );
      if (answers[0] !== answers[1]) throw new Error(`sanity check failed: the two gateways answer NIK ${niks[index]} differently`);
    }

    const load = (gateway: Gateway, options: { connections: number; duration: number }) => {
      let next = 0;
      return autocannon({
        url: gateway.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gateway.headers },
        ...options,
        requests: [{ setupRequest: (request) => ({ ...request, body: body(next++) }) }],
      });
    };
    const measure = async (gateway: Gateway, connections: number, round: number): Promise<Run> => {
      process.stderr.write(`bench: ${gateway.name}, ${connections} clients, round ${round + 1}/${ROUNDS}: warm-up ${WARMUP_S} s, run ${DURATION_S} s...\n`);
      await load(gateway, { connections, duration: WARMUP_S });
      await ledgerSettled(gateway.databaseFile);
      const pid = gateway.process.child.pid ?? 0;
      const cpuBefore = sampleProcess(pid).cpuMs;
      const entriesBefore = ledgerHead(gateway.databaseFile);
      const startedAt = performance.now();
      const result = await load(gateway, { connections, duration: DURATION_S });
      const seconds = (performance.now() - startedAt) / 1000;
      const cpuAfter = sampleProcess(pid).cpuMs;
      process.stderr.write(
        `bench:   ${(result.requests.total / seconds).toFixed(1)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, gateway CPU ${((cpuAfter - cpuBefore) / Math.max(1, result.requests.total)).toFixed(2)} ms/req, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
      );
      return {
        requests: result.requests.total,
        seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        failed: result.non2xx + result.errors + result.timeouts,
        cpuMs: cpuAfter - cpuBefore,
        ledgerEntries: ledgerHead(gateway.databaseFile) - entriesBefore,
      };
    };

    const loadBefore = os.loadavg();
    const rows: string[][] = [['gateway', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'gw CPU ms/req', 'ledger entries/s', 'entries/req']];
    const ratios: string[][] = [['clients', 'req/s on/off', 'cost', 'p50 on/off', 'p99 on/off', 'CPU on/off', 'CPU +ms/req']];
    let turn = 0;
    for (const connections of CONCURRENCY_LEVELS) {
      const runs = new Map<string, Run[]>(gateways.map((gateway) => [gateway.name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        const order = turn++ % 2 === 0 ? gateways : [...gateways].reverse();
        for (const gateway of order) runs.get(gateway.name)!.push(await measure(gateway, connections, round));
      }
      const [on, off] = gateways.map((gateway) => combine(runs.get(gateway.name)!)) as [Measurement, Measurement];
      for (const [gateway, m] of [[gateways[0]!, on], [gateways[1]!, off]] as const) {
        rows.push([
          gateway.name,
          String(connections),
          m.requestsPerSecond.toFixed(1),
          m.p50.toFixed(0),
          m.p99.toFixed(0),
          String(m.failed),
          m.cpuMsPerRequest.toFixed(2),
          m.ledgerEntriesPerSecond.toFixed(1),
          m.ledgerEntriesPerRequest.toFixed(3),
        ]);
      }
      ratios.push([
        String(connections),
        (on.requestsPerSecond / off.requestsPerSecond).toFixed(3),
        `${((1 - on.requestsPerSecond / off.requestsPerSecond) * 100).toFixed(1)}%`,
        (on.p50 / Math.max(1, off.p50)).toFixed(3),
        (on.p99 / Math.max(1, off.p99)).toFixed(3),
        (on.cpuMsPerRequest / off.cpuMsPerRequest).toFixed(3),
        (on.cpuMsPerRequest - off.cpuMsPerRequest).toFixed(2),
      ]);
    }
    const loadAfter = os.loadavg();

    process.stdout.write('\nSatu trust overhead benchmark (npm run bench:trust)\n');
    process.stdout.write(`  machine: ${os.cpus().length} cores, Node ${process.version}; every legacy simulator answers after ${LEGACY_LATENCY_MS} ms\n`);
    process.stdout.write(`  query: every field of one citizen across every agency (everyFieldCitizenQuery), rotating over ${niks.length} NIKs; purpose ${PURPOSE}\n`);
    for (const gateway of gateways) process.stdout.write(`  ${gateway.name}: ${gateway.description}\n`);
    process.stdout.write(`  each level: ${ROUNDS} round(s) per gateway of ${WARMUP_S} s warm-up + ${DURATION_S} s timed run, one gateway at a time, alternating which goes first\n`);
    process.stdout.write(`  load average (1 min) before ${loadBefore[0]!.toFixed(1)}, after ${loadAfter[0]!.toFixed(1)}: anything well above 0 means other work shared the cores\n\n`);
    process.stdout.write(table(rows) + '\n\n');
    process.stdout.write(table(ratios) + '\n\n');
    process.stdout.write('  cost = 1 - (req/s with safeguards on) / (req/s with access control off); the aim is at most 10%.\n');
    process.stdout.write('  ledger entries/s: entries committed during the timed run (group commit, SQLite WAL), read from the ledger head.\n');
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.process.stop()));
    for (const agency of agencies) agency.process.child.stdin.end();
    await Promise.all(agencies.map((agency) => agency.process.stop()));
    rmSync(work, { recursive: true, force: true });
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
