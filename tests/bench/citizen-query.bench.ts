import 'reflect-metadata';
import autocannon from 'autocannon';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { everyFieldCitizenQuery } from '../../gateway/demo/every-field-query';
import { buildSchemaArtifacts } from '../../schema/pipeline';
import { AGENCIES } from '../../subgraphs/catalog';
import { generatePopulation } from '../../subgraphs/population/generate-population';
import { ensureDataDirectory } from '../../subgraphs/population/write-data-dir';
import { sampleProcess, spawnWithLines, type ChildWithLines } from './support/processes';
import { GATEWAY_ALONE } from './support/gateway-alone';

/**
 * `npm run bench`: the citizen query across the four agencies, every legacy simulator
 * answering after a fixed latency. Each agency runs in a process of its own and the gateway
 * in another, so the gateway's CPU and memory are its own. For each concurrency level:
 * a warm-up, a timed run, then a bounded run that counts legacy calls per query.
 * Prints figures; asserts nothing.
 */
const CITIZENS = 2000;
const SEED = 'bench';
const LEGACY_LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 40);
const CONCURRENCY_LEVELS = (process.env.BENCH_CONNECTIONS ?? '1,10,50').split(',').map(Number);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const WARMUP_S = 3;
const COUNTED_REQUESTS = 500;

interface QueryShape {
  name: string;
  /** The variables of the i-th request (requests rotate through NIKs). */
  variables(index: number): Record<string, unknown>;
  query: string;
  /** Sequential legacy latencies on the plan's critical path. */
  criticalPathCalls: number;
  /** The fewest legacy calls (HTTP/SOAP; SQL and export files are not counted) that can answer it. */
  minimumLegacyCalls: number;
  explanation: string;
  /** Concurrency levels for this shape, when not the default ones. */
  levels?: readonly number[];
}

/**
 * Both shapes ask every agency for every field (built from the API schema).
 * Citizen: plan step 1, dukcapil: the citizen (CALL_NIK_BATCH), then its family card
 *   (CALL_KK, whose rows carry the members); step 2, every other agency in parallel, one call
 *   each (polri two in parallel: SIM search, SKCK; imigrasi two: passports, applications).
 *   Critical path 3 latencies; calls: dukcapil 2, imigrasi 2, bpjs-kesehatan 1, polri 2,
 *   bpjs-ketenagakerjaan 1, oss 1 = 9 (samsat, djp, kua read export files; bpn a SQL view).
 * Family of six: the same, then every agency for the six members: batch agencies one call,
 *   bpjs-kesehatan, polri SKCK, oss and imigrasi applications one per member at most 4 in
 *   flight (two rounds). Critical path 4 latencies; calls: 2 + (1 + 6) + 6 + (1 + 6) + 1 + 6 = 29.
 */
const IDENTITY_CHECK = 'nik identityCheck { status comparedAgencies unreachableAgencies discrepancies { attribute agency severity reason } }';

function queryShapes(apiSdl: string, citizens: readonly string[], familyHeads: readonly string[]): QueryShape[] {
  return [
    {
      name: 'citizen, every agency',
      variables: (index) => ({ nik: citizens[index % citizens.length] }),
      query: everyFieldCitizenQuery(apiSdl),
      criticalPathCalls: 3,
      minimumLegacyCalls: 9,
      explanation: 'registry → family card → every agency in parallel',
    },
    {
      name: 'family of six, every agency',
      variables: (index) => ({ nik: familyHeads[index % familyHeads.length] }),
      query: everyFieldCitizenQuery(apiSdl, 'familyCard'),
      criticalPathCalls: 4,
      minimumLegacyCalls: 29,
      explanation: 'registry → family card → every agency for 6 members (per-NIK agencies: 2 rounds of 4)',
    },
    {
      name: 'identityCheck, 1 citizen',
      variables: (index) => ({ nik: citizens[index % citizens.length] }),
      query: `query($nik: NIK!) { citizen(nik: $nik) { ${IDENTITY_CHECK} } }`,
      criticalPathCalls: 2,
      minimumLegacyCalls: 7,
      explanation: 'registry → every agency holding a copy, in parallel',
    },
    {
      name: 'identityCheck, 100 citizens',
      variables: (index) => ({ niks: Array.from({ length: 100 }, (_, offset) => citizens[(index * 100 + offset) % citizens.length]) }),
      query: `query($niks: [NIK!]!) { citizens(niks: $niks) { ${IDENTITY_CHECK} } }`,
      criticalPathCalls: 26,
      minimumLegacyCalls: 306,
      explanation: 'registry batch → agencies; bpjs-kesehatan, polri SKCK and oss have no batch call: 100 NIKs in 25 rounds of 4',
      levels: [1, 5],
    },
  ];
}

interface Agency {
  name: string;
  process: ChildWithLines;
  url: string;
}

async function legacyStats(agencies: readonly Agency[]): Promise<Record<string, number>> {
  const entries = await Promise.all(
    agencies.map(async (agency) => {
      agency.process.child.stdin.write('stats\n');
      const line = await agency.process.nextLine((candidate) => candidate.startsWith('{"stats"'));
      return [agency.name, (JSON.parse(line) as { stats: Record<string, { requests: number }> }).stats[agency.name]?.requests ?? 0] as const;
    }),
  );
  return Object.fromEntries(entries);
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
  const population = generatePopulation({ citizens: CITIZENS, seed: SEED });
  const niks = population.people.slice(0, 500).map((person) => person.nik);
  const familyHeads = population.families.filter((card) => card.memberNiks.length === 6).map((card) => card.headNik);
  const quietEnv = { ...process.env, SATU_LOG_LEVEL: 'warn' };

  const agencies: Agency[] = await Promise.all(
    AGENCIES.map(async (agency) => {
      const child = spawnWithLines(process.execPath, [path.join(dist, 'tests/bench/support/stack-process.js'), agency.name, dataDir, String(LEGACY_LATENCY_MS)], quietEnv);
      const ready = JSON.parse(await child.nextLine((line) => line.includes('"ready"'))) as { urls: Record<string, string> };
      return { name: agency.name, process: child, url: ready.urls[agency.name] ?? '' };
    }),
  );
  const work = mkdtempSync(path.join(os.tmpdir(), 'satu-bench-'));
  const supergraphFile = path.join(work, 'supergraph.graphql');
  const artifacts = await buildSchemaArtifacts(AGENCIES, Object.fromEntries(agencies.map((agency) => [agency.name, agency.url])));
  writeFileSync(supergraphFile, artifacts.supergraphSdl);
  const gateway = spawnWithLines(process.execPath, [path.join(dist, 'gateway/cli/gateway.js'), '--supergraph', supergraphFile, '--port', '0'], {
    ...quietEnv,
    SATU_AGENCY_TIMEOUT_MS: '10000',
    ...GATEWAY_ALONE,
  });
  const readyLine = await gateway.nextLine((line) => line.startsWith('Satu gateway ready at '));
  const url = readyLine.split(' ')[4] ?? '';
  const gatewayPid = gateway.child.pid ?? 0;
  const shapes = queryShapes(artifacts.apiSdl, niks, familyHeads);
  const rows: string[][] = [['query', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'gw CPU ms/req', 'agencies CPU ms/req', 'legacy calls/query', 'p50/critical path', 'p50/slowest call']];
  const cpuNotes: string[] = [];
  let peakRss = 0;
  for (const shape of shapes) {
    const body = (index: number): string => JSON.stringify({ query: shape.query, variables: shape.variables(index) });
    // The figures mean nothing if the answers are wrong: check a sample before loading.
    for (let index = 0; index < 5; index++) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(index) });
      const answer = (await response.json()) as { data?: { citizen?: unknown; citizens?: unknown }; errors?: unknown[] };
      if (answer.errors || !(answer.data?.citizen ?? answer.data?.citizens)) throw new Error(`sanity check failed for ${shape.name}: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    let next = 0;
    const load = (options: { connections: number; duration?: number; amount?: number }) =>
      autocannon({
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...options,
        requests: [{ setupRequest: (request) => ({ ...request, body: body(next++) }) }],
      });
    const criticalPathMs = shape.criticalPathCalls * LEGACY_LATENCY_MS;
    for (const connections of shape.levels ?? CONCURRENCY_LEVELS) {
      process.stderr.write(`bench: ${shape.name}, ${connections} clients: warm-up ${WARMUP_S} s, run ${DURATION_S} s...\n`);
      await load({ connections, duration: WARMUP_S });
      const gatewayBefore = sampleProcess(gatewayPid);
      const agenciesBefore = agencies.map((agency) => sampleProcess(agency.process.child.pid ?? 0));
      const result = await load({ connections, duration: DURATION_S });
      const gatewayAfter = sampleProcess(gatewayPid);
      const agenciesAfter = agencies.map((agency) => sampleProcess(agency.process.child.pid ?? 0));
      const requests = Math.max(1, result.requests.total);
      const perAgencyCpu = agencies.map((agency, index) => `${agency.name} ${(((agenciesAfter[index]?.cpuMs ?? 0) - (agenciesBefore[index]?.cpuMs ?? 0)) / requests).toFixed(2)}`);
      cpuNotes.push(`${shape.name}, ${connections} clients: ${perAgencyCpu.join(', ')}`);
      const agenciesCpu = agenciesAfter.reduce((sum, sample, index) => sum + sample.cpuMs - (agenciesBefore[index]?.cpuMs ?? 0), 0);

      // Legacy calls: a bounded run whose every request completes, so none is cut off mid-plan.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const callsBefore = await legacyStats(agencies);
      const counted = await load({ connections: Math.min(connections, 25), amount: shape.name.includes('100') ? 20 : COUNTED_REQUESTS });
      const callsAfter = await legacyStats(agencies);
      const calls = Object.keys(callsAfter).reduce((sum, name) => sum + (callsAfter[name] ?? 0) - (callsBefore[name] ?? 0), 0);
      peakRss = Math.max(peakRss, gatewayAfter.peakRssMb);
      rows.push([
        shape.name,
        String(connections),
        result.requests.average.toFixed(0),
        String(result.latency.p50),
        String(result.latency.p99),
        String(result.non2xx + result.errors + result.timeouts),
        ((gatewayAfter.cpuMs - gatewayBefore.cpuMs) / requests).toFixed(2),
        (agenciesCpu / requests).toFixed(2),
        `${(calls / Math.max(1, counted.requests.total)).toFixed(2)} (min ${shape.minimumLegacyCalls})`,
        (result.latency.p50 / criticalPathMs).toFixed(2),
        (result.latency.p50 / LEGACY_LATENCY_MS).toFixed(2),
      ]);
    }
  }
  const gatewayMemory = sampleProcess(gatewayPid);

  process.stdout.write('\nSatu citizen query benchmark (npm run bench)\n');
  process.stdout.write(`  machine: ${os.cpus().length} cores, Node ${process.version}; every legacy simulator answers after ${LEGACY_LATENCY_MS} ms\n`);
  for (const shape of shapes) {
    process.stdout.write(`  ${shape.name}: critical path ${shape.criticalPathCalls * LEGACY_LATENCY_MS} ms (${shape.explanation}); minimum legacy calls ${shape.minimumLegacyCalls}\n`);
  }
  process.stdout.write(`  each level: ${WARMUP_S} s warm-up, ${DURATION_S} s timed run, then ${COUNTED_REQUESTS} counted requests for legacy calls\n\n`);
  process.stdout.write(table(rows) + '\n\n');
  process.stdout.write(`  agencies CPU ms/req by agency (subgraph + simulator):\n${cpuNotes.map((note) => `    ${note}`).join('\n')}\n`);
  process.stdout.write(`  gateway memory: RSS ${gatewayMemory.rssMb.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB\n`);

  await gateway.stop();
  for (const agency of agencies) agency.process.child.stdin.end();
  await Promise.all(agencies.map((agency) => agency.process.stop()));
}

run().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
