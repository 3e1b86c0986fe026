import 'reflect-metadata';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type BaseContext, type GraphQLRequestContextExecutionDidStart } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { Client } from 'pg';
import pino from 'pino';
import { everyFieldCitizenQuery } from '../../gateway/demo/every-field-query';
import { operationUsagePlugin } from '../../gateway/plugins/operation-usage.plugin';
import { checkSubgraph } from '../../gateway/registry/check';
import { publishSubgraph } from '../../gateway/registry/publish';
import { openRegistry, type RegistryStore, type SeedInput, type UsageEntry } from '../../gateway/registry/registry.store';
import { diffApi, diffSubgraph } from '../../gateway/registry/schema-diff';
import { catalogueSeed } from '../../gateway/registry/seed-catalogue';
import { operationCoordinates } from '../../gateway/usage/operation-coordinates';
import { apiSdlOf, composeSupergraph } from '../../schema/compose';
import { AGENCIES } from '../../subgraphs/catalog';
import { createSyntheticTenants } from '../../subgraphs/kit/synthetic/synthetic-tenant';
import { createGraphQLRequestListener, listen } from '../../subgraphs/kit/http/graphql-http-server';
import { sampleProcess, spawnWithLines } from './support/processes';

/**
 * `npm run bench:registry`: the schema registry at mall scale, and what recording operation usage
 * costs the gateway. Prints tables; asserts nothing.
 *
 * 1. Check and publish of one subgraph change (imigrasi adds a field to Passport) with 10, 42 and
 *    100 agencies in the registry (the 10 real ones plus synthetic tenants, as the mall-scale series
 *    builds them; the registry also holds the crosscheck and lineage subgraphs), on SQLite and on
 *    PostgreSQL (a throwaway database per size, created and dropped here). p50 over RUNS runs, after
 *    one warm-up, with where the time goes: store reads, composition, the two diffs, the store write.
 * 2. The usage plugin's overhead: one simple query through a gateway over two in-process subgraphs,
 *    served over loopback HTTP from a child process, plugin off and on alternately (same run), with
 *    requests/s and the gateway process's CPU per request.
 */
const SIZES = (process.env.BENCH_REGISTRY_SIZES ?? '10,42,100').split(',').map(Number);
const RUNS = Number(process.env.BENCH_REGISTRY_RUNS ?? 5);
const PG_SERVER = process.env.SATU_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const USAGE_DURATION_S = Number(process.env.BENCH_USAGE_DURATION_S ?? 6);
/** Off and on alternate this many times, so drift in the machine's load hits both alike. */
const USAGE_ROUNDS = Number(process.env.BENCH_USAGE_ROUNDS ?? 4);
/** Calls of the plugin's request hook in the in-process measurement. */
const HOOK_CALLS = 100_000;
const CONNECTIONS = 10;
/** Usage rows in the registry before the runs, so the check's usage read is not of an empty table. */
const PREFILLED_USAGE_ROWS = 5000;

const IMIGRASI_PUBLISHER = { agency: 'imigrasi', publisher: 'bench' };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function printTable(title: string, rows: string[][]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  process.stdout.write(`\n${title}\n`);
  for (const row of rows) process.stdout.write('  ' + row.map((cell, column) => (column <= 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ') + '\n');
}

/** Where a registry lives for one size, and how to get rid of it. */
interface BenchStore {
  name: string;
  open(size: number): Promise<{ location: string; drop(): Promise<void> } | { skipped: string }>;
}

const STORES: BenchStore[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'satu-bench-registry-'));
      return { location: path.join(dir, 'registry.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async open(size) {
      const database = `satu_bench_${process.pid}_${size}`;
      const admin = new Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 3000 });
      try {
        await admin.connect();
      } catch (error) {
        return { skipped: `PostgreSQL not reachable at ${PG_SERVER}: ${(error as Error).message}` };
      }
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      const location = new URL(PG_SERVER);
      location.pathname = `/${database}`;
      return {
        location: location.toString(),
        drop: async () => {
          const client = new Client({ connectionString: PG_SERVER });
          await client.connect();
          await client.query(`DROP DATABASE IF EXISTS ${database}`);
          await client.end();
        },
      };
    },
  },
];

/** Splits time spent in the store from the rest, by wrapping the calls check and publish make. */
function timedStore(store: RegistryStore, spent: { read: number; write: number }): RegistryStore {
  const timed = Object.create(store) as RegistryStore;
  const wrap = <K extends 'snapshot' | 'usageSince' | 'subgraph' | 'subgraphs' | 'publish'>(method: K, bucket: 'read' | 'write'): void => {
    const original = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
    (timed as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        spent[bucket] += performance.now() - started;
      }
    };
  };
  wrap('snapshot', 'read');
  wrap('usageSince', 'read');
  wrap('subgraph', 'read');
  wrap('subgraphs', 'read');
  wrap('publish', 'write');
  return timed;
}

/** imigrasi's current SDL with one more Passport field: a safe change, so every check passes and every publish stores. */
function candidateOf(currentSdl: string, run: number): string {
  if (!currentSdl.includes('type Passport {')) throw new Error('imigrasi has no "type Passport {" to add a field to');
  return currentSdl.replace('type Passport {', `type Passport {\n  benchNote${run}: String`);
}

function prefilledUsage(apiSdl: string): UsageEntry[] {
  const schema = buildSchema(apiSdl);
  const coordinates = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && 'getFields' in type)
    .flatMap((type) => Object.keys((type as { getFields(): Record<string, unknown> }).getFields()).map((field) => `${type.name}.${field}`));
  return Array.from({ length: PREFILLED_USAGE_ROWS }, (_, index) => ({
    operationHash: `op-${index % 250}`,
    coordinate: coordinates[index % coordinates.length]!,
    client: `client-${index % 7}`,
    count: 1 + (index % 13),
  }));
}

interface RunTimes {
  check: number;
  publish: number;
  compose: number;
  diff: number;
  read: number;
  write: number;
}

async function measureStore(seed: SeedInput, location: string): Promise<RunTimes[]> {
  const store = await openRegistry(location);
  try {
    await store.seed(seed);
    await store.recordUsage(prefilledUsage(seed.supergraph.apiSdl));
    const runs: RunTimes[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const snapshot = await store.snapshot();
      const imigrasi = snapshot.subgraphs.find((subgraph) => subgraph.name === 'imigrasi')!;
      const candidate = candidateOf(imigrasi.version!.sdl, run);

      const checkSpent = { read: 0, write: 0 };
      let started = performance.now();
      const check = await checkSubgraph(timedStore(store, checkSpent), { subgraph: 'imigrasi', sdl: candidate });
      const checkMs = performance.now() - started;
      if (!check.passed) throw new Error(`the bench change should pass its check: ${check.failures.join('; ')}`);

      // The two costly steps of a check, timed on their own with the same inputs.
      const others = snapshot.subgraphs.filter((subgraph) => subgraph.name !== 'imigrasi').map((subgraph) => ({ name: subgraph.name, url: subgraph.url, sdl: subgraph.version!.sdl }));
      started = performance.now();
      const composed = composeSupergraph([...others, { name: 'imigrasi', url: imigrasi.url, sdl: candidate }]);
      const composeMs = performance.now() - started;
      started = performance.now();
      await diffSubgraph(parse(imigrasi.version!.sdl), parse(candidate));
      await diffApi(snapshot.supergraph!.apiSdl, composed.apiSdl);
      const diffMs = performance.now() - started;

      const publishSpent = { read: 0, write: 0 };
      started = performance.now();
      const outcome = await publishSubgraph(timedStore(store, publishSpent), { subgraph: 'imigrasi', sdl: candidate, credential: IMIGRASI_PUBLISHER });
      const publishMs = performance.now() - started;
      if (outcome.status !== 'PUBLISHED') throw new Error(`the bench publish should store: ${outcome.status}`);
      // Run 0 warms up (module code, the database's caches).
      if (run > 0) runs.push({ check: checkMs, publish: publishMs, compose: composeMs, diff: diffMs, read: checkSpent.read, write: publishSpent.write });
    }
    return runs;
  } finally {
    await store.close();
  }
}

async function registrySeries(): Promise<SeedInput> {
  const rows = [['agencies', 'subgraphs', 'store', 'check ms', 'publish ms', 'compose ms', 'diff ms', 'store read ms', 'store write ms', 'check other ms', 'seed ms']];
  let largest: SeedInput | undefined;
  for (const size of SIZES) {
    process.stderr.write(`bench: registry with ${size} agencies...\n`);
    const agencies = [...AGENCIES, ...createSyntheticTenants(Math.max(0, size - AGENCIES.length))];
    const seed = await catalogueSeed(agencies);
    largest = seed;
    for (const backend of STORES) {
      const opened = await backend.open(size);
      if ('skipped' in opened) {
        rows.push([String(size), String(seed.subgraphs.length), backend.name, `skipped: ${opened.skipped}`]);
        continue;
      }
      try {
        const seedStarted = performance.now();
        const probe = await openRegistry(opened.location);
        await probe.seed(seed);
        await probe.close();
        const seedMs = performance.now() - seedStarted;
        const runs = await measureStore(seed, opened.location);
        const p50 = (key: keyof RunTimes): number => median(runs.map((run) => run[key]));
        // From the medians: per run, GC can land in the standalone steps rather than in the check.
        const other = Math.max(0, p50('check') - p50('read') - p50('compose') - p50('diff'));
        rows.push([String(size), String(seed.subgraphs.length), backend.name, ...[p50('check'), p50('publish'), p50('compose'), p50('diff'), p50('read'), p50('write'), other, seedMs].map((ms) => ms.toFixed(0))]);
      } finally {
        await opened.drop();
      }
    }
  }
  printTable(
    `Satu registry: check and publish of one subgraph change (imigrasi adds a Passport field), p50 of ${RUNS} runs after a warm-up; ${PREFILLED_USAGE_ROWS} usage rows recorded\n` +
      '  (compose and diff are the check\'s two steps timed alone with the same inputs; store read = snapshot + usage during the check; store write = the publish transaction; seed = first registration of every subgraph)',
    rows,
  );
  return largest!;
}

/** The cost of computing one operation's coordinates (a cache miss), for the every-field citizen query on the largest API schema. */
function coordinateMissCost(seed: SeedInput): string[][] {
  const schema = buildSchema(seed.supergraph.apiSdl);
  const document = parse(everyFieldCitizenQuery(seed.supergraph.apiSdl));
  const operation = document.definitions[0];
  if (operation?.kind !== 'OperationDefinition') throw new Error('the every-field query has no operation');
  const iterations = 200;
  let coordinates = 0;
  const started = performance.now();
  for (let index = 0; index < iterations; index++) coordinates = operationCoordinates(schema, document, operation).length;
  const perMissUs = ((performance.now() - started) * 1000) / iterations;
  return [['query', 'subgraphs', 'coordinates', 'µs per cache miss'], ['every-field citizen', String(seed.subgraphs.length), String(coordinates), perMissUs.toFixed(0)]];
}

/**
 * What the plugin adds to one request once the document's coordinates are cached: its
 * executionDidStart hook called in a loop with a request like the bench's (no HTTP, no gateway),
 * so the figure does not drown in the machine's noise.
 */
async function pluginHookCost(): Promise<string[][]> {
  const supergraphSdl = composeSupergraph([
    { name: 'people', url: 'http://127.0.0.1:1/people', sdl: PEOPLE_SDL },
    { name: 'passports', url: 'http://127.0.0.1:1/passports', sdl: PASSPORTS_SDL },
  ]).supergraphSdl;
  const schema = buildSchema(apiSdlOf(supergraphSdl));
  const document = parse(SIMPLE_QUERY);
  const operation = document.definitions[0] as OperationDefinitionNode;
  let written = 0;
  const plugin = operationUsagePlugin({ sink: { recordUsage: async (entries) => void (written += entries.length) }, logger: pino({ level: 'silent' }), maxPendingOperations: 10 });
  const requestContext = {
    schema,
    document,
    operation,
    operationName: 'Simple',
    queryHash: createHash('sha256').update(SIMPLE_QUERY).digest('hex'),
    request: { query: SIMPLE_QUERY, http: { method: 'POST', headers: new HeaderMap([['x-satu-client', 'bench-kiosk']]), search: '', body: {} } },
    contextValue: {},
  } as unknown as GraphQLRequestContextExecutionDidStart<BaseContext>;
  const listener = (await plugin.requestDidStart!(requestContext))!;
  const call = async (): Promise<void> => {
    await plugin.requestDidStart!(requestContext);
    await listener.executionDidStart!(requestContext);
  };
  for (let index = 0; index < 10_000; index++) await call();
  const started = performance.now();
  for (let index = 0; index < HOOK_CALLS; index++) await call();
  const perCallUs = ((performance.now() - started) * 1000) / HOOK_CALLS;
  await plugin.flush();
  if (written === 0) throw new Error('the plugin wrote nothing in the hook measurement');
  return [['path', 'µs per request'], ['requestDidStart + executionDidStart, coordinates cached', perCallUs.toFixed(2)]];
}

// ---------------------------------------------------------------------------------------------
// The usage plugin's overhead: a child process runs the gateway, so its CPU is its own.

const PEOPLE_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { citizen(nik: String!): Citizen }
type Citizen @key(fields: "nik") { nik: String!  fullName: String! }`;
const PASSPORTS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Citizen @key(fields: "nik") { nik: String!  passports: [Passport!]! }
type Passport { number: String!  expiresOn: String }`;
const SIMPLE_QUERY = 'query Simple($nik: String!) { citizen(nik: $nik) { nik fullName passports { number expiresOn } } }';

/** Child mode: the gateway over two in-process subgraphs, with or without the plugin writing to a SQLite registry. */
async function runUsageGateway(mode: string, registryFile: string): Promise<void> {
  const subgraphs: Record<string, { sdl: string; resolvers: object }> = {
    people: { sdl: PEOPLE_SDL, resolvers: { Query: { citizen: (_: unknown, args: { nik: string }) => ({ nik: args.nik, fullName: `CITIZEN ${args.nik}` }) } } },
    passports: { sdl: PASSPORTS_SDL, resolvers: { Citizen: { __resolveReference: (reference: { nik: string }) => ({ ...reference, passports: [{ number: `P${reference.nik}`, expiresOn: '2030-01-01' }] }) } } },
  };
  const supergraphSdl = composeSupergraph(Object.entries(subgraphs).map(([name, subgraph]) => ({ name, url: `http://127.0.0.1:1/${name}`, sdl: subgraph.sdl }))).supergraphSdl;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new LocalGraphQLDataSource(buildSubgraphSchema([{ typeDefs: parse(subgraphs[name]!.sdl), resolvers: subgraphs[name]!.resolvers as never }])),
  });
  const logger = pino({ level: 'warn' });
  const store = mode === 'on' ? await openRegistry(registryFile) : undefined;
  const plugins = [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ...(store ? [operationUsagePlugin({ sink: store, logger })] : [])];
  const apollo = new ApolloServer<BaseContext>({ gateway, plugins, logger });
  await apollo.start();
  const running = await listen(createGraphQLRequestListener({ apollo, context: async () => ({}) }), '127.0.0.1', 0);
  process.stdout.write(`${JSON.stringify({ ready: running.url })}\n`);
  process.once('SIGTERM', () => {
    void (async () => {
      await running.close();
      await apollo.stop(); // the plugin's last flush
      await store?.close();
      process.exit(0);
    })();
  });
}

async function usageOverhead(): Promise<{ rows: string[][]; note: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'satu-bench-usage-'));
  const registryFile = path.join(dir, 'registry.sqlite');
  // Migrated once here, so the children do not race to create the tables.
  await (await openRegistry(registryFile)).close();
  const results: Record<'off' | 'on', { requests: number; seconds: number; cpuMs: number; errors: number; answered: number; perRound: string[] }> = {
    off: { requests: 0, seconds: 0, cpuMs: 0, errors: 0, answered: 0, perRound: [] },
    on: { requests: 0, seconds: 0, cpuMs: 0, errors: 0, answered: 0, perRound: [] },
  };
  try {
    for (let round = 0; round < USAGE_ROUNDS; round++) {
      // Which goes first alternates too, so a position effect (a neighbour's load, a warm cache) cancels out.
      for (const mode of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        process.stderr.write(`bench: usage plugin ${mode}, round ${round + 1} of ${USAGE_ROUNDS}...\n`);
        const child = spawnWithLines(process.execPath, [__filename, '--usage-gateway', mode, registryFile]);
        try {
          const url = (JSON.parse(await child.nextLine((line) => line.includes('"ready"'), 30_000)) as { ready: string }).ready;
          const request = { url, method: 'POST' as const, connections: CONNECTIONS, headers: { 'content-type': 'application/json', 'x-satu-client': 'bench-kiosk' }, body: JSON.stringify({ query: SIMPLE_QUERY, variables: { nik: '1471100405960001' } }) };
          const warmUp = await autocannon({ ...request, duration: 2 });
          const cpuBefore = sampleProcess(child.child.pid ?? 0).cpuMs;
          const result = await autocannon({ ...request, duration: USAGE_DURATION_S });
          const cpuMs = sampleProcess(child.child.pid ?? 0).cpuMs - cpuBefore;
          results[mode].cpuMs += cpuMs;
          results[mode].perRound.push(`${(result.requests.total / USAGE_DURATION_S).toFixed(0)} req/s ${(cpuMs / Math.max(1, result.requests.total)).toFixed(3)} ms`);
          results[mode].requests += result.requests.total;
          results[mode].seconds += USAGE_DURATION_S;
          results[mode].errors += result.non2xx + result.errors;
          results[mode].answered += warmUp['2xx'] + result['2xx'];
        } finally {
          await child.stop();
        }
      }
    }
    // What the plugin wrote: every answered request of the "on" runs (warm-ups included), once.
    const database = new Database(registryFile, { readonly: true });
    const counted = (database.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM registry_operation_usage WHERE coordinate = 'Query.citizen'").get() as { n: number }).n;
    database.close();
    const row = (mode: 'off' | 'on'): string[] => {
      const result = results[mode];
      return [mode, (result.requests / result.seconds).toFixed(0), (result.cpuMs / Math.max(1, result.requests)).toFixed(3), String(result.errors), result.perRound.join(' | ')];
    };
    const off = results.off.cpuMs / Math.max(1, results.off.requests);
    const on = results.on.cpuMs / Math.max(1, results.on.requests);
    return {
      rows: [
        ['plugin', 'req/s', 'gw CPU ms/req', 'errors', 'per round'],
        row('off'),
        row('on'),
        ['on vs off', `${(((results.on.requests - results.off.requests) / Math.max(1, results.off.requests)) * 100).toFixed(1)}%`, `${(((on - off) / off) * 100).toFixed(1)}%`, '', ''],
      ],
      // autocannon does not count the requests still in flight when a run ends; the gateway executes them.
      note: `recorded: ${counted} executions of Query.citizen in the registry for ${results.on.answered} answered "on" requests, warm-ups included (plus up to ${CONNECTIONS} in flight at the end of each run)`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  const largest = await registrySeries();
  printTable('Computing one operation\'s coordinates (what a cache miss costs the request)', coordinateMissCost(largest));
  printTable(`The plugin's own cost per request, in process (${HOOK_CALLS} calls)`, await pluginHookCost());
  const overhead = await usageOverhead();
  printTable(
    `Usage plugin overhead: one query (2 subgraphs in process) over loopback, ${CONNECTIONS} connections, ${USAGE_ROUNDS} rounds of ${USAGE_DURATION_S} s per mode, off and on alternating; the plugin flushes to SQLite every 5 s`,
    overhead.rows,
  );
  process.stdout.write(`  ${overhead.note}\n`);
}

if (process.argv[2] === '--usage-gateway') {
  runUsageGateway(process.argv[3] ?? 'off', process.argv[4] ?? '').catch((error: unknown) => {
    process.stderr.write(`usage gateway failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
} else {
  run().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
