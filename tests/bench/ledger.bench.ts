import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { AccessLedger } from '../../gateway/audit/access-ledger';
import { openLedgerDatabase, type LedgerDatabase } from '../../gateway/audit/ledger-database';
import type { LedgerEntryDraft } from '../../gateway/audit/ledger-entry';
import { verifyStoredLedger } from '../../gateway/audit/ledger-reader';
import { loadOrCreateLedgerSigner, readLedgerPublicKeys } from '../../gateway/audit/ledger-signing-key';

/**
 * `npm run bench:ledger`: the access ledger's sustained append rate, group commit against one
 * transaction per entry, on SQLite (a file, WAL) and PostgreSQL, with 1, 10 and 50 appenders that
 * each append one entry after another (an appender is a request waiting for its entry before it
 * answers). Then how fast `satu audit verify` reads a chain back. Prints tables; asserts nothing.
 */
const DURATION_MS = Number(process.env.BENCH_LEDGER_DURATION_S ?? 3) * 1000;
const CONCURRENCY = (process.env.BENCH_LEDGER_APPENDERS ?? '1,10,50').split(',').map(Number);
const PG_SERVER = process.env.SATU_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Backend {
  name: string;
  open(): Promise<{ location: string; drop(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'satu-bench-ledger-'));
      return { location: path.join(dir, 'gateway.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const schema = `satu_bench_ledger_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 3000 });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      return {
        location: `${PG_SERVER}?options=-c%20search_path%3D${schema}`,
        drop: async () => {
          const client = new Client({ connectionString: PG_SERVER });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  },
];

const MODES = [
  { name: 'group commit', options: {} },
  { name: 'one transaction per entry', options: { maxBatchEntries: 1, flushDelayMs: 0 } },
] as const;

const OPERATION_HASH = createHash('sha256').update('query Citizen($nik: NIK!) { citizen(nik: $nik) { ...everything } }').digest('hex');
const COORDINATES = [
  'Query.citizen', 'Query.citizen.nik', 'Citizen.fullName', 'Citizen.birthDate', 'Citizen.birthPlace', 'Citizen.sex', 'Citizen.familyCard',
  'FamilyCard.members', 'Citizen.passports', 'Passport.number', 'Citizen.vehicles', 'Vehicle.plateNumber', 'Citizen.healthInsurance',
  'HealthInsurance.status', 'Citizen.taxProfile', 'TaxProfile.status', 'Citizen.landParcels', 'LandParcel.certificateNumber',
];
const AGENCIES = ['dukcapil', 'imigrasi', 'samsat', 'bpjs-kesehatan', 'djp', 'bpn'];

/** A citizen query's entry: one NIK asked, the citizen and two family members in the answer. */
function citizenEntry(appender: number, index: number): LedgerEntryDraft {
  const serial = String(((appender * 10_000 + index) % 9999) + 1).padStart(4, '0');
  return {
    requestId: `bench-${appender}-${index}`,
    clientId: `counter-${appender % 5}`,
    role: 'frontend',
    purpose: 'passport-application',
    operationName: 'Citizen',
    operationHash: OPERATION_HASH,
    argumentNiks: [`147110040596${serial}`],
    answerNiks: [`147110040596${serial}`, `147101680206${serial}`, `147102450988${serial}`],
    coordinates: COORDINATES,
    agencies: AGENCIES,
    outcome: 'OK',
    errorCodes: [],
    latencyMs: 150,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface RunResult {
  entries: number;
  perSecond: number;
  p50: number;
  p99: number;
  batches: number;
}

async function appendFor(ledger: AccessLedger, appenders: number): Promise<RunResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + DURATION_MS;
  await Promise.all(
    Array.from({ length: appenders }, async (_, appender) => {
      for (let index = 0; performance.now() < until; index += 1) {
        const begin = performance.now();
        await ledger.append(citizenEntry(appender, index));
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { entries: latencies.length, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), batches: ledger.stats().committedBatches };
}

function printTable(title: string, rows: string[][]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  process.stdout.write(`\n${title}\n`);
  for (const row of rows) process.stdout.write('  ' + row.map((cell, column) => (column <= 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ') + '\n');
}

async function run(): Promise<void> {
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'satu-bench-ledger-key-'));
  const signer = loadOrCreateLedgerSigner(keyDir);
  const keys = readLedgerPublicKeys([signer.publicKeyFile]);
  const appendRows: string[][] = [['store', 'commit', 'appenders', 'entries/s', 'p50 ms', 'p99 ms', 'entries/txn']];
  const verifyRows: string[][] = [['store', 'entries', 'verify s', 'entries/s']];
  try {
    for (const backend of BACKENDS) {
      let largest: { db: LedgerDatabase; drop(): Promise<void>; entries: number } | null = null;
      for (const mode of MODES) {
        for (const appenders of CONCURRENCY) {
          const store = await backend.open();
          const db = await openLedgerDatabase(store.location, { poolSize: 5 });
          const ledger = await AccessLedger.open({ db, signer, ...mode.options });
          const result = await appendFor(ledger, appenders);
          await ledger.close();
          appendRows.push([backend.name, mode.name, String(appenders), result.perSecond.toFixed(0), result.p50.toFixed(2), result.p99.toFixed(2), (result.entries / Math.max(1, result.batches)).toFixed(1)]);
          process.stderr.write(`  ${backend.name} ${mode.name} x${appenders}: ${result.perSecond.toFixed(0)} entries/s\n`);
          if (!largest || result.entries > largest.entries) {
            if (largest) {
              await largest.db.destroy();
              await largest.drop();
            }
            largest = { db, drop: store.drop, entries: result.entries };
          } else {
            await db.destroy();
            await store.drop();
          }
        }
      }
      if (largest) {
        const started = performance.now();
        const report = await verifyStoredLedger(largest.db, keys);
        const seconds = (performance.now() - started) / 1000;
        verifyRows.push([backend.name, String(report.entries), seconds.toFixed(2), (report.entries / seconds).toFixed(0) + (report.ok ? '' : ` (BROKEN: ${report.problem?.kind})`)]);
        await largest.db.destroy();
        await largest.drop();
      }
    }
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
  printTable(`Access ledger append rate: each appender appends one entry after another for ${DURATION_MS / 1000} s (citizen query entry: 1 NIK asked, 3 answered, ${COORDINATES.length} fields, ${AGENCIES.length} agencies)`, appendRows);
  printTable('satu audit verify over the largest ledger of each store (hashes, links, checkpoint signatures; pages of 1000)', verifyRows);
}

run().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
