import 'reflect-metadata';
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Query, Resolver } from 'type-graphql';
import { startAgencyStack } from '../../gateway/demo/agency-stack';
import { codeCatalogue, syncRegistryWithCode } from '../../gateway/registry/code-sync';
import { publishSubgraph } from '../../gateway/registry/publish';
import { openRegistry, type RegistryStore } from '../../gateway/registry/registry.store';
import { agencyByName } from '../../subgraphs/catalog';
import { buildSatuSubgraph } from '../../subgraphs/kit/build-subgraph';
import { startSubgraphServer, type RunningService } from '../../subgraphs/kit/subgraph-server';
import { createImigrasiClient } from '../../subgraphs/imigrasi/imigrasi.client';
import { ImigrasiCitizen } from '../../subgraphs/imigrasi/imigrasi-citizen.type';
import { createImigrasiLoaders } from '../../subgraphs/imigrasi/imigrasi.loaders';
import { PassportApplicationsResolver } from '../../subgraphs/imigrasi/passport-applications.resolver';
import { PassportsResolver } from '../../subgraphs/imigrasi/passports.resolver';
import { readGroundTruth } from '../../subgraphs/population/ground-truth';
import { ensureDataDirectory } from '../../subgraphs/population/write-data-dir';
import { sampleProcess, spawnWithLines, type ChildWithLines } from './support/processes';
import { GATEWAY_ALONE } from './support/gateway-alone';

/**
 * `npm run bench:reload`: live reload from the schema registry (issue 5). The gateway runs in a
 * process of its own, following a SQLite registry (`--registry`); this process runs the civil
 * registry and imigrasi (simulators and subgraphs), a second imigrasi release (one more root
 * field) and the load generator, and publishes imigrasi back and forth between the two releases
 * with `satu publish`'s function. Measures, per poll interval, the time from a publish being
 * stored to the gateway answering with the new schema, and the requests that fail while the
 * gateway reloads under load. Prints figures; asserts nothing.
 */
const CITIZENS = 500;
const SEED = 'bench-reload';
const LEGACY_LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const POLL_INTERVALS_MS = (process.env.BENCH_RELOAD_POLL_MS ?? '1000,250').split(',').map(Number);
const PUBLISHES_PER_INTERVAL = Number(process.env.BENCH_RELOAD_PUBLISHES ?? 5);
const LOAD_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LOAD_DURATION_S = Number(process.env.BENCH_DURATION_S ?? 12);
const LOAD_PUBLISH_EVERY_MS = 2000;
/** Longest wait for one publish to be served before the run is called failed (bounded loops only). */
const SERVED_TIMEOUT_MS = 15_000;

@Resolver()
class ImigrasiServiceLevelResolver {
  @Query(() => String, { description: 'Which release of the imigrasi subgraph answered.' })
  imigrasiServiceLevel(): string {
    return 'v2';
  }
}

const PASSPORTS = 'query($nik: NIK!) { citizen(nik: $nik) { nik fullName passports { number } } }';
const RELEASE_PROBE = JSON.stringify({ query: '{ imigrasiServiceLevel }' });
const IMIGRASI = { agency: 'imigrasi', publisher: 'bench (SIMKIM team)' };

interface Release {
  name: 'v1' | 'v2';
  sdl: string;
  url: string;
}

function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => '  ' + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')).join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the gateway now serves `release`: v2 answers imigrasiServiceLevel, v1 does not know the field. */
async function serves(url: string, release: Release): Promise<boolean> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: RELEASE_PROBE });
  const answer = (await response.json()) as { data?: { imigrasiServiceLevel?: string } | null };
  return release.name === 'v2' ? answer.data?.imigrasiServiceLevel === 'v2' : !answer.data?.imigrasiServiceLevel;
}

/** Publishes `release` and returns how long the publish took and how long until the gateway served it. */
async function publishAndWait(registry: RegistryStore, gatewayUrl: string, release: Release): Promise<{ publishMs: number; servedMs: number }> {
  const started = performance.now();
  const outcome = await publishSubgraph(registry, { subgraph: 'imigrasi', sdl: release.sdl, url: release.url, credential: IMIGRASI });
  if (outcome.status !== 'PUBLISHED') throw new Error(`publish of ${release.name} was ${outcome.status}: ${outcome.check.failures.join('; ')}`);
  const stored = performance.now();
  while (!(await serves(gatewayUrl, release))) {
    if (performance.now() - stored > SERVED_TIMEOUT_MS) throw new Error(`the gateway did not serve ${release.name} within ${SERVED_TIMEOUT_MS} ms`);
    await sleep(5);
  }
  return { publishMs: stored - started, servedMs: performance.now() - stored };
}

async function startGatewayProcess(dist: string, registryFile: string, work: string, pollMs: number): Promise<{ process: ChildWithLines; url: string }> {
  const child = spawnWithLines(process.execPath, [path.join(dist, 'gateway/cli/gateway.js'), '--registry', '--last-good', path.join(work, `last-good-${pollMs}.graphql`), '--port', '0'], {
    ...process.env,
    SATU_LOG_LEVEL: 'warn',
    SATU_DATABASE_URL: registryFile,
    SATU_REGISTRY_POLL_MS: String(pollMs),
    SATU_AGENCY_TIMEOUT_MS: '10000',
    ...GATEWAY_ALONE,
  });
  const ready = await child.nextLine((line) => line.startsWith('Satu gateway ready at '));
  return { process: child, url: ready.split(' ')[4] ?? '' };
}

async function run(): Promise<void> {
  const dist = path.resolve(__dirname, '..', '..');
  const dataDir = path.join(os.tmpdir(), `satu-bench-${SEED}-${CITIZENS}`);
  await ensureDataDirectory({ out: dataDir, citizens: CITIZENS, seed: SEED, onProgress: (message) => process.stderr.write(`bench: ${message}\n`) });
  const niks = [readGroundTruth(dataDir).demoNiks.clean, readGroundTruth(dataDir).demoNiks.variant];
  const work = mkdtempSync(path.join(os.tmpdir(), 'satu-bench-reload-'));
  const agencies = [agencyByName('dukcapil'), agencyByName('imigrasi')];
  const stack = await startAgencyStack({
    agencies,
    dataDir,
    host: '127.0.0.1',
    ports: 'random',
    legacyTimeoutMs: 5000,
    simulatorFaults: { delayMinMs: LEGACY_LATENCY_MS, delayMaxMs: LEGACY_LATENCY_MS },
  });
  const v2Built = await buildSatuSubgraph({
    name: 'imigrasi',
    resolvers: [PassportsResolver, PassportApplicationsResolver, ImigrasiServiceLevelResolver],
    orphanedTypes: [ImigrasiCitizen],
    referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
  });
  const client = await createImigrasiClient({ endpoint: stack.agencies.get('imigrasi')!.simulator.url, timeoutMs: 5000 });
  const v2Server: RunningService = await startSubgraphServer({ built: v2Built, host: '127.0.0.1', port: 0, createContext: () => ({ loaders: createImigrasiLoaders(client), client }) });
  const releases: Release[] = [
    { name: 'v2', sdl: v2Built.sdl, url: v2Server.url },
    { name: 'v1', sdl: (await agencies[1]!.buildSchema()).sdl, url: stack.subgraphUrls().imigrasi! },
  ];
  const registryFile = path.join(work, 'registry.sqlite');
  const registry = await openRegistry(registryFile);
  await syncRegistryWithCode(registry, await codeCatalogue(agencies, stack.subgraphUrls()));
  let next = 0;
  const nextRelease = (): Release => releases[next++ % releases.length]!;

  const latencyRows: string[][] = [['poll interval ms', 'publishes', 'publish ms (median)', 'publish → served ms: median', 'min', 'max']];
  for (const pollMs of POLL_INTERVALS_MS) {
    process.stderr.write(`bench: poll ${pollMs} ms, ${PUBLISHES_PER_INTERVAL} publishes...\n`);
    const gateway = await startGatewayProcess(dist, registryFile, work, pollMs);
    const publishMs: number[] = [];
    const servedMs: number[] = [];
    for (let publish = 0; publish < PUBLISHES_PER_INTERVAL; publish++) {
      // A random phase against the gateway's poll, so the figures are not locked to one point of its cycle.
      await sleep(200 + Math.random() * pollMs);
      const timing = await publishAndWait(registry, gateway.url, nextRelease());
      publishMs.push(timing.publishMs);
      servedMs.push(timing.servedMs);
    }
    await gateway.process.stop();
    latencyRows.push([String(pollMs), String(PUBLISHES_PER_INTERVAL), median(publishMs).toFixed(0), median(servedMs).toFixed(0), Math.min(...servedMs).toFixed(0), Math.max(...servedMs).toFixed(0)]);
  }

  const loadPollMs = POLL_INTERVALS_MS[POLL_INTERVALS_MS.length - 1] ?? 1000;
  process.stderr.write(`bench: reload under load, ${LOAD_CONNECTIONS} connections for ${LOAD_DURATION_S} s, poll ${loadPollMs} ms...\n`);
  const gateway = await startGatewayProcess(dist, registryFile, work, loadPollMs);
  let graphqlErrors = 0;
  let request = 0;
  const cpuBefore = sampleProcess(gateway.process.child.pid ?? 0);
  const load = autocannon({
    url: gateway.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: LOAD_CONNECTIONS,
    duration: LOAD_DURATION_S,
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: PASSPORTS, variables: { nik: niks[request++ % niks.length] } }) }),
        onResponse: (status, body) => {
          if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  const loadStarted = performance.now();
  const switches: number[] = [];
  // Publish every LOAD_PUBLISH_EVERY_MS while the load runs, stopping a publish interval before its end.
  while (performance.now() - loadStarted < LOAD_DURATION_S * 1000 - LOAD_PUBLISH_EVERY_MS - SERVED_TIMEOUT_MS / 10) {
    await sleep(LOAD_PUBLISH_EVERY_MS);
    switches.push((await publishAndWait(registry, gateway.url, nextRelease())).servedMs);
  }
  const result = await load;
  const cpuAfter = sampleProcess(gateway.process.child.pid ?? 0);
  await gateway.process.stop();

  const loadRows = [
    ['connections', 'duration s', 'reloads', 'served ms (median)', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'GraphQL errors', 'socket errors', 'timeouts', 'gw CPU ms/req'],
    [
      String(LOAD_CONNECTIONS),
      String(LOAD_DURATION_S),
      String(switches.length),
      switches.length > 0 ? median(switches).toFixed(0) : '-',
      String(result.requests.total),
      result.requests.average.toFixed(0),
      String(result.latency.p50),
      String(result.latency.p99),
      String(result.non2xx),
      String(graphqlErrors),
      String(result.errors),
      String(result.timeouts),
      ((cpuAfter.cpuMs - cpuBefore.cpuMs) / Math.max(1, result.requests.total)).toFixed(2),
    ],
  ];

  process.stdout.write('\nSatu live reload from the registry (npm run bench:reload)\n');
  process.stdout.write(`  machine: ${os.cpus().length} cores, Node ${process.version}; gateway in its own process following a SQLite registry;\n`);
  process.stdout.write(`  dukcapil + imigrasi (two releases) and the load generator in the benchmark's process; legacy latency ${LEGACY_LATENCY_MS} ms\n`);
  process.stdout.write('  publish ms: check + store (satu publish\'s function); publish → served: from the stored publish to the first answer with the new schema\n\n');
  process.stdout.write(table(latencyRows) + '\n\n');
  process.stdout.write(`  reload under load: imigrasi published back and forth every ${LOAD_PUBLISH_EVERY_MS} ms while the clients ask; poll ${loadPollMs} ms\n\n`);
  process.stdout.write(table(loadRows) + '\n');

  await registry.close();
  await v2Server.stop();
  client.close();
  await stack.stop();
  rmSync(work, { recursive: true, force: true });
}

run().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
