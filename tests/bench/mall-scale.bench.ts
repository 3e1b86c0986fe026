import 'reflect-metadata';
import autocannon from 'autocannon';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { everyFieldCitizenQuery } from '../../gateway/demo/every-field-query';
import { composeSupergraph, apiSdlOf } from '../../schema/compose';
import { defaultSubgraphUrl } from '../../schema/pipeline';
import { AGENCIES } from '../../subgraphs/catalog';
import type { AgencyModule } from '../../subgraphs/kit/agency-module';
import { createSyntheticTenants } from '../../subgraphs/kit/synthetic/synthetic-tenant';
import { generatePopulation } from '../../subgraphs/population/generate-population';
import { ensureDataDirectory } from '../../subgraphs/population/write-data-dir';
import { sampleProcess, spawnWithLines } from './support/processes';
import { GATEWAY_ALONE } from './support/gateway-alone';

/**
 * The scale series: the gateway with 10, 42 (MPP Kota Pekanbaru's tenants) and 100
 * subgraphs: every real agency plus synthetic tenants over loopback simulators (fixed
 * latency). For each size: composition time, gateway start-up time, gateway memory, and
 * the latency of one citizen query touching every agency. Prints figures; asserts nothing.
 */
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10,42,100').split(',').map(Number);
const LEGACY_LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 40);
const DURATION_S = Number(process.env.BENCH_SCALE_DURATION_S ?? 10);
const CONNECTIONS = 10;
const CITIZENS = 2000;
const SEED = 'bench';

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function measure(size: number, dataDir: string, niks: readonly string[], dist: string): Promise<string[]> {
  const agencies: AgencyModule[] = [...AGENCIES, ...createSyntheticTenants(Math.max(0, size - AGENCIES.length))];
  const sources: Array<{ name: string; url: string; sdl: string }> = [];
  for (const agency of agencies) sources.push({ name: agency.name, url: defaultSubgraphUrl(agency), sdl: (await agency.buildSchema()).sdl });
  const composition = await timed(() => composeSupergraph(sources));

  const stack = spawnWithLines(process.execPath, [path.join(dist, 'tests/bench/support/stack-process.js'), agencies.map((agency) => agency.name).join(','), dataDir, String(LEGACY_LATENCY_MS)], {
    ...process.env,
    SATU_LOG_LEVEL: 'warn',
  });
  const ready = JSON.parse(await stack.nextLine((line) => line.includes('"ready"'), 120_000)) as { urls: Record<string, string> };
  const composed = composeSupergraph(sources.map((source) => ({ ...source, url: ready.urls[source.name] ?? source.url })));
  const supergraphFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'satu-scale-')), 'supergraph.graphql');
  writeFileSync(supergraphFile, composed.supergraphSdl);

  const startup = await timed(async () => {
    const gateway = spawnWithLines(process.execPath, [path.join(dist, 'gateway/cli/gateway.js'), '--supergraph', supergraphFile, '--port', '0'], { ...process.env, SATU_LOG_LEVEL: 'warn', ...GATEWAY_ALONE });
    const line = await gateway.nextLine((candidate) => candidate.startsWith('Satu gateway ready at '), 120_000);
    return { gateway, url: line.split(' ')[4] ?? '' };
  });
  const { gateway, url } = startup.value;
  const rssAtStart = sampleProcess(gateway.child.pid ?? 0).rssMb;
  const query = everyFieldCitizenQuery(apiSdlOf(composed.supergraphSdl));
  const body = (nik: string): string => JSON.stringify({ query, variables: { nik } });
  const first = await timed(async () => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(niks[0] ?? '') })).json());
  const firstAnswer = first.value as { errors?: unknown[] };
  if (firstAnswer.errors) throw new Error(`the every-agency query failed at ${size} subgraphs: ${JSON.stringify(firstAnswer.errors).slice(0, 300)}`);

  // One client: the plan's latency without queueing.
  const single = await autocannon({ url, method: 'POST', connections: 1, amount: 30, headers: { 'content-type': 'application/json' }, body: body(niks[1] ?? '') });
  let next = 0;
  const cpuBefore = sampleProcess(gateway.child.pid ?? 0).cpuMs;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: body(niks[next++ % niks.length] ?? '') }) }],
  });
  const gatewaySample = sampleProcess(gateway.child.pid ?? 0);
  const cpuPerRequest = (gatewaySample.cpuMs - cpuBefore) / Math.max(1, result.requests.total);
  await gateway.stop();
  stack.child.stdin.end();
  await stack.stop();
  return [
    String(size),
    composition.ms.toFixed(0),
    startup.ms.toFixed(0),
    first.ms.toFixed(0),
    String(single.latency.p50),
    String(result.latency.p50),
    String(result.latency.p99),
    result.requests.average.toFixed(0),
    String(result.non2xx + result.errors),
    cpuPerRequest.toFixed(1),
    rssAtStart.toFixed(0),
    gatewaySample.peakRssMb.toFixed(0),
  ];
}

async function run(): Promise<void> {
  const dist = path.resolve(__dirname, '..', '..');
  const dataDir = path.join(os.tmpdir(), `satu-bench-${SEED}-${CITIZENS}`);
  await ensureDataDirectory({ out: dataDir, citizens: CITIZENS, seed: SEED, onProgress: (message) => process.stderr.write(`bench: ${message}\n`) });
  const niks = generatePopulation({ citizens: CITIZENS, seed: SEED }).people.slice(0, 300).map((person) => person.nik);
  const rows = [['subgraphs', 'compose ms', 'gateway start ms', 'first query ms', 'p50 1 client', `p50 ${CONNECTIONS} clients`, 'p99', 'req/s', 'errors', 'gw CPU ms/req', 'RSS at start MB', 'peak RSS MB']];
  for (const size of SIZES) {
    process.stderr.write(`bench: scale series at ${size} subgraphs...\n`);
    rows.push(await measure(size, dataDir, niks, dist));
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  process.stdout.write(`\nSatu mall-scale series (${AGENCIES.length} real agencies + synthetic tenants; ${LEGACY_LATENCY_MS} ms legacy latency; ${CONNECTIONS} clients for ${DURATION_S} s; one query touching every agency)\n`);
  for (const row of rows) process.stdout.write('  ' + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ') + '\n');
}

run().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
